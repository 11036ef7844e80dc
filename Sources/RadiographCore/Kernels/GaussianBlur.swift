#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Gaussian OpenCV's `GaussianBlur(src, (0, 0), sigma)` uses: `2·round(σ·k)+1` taps (k = 3 on
/// 8-bit data, 4 otherwise), weights `exp(-d²/2σ²)` normalised to 1.
func gaussianWeights(sigma: Double, eightBit: Bool) -> [Float] {
    let size = Int((sigma * (eightBit ? 3 : 4) * 2 + 1).rounded()) | 1
    let center = Double(size - 1) / 2
    var w = (0..<size).map { i -> Double in
        let d = Double(i) - center
        return exp(-d * d / (2 * sigma * sigma))
    }
    let sum = w.reduce(0, +)
    w = w.map { $0 / sum }
    return w.map(Float.init)
}

/// Index `i` folded into `0..<n` the way BORDER_REFLECT_101 does (`-1 → 1`, `n → n - 2`).
@inline(__always)
func reflect101(_ i: Int, _ n: Int) -> Int {
    if n == 1 { return 0 }
    var i = i
    while i < 0 || i >= n { i = i < 0 ? -i : 2 * n - 2 - i }
    return i
}

/// The separable Gaussian of one row band, OpenCV's way: each source row is filtered
/// horizontally once into a ring of `2r+2` float rows (which stays in L2), and each output row is
/// the vertical combination of the ring's rows. Reading every source row once, rather than `2r+1`
/// times, is what lets two threads run at twice the speed of one.
///
/// Both passes add the symmetric taps four pairs at a time, `Σ w·(a[x] + b[x])`, into one
/// accumulator row; the last vertical group hands the finished value straight to the caller's
/// `finish` (rounding, or the unsharp mask), so the blurred row is never stored and read back.
/// Output rows go two at a time (`blurRowPair`), which is why the ring holds `2r+2` rows.
/// Taps are padded to a multiple of four pairs with weight 0, so a radius that is not a multiple
/// of four groups its sums differently from the kernel at 5ae89e2 (float rounding only; within the
/// tests' ±1 of OpenCV); radius 8 (σ 2 on 16-bit data) and 20 give the same values as before.
/// The band owns every buffer; nothing is allocated per row.
struct GaussianRing {
    let width: Int, height: Int, radius: Int
    /// Groups of four symmetric pairs (at least one).
    let groups: Int
    /// The centre weight.
    let centerWeight: Float
    /// `4 * groups` pair weights: `weights[r + j]` for pair `j` (1-based), then zeros.
    let pairWeights: UnsafeMutablePointer<Float>
    /// `slots` rows of `width` floats, a padded source row of `width + 2r`, and two accumulator rows.
    let storage: UnsafeMutablePointer<Float>
    /// Which logical row (index before folding) each ring slot holds.
    let slotRow: UnsafeMutablePointer<Int>
    /// `8 * groups` row pointers of the pairs being combined: (below, above) for each pair.
    let pairRows: UnsafeMutablePointer<UnsafePointer<Float>>

    init(width: Int, height: Int, radius: Int, weights: UnsafePointer<Float>) {
        self.width = width
        self.height = height
        self.radius = radius
        groups = Swift.max(1, (radius + 3) / 4)
        centerWeight = weights[radius]
        pairWeights = .allocate(capacity: 4 * groups)
        pairWeights.initialize(repeating: 0, count: 4 * groups)
        if radius > 0 { for j in 1...radius { pairWeights[j - 1] = weights[radius + j] } }
        storage = .allocate(capacity: (2 * radius + 2) * width + width + 2 * radius + 2 * width)
        slotRow = .allocate(capacity: 2 * radius + 2)
        slotRow.initialize(repeating: Int.min, count: 2 * radius + 2)
        pairRows = .allocate(capacity: 8 * groups)
    }

    func deallocate() {
        pairWeights.deallocate()
        storage.deallocate()
        slotRow.deallocate()
        pairRows.deallocate()
    }

    /// Ring slots: the `2r+2` rows two adjacent output rows need.
    var slots: Int { 2 * radius + 2 }

    var accumulator: UnsafeMutablePointer<Float> { storage + slots * width + width + 2 * radius }

    /// Fills `pairRows` with the rows at `center - j` and `center + j` for every pair `j`, and the
    /// centre itself for the zero-weight padding pairs.
    @inline(__always)
    func setPairs(_ center: UnsafePointer<Float>, _ row: (Int) -> UnsafePointer<Float>) {
        for j in 1...(4 * groups) {
            let inside = j <= radius
            pairRows[2 * (j - 1)] = inside ? row(-j) : center
            pairRows[2 * (j - 1) + 1] = inside ? row(j) : center
        }
    }

    /// The ring slot holding logical row `row` (filtering it horizontally first if needed).
    @inline(__always)
    func slot<P: GrayPixel>(_ row: Int, _ src: UnsafePointer<P>) -> UnsafeMutablePointer<Float> {
        let k = slots
        let index = ((row % k) + k) % k
        let out = storage + index * width
        if slotRow[index] == row { return out }
        slotRow[index] = row
        let r = radius
        let padded = storage + k * width
        let source = src + reflect101(row, height) * width
        let row = padded + r
        convertToFloat(source, width, into: row)
        if r > 0 {
            for j in 1...r {
                padded[r - j] = padded[r + reflect101(-j, width)]
                padded[r + width - 1 + j] = padded[r + reflect101(width - 1 + j, width)]
            }
        }
        let center = UnsafePointer(padded + r)
        setPairs(center) { center + $0 }
        combine(center: center, into: out) { x, v in out[x] = v }
        return out
    }

    /// `w0·center[x] + Σ w·(a[x] + b[x])` over every pair, a group of four pairs a pass, the
    /// partial sums kept in `into` (or the accumulator); the finished value goes to `finish`.
    @inline(__always)
    func combine(
        center: UnsafePointer<Float>, into partial: UnsafeMutablePointer<Float>, _ finish: (Int, Float) -> Void
    ) {
        let n = width
        let w0 = centerWeight
        for g in 0..<groups {
            let p = pairRows + 8 * g
            let (a0, b0, a1, b1) = (p[0], p[1], p[2], p[3])
            let (a2, b2, a3, b3) = (p[4], p[5], p[6], p[7])
            let w = pairWeights + 4 * g
            let (v0, v1, v2, v3) = (w[0], w[1], w[2], w[3])
            let first = g == 0, last = g == groups - 1
            if first && last {
                for x in 0..<n {
                    finish(
                        x,
                        w0 * center[x]
                            + (v0 * (a0[x] + b0[x]) + v1 * (a1[x] + b1[x]) + v2 * (a2[x] + b2[x])
                                + v3 * (a3[x] + b3[x])))
                }
            } else if first {
                for x in 0..<n {
                    partial[x] =
                        w0 * center[x]
                        + (v0 * (a0[x] + b0[x]) + v1 * (a1[x] + b1[x]) + v2 * (a2[x] + b2[x]) + v3 * (a3[x] + b3[x]))
                }
            } else if last {
                for x in 0..<n {
                    finish(
                        x,
                        partial[x]
                            + (v0 * (a0[x] + b0[x]) + v1 * (a1[x] + b1[x]) + v2 * (a2[x] + b2[x])
                                + v3 * (a3[x] + b3[x])))
                }
            } else {
                for x in 0..<n {
                    partial[x] +=
                        v0 * (a0[x] + b0[x]) + v1 * (a1[x] + b1[x]) + v2 * (a2[x] + b2[x]) + v3 * (a3[x] + b3[x])
                }
            }
        }
    }

    /// Output row `y` of the blur: each finished value goes to `finish(x, value)`.
    @inline(__always)
    func blurRow<P: GrayPixel>(_ y: Int, _ src: UnsafePointer<P>, _ finish: (Int, Float) -> Void) {
        // Fill the ring first: filtering a row evicts only a row this output does not need.
        for j in -radius...radius { _ = slot(y + j, src) }
        let center = UnsafePointer(slot(y, src))
        setPairs(center) { UnsafePointer(slot(y + $0, src)) }
        combine(center: center, into: accumulator, finish)
    }

    /// Output rows `y` and `y + 1` of the blur together, to `finish0(x, value)` and
    /// `finish1(x, value)`: the two rows share all but two of their ring rows, so each ring row is
    /// read once for both (the vertical pass reads its `2r+1` rows from L2 for every output row).
    /// Each value is summed exactly as `blurRow` sums it.
    @inline(__always)
    func blurRowPair<P: GrayPixel>(
        _ y: Int, _ src: UnsafePointer<P>, _ finish0: (Int, Float) -> Void, _ finish1: (Int, Float) -> Void
    ) {
        for j in -radius...(radius + 1) { _ = slot(y + j, src) }
        let c0 = UnsafePointer(slot(y, src))
        let c1 = UnsafePointer(slot(y + 1, src))
        // Rows outside y − r … y + 1 + r only meet zero-weight padding pairs: any finite row will do.
        @inline(__always) func row(_ q: Int) -> UnsafePointer<Float> {
            q >= y - radius && q <= y + 1 + radius ? UnsafePointer(slot(q, src)) : c0
        }
        let acc0 = accumulator, acc1 = accumulator + width
        let n = width
        let w0 = centerWeight
        for g in 0..<groups {
            // Pairs j = 4g+1 … 4g+4. Row y's pair m is (lm[4−m], hm[m−1]); row y+1's is (lm[5−m], hm[m]).
            let (l0, l1, l2, l3, l4) = (
                row(y - 4 * g - 4), row(y - 4 * g - 3), row(y - 4 * g - 2), row(y - 4 * g - 1), row(y - 4 * g)
            )
            let (h0, h1, h2, h3, h4) = (
                row(y + 4 * g + 1), row(y + 4 * g + 2), row(y + 4 * g + 3), row(y + 4 * g + 4), row(y + 4 * g + 5)
            )
            let w = pairWeights + 4 * g
            let (v0, v1, v2, v3) = (w[0], w[1], w[2], w[3])
            let first = g == 0, last = g == groups - 1
            @inline(__always) func sums(_ x: Int) -> (Float, Float) {
                let (a0, a1, a2, a3, a4) = (l0[x], l1[x], l2[x], l3[x], l4[x])
                let (b0, b1, b2, b3, b4) = (h0[x], h1[x], h2[x], h3[x], h4[x])
                return (
                    v0 * (a3 + b0) + v1 * (a2 + b1) + v2 * (a1 + b2) + v3 * (a0 + b3),
                    v0 * (a4 + b1) + v1 * (a3 + b2) + v2 * (a2 + b3) + v3 * (a1 + b4)
                )
            }
            if first && last {
                for x in 0..<n {
                    let (s0, s1) = sums(x)
                    finish0(x, w0 * c0[x] + s0)
                    finish1(x, w0 * c1[x] + s1)
                }
            } else if first {
                for x in 0..<n {
                    let (s0, s1) = sums(x)
                    acc0[x] = w0 * c0[x] + s0
                    acc1[x] = w0 * c1[x] + s1
                }
            } else if last {
                for x in 0..<n {
                    let (s0, s1) = sums(x)
                    finish0(x, acc0[x] + s0)
                    finish1(x, acc1[x] + s1)
                }
            } else {
                for x in 0..<n {
                    let (s0, s1) = sums(x)
                    acc0[x] += s0
                    acc1[x] += s1
                }
            }
        }
    }
}

/// `count` pixels as floats. 16-bit values go through `Int32` (exact, and a conversion SSE2 has);
/// written this way the loop vectorises, where the generic `Float(source[x])` stayed scalar.
@inline(__always)
func convertToFloat<P: GrayPixel>(_ source: UnsafePointer<P>, _ count: Int, into out: UnsafeMutablePointer<Float>) {
    if P.self == UInt16.self {
        let s = UnsafeRawPointer(source).assumingMemoryBound(to: UInt16.self)
        for x in 0..<count { out[x] = Float(Int32(truncatingIfNeeded: s[x])) }
    } else if P.self == Int16.self {
        let s = UnsafeRawPointer(source).assumingMemoryBound(to: Int16.self)
        for x in 0..<count { out[x] = Float(Int32(truncatingIfNeeded: s[x])) }
    } else {
        for x in 0..<count { out[x] = Float(Int32(truncatingIfNeeded: source[x])) }
    }
}

/// `v` rounded to the nearest integer and clamped to `0...top`, without a trapping conversion
/// (so the loops that call it vectorise).
@inline(__always)
func roundClamped(_ v: Float, _ top: Float) -> Int32 {
    let c = Swift.min(Swift.max(v, 0), top)
    // Adding 1.5·2²³ puts the rounded integer in the low mantissa bits (round half to even).
    return Int32(bitPattern: (c + 12_582_912).bitPattern) &- 0x4B40_0000
}

extension GrayImage {
    /// The image blurred by a Gaussian of `sigma` pixels (OpenCV's kernel size and reflect-101
    /// borders), rounded to the nearest value.
    public func gaussianBlurred(sigma: Double, schedule: Schedule = .serial) throws(RadiographCoreError) -> GrayImage {
        guard sigma.isFinite, sigma > 0, sigma <= 100 else {
            throw .invalidParameter(name: "Gaussian sigma", reason: "\(sigma) must be above 0 and at most 100")
        }
        return withConcretePixels(
            uint8: { $0.blurImage(sigma, schedule) }, uint16: { $0.blurImage(sigma, schedule) },
            other: { $0.blurImage(sigma, schedule) })
    }

    func blurImage(_ sigma: Double, _ schedule: Schedule) -> GrayImage {
        filteredWithGaussian(sigma: sigma, amount: 0, threshold: 0, sharpen: false, schedule: schedule)
    }

    /// The Gaussian of this image (`sharpen` false), or `source + amount·(source − blur)` where
    /// `|source − blur| ≥ threshold` (`sharpen` true); rounded, clamped to the pixel range.
    /// Row bands in parallel, each with its own ring of rows.
    func filteredWithGaussian(
        sigma: Double, amount: Float, threshold: Float, sharpen: Bool, schedule: Schedule
    ) -> GrayImage {
        let weights = gaussianWeights(sigma: sigma, eightBit: Pixel.self == UInt8.self)
        let r = weights.count / 2
        let width = self.width
        let height = self.height
        let top = Float(Pixel.max)
        return withUnsafeBufferPointer { src in
            weights.withUnsafeBufferPointer { w in
                GrayImage(width: width, height: height, overwritingWith: { dst in
                    schedule.forEachBand(rows: height) { rows in
                        let ring = GaussianRing(width: width, height: height, radius: r, weights: w.baseAddress!)
                        defer { ring.deallocate() }
                        let source = src.baseAddress!
                        // The last step of each output value: the unsharp mask, or rounding the blur.
                        @inline(__always) func sharpened(
                            _ s: UnsafePointer<Pixel>, _ d: UnsafeMutablePointer<Pixel>, _ x: Int, _ blur: Float
                        ) {
                            let v = Float(s[x])
                            let detail = v - blur
                            let sharpened = abs(detail) >= threshold ? v + amount * detail : v
                            d[x] = Pixel(truncatingIfNeeded: roundClamped(sharpened, top))
                        }
                        @inline(__always) func rounded(_ d: UnsafeMutablePointer<Pixel>, _ x: Int, _ blur: Float) {
                            d[x] = Pixel(truncatingIfNeeded: roundClamped(blur, top))
                        }
                        // Rows two at a time (they share their ring rows), the odd one out alone.
                        var y = rows.lowerBound
                        while y + 1 < rows.upperBound {
                            let (s0, d0) = (source + y * width, dst.baseAddress! + y * width)
                            let (s1, d1) = (s0 + width, d0 + width)
                            if sharpen {
                                ring.blurRowPair(
                                    y, source, { sharpened(s0, d0, $0, $1) }, { sharpened(s1, d1, $0, $1) })
                            } else {
                                ring.blurRowPair(y, source, { rounded(d0, $0, $1) }, { rounded(d1, $0, $1) })
                            }
                            y += 2
                        }
                        if y < rows.upperBound {
                            let (s0, d0) = (source + y * width, dst.baseAddress! + y * width)
                            if sharpen {
                                ring.blurRow(y, source) { sharpened(s0, d0, $0, $1) }
                            } else {
                                ring.blurRow(y, source) { rounded(d0, $0, $1) }
                            }
                        }
                    }
                })
            }
        }
    }
}

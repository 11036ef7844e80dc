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
/// horizontally once into a ring of `2r+1` float rows (which stays in L2), and each output row is
/// the vertical combination of the ring's rows. Reading every source row once, rather than `2r+1`
/// times, is what lets two threads run at twice the speed of one.
struct GaussianRing {
    let width: Int, height: Int, radius: Int
    let weights: UnsafePointer<Float>
    /// `2r+1` rows of `width` floats, then one padded row of `width + 2r`.
    let storage: UnsafeMutablePointer<Float>
    /// Which logical row (index before folding) each ring slot holds.
    var slotRow: [Int]

    init(width: Int, height: Int, radius: Int, weights: UnsafePointer<Float>) {
        self.width = width
        self.height = height
        self.radius = radius
        self.weights = weights
        storage = .allocate(capacity: (2 * radius + 1) * width + width + 2 * radius)
        slotRow = [Int](repeating: Int.min, count: 2 * radius + 1)
    }

    func deallocate() { storage.deallocate() }

    /// The ring slot holding logical row `row` (filtering it horizontally first if needed).
    @inline(__always)
    mutating func slot<P: GrayPixel>(_ row: Int, _ src: UnsafePointer<P>) -> UnsafeMutablePointer<Float> {
        let k = 2 * radius + 1
        let index = ((row % k) + k) % k
        let out = storage + index * width
        if slotRow[index] == row { return out }
        slotRow[index] = row
        let r = radius
        let padded = storage + k * width
        let source = src + reflect101(row, height) * width
        for x in 0..<width { padded[r + x] = Float(source[x]) }
        if r > 0 {
            for j in 1...r {
                padded[r - j] = padded[r + reflect101(-j, width)]
                padded[r + width - 1 + j] = padded[r + reflect101(width - 1 + j, width)]
            }
        }
        let center = padded + r
        var pairs: [(UnsafePointer<Float>, UnsafePointer<Float>, Float)] = []
        pairs.reserveCapacity(r)
        if r > 0 { for j in 1...r { pairs.append((UnsafePointer(center - j), UnsafePointer(center + j), weights[r + j])) } }
        combine(center: UnsafePointer(center), weight: weights[r], pairs: pairs, into: out)
        return out
    }

    /// `out[x] = w0·center[x] + Σ w·(a[x] + b[x])`, four pairs a pass so that `out` is read and
    /// written once per four taps.
    @inline(__always)
    func combine(
        center: UnsafePointer<Float>, weight w0: Float, pairs: [(UnsafePointer<Float>, UnsafePointer<Float>, Float)],
        into out: UnsafeMutablePointer<Float>
    ) {
        let n = width
        for x in 0..<n { out[x] = w0 * center[x] }
        var j = 0
        while j + 4 <= pairs.count {
            let (a0, b0, w0) = pairs[j], (a1, b1, w1) = pairs[j + 1]
            let (a2, b2, w2) = pairs[j + 2], (a3, b3, w3) = pairs[j + 3]
            for x in 0..<n {
                out[x] += w0 * (a0[x] + b0[x]) + w1 * (a1[x] + b1[x]) + w2 * (a2[x] + b2[x]) + w3 * (a3[x] + b3[x])
            }
            j += 4
        }
        while j + 2 <= pairs.count {
            let (a0, b0, w0) = pairs[j], (a1, b1, w1) = pairs[j + 1]
            for x in 0..<n { out[x] += w0 * (a0[x] + b0[x]) + w1 * (a1[x] + b1[x]) }
            j += 2
        }
        if j < pairs.count {
            let (a0, b0, w0) = pairs[j]
            for x in 0..<n { out[x] += w0 * (a0[x] + b0[x]) }
        }
    }

    /// Output row `y` of the blur, as floats, into `out`.
    @inline(__always)
    mutating func blurRow<P: GrayPixel>(_ y: Int, _ src: UnsafePointer<P>, into out: UnsafeMutablePointer<Float>) {
        let r = radius
        let center = slot(y, src)
        var pairs: [(UnsafePointer<Float>, UnsafePointer<Float>, Float)] = []
        pairs.reserveCapacity(r)
        if r > 0 {
            for j in 1...r {
                let up = UnsafePointer(slot(y - j, src))
                let down = UnsafePointer(slot(y + j, src))
                pairs.append((up, down, weights[r + j]))
            }
        }
        combine(center: UnsafePointer(center), weight: weights[r], pairs: pairs, into: out)
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
    /// Row bands in parallel, each with its own two scratch rows.
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
                        var ring = GaussianRing(width: width, height: height, radius: r, weights: w.baseAddress!)
                        let blur = UnsafeMutablePointer<Float>.allocate(capacity: width)
                        defer {
                            ring.deallocate()
                            blur.deallocate()
                        }
                        for y in rows {
                            ring.blurRow(y, src.baseAddress!, into: blur)
                            let s = src.baseAddress! + y * width
                            let d = dst.baseAddress! + y * width
                            if sharpen {
                                for x in 0..<width {
                                    let v = Float(s[x])
                                    let detail = v - blur[x]
                                    let sharpened = abs(detail) >= threshold ? v + amount * detail : v
                                    d[x] = Pixel(truncatingIfNeeded: roundClamped(sharpened, top))
                                }
                            } else {
                                for x in 0..<width { d[x] = Pixel(truncatingIfNeeded: roundClamped(blur[x], top)) }
                            }
                        }
                    }
                })
            }
        }
    }
}

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

/// Row `y` of the separable Gaussian of `src` as Floats: a vertical pass into `column`, then a
/// horizontal one (symmetric taps added in pairs) into `out`. `column` holds `width + 2r` floats.
@inline(__always)
func gaussianRow<P: GrayPixel>(
    _ src: UnsafePointer<P>, width: Int, height: Int, y: Int, weights: UnsafePointer<Float>, radius r: Int,
    column: UnsafeMutablePointer<Float>, out: UnsafeMutablePointer<Float>
) {
    let body = column + r
    // Vertical: centre row, then the pairs at ±k.
    let center = src + y * width
    let w0 = weights[r]
    for x in 0..<width { body[x] = w0 * Float(center[x]) }
    if r > 0 {
        for k in 1...r {
            let up = src + reflect101(y - k, height) * width
            let down = src + reflect101(y + k, height) * width
            let wk = weights[r + k]
            for x in 0..<width { body[x] += wk * (Float(up[x]) + Float(down[x])) }
        }
        // Borders of the horizontal pass (reflect-101 in x).
        for k in 1...r {
            column[r - k] = body[reflect101(-k, width)]
            body[width - 1 + k] = body[reflect101(width - 1 + k, width)]
        }
    }
    for x in 0..<width { out[x] = w0 * body[x] }
    if r > 0 {
        for k in 1...r {
            let wk = weights[r + k]
            for x in 0..<width { out[x] += wk * (body[x - k] + body[x + k]) }
        }
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
        return filteredWithGaussian(sigma: sigma, schedule: schedule) { _, blur, top in
            roundClamped(blur, top)
        }
    }

    /// `body(source value, blurred value, top)` per pixel, clamped to the pixel range by the caller.
    @inline(__always)
    func filteredWithGaussian(
        sigma: Double, schedule: Schedule, _ body: @escaping (Float, Float, Float) -> Int32
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
                        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 2 * width + 2 * r)
                        defer { scratch.deallocate() }
                        let column = scratch
                        let blur = scratch + width + 2 * r
                        for y in rows {
                            gaussianRow(
                                src.baseAddress!, width: width, height: height, y: y, weights: w.baseAddress!,
                                radius: r, column: column, out: blur)
                            let s = src.baseAddress! + y * width
                            let d = dst.baseAddress! + y * width
                            for x in 0..<width {
                                d[x] = Pixel(truncatingIfNeeded: body(Float(s[x]), blur[x], top))
                            }
                        }
                    }
                })
            }
        }
    }
}

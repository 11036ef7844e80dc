/// Edge-preserving denoise: the self-guided filter of He, Sun and Tang (2013).
///
/// In every `(2r+1)²` window the output is the best linear fit `a·I + b` of the image to itself
/// with a ridge penalty `ε`: `a = var / (var + ε)`, `b = (1 − a)·mean`; each pixel then takes the
/// mean `a` and `b` of the windows covering it. Where the local variance is well above `ε` (edges:
/// the lamina dura, a root outline, a file) `a ≈ 1` and the pixel is kept; where it is well below
/// (flat areas with sensor noise) `a ≈ 0` and the pixel becomes the local mean. Chosen over a
/// bilateral filter because its cost does not depend on the radius (box sums) and it leaves no
/// gradient reversal at edges.
public struct DenoiseParameters: Sendable, Hashable, Codable {
    /// 0 to 1: `ε = (0.05·strength)²` on values scaled to 0…1, so details whose local standard
    /// deviation is below about 5 %·strength of the full range are smoothed. 0 leaves the image
    /// unchanged.
    public var strength: Double
    /// Window radius in pixels (1 to 16): 2 is a 5×5 window.
    public var radius: Int

    public init(strength: Double, radius: Int = 2) {
        self.strength = strength
        self.radius = radius
    }

    public func validate() throws(RadiographCoreError) {
        guard strength.isFinite, (0...1).contains(strength) else {
            throw .invalidParameter(name: "denoise strength", reason: "\(strength) must be 0 to 1")
        }
        guard (1...16).contains(radius) else {
            throw .invalidParameter(name: "denoise radius", reason: "\(radius) must be 1 to 16")
        }
    }

    /// The JSON keys of a `denoise` step.
    static let codingKeyNames = ["strength", "radius"]

    enum CodingKeys: String, CodingKey { case strength, radius }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        strength = try c.decode(Double.self, forKey: .strength)
        radius = try c.decodeIfPresent(Int.self, forKey: .radius) ?? 2
    }
}

extension GrayImage where Pixel: UnsignedInteger {
    public func denoised(_ p: DenoiseParameters, schedule: Schedule = .serial) throws(RadiographCoreError) -> GrayImage {
        try p.validate()
        if p.strength == 0 { return self }
        return withConcretePixels(
            uint8: { $0.denoisedImage(p, schedule) }, uint16: { $0.denoisedImage(p, schedule) },
            other: { $0.denoisedImage(p, schedule) })
    }

    /// Streams the filter through two rings of `2r+1` rows per band (the window sums of `I` and
    /// `I²`, then of `a` and `b`), so the working set stays in cache: each band recomputes the
    /// `2r` rows of halo it needs above and below.
    func denoisedImage(_ p: DenoiseParameters, _ schedule: Schedule) -> GrayImage {
        let width = self.width
        let height = self.height
        let r = p.radius
        let k = 2 * r + 1
        let top = Float(Pixel.max)
        let eps = Float(0.05 * p.strength) * Float(0.05 * p.strength)
        var inverseColumns = [Float](repeating: 0, count: width)
        for x in 0..<width {
            inverseColumns[x] = 1 / Float(Swift.min(x + r, width - 1) - Swift.max(x - r, 0) + 1)
        }
        func inverseRows(_ y: Int) -> Float { 1 / Float(Swift.min(y + r, height - 1) - Swift.max(y - r, 0) + 1) }
        return withUnsafeBufferPointer { src in
            inverseColumns.withUnsafeBufferPointer { ic in
                GrayImage(width: width, height: height, overwritingWith: { dst in
                    schedule.forEachBand(rows: height) { rows in
                        // Rings: horizontal window sums of I, I² (per source row) and of a, b (per
                        // filtered row); then a padded row and four work rows.
                        let ringSize = k * width
                        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 4 * ringSize + (width + 2 * r) + 4 * width)
                        defer { scratch.deallocate() }
                        let sumI = scratch, sumII = scratch + ringSize, sumA = scratch + 2 * ringSize
                        let sumB = scratch + 3 * ringSize
                        let padded = scratch + 4 * ringSize
                        padded.initialize(repeating: 0, count: width + 2 * r)
                        let work = padded + width + 2 * r
                        let rowA = work, rowB = work + width, acc1 = work + 2 * width, acc2 = work + 3 * width
                        /// `out[x] = Σ row[x-r … x+r]` (zeros past the edges), adds that vectorise.
                        func windowSum(into out: UnsafeMutablePointer<Float>) {
                            for x in 0..<width { out[x] = padded[x] }
                            if r > 0 { for j in 1...(2 * r) { let sh = padded + j; for x in 0..<width { out[x] += sh[x] } } }
                        }
                        /// `acc1`, `acc2` = the sums of rings `first`, `second` over the rows around `y`.
                        func sumRows(_ first: UnsafeMutablePointer<Float>, _ second: UnsafeMutablePointer<Float>, around y: Int) {
                            for x in 0..<width { acc1[x] = 0; acc2[x] = 0 }
                            for j in Swift.max(0, y - r)...Swift.min(height - 1, y + r) {
                                let a = first + (j % k) * width, b = second + (j % k) * width
                                for x in 0..<width { acc1[x] += a[x]; acc2[x] += b[x] }
                            }
                        }
                        var nextSource = Swift.max(0, rows.lowerBound - 2 * r)
                        var nextFiltered = Swift.max(0, rows.lowerBound - r)
                        for y in rows {
                            while nextFiltered <= Swift.min(height - 1, y + r) {
                                let y1 = nextFiltered
                                while nextSource <= Swift.min(height - 1, y1 + r) {
                                    let j = nextSource
                                    let s = src.baseAddress! + j * width
                                    let slot = (j % k) * width
                                    for x in 0..<width { padded[r + x] = Float(s[x]) / top }
                                    windowSum(into: sumI + slot)
                                    for x in 0..<width { padded[r + x] *= padded[r + x] }
                                    windowSum(into: sumII + slot)
                                    nextSource += 1
                                }
                                // Means over the window of row y1, then a and b.
                                sumRows(sumI, sumII, around: y1)
                                let iy = inverseRows(y1)
                                for x in 0..<width {
                                    let n = ic[x] * iy
                                    let mean = acc1[x] * n
                                    let variance = Swift.max(acc2[x] * n - mean * mean, 0)
                                    let a = variance / (variance + eps)
                                    rowA[x] = a
                                    rowB[x] = (1 - a) * mean
                                }
                                let slot = (y1 % k) * width
                                for x in 0..<width { padded[r + x] = rowA[x] }
                                windowSum(into: sumA + slot)
                                for x in 0..<width { padded[r + x] = rowB[x] }
                                windowSum(into: sumB + slot)
                                nextFiltered += 1
                            }
                            // Output row y: mean a · I + mean b.
                            sumRows(sumA, sumB, around: y)
                            let iy = inverseRows(y)
                            let s = src.baseAddress! + y * width
                            let d = dst.baseAddress! + y * width
                            for x in 0..<width {
                                let n = ic[x] * iy
                                let q = (acc1[x] * n) * (Float(s[x]) / top) + acc2[x] * n
                                d[x] = Pixel(truncatingIfNeeded: roundClamped(q * top, top))
                            }
                        }
                    }
                })
            }
        }
    }
}

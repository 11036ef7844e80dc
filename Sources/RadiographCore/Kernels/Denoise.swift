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

    func denoisedImage(_ p: DenoiseParameters, _ schedule: Schedule) -> GrayImage {
        let width = self.width
        let height = self.height
        let count = width * height
        let r = p.radius
        let top = Float(Pixel.max)
        let eps = Float(0.05 * p.strength) * Float(0.05 * p.strength)
        // Scratch planes: I, then mean I / mean I² → a / b, then their means.
        var planes = [Float](repeating: 0, count: 4 * count)
        return planes.withUnsafeMutableBufferPointer { all in
            let image = all.baseAddress!
            let meanI = image + count
            let meanII = image + 2 * count
            let spare = image + 3 * count
            withUnsafeBufferPointer { src in
                schedule.forEachBand(rows: height) { rows in
                    for i in (rows.lowerBound * width)..<(rows.upperBound * width) { image[i] = Float(src[i]) / top }
                }
            }
            // meanI and meanII.
            boxMean(image, into: meanI, squared: false, width: width, height: height, radius: r, schedule: schedule)
            boxMean(image, into: meanII, squared: true, width: width, height: height, radius: r, schedule: schedule)
            // a into meanI's plane, b into meanII's.
            schedule.forEachBand(rows: height) { rows in
                for i in (rows.lowerBound * width)..<(rows.upperBound * width) {
                    let m = meanI[i]
                    let variance = Swift.max(meanII[i] - m * m, 0)
                    let a = variance / (variance + eps)
                    meanI[i] = a
                    meanII[i] = (1 - a) * m
                }
            }
            boxMean(meanI, into: spare, squared: false, width: width, height: height, radius: r, schedule: schedule)
            boxMean(meanII, into: meanI, squared: false, width: width, height: height, radius: r, schedule: schedule)
            let meanA = spare
            let meanB = meanI
            return GrayImage(width: width, height: height, overwritingWith: { dst in
                schedule.forEachBand(rows: height) { rows in
                    for i in (rows.lowerBound * width)..<(rows.upperBound * width) {
                        dst[i] = Pixel(truncatingIfNeeded: roundClamped((meanA[i] * image[i] + meanB[i]) * top, top))
                    }
                }
            })
        }
    }
}

/// The mean of `source` (or of its squares) over the `(2r+1)²` window around each pixel, the
/// window cut at the image's edges (divided by the pixels it holds). Per row: the vertical sum of
/// `2r+1` rows into a zero-padded row, then the horizontal sum of `2r+1` shifted copies — plain
/// adds that vectorise, unlike a running sum.
func boxMean(
    _ source: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>, squared: Bool, width: Int,
    height: Int, radius r: Int, schedule: Schedule
) {
    schedule.forEachBand(rows: height) { rows in
        let padded = UnsafeMutablePointer<Float>.allocate(capacity: width + 2 * r)
        defer { padded.deallocate() }
        padded.initialize(repeating: 0, count: width + 2 * r)
        let column = padded + r
        var inverseColumns = [Float](repeating: 0, count: width)
        for x in 0..<width {
            inverseColumns[x] = 1 / Float(Swift.min(x + r, width - 1) - Swift.max(x - r, 0) + 1)
        }
        for y in rows {
            let y0 = Swift.max(y - r, 0)
            let y1 = Swift.min(y + r, height - 1)
            for x in 0..<width { column[x] = 0 }
            for yy in y0...y1 {
                let row = source + yy * width
                if squared {
                    for x in 0..<width { column[x] += row[x] * row[x] }
                } else {
                    for x in 0..<width { column[x] += row[x] }
                }
            }
            let o = out + y * width
            for x in 0..<width { o[x] = padded[x] }
            if r > 0 {
                for k in 1...(2 * r) {
                    let shifted = padded + k
                    for x in 0..<width { o[x] += shifted[x] }
                }
            }
            let inverseRows = 1 / Float(y1 - y0 + 1)
            inverseColumns.withUnsafeBufferPointer { ic in
                for x in 0..<width { o[x] *= ic[x] * inverseRows }
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How ``GrayImage/resized(width:height:filter:schedule:)`` computes new pixels.
public enum ResizeFilter: String, Sendable, Hashable, Codable, CaseIterable {
    /// Area averaging: each output pixel is the mean of the source area it covers (OpenCV's
    /// INTER_AREA when shrinking): no aliasing, the choice for thumbnails. When a side grows it is
    /// OpenCV's INTER_AREA enlargement (nearest pixel, blended where an output pixel straddles two).
    case area
    /// Bilinear interpolation between the 2×2 nearest pixels (OpenCV's INTER_LINEAR; no
    /// prefiltering when shrinking).
    case bilinear
    /// Lanczos-4 over the 8×8 nearest pixels (OpenCV's INTER_LANCZOS4).
    case lanczos
}

/// The taps of one output position: `count` source indices from `first` (clamped to the image),
/// with their weights.
struct ResampleTaps {
    var taps: Int
    var index: [Int]
    var weight: [Float]

    /// Taps for `outSize` outputs over `inSize` inputs (pixel centres: `(o + 0.5)·scale − 0.5`).
    /// `shrinking`: both sides get smaller (or stay), the case where area means averaging.
    init(filter: ResizeFilter, inSize: Int, outSize: Int, shrinking: Bool) {
        let scale = Double(inSize) / Double(outSize)
        if filter == .area && !shrinking {
            // OpenCV's INTER_AREA when enlarging: nearest source pixel, blended linearly only
            // where an output pixel straddles two source pixels.
            taps = 2
            index = [Int](repeating: 0, count: 2 * outSize)
            weight = [Float](repeating: 0, count: 2 * outSize)
            let inverse = Float(Double(outSize) / Double(inSize))
            for o in 0..<outSize {
                var sx = Int((Double(o) * scale).rounded(.down))
                var fx = Float(o + 1) - Float(sx + 1) * inverse
                fx = fx <= 0 ? 0 : fx - fx.rounded(.down)
                if sx < 0 {
                    sx = 0
                    fx = 0
                }
                if sx >= inSize - 1 {
                    sx = inSize - 1
                    fx = 0
                }
                index[2 * o] = sx
                index[2 * o + 1] = min(sx + 1, inSize - 1)
                weight[2 * o] = 1 - fx
                weight[2 * o + 1] = fx
            }
            return
        }
        if filter == .area && scale > 1 {
            // Coverage of [o·scale, (o+1)·scale) by each source pixel.
            taps = Int(scale.rounded(.up)) + 1
            index = [Int](repeating: 0, count: taps * outSize)
            weight = [Float](repeating: 0, count: taps * outSize)
            for o in 0..<outSize {
                let start = Double(o) * scale
                let end = min(Double(o + 1) * scale, Double(inSize))
                var k = 0
                var i = Int(start.rounded(.down))
                while Double(i) < end && k < taps {
                    let covered = min(end, Double(i + 1)) - max(start, Double(i))
                    if covered > 1e-9 {
                        index[o * taps + k] = min(i, inSize - 1)
                        weight[o * taps + k] = Float(covered / scale)
                        k += 1
                    }
                    i += 1
                }
                for j in k..<taps { index[o * taps + j] = index[o * taps] }
            }
            return
        }
        let lanczos = filter == .lanczos
        taps = lanczos ? 8 : 2
        index = [Int](repeating: 0, count: taps * outSize)
        weight = [Float](repeating: 0, count: taps * outSize)
        for o in 0..<outSize {
            let s = (Double(o) + 0.5) * scale - 0.5
            let base = Int(s.rounded(.down))
            let f = s - Double(base)
            if lanczos {
                var w = [Double](repeating: 0, count: 8)
                for k in 0..<8 {
                    let t = f - Double(k - 3)
                    w[k] = lanczos4(t)
                }
                let sum = w.reduce(0, +)
                for k in 0..<8 {
                    index[o * 8 + k] = min(max(base - 3 + k, 0), inSize - 1)
                    weight[o * 8 + k] = Float(w[k] / sum)
                }
            } else {
                let lo = s < 0 ? 0 : base
                let frac = s < 0 ? 0 : f
                index[o * 2] = min(max(lo, 0), inSize - 1)
                index[o * 2 + 1] = min(max(lo + 1, 0), inSize - 1)
                weight[o * 2] = Float(1 - frac)
                weight[o * 2 + 1] = Float(frac)
            }
        }
    }
}

/// `sinc(t)·sinc(t/4)` for |t| < 4.
func lanczos4(_ t: Double) -> Double {
    if abs(t) < 1e-12 { return 1 }
    if abs(t) >= 4 { return 0 }
    let x = Double.pi * t
    return 4 * sin(x) * sin(x / 4) / (x * x)
}

extension GrayImage where Pixel: UnsignedInteger {
    /// The image at `width` × `height` (1 to 65,536 each). Separable: each output row is a
    /// weighted sum of source rows, then of columns; the result is rounded to the nearest value.
    public func resized(
        width outWidth: Int, height outHeight: Int, filter: ResizeFilter, schedule: Schedule = .serial
    ) throws(RadiographCoreError) -> GrayImage {
        guard (1...65536).contains(outWidth), (1...65536).contains(outHeight) else {
            throw .invalidParameter(name: "resize", reason: "\(outWidth)x\(outHeight) must be 1 to 65536 a side")
        }
        if outWidth == width && outHeight == height { return self }
        return withConcretePixels(
            uint8: { $0.resizedImage(outWidth, outHeight, filter, schedule) },
            uint16: { $0.resizedImage(outWidth, outHeight, filter, schedule) },
            other: { $0.resizedImage(outWidth, outHeight, filter, schedule) })
    }

    func resizedImage(_ outWidth: Int, _ outHeight: Int, _ filter: ResizeFilter, _ schedule: Schedule) -> GrayImage {
        let shrinking = outWidth <= width && outHeight <= height
        let horizontal = ResampleTaps(filter: filter, inSize: width, outSize: outWidth, shrinking: shrinking)
        let vertical = ResampleTaps(filter: filter, inSize: height, outSize: outHeight, shrinking: shrinking)
        let inWidth = width
        let top = Float(Pixel.max)
        return withUnsafeBufferPointer { src in
            GrayImage(width: outWidth, height: outHeight, overwritingWith: { dst in
                horizontal.index.withUnsafeBufferPointer { hIndex in
                    horizontal.weight.withUnsafeBufferPointer { hWeight in
                        schedule.forEachBand(rows: outHeight, minimumRows: 8) { rows in
                            let column = UnsafeMutablePointer<Float>.allocate(capacity: inWidth)
                            defer { column.deallocate() }
                            let ht = horizontal.taps
                            let vt = vertical.taps
                            for y in rows {
                                // Vertical: the weighted sum of the source rows of this output row.
                                for x in 0..<inWidth { column[x] = 0 }
                                for k in 0..<vt {
                                    let w = vertical.weight[y * vt + k]
                                    if w == 0 { continue }
                                    let row = src.baseAddress! + vertical.index[y * vt + k] * inWidth
                                    for x in 0..<inWidth { column[x] += w * Float(row[x]) }
                                }
                                // Horizontal.
                                let out = dst.baseAddress! + y * outWidth
                                for x in 0..<outWidth {
                                    var sum: Float = 0
                                    for k in 0..<ht { sum += hWeight[x * ht + k] * column[hIndex[x * ht + k]] }
                                    out[x] = Pixel(truncatingIfNeeded: roundClamped(sum, top))
                                }
                            }
                        }
                    }
                }
            })
        }
    }
}

extension GrayImage {
    /// The largest size with this image's aspect ratio that fits in `maxWidth` × `maxHeight`,
    /// never larger than the image (for thumbnails); at least 1×1.
    public func fittingSize(maxWidth: Int, maxHeight: Int) -> (width: Int, height: Int) {
        let scale = min(Double(maxWidth) / Double(width), Double(maxHeight) / Double(height), 1)
        return (max(1, Int((Double(width) * scale).rounded())), max(1, Int((Double(height) * scale).rounded())))
    }
}

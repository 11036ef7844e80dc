import RadiographCodecs
import RadiographCore
import Testing
import _RadiographTestSupport

/// Pixel content the round trips sweep: every kind at every awkward size.
enum Content: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// A diagonal ramp that wraps around the full range.
    case ramp
    /// Uniform noise from a fixed seed, with 0 and the maximum forced into the corners.
    case random
    /// A checkerboard of 0 and the maximum: the largest possible steps between neighbours.
    case extremes
    /// Every pixel at the maximum.
    case maximum

    var testDescription: String { rawValue }
}

/// The heights every round trip sweeps, with ``TestData/awkwardWidths``.
let awkwardHeights = [1, 2, 3, 17]

/// An image of `content` (noise seeded from its size and pixel type).
private func makeImage<P: GrayPixel & UnsignedInteger>(
    _ content: Content, width: Int, height: Int, as: P.Type
) -> GrayImage<P> {
    let seed = UInt64(width * 1_000 + height) &* (P.self == UInt8.self ? 1 : 7)
    switch content {
    case .random:
        var image = GrayImage<P>.random(width: width, height: height, in: 0...P.max, seed: seed)
        image[x: 0, y: 0] = 0
        image[x: width - 1, y: height - 1] = P.max
        return image
    case .ramp:
        let step = P.bitWidth == 8 ? 7 : 1_799
        return GrayImage(
            width: width, height: height,
            pixels: (0..<(width * height)).map { P(truncatingIfNeeded: ($0 % width + $0 / width * 3) * step) })
    case .extremes:
        return GrayImage(
            width: width, height: height,
            pixels: (0..<(width * height)).map { ($0 % width + $0 / width) % 2 == 0 ? 0 : P.max })
    case .maximum:
        return GrayImage(width: width, height: height, repeating: P.max)
    }
}

func image8(_ content: Content, _ width: Int, _ height: Int) -> GrayImage<UInt8> {
    makeImage(content, width: width, height: height, as: UInt8.self)
}

func image16(_ content: Content, _ width: Int, _ height: Int) -> GrayImage<UInt16> {
    makeImage(content, width: width, height: height, as: UInt16.self)
}

/// Runs `body` and returns the ``CodecError`` it threw, recording an issue if it threw nothing or
/// another error. (`body` is untyped so the helper also works inside `#expect`, whose expansion
/// loses a closure's typed throws; the APIs' typed throws are checked where tests use
/// `do throws(CodecError)`.)
func codecError<R>(
    _ body: () throws -> R, sourceLocation: SourceLocation = #_sourceLocation
) -> CodecError? {
    do {
        _ = try body()
        Issue.record("expected a CodecError, got a result", sourceLocation: sourceLocation)
        return nil
    } catch let error as CodecError {
        return error
    } catch {
        Issue.record("expected a CodecError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

extension AnyGrayImage {
    /// The 8-bit image, or nil.
    var uint8Image: GrayImage<UInt8>? {
        if case .uint8(let image) = self { image } else { nil }
    }

    /// The 16-bit image, or nil.
    var uint16Image: GrayImage<UInt16>? {
        if case .uint16(let image) = self { image } else { nil }
    }
}

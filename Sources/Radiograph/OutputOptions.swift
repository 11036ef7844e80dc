import RadiographCodecs
import RadiographCore
import RadiographDICOM

/// How rendered images are written.
public struct OutputOptions: Sendable, Hashable {
    public var format: ImageFileFormat
    /// JPEG quality, 1...100.
    public var jpegQuality: Int
    /// PNG compression: fast by default (see BENCHMARKS.md for the size/speed trade-off).
    public var png: PNGCodec.Options

    public init(format: ImageFileFormat = .png, jpegQuality: Int = 90, png: PNGCodec.Options = .fast) {
        self.format = format
        self.jpegQuality = jpegQuality
        self.png = png
    }

    /// Encodes `image`; TIFF output carries the pixel spacing as its resolution when known.
    public func encode(_ image: AnyGrayImage, path: String, metadata: DICOMMetadata?) throws(RadiographError) -> [UInt8] {
        do throws(CodecError) {
            switch (format, image) {
            case (.png, .uint8(let i)): return try PNGCodec.encode(i, options: png)
            case (.png, .uint16(let i)): return try PNGCodec.encode(i, options: png)
            case (.tiff, .uint8(let i)):
                return try TIFFCodec.encode(i, pixelSpacingMM: metadata.flatMap(Self.spacing))
            case (.tiff, .uint16(let i)):
                return try TIFFCodec.encode(i, pixelSpacingMM: metadata.flatMap(Self.spacing))
            case (.jpeg, .uint8(let i)): return try JPEGCodec.encode(i, quality: jpegQuality)
            case (_, .int16):
                throw CodecError.unsupported(format: format, reason: "signed pixels; render them first")
            case (.jpeg, _):
                throw CodecError.unsupported(format: .jpeg, reason: "JPEG output is 8-bit only")
            }
        } catch {
            throw .codec(path: path, error)
        }
    }

    /// (row, column) spacing in mm: Pixel Spacing, else Imager Pixel Spacing.
    static func spacing(_ m: DICOMMetadata) -> (Double, Double)? {
        guard let s = m.pixelSpacing ?? m.imagerPixelSpacing, s.count == 2, s[0] > 0, s[1] > 0 else { return nil }
        return (s[0], s[1])
    }
}

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

    /// Encodes `image` (``ImageCodec/encode(_:as:options:)``); TIFF output carries the pixel spacing
    /// (Pixel Spacing, else Imager Pixel Spacing) as its resolution.
    public func encode(_ image: AnyGrayImage, path: String, metadata: DICOMMetadata?) throws(RadiographError) -> [UInt8] {
        let spacing = metadata.flatMap(Self.spacing)
        let options = ImageCodec.EncodeOptions(
            png: png, tiff: TIFFCodec.Options(pixelSpacing: spacing), jpegQuality: jpegQuality)
        do {
            return try ImageCodec.encode(image, as: format, options: options)
        } catch {
            throw .codec(path: path, error)
        }
    }

    static func spacing(_ m: DICOMMetadata) -> TIFFCodec.PixelSpacing? {
        guard let s = m.pixelSpacing ?? m.imagerPixelSpacing, s.count == 2, s[0] > 0, s[1] > 0 else { return nil }
        return TIFFCodec.PixelSpacing(row: s[0], column: s[1])
    }
}

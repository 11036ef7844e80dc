internal import CRadiographCodecs
import RadiographCore

/// Any of the three formats: encode to a chosen one, decode whichever the bytes are.
public enum ImageCodec {
    /// The largest side, in pixels, written or read (JPEG: ``maximumJPEGSide``).
    public static let maximumSide = Int(RGC_MAX_SIDE)
    /// The largest pixel count, 2^28, written or read. Decoders refuse larger headers before they
    /// allocate anything.
    public static let maximumPixelCount = Int(RGC_MAX_PIXELS)
    /// libjpeg's largest side, 65,500 pixels.
    public static let maximumJPEGSide = 65_500

    /// The settings of every format, so one value can travel with a request.
    public struct EncodeOptions: Sendable, Hashable, Codable {
        public var png: PNGCodec.Options
        public var tiff: TIFFCodec.Options
        /// 1...100.
        public var jpegQuality: Int

        public init(
            png: PNGCodec.Options = .fast, tiff: TIFFCodec.Options = TIFFCodec.Options(),
            jpegQuality: Int = JPEGCodec.defaultQuality
        ) {
            self.png = png
            self.tiff = tiff
            self.jpegQuality = jpegQuality
        }
    }

    /// Encodes `image` as `format` with the matching part of `options`.
    ///
    /// Throws ``CodecError/unsupported(format:reason:)`` for a 16-bit image as JPEG (8-bit only:
    /// window it to 8 bits first) and for signed 16-bit images in any format (no conversion is
    /// guessed: render them, or shift them into unsigned values, first).
    public static func encode(
        _ image: AnyGrayImage, as format: ImageFileFormat, options: EncodeOptions = EncodeOptions()
    ) throws(CodecError) -> [UInt8] {
        switch (format, image) {
        case (_, .int16):
            throw .unsupported(
                format: format,
                reason: "signed 16-bit pixels; render them to unsigned 8 or 16 bits (or shift them by 32768) first")
        case (.png, .uint8(let i)): return try PNGCodec.encode(i, options: options.png)
        case (.png, .uint16(let i)): return try PNGCodec.encode(i, options: options.png)
        case (.tiff, .uint8(let i)): return try TIFFCodec.encode(i, options: options.tiff)
        case (.tiff, .uint16(let i)): return try TIFFCodec.encode(i, options: options.tiff)
        case (.jpeg, .uint8(let i)): return try JPEGCodec.encode(i, quality: options.jpegQuality)
        case (.jpeg, .uint16):
            throw .unsupported(
                format: .jpeg, reason: "16-bit pixels; JPEG output is 8-bit only (window the image first)")
        }
    }

    /// Encodes an 8-bit RGB image (an annotated display image) as `format`.
    public static func encode(
        _ image: RGBImage, as format: ImageFileFormat, options: EncodeOptions = EncodeOptions()
    ) throws(CodecError) -> [UInt8] {
        switch format {
        case .png: try PNGCodec.encode(image, options: options.png)
        case .tiff: try TIFFCodec.encode(image, options: options.tiff)
        case .jpeg: try JPEGCodec.encode(image, quality: options.jpegQuality)
        }
    }

    /// Reads the header of a PNG, TIFF or JPEG, recognised by its signature, without decoding.
    public static func info(_ bytes: [UInt8]) throws(CodecError) -> ImageInfo {
        switch try format(of: bytes) {
        case .png: try PNGCodec.info(bytes)
        case .tiff: try TIFFCodec.info(bytes)
        case .jpeg: try JPEGCodec.info(bytes)
        }
    }

    /// Decodes a PNG, TIFF or JPEG, recognised by its signature (``ImageFileFormat/detect(from:)``).
    public static func decode(_ bytes: [UInt8]) throws(CodecError) -> AnyGrayImage {
        switch try format(of: bytes) {
        case .png: try PNGCodec.decode(bytes)
        case .tiff: try TIFFCodec.decode(bytes)
        case .jpeg: try JPEGCodec.decode(bytes)
        }
    }

    private static func format(of bytes: [UInt8]) throws(CodecError) -> ImageFileFormat {
        guard !bytes.isEmpty else { throw .decodeFailed(format: nil, reason: "empty input") }
        guard let format = ImageFileFormat.detect(from: bytes) else {
            throw .decodeFailed(format: nil, reason: "not a PNG, TIFF or JPEG file (unknown signature)")
        }
        return format
    }
}

internal import CRadiographCodecs
import RadiographCore

/// Gray 8-bit JPEG through libjpeg-turbo (errors caught with setjmp in the C shim, so libjpeg
/// never prints or exits).
///
/// Lossy and 8-bit only: for 16-bit images or exact values use ``PNGCodec`` or ``TIFFCodec``.
public enum JPEGCodec {
    /// The qualities `jpeg_set_quality` takes.
    public static let qualityRange = 1...100
    /// The quality ``encode(_:quality:)`` uses when none is given.
    public static let defaultQuality = 90

    /// Encodes an 8-bit gray image as a baseline JPEG (`jpeg_set_quality` with baseline-compatible
    /// tables, `jpeg_write_scanlines`). Sides are limited to 65,500 pixels, libjpeg's maximum.
    public static func encode(_ image: GrayImage<UInt8>, quality: Int = defaultQuality) throws(CodecError) -> [UInt8] {
        guard qualityRange.contains(quality) else {
            throw .invalidParameter(name: "JPEG quality", reason: "\(quality) is outside 1...100")
        }
        let size = try CodecShim.checkedSize(width: image.width, height: image.height, format: .jpeg)
        return try image.withUnsafeBufferPointer { buffer throws(CodecError) in
            try CodecShim.encode(.jpeg, width: image.width, height: image.height) { out, count, message, capacity in
                rgc_jpeg_encode(
                    buffer.baseAddress, size.width, size.height, Int32(quality), out, count, message, capacity)
            }
        }
    }

    /// Encodes an 8-bit RGB image as a baseline YCbCr JPEG (libjpeg's default 4:2:0 sampling).
    public static func encode(_ image: RGBImage, quality: Int = defaultQuality) throws(CodecError) -> [UInt8] {
        guard qualityRange.contains(quality) else {
            throw .invalidParameter(name: "JPEG quality", reason: "\(quality) is outside 1...100")
        }
        let size = try CodecShim.checkedSize(width: image.width, height: image.height, format: .jpeg)
        return try image.withUnsafeBufferPointer { buffer throws(CodecError) in
            try CodecShim.encode(.jpeg, width: image.width, height: image.height) { out, count, message, capacity in
                rgc_jpeg_encode_rgb(
                    buffer.baseAddress, size.width, size.height, Int32(quality), out, count, message, capacity)
            }
        }
    }

    /// Reads the header only (`jpeg_read_header`).
    public static func info(_ bytes: [UInt8]) throws(CodecError) -> ImageInfo {
        CodecShim.imageInfo(try CodecShim.info(.jpeg, bytes) { rgc_jpeg_info($0, $1, $2, $3, $4) }, format: .jpeg)
    }

    /// Decodes a one-component 8-bit JPEG (baseline, extended or progressive) to `.uint8`
    /// (`jpeg_read_scanlines`, integer IDCT). A stream that ends early or has corrupt data throws,
    /// although libjpeg itself would only warn. Colour, 12-bit and lossless JPEGs throw
    /// ``CodecError/unsupported(format:reason:)``.
    public static func decode(_ bytes: [UInt8]) throws(CodecError) -> AnyGrayImage {
        try CodecShim.decode(
            .jpeg, bytes, header: { rgc_jpeg_info($0, $1, $2, $3, $4) },
            pixels: { rgc_jpeg_decode($0, $1, $2.assumingMemoryBound(to: UInt8.self), $3, $4, $5) })
    }
}

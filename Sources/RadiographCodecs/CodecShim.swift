internal import CRadiographCodecs
import RadiographCore

/// The one path from Swift into `CRadiographCodecs`: every `rgc_` call goes through one of the
/// three funnels below, which own the message buffer, turn an `rgc_status` into a ``CodecError``,
/// copy and free encoder output, and size the decoders' pixel buffers. No C type or pointer leaves
/// this module.
enum CodecShim {
    typealias Message = UnsafeMutablePointer<CChar>
    typealias Output = UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>

    /// The image's size as C wants it, after checking it against the limits (so that no `Int` to
    /// `UInt32` conversion can trap).
    static func checkedSize(
        width: Int, height: Int, format: ImageFileFormat
    ) throws(CodecError) -> (width: UInt32, height: UInt32) {
        guard width <= format.maximumSide, height <= format.maximumSide,
            width * height <= ImageCodec.maximumPixelCount
        else { throw .imageTooLarge(format: format, width: width, height: height) }
        return (UInt32(width), UInt32(height))
    }

    /// Runs an encoder; copies its `malloc`'d output into an array and releases it with `rgc_free`.
    static func encode(
        _ format: ImageFileFormat, width: Int, height: Int,
        _ body: (_ out: Output, _ size: UnsafeMutablePointer<Int>, _ message: Message, _ capacity: Int) -> rgc_status
    ) throws(CodecError) -> [UInt8] {
        var out: UnsafeMutablePointer<UInt8>?
        var size = 0
        var message = [CChar](repeating: 0, count: Int(RGC_MESSAGE_CAPACITY))
        let status = message.withUnsafeMutableBufferPointer { m in body(&out, &size, m.baseAddress!, m.count) }
        defer { rgc_free(out) }
        guard status == RGC_OK, let out else {
            throw error(status, format, message, width: width, height: height, encoding: true)
        }
        return Array(UnsafeBufferPointer(start: out, count: size))
    }

    /// Runs a header reader (`rgc_*_info`).
    static func info(
        _ format: ImageFileFormat, _ bytes: [UInt8],
        _ body: (UnsafePointer<UInt8>?, Int, UnsafeMutablePointer<rgc_info>, Message, Int) -> rgc_status
    ) throws(CodecError) -> rgc_info {
        var info = rgc_info()
        var message = [CChar](repeating: 0, count: Int(RGC_MESSAGE_CAPACITY))
        let status = bytes.withUnsafeBufferPointer { b in
            message.withUnsafeMutableBufferPointer { m in body(b.baseAddress, b.count, &info, m.baseAddress!, m.count) }
        }
        guard status == RGC_OK else {
            throw error(status, format, message, width: Int(info.width), height: Int(info.height), encoding: false)
        }
        return info
    }

    /// Reads the header with `header`, allocates an image of that size and depth, and fills it with
    /// `body` (`rgc_*_decode`), which is handed exactly the image's bytes.
    static func decode(
        _ format: ImageFileFormat, _ bytes: [UInt8],
        header: (UnsafePointer<UInt8>?, Int, UnsafeMutablePointer<rgc_info>, Message, Int) -> rgc_status,
        pixels body: (UnsafePointer<UInt8>?, Int, UnsafeMutableRawPointer, Int, Message, Int) -> rgc_status
    ) throws(CodecError) -> AnyGrayImage {
        let info = try info(format, bytes, header)
        var message = [CChar](repeating: 0, count: Int(RGC_MESSAGE_CAPACITY))
        var status = RGC_OK
        func fill(_ pixels: UnsafeMutableRawBufferPointer) {
            status = bytes.withUnsafeBufferPointer { b in
                message.withUnsafeMutableBufferPointer { m in
                    body(b.baseAddress, b.count, pixels.baseAddress!, pixels.count, m.baseAddress!, m.count)
                }
            }
        }
        // The header reader has checked the size against the limits: width * height fits.
        let width = Int(info.width)
        let height = Int(info.height)
        let image: AnyGrayImage
        if info.bits == 16 {
            image = .uint16(GrayImage(width: width, height: height) { fill(UnsafeMutableRawBufferPointer($0)) })
        } else {
            image = .uint8(GrayImage(width: width, height: height) { fill(UnsafeMutableRawBufferPointer($0)) })
        }
        guard status == RGC_OK else {
            throw error(status, format, message, width: width, height: height, encoding: false)
        }
        return image
    }

    /// The ``ImageInfo`` for a header.
    static func imageInfo(_ info: rgc_info, format: ImageFileFormat) -> ImageInfo {
        ImageInfo(
            format: format, width: Int(info.width), height: Int(info.height), bitDepth: Int(info.bits),
            storedBitDepth: Int(info.stored_bits), storedMinIsWhite: info.min_is_white != 0,
            pixelSpacing: TIFFCodec.PixelSpacing(
                xResolution: info.x_resolution, yResolution: info.y_resolution, unit: info.resolution_unit))
    }

    private static func error(
        _ status: rgc_status, _ format: ImageFileFormat, _ message: [CChar], width: Int, height: Int, encoding: Bool
    ) -> CodecError {
        let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let reason = text.isEmpty ? "unknown error" : text
        switch status {
        case RGC_UNSUPPORTED: return .unsupported(format: format, reason: reason)
        case RGC_TOO_LARGE: return .imageTooLarge(format: format, width: width, height: height)
        case RGC_BAD_ARGUMENT: return .invalidParameter(name: "\(format.displayName) argument", reason: reason)
        default:
            return encoding
                ? .encodeFailed(format: format, reason: reason) : .decodeFailed(format: format, reason: reason)
        }
    }
}

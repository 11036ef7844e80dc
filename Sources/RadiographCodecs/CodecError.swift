/// Why an image could not be encoded or decoded. Every case names the format it is about (when
/// known) and carries the reason, usually libpng's, libtiff's or libjpeg's own message.
public enum CodecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The library failed while encoding (out of memory, an internal error).
    case encodeFailed(format: ImageFileFormat, reason: String)
    /// The bytes are not a valid file of the format, or are truncated or corrupt. `format` is nil
    /// when the bytes match no format's signature at all.
    case decodeFailed(format: ImageFileFormat?, reason: String)
    /// A valid file or request of a kind Radiograph does not handle: colour or alpha, tiled TIFF,
    /// 12-bit or lossless JPEG, 16-bit JPEG output, signed pixels.
    case unsupported(format: ImageFileFormat, reason: String)
    /// The image exceeds ``ImageCodec/maximumSide`` per side or ``ImageCodec/maximumPixelCount``
    /// in all (or JPEG's 65,500 pixels per side). Decoders refuse it before allocating any pixels.
    case imageTooLarge(format: ImageFileFormat, width: Int, height: Int)
    /// A parameter is out of range (PNG level, JPEG quality, pixel spacing, rows per strip).
    case invalidParameter(name: String, reason: String)

    /// The format the error is about, when known.
    public var format: ImageFileFormat? {
        switch self {
        case .encodeFailed(let f, _), .unsupported(let f, _), .imageTooLarge(let f, _, _): f
        case .decodeFailed(let f, _): f
        case .invalidParameter: nil
        }
    }

    /// The reason alone, without the format.
    public var reason: String {
        switch self {
        case .encodeFailed(_, let r), .decodeFailed(_, let r), .unsupported(_, let r), .invalidParameter(_, let r): r
        case .imageTooLarge(let f, let w, let h):
            "\(w)x\(h) exceeds the limit of \(f.maximumSide) pixels per side and \(ImageCodec.maximumPixelCount) in all"
        }
    }

    /// One line for logs and the command line.
    public var description: String {
        switch self {
        case .encodeFailed(let f, let r): "cannot encode \(f.displayName): \(r)"
        case .decodeFailed(let f, let r): "cannot decode \(f?.displayName ?? "image"): \(r)"
        case .unsupported(let f, let r): "unsupported \(f.displayName): \(r)"
        case .imageTooLarge(let f, _, _): "\(f.displayName) image too large: \(reason)"
        case .invalidParameter(let n, let r): "invalid \(n): \(r)"
        }
    }
}

/// Why a DICOM object could not be read or decoded. Every case names its source (a file path, or
/// the caller's label for a memory buffer) and a reason; none ever carries a patient attribute.
public enum DICOMError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or read at all (missing, a folder, no permission).
    case unreadable(source: String, reason: String)
    /// The bytes are not a DICOM data set, or end before it does (truncated).
    case notDICOM(source: String, reason: String)
    /// The image pixel module does not describe a decodable image (zero rows, Bits Stored above
    /// Bits Allocated, pixel data shorter than its geometry, colour, …).
    case invalidImage(source: String, reason: String)
    /// The pixel data could not be decoded (unsupported or corrupt compressed stream).
    case decodeFailed(source: String, transferSyntax: String, reason: String)
    /// An attribute's value cannot be used (a window width of 0, a malformed LUT descriptor).
    case invalidAttribute(source: String, attribute: String, reason: String)
    /// DCMTK failed internally (an exception caught at the shim).
    case internalFailure(source: String, reason: String)
    /// A file could not be written (folder missing, no permission, disk full); `source` is its path.
    case unwritable(source: String, reason: String)

    /// The source the error is about.
    public var source: String {
        switch self {
        case .unreadable(let s, _), .notDICOM(let s, _), .invalidImage(let s, _), .decodeFailed(let s, _, _),
            .invalidAttribute(let s, _, _), .internalFailure(let s, _), .unwritable(let s, _):
            s
        }
    }

    /// The reason alone, without the source.
    public var reason: String {
        switch self {
        case .unreadable(_, let r): "cannot read: \(r)"
        case .notDICOM(_, let r): "not a readable DICOM file: \(r)"
        case .invalidImage(_, let r): "invalid image: \(r)"
        case .decodeFailed(_, let ts, let r): "cannot decode pixel data (\(ts)): \(r)"
        case .invalidAttribute(_, let a, let r): "invalid \(a): \(r)"
        case .internalFailure(_, let r): "internal DCMTK failure: \(r)"
        case .unwritable(_, let r): "cannot write: \(r)"
        }
    }

    public var description: String { "\(source): \(reason)" }
}

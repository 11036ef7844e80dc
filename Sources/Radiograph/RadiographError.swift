import RadiographCodecs
import RadiographCore
import RadiographDICOM

/// A failure of the pipeline, always naming the file it is about. Never carries patient data.
public enum RadiographError: Error, Sendable, CustomStringConvertible {
    /// Reading or decoding a DICOM input failed.
    case dicom(DICOMError)
    /// Encoding or decoding an image file failed.
    case codec(path: String, CodecError)
    /// A display parameter was rejected by the image core.
    case parameter(path: String, RadiographCoreError)
    /// A file system operation failed (`operation` is e.g. "create", "write", "rename").
    case io(path: String, operation: String, reason: String)
    /// The output exists and overwriting was not asked for.
    case outputExists(path: String)
    /// The request itself is wrong (an unknown format, a path that is no file or folder).
    case invalidRequest(String)

    public var description: String {
        switch self {
        case .dicom(let e): e.description
        case .codec(let path, let e): "\(path): \(e)"
        case .parameter(let path, let e): "\(path): \(e)"
        case .io(let path, let op, let reason): "\(path): cannot \(op): \(reason)"
        case .outputExists(let path): "\(path): output exists (use --overwrite to replace it)"
        case .invalidRequest(let why): why
        }
    }

    /// The file the error is about, when there is one.
    public var path: String? {
        switch self {
        case .dicom(let e): e.source
        case .codec(let p, _), .parameter(let p, _), .io(let p, _, _), .outputExists(let p): p
        case .invalidRequest: nil
        }
    }
}

import RadiographDICOM

/// Why an archive operation failed. Messages name files and reasons, never patient data.
public enum ArchiveError: Error, Sendable, CustomStringConvertible {
    /// The key file is missing, unreadable, the wrong size, or readable by others.
    case key(path: String, reason: String)
    /// The archive root is not an archive, or is damaged.
    case archive(root: String, reason: String)
    /// The actor's role does not allow the action.
    case forbidden(actor: String, role: Role, action: String)
    /// A different object already has this SOP Instance UID.
    case conflict(source: String, reason: String)
    /// A file could not be read, written or synced.
    case io(path: String, operation: String, reason: String)
    /// The input is not a DICOM object the archive takes.
    case dicom(DICOMError)
    /// An object's bytes do not decrypt or do not match their recorded hash.
    case integrity(reason: String)
    /// The index refused an operation.
    case index(reason: String)
    /// A request that cannot be carried out as asked.
    case invalidRequest(String)

    public var description: String {
        switch self {
        case .key(let path, let reason): "\(path): key file: \(reason)"
        case .archive(let root, let reason): "\(root): \(reason)"
        case .forbidden(let actor, let role, let action): "\(actor) (\(role.rawValue)) may not \(action)"
        case .conflict(let source, let reason): "\(source): \(reason)"
        case .io(let path, let op, let reason): "\(path): cannot \(op): \(reason)"
        case .dicom(let e): e.description
        case .integrity(let reason): "integrity: \(reason)"
        case .index(let reason): "index: \(reason)"
        case .invalidRequest(let why): why
        }
    }
}

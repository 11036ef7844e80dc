/// Who does what in a practice. The caller (the practice software, or the CLI from `--role`)
/// states the actor's role; the archive enforces what it may do.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// Dentist, radiologist: reads, ingests, exports, corrects the record.
    case practitioner
    /// Dental assistant or nurse: ingests captures and lists what is there; does not view or export images.
    case assistant
    /// Data-protection officer or auditor: reads the audit trail and verifies integrity, nothing else.
    case auditor
    /// The practice's IT administrator: everything, including keys, backups, restrictions and purges.
    case administrator
}

/// What an actor asks the archive to do.
public enum ArchiveAction: String, Sendable, Hashable, Codable, CaseIterable {
    case ingest, query, read, export, rectify, restrict, eraseRequest = "erase-request", delete
    case retentionReport = "retention-report", retentionPurge = "retention-purge"
    case auditRead = "audit-read", verify, backup, restore, rotateKey = "rotate-key", initialize = "init"

    /// The DICOM audit event (PS3.15 A.5.3, DCM codes) the action is recorded under.
    public var auditEvent: (code: String, meaning: String) {
        switch self {
        case .ingest: ("110107", "Import")
        case .query: ("110112", "Query")
        case .read: ("110103", "DICOM Instances Accessed")
        case .export, .backup: ("110106", "Export")
        case .rectify, .restrict, .eraseRequest: ("110110", "Patient Record")
        case .delete, .retentionPurge: ("110105", "DICOM Study Deleted")
        case .retentionReport, .auditRead, .verify: ("110101", "Audit Log Used")
        case .restore: ("110107", "Import")
        case .rotateKey, .initialize: ("110113", "Security Alert")
        }
    }
}

/// The permission matrix (README: "Roles"). Restricted patients are readable by administrators only.
public enum Permissions {
    public static func allows(_ role: Role, _ action: ArchiveAction) -> Bool {
        switch role {
        case .administrator: true
        case .practitioner:
            [.ingest, .query, .read, .export, .rectify, .restrict, .eraseRequest, .retentionReport].contains(action)
        case .assistant: [.ingest, .query].contains(action)
        case .auditor: [.auditRead, .verify, .retentionReport].contains(action)
        }
    }
}

/// The person acting, as the practice software identifies them.
public struct Actor: Sendable, Hashable, Codable {
    public var name: String
    public var role: Role

    public init(name: String, role: Role) {
        self.name = name
        self.role = role
    }
}

import Crypto
import Foundation

/// How an audited operation ended.
public enum AuditOutcome: String, Sendable, Hashable, Codable {
    case success, refused, failed
}

/// One entry of the audit trail.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var sequence: Int
    /// ISO 8601, UTC.
    public var time: String
    public var actor: String
    public var role: String
    public var action: String
    /// DICOM audit event ID (DCM code and meaning).
    public var event: String
    /// The patient's pseudonymous reference (never an identifier).
    public var patientRef: String?
    /// Object names (random), space-separated.
    public var objects: String
    public var outcome: String
    public var detail: String
}

extension Archive {
    /// Appends an entry in its own transaction. Fail closed: callers that must not proceed
    /// without their entry append it inside their own transaction (``appendAudit(_:…)``).
    func audit(
        _ actor: Actor, _ action: ArchiveAction, outcome: AuditOutcome, patientRef: String? = nil, objects: [String] = [],
        detail: String
    ) throws(ArchiveError) {
        try write { index in
            try self.appendAudit(index, actor, action, outcome: outcome, patientRef: patientRef, objects: objects, detail: detail)
        }
    }

    /// Appends an entry inside the caller's transaction: its MAC chains to the previous entry's,
    /// and the chain's head (last sequence and MAC) is kept in the index's `meta`, itself MACed,
    /// so that entries removed from the end are detected too.
    func appendAudit(
        _ index: any ArchiveIndexWriter, _ actor: Actor, _ action: ArchiveAction, outcome: AuditOutcome, patientRef: String? = nil,
        objects: [String] = [], detail: String
    ) throws {
        let last = try index.lastAuditEntry()
        let sequence = (last?.sequence ?? 0) + 1
        let previous = last?.mac ?? Data("genesis".utf8)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let event = action.auditEvent
        var entry = AuditEntry(
            sequence: sequence, time: formatter.string(from: Date()), actor: actor.name, role: actor.role.rawValue,
            action: action.rawValue, event: "\(event.code) \(event.meaning)", patientRef: patientRef,
            objects: objects.joined(separator: " "), outcome: outcome.rawValue, detail: detail)
        entry.detail = String(entry.detail.prefix(500))
        let mac = Self.mac(entry, previous: previous, key: auditKey)
        try index.appendAuditEntry(entry, mac: mac)
        try index.setMeta("audit.head", Self.headMAC(sequence: sequence, mac: mac, key: auditKey))
    }

    static func mac(_ e: AuditEntry, previous: Data, key: SymmetricKey) -> Data {
        // Length-prefixed fields: no two different entries serialise the same.
        var message = previous
        for field in [String(e.sequence), e.time, e.actor, e.role, e.action, e.event, e.patientRef ?? "\u{0}", e.objects, e.outcome, e.detail] {
            let bytes = Data(field.utf8)
            withUnsafeBytes(of: UInt32(bytes.count).bigEndian) { message.append(contentsOf: $0) }
            message.append(bytes)
        }
        return Data(HMAC<SHA256>.authenticationCode(for: message, using: key))
    }

    static func headMAC(sequence: Int, mac: Data, key: SymmetricKey) -> Data {
        var message = Data("head:\(sequence):".utf8)
        message.append(mac)
        return Data(HMAC<SHA256>.authenticationCode(for: message, using: key))
    }

    /// The audit trail (auditors and administrators), optionally one patient's (by identifier):
    /// who did what, when, to which objects. Reading it is audited.
    public func auditTrail(patientID: String? = nil, actor: Actor) throws(ArchiveError) -> [AuditEntry] {
        try require(actor, .auditRead, "read the audit trail")
        let ref = try patientID.map { (id) throws(ArchiveError) -> String in
            guard let ref = try patientRef(forID: id) else { throw .invalidRequest("no such patient in the archive") }
            return ref
        }
        try audit(actor, .auditRead, outcome: .success, patientRef: ref, detail: ref == nil ? "whole trail" : "one patient's accesses")
        return try read { index in
            var entries: [AuditEntry] = []
            try index.forEachAuditEntry(patientRef: ref) { entry, _ in entries.append(entry) }
            return entries
        }
    }

    /// Checks the whole chain: every MAC, the sequence without gaps, the head. Returns the
    /// problems found (empty: intact). Detects a changed byte, a deleted, reordered or inserted
    /// entry, and entries cut from the end.
    func auditProblems() throws(ArchiveError) -> [String] {
        try read { index in
            var problems: [String] = []
            var previous = Data("genesis".utf8)
            var expected = 1
            var lastSequence = 0, lastMAC = Data()
            try index.forEachAuditEntry(patientRef: nil) { e, stored in
                if e.sequence != expected {
                    problems.append("audit entry \(expected) is missing or out of order (found \(e.sequence))")
                    expected = e.sequence
                }
                if Self.mac(e, previous: previous, key: auditKey) != stored {
                    problems.append("audit entry \(e.sequence) does not match its MAC (altered, inserted or reordered)")
                }
                previous = stored
                lastSequence = e.sequence
                lastMAC = stored
                expected += 1
            }
            let head = try index.meta("audit.head")
            if head != Self.headMAC(sequence: lastSequence, mac: lastMAC, key: auditKey) {
                problems.append("the audit trail's head does not match its last entry (entries removed from the end, or the head altered)")
            }
            return problems
        }
    }
}

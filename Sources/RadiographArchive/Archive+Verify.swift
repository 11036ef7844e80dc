import Crypto
import Foundation
import GRDB

/// What `verify` found.
public struct VerificationReport: Sendable, Hashable, Codable {
    public var objectsChecked: Int
    public var auditEntries: Int
    /// Everything wrong, one line each (no patient data); empty when the archive is intact.
    public var problems: [String]
    /// Files left by interrupted ingests (never committed, so nothing lost), removed by this verification.
    public var leftoversRemoved: Int

    public var isIntact: Bool { problems.isEmpty }
}

extension Archive {
    /// Checks every object (it exists, its GCM tag holds under its patient's key, its content
    /// matches the MAC recorded at ingest), that index and files agree (no object file without
    /// its row, no row without its file), the index's own integrity, and the audit chain.
    public func verify(actor: Actor) throws(ArchiveError) -> VerificationReport {
        try require(actor, .verify, "verify the archive")
        // Leftovers of interrupted ingests are collected first; stray files are problems only
        // when no other process is using the archive (otherwise they may be ingests in flight).
        let (alone, leftovers) = whileAlone { alone in (alone, alone ? collectOrphans(olderThan: -1) : 0) }
        var problems: [String] = []
        let rows = try read { db in
            try Row.fetchAll(db, sql: "SELECT i.object, i.content_mac, p.ref, p.wrapped_key FROM instances i JOIN patients p ON p.id = i.patient")
        }
        let integrity = try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        if integrity != ["ok"] { problems.append("index: " + integrity.prefix(5).joined(separator: "; ")) }
        var keys: [String: SymmetricKey] = [:]
        var known = Set<String>()
        for row in rows {
            let object: String = row["object"], ref: String = row["ref"]
            known.insert(object)
            do {
                let key: SymmetricKey
                if let k = keys[ref] { key = k } else {
                    key = try patientKey(ref: ref, wrapped: row["wrapped_key"])
                    keys[ref] = key
                }
                let bytes = try Seal.open(try loadObject(object), key: key, context: "object:" + object)
                if lookup.hash(bytes: bytes) != (row["content_mac"] as Data) {
                    problems.append("object \(object): content does not match the MAC recorded at ingest")
                }
            } catch {
                problems.append("object \(object): \(error)")
            }
        }
        let fm = FileManager.default
        for folder in (try? fm.contentsOfDirectory(atPath: objectsPath)) ?? [] {
            for name in (try? fm.contentsOfDirectory(atPath: objectsPath + "/" + folder)) ?? [] where !known.contains(name) && alone {
                problems.append("object file \(folder)/\(name) has no index entry")
            }
        }
        let auditProblems = try auditProblems()
        problems += auditProblems
        let entries = try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit") ?? 0 }
        try audit(actor, .verify, outcome: problems.isEmpty ? .success : .failed, detail: "\(rows.count) objects, \(problems.count) problems, \(leftovers) leftover files removed")
        return VerificationReport(objectsChecked: rows.count, auditEntries: entries, problems: problems, leftoversRemoved: leftovers)
    }
}

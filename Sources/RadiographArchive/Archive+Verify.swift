import Crypto
import Foundation

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
        var everything = IndexQuery()
        everything.includeRestricted = true
        let rows = try read { index in try index.instances(matching: everything) }
        let integrity: [String]
        do { integrity = try index.integrityProblems() } catch { throw Self.indexError(error) }
        if !integrity.isEmpty { problems.append("index: " + integrity.prefix(5).joined(separator: "; ")) }
        var keys = PatientKeys(archive: self)
        var known = Set<String>()
        for row in rows {
            let object = row.instance.object
            known.insert(object)
            do {
                let bytes = try openObject(row.instance, key: try keys.key(row.patient))
                if lookup.hash(bytes: bytes) != row.instance.contentMAC {
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
        let entries = try read { index in try index.auditEntryCount() }
        try audit(actor, .verify, outcome: problems.isEmpty ? .success : .failed, detail: "\(rows.count) objects, \(problems.count) problems, \(leftovers) leftover files removed")
        return VerificationReport(objectsChecked: rows.count, auditEntries: entries, problems: problems, leftoversRemoved: leftovers)
    }
}

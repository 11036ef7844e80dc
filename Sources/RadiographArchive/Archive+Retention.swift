import Crypto
import Foundation
import GRDB

/// One patient's place under the retention rule (no identifying data: the pseudonymous reference).
public struct RetentionStatus: Sendable, Hashable, Codable {
    public var patientRef: String
    public var lastContact: String
    public var expiry: String
    public var expired: Bool
    public var legalHold: Bool
    public var instances: Int
}

extension Archive {
    struct PatientRow {
        var id: Int64
        var ref: String
        var key: SymmetricKey
        var demographics: PatientDemographics
        var restricted: Bool
    }

    func patient(_ db: Database, id patientID: String) throws -> PatientRow? {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, ref, wrapped_key, demographics, restricted FROM patients WHERE id_hash = ?",
                                         arguments: [lookup.hash("patient-id", patientID)]) else { return nil }
        let ref: String = row["ref"]
        let key = try patientKey(ref: ref, wrapped: row["wrapped_key"])
        let demographics = try decode(PatientDemographics.self, Seal.open(row["demographics"], key: key, context: "demographics:" + ref))
        return PatientRow(id: row["id"], ref: ref, key: key, demographics: demographics, restricted: (row["restricted"] as Int) != 0)
    }

    /// Runs `body` on the patient `patientID` in a write transaction with its audit entry.
    func updatePatient(
        _ patientID: String, actor: Actor, action: ArchiveAction, what: String, detail: String,
        _ body: (Database, PatientRow) throws -> Void
    ) throws(ArchiveError) {
        try require(actor, action, what)
        var frozen: String?
        do {
            try write { db in
                guard let p = try self.patient(db, id: patientID) else { throw ArchiveError.invalidRequest("no such patient in the archive") }
                if p.restricted && actor.role != .administrator && action != .restrict {
                    frozen = p.ref
                    throw ArchiveError.forbidden(actor: actor.name, role: actor.role, action: "change a restricted patient's record")
                }
                try body(db, p)
                try self.appendAudit(db, actor, action, outcome: .success, patientRef: p.ref, detail: detail)
            }
        } catch {
            if let frozen { try? audit(actor, action, outcome: .refused, patientRef: frozen, detail: "patient record restricted") }
            throw error
        }
    }

    /// The last contact (visit) as the practice software records it; retention counts from it.
    public func setLastContact(patientID: String, date: DayDate, actor: Actor) throws(ArchiveError) {
        try updatePatient(patientID, actor: actor, action: .rectify, what: "change the record", detail: "last contact set") { db, p in
            try db.execute(sql: "UPDATE patients SET last_contact = ? WHERE id = ?", arguments: [date.description, p.id])
        }
    }

    /// The patient's date of death (retention: 10 years after it when that comes first).
    public func setDeathDate(patientID: String, date: DayDate?, actor: Actor) throws(ArchiveError) {
        try updatePatient(patientID, actor: actor, action: .rectify, what: "change the record", detail: "date of death recorded") { db, p in
            var d = p.demographics
            d.deathDate = date?.description
            let sealed = try Seal.seal(Self.json(d), key: p.key, context: "demographics:" + p.ref)
            try db.execute(sql: "UPDATE patients SET demographics = ? WHERE id = ?", arguments: [sealed, p.id])
        }
    }

    /// A legal hold keeps every record of the patient past expiry until it is lifted (administrators).
    public func setLegalHold(patientID: String, held: Bool, reason: String, actor: Actor) throws(ArchiveError) {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw .invalidRequest("a legal hold needs a reason") }
        try updatePatient(patientID, actor: actor, action: .delete, what: "place or lift legal holds",
                          detail: (held ? "legal hold placed: " : "legal hold lifted: ") + reason) { db, p in
            try db.execute(sql: "UPDATE patients SET legal_hold = ? WHERE id = ?", arguments: [held ? 1 : 0, p.id])
        }
    }

    /// Every patient's expiry under `rule` as of `today`.
    public func retentionReport(asOf today: DayDate, rule: RetentionRule = .frenchDental, actor: Actor) throws(ArchiveError) -> [RetentionStatus] {
        try require(actor, .retentionReport, "read the retention report")
        let statuses = try retentionStatuses(asOf: today, rule: rule)
        try audit(actor, .retentionReport, outcome: .success,
                  detail: "rule \(rule.name) v\(rule.version) as of \(today): \(statuses.filter(\.expired).count) expired")
        return statuses
    }

    func retentionStatuses(asOf today: DayDate, rule: RetentionRule) throws(ArchiveError) -> [RetentionStatus] {
        let rows = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.ref, p.wrapped_key, p.demographics, p.last_contact, p.legal_hold,
                       (SELECT count(*) FROM instances i WHERE i.patient = p.id) AS n
                FROM patients p ORDER BY p.id
                """)
        }
        var out: [RetentionStatus] = []
        for row in rows {
            let ref: String = row["ref"]
            let key = try patientKey(ref: ref, wrapped: row["wrapped_key"])
            let d = try decode(PatientDemographics.self, Seal.open(row["demographics"], key: key, context: "demographics:" + ref))
            let last: String = row["last_contact"]
            guard let contact = DayDate(last) else { throw .integrity(reason: "a last-contact date is not a date") }
            let expiry = rule.expiry(lastContact: contact, birth: d.birthDate.flatMap(DayDate.init), death: d.deathDate.flatMap(DayDate.init))
            let held = (row["legal_hold"] as Int) != 0
            out.append(RetentionStatus(
                patientRef: ref, lastContact: last, expiry: expiry.description, expired: today >= expiry, legalHold: held,
                instances: row["n"]))
        }
        return out
    }

    /// Destroys every expired patient not under legal hold: their key is deleted first
    /// (crypto-shredding: every copy of their objects, backups included, becomes unreadable),
    /// then their rows and object files. Each destruction leaves an audit record with the rule,
    /// the pseudonymous reference and the object names, and no patient data.
    @discardableResult
    public func purgeExpired(asOf today: DayDate, rule: RetentionRule = .frenchDental, actor: Actor) throws(ArchiveError) -> [RetentionStatus] {
        try require(actor, .retentionPurge, "purge expired records")
        let expired = try retentionStatuses(asOf: today, rule: rule).filter { $0.expired && !$0.legalHold }
        for status in expired {
            try destroy(ref: status.patientRef, actor: actor, action: .retentionPurge,
                        detail: "retention expired \(status.expiry) under \(rule.name) v\(rule.version)")
        }
        return expired
    }

    /// Deletes a patient before expiry: administrators only, with a reason, audited. (Erasure
    /// requests from patients are recorded with ``recordErasureRequest``; medical records under
    /// retention are not erased on request.)
    public func deletePatient(patientID: String, reason: String, actor: Actor) throws(ArchiveError) {
        try require(actor, .delete, "delete records")
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            try? audit(actor, .delete, outcome: .refused, detail: "deletion without a reason")
            throw .invalidRequest("deleting records before their retention ends needs a reason")
        }
        guard let ref = try patientRef(forID: patientID) else { throw .invalidRequest("no such patient in the archive") }
        try destroy(ref: ref, actor: actor, action: .delete, detail: "deleted before expiry: " + reason)
    }

    func destroy(ref: String, actor: Actor, action: ArchiveAction, detail: String) throws(ArchiveError) {
        let objects: [String] = try write { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM patients WHERE ref = ?", arguments: [ref]) else { return [] }
            let objects = try String.fetchAll(db, sql: "SELECT object FROM instances WHERE patient = ?", arguments: [id])
            // The key goes first (secure_delete overwrites the freed pages).
            try db.execute(sql: "UPDATE patients SET wrapped_key = zeroblob(length(wrapped_key)), demographics = x'' WHERE id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM instances WHERE patient = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM studies WHERE patient = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM patient_names WHERE patient = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM rectifications WHERE patient = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM patients WHERE id = ?", arguments: [id])
            try self.appendAudit(db, actor, action, outcome: .success, patientRef: ref, objects: objects, detail: detail)
            return objects
        }
        for object in objects { unlink(objectPath(object)) }
        // Old copies of the pages (the wrapped key among them) leave the WAL too.
        _ = try? db.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// Records a patient's erasure request and answers it: records under legal retention (or a
    /// legal hold) are kept, and the answer says until when and under which rule; expired ones
    /// are destroyed. Returns the answer, which the audit trail keeps.
    @discardableResult
    public func recordErasureRequest(
        patientID: String, asOf today: DayDate, rule: RetentionRule = .frenchDental, actor: Actor
    ) throws(ArchiveError) -> String {
        try require(actor, .eraseRequest, "record erasure requests")
        guard let ref = try patientRef(forID: patientID) else { throw .invalidRequest("no such patient in the archive") }
        guard let status = try retentionStatuses(asOf: today, rule: rule).first(where: { $0.patientRef == ref }) else {
            throw .invalidRequest("no such patient in the archive")
        }
        if status.expired && !status.legalHold {
            let answer = "granted: retention ended \(status.expiry) under \(rule.name) v\(rule.version); records destroyed"
            try destroy(ref: ref, actor: actor, action: .eraseRequest, detail: answer)
            return answer
        }
        let answer = status.legalHold
            ? "refused: the records are under a legal hold"
            : "refused: medical records kept by law until \(status.expiry) (\(rule.name) v\(rule.version)); the request is recorded"
        try audit(actor, .eraseRequest, outcome: .refused, patientRef: ref, detail: answer)
        return answer
    }
}

import Crypto
import Foundation

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
    /// A patient's row with its data key and demographics opened.
    struct PatientRow {
        var row: IndexPatient
        var key: SymmetricKey
        var demographics: PatientDemographics

        var id: Int64 { row.id }
        var ref: String { row.ref }
        var restricted: Bool { row.restricted }
    }

    func patient(_ index: any ArchiveIndexReader, id patientID: String) throws -> PatientRow? {
        guard let row = try index.patient(idHash: lookup.hash("patient-id", patientID)) else { return nil }
        let key = try patientKey(ref: row.ref, wrapped: row.wrappedKey)
        let demographics = try decode(PatientDemographics.self, Seal.open(row.demographics, key: key, context: "demographics:" + row.ref))
        return PatientRow(row: row, key: key, demographics: demographics)
    }

    /// Runs `body` on the patient `patientID` in a write transaction with its audit entry; the
    /// row `body` leaves in `p.row` is written back.
    func updatePatient(
        _ patientID: String, actor: Actor, action: ArchiveAction, what: String, detail: String,
        _ body: (any ArchiveIndexWriter, inout PatientRow) throws -> Void
    ) throws(ArchiveError) {
        try require(actor, action, what)
        var frozen: String?
        do {
            try write { index in
                guard var p = try self.patient(index, id: patientID) else { throw ArchiveError.invalidRequest("no such patient in the archive") }
                if p.restricted && actor.role != .administrator && action != .restrict {
                    frozen = p.ref
                    throw ArchiveError.forbidden(actor: actor.name, role: actor.role, action: "change a restricted patient's record")
                }
                try body(index, &p)
                try index.updatePatient(p.row)
                try self.appendAudit(index, actor, action, outcome: .success, patientRef: p.ref, detail: detail)
            }
        } catch {
            if let frozen { try? audit(actor, action, outcome: .refused, patientRef: frozen, detail: "patient record restricted") }
            throw error
        }
    }

    /// The last contact (visit) as the practice software records it; retention counts from it.
    public func setLastContact(patientID: String, date: DayDate, actor: Actor) throws(ArchiveError) {
        try updatePatient(patientID, actor: actor, action: .rectify, what: "change the record", detail: "last contact set") { _, p in
            p.row.lastContact = date.description
        }
    }

    /// The patient's date of death (retention: 10 years after it when that comes first).
    public func setDeathDate(patientID: String, date: DayDate?, actor: Actor) throws(ArchiveError) {
        try updatePatient(patientID, actor: actor, action: .rectify, what: "change the record", detail: "date of death recorded") { _, p in
            var d = p.demographics
            d.deathDate = date?.description
            p.row.demographics = try Seal.seal(Self.json(d), key: p.key, context: "demographics:" + p.ref)
        }
    }

    /// A legal hold keeps every record of the patient past expiry until it is lifted (administrators).
    public func setLegalHold(patientID: String, held: Bool, reason: String, actor: Actor) throws(ArchiveError) {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw .invalidRequest("a legal hold needs a reason") }
        try updatePatient(patientID, actor: actor, action: .delete, what: "place or lift legal holds",
                          detail: (held ? "legal hold placed: " : "legal hold lifted: ") + reason) { _, p in
            p.row.legalHold = held
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
        let (patients, counts) = try read { index in (try index.allPatients(), try index.instanceCounts()) }
        var out: [RetentionStatus] = []
        for p in patients {
            let key = try patientKey(ref: p.ref, wrapped: p.wrappedKey)
            let d = try decode(PatientDemographics.self, Seal.open(p.demographics, key: key, context: "demographics:" + p.ref))
            guard let contact = DayDate(p.lastContact) else { throw .integrity(reason: "a last-contact date is not a date") }
            let expiry = rule.expiry(lastContact: contact, birth: d.birthDate.flatMap(DayDate.init), death: d.deathDate.flatMap(DayDate.init))
            out.append(RetentionStatus(
                patientRef: p.ref, lastContact: p.lastContact, expiry: expiry.description, expired: today >= expiry, legalHold: p.legalHold,
                instances: counts[p.id] ?? 0))
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
        let objects: [String] = try write { index in
            guard let p = try index.patient(ref: ref) else { return [] }
            var query = IndexQuery()
            query.patient = p.id
            query.includeRestricted = true
            let objects = try index.instances(matching: query).map(\.instance.object)
            try index.destroyPatient(p.id)
            try self.appendAudit(index, actor, action, outcome: .success, patientRef: ref, objects: objects, detail: detail)
            return objects
        }
        for object in objects { unlink(objectPath(object)) }
        // Old copies of the pages (the wrapped key among them) leave the WAL too.
        try? index.purgeOldVersions()
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

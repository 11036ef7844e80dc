import Crypto
import Foundation
import GRDB

/// A correction of a patient's demographics, as the history keeps it.
public struct Rectification: Sendable, Hashable, Codable {
    public var time: String
    public var actor: String
    public var before: PatientDemographics
    public var after: PatientDemographics
    public var reason: String
}

extension Archive {
    /// Corrects a patient's demographics (the fields given), keeping the previous values in a
    /// history sealed with the patient's key; lookups follow the new values. Audited.
    public func rectify(
        patientID: String, newPatientID: String? = nil, name: String? = nil, birthDate: String? = nil, sex: String? = nil,
        reason: String, actor: Actor
    ) throws(ArchiveError) {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw .invalidRequest("a rectification needs a reason") }
        if let birthDate, DayDate(birthDate) == nil { throw .invalidRequest("the birth date must be a real date, YYYYMMDD") }
        if let newPatientID, newPatientID.trimmingCharacters(in: .whitespaces).isEmpty { throw .invalidRequest("an empty patient ID") }
        try updatePatient(patientID, actor: actor, action: .rectify, what: "correct the record", detail: "demographics corrected") { db, p in
            var after = p.demographics
            if let newPatientID { after.patientID = newPatientID }
            if let name { after.name = name }
            if let birthDate { after.birthDate = birthDate }
            if let sex { after.sex = sex }
            let idHash = self.lookup.hash("patient-id", after.patientID)
            if after.patientID != p.demographics.patientID,
                try Int64.fetchOne(db, sql: "SELECT id FROM patients WHERE id_hash = ?", arguments: [idHash]) != nil
            {
                throw ArchiveError.conflict(source: "rectification", reason: "another patient already has the new patient ID")
            }
            let formatter = ISO8601DateFormatter()
            let change = Rectification(time: formatter.string(from: Date()), actor: actor.name, before: p.demographics, after: after, reason: reason)
            try db.execute(sql: "INSERT INTO rectifications(patient, time, actor, change) VALUES (?,?,?,?)",
                           arguments: [p.id, change.time, actor.name, try Seal.seal(Self.json(change), key: p.key, context: "rectification:" + p.ref)])
            try db.execute(sql: "UPDATE patients SET id_hash = ?, birth_hash = ?, demographics = ? WHERE id = ?",
                           arguments: [idHash, after.birthDate.map { self.lookup.hash("birth", $0) },
                                       try Seal.seal(Self.json(after), key: p.key, context: "demographics:" + p.ref), p.id])
            try db.execute(sql: "DELETE FROM patient_names WHERE patient = ?", arguments: [p.id])
            for token in self.lookup.nameTokens(after.name ?? "") {
                try db.execute(sql: "INSERT OR IGNORE INTO patient_names(patient, token) VALUES (?, ?)", arguments: [p.id, token])
            }
        }
    }

    /// Every correction of the patient's record, oldest first.
    public func rectificationHistory(patientID: String, actor: Actor) throws(ArchiveError) -> [Rectification] {
        try require(actor, .read, "read the record's history")
        let (ref, key, sealed): (String, SymmetricKey, [Data]) = try read { db in
            guard let p = try self.patient(db, id: patientID) else { throw ArchiveError.invalidRequest("no such patient in the archive") }
            return (p.ref, p.key, try Data.fetchAll(db, sql: "SELECT change FROM rectifications WHERE patient = ? ORDER BY id", arguments: [p.id]))
        }
        var out: [Rectification] = []
        for s in sealed { out.append(try decode(Rectification.self, Seal.open(s, key: key, context: "rectification:" + ref))) }
        try audit(actor, .read, outcome: .success, patientRef: ref, detail: "rectification history read")
        return out
    }

    /// Restricts processing of a patient's records (GDPR art. 18): frozen, readable by
    /// administrators only, still under retention. Practitioners and administrators restrict;
    /// only administrators lift a restriction.
    public func restrict(patientID: String, restricted: Bool, reason: String, actor: Actor) throws(ArchiveError) {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw .invalidRequest("a restriction needs a reason") }
        if !restricted && actor.role != .administrator {
            try? audit(actor, .restrict, outcome: .refused, detail: "lifting a restriction is for administrators")
            throw .forbidden(actor: actor.name, role: actor.role, action: "lift a restriction")
        }
        try updatePatient(patientID, actor: actor, action: .restrict, what: "restrict processing",
                          detail: (restricted ? "processing restricted: " : "restriction lifted: ") + reason) { db, p in
            try db.execute(sql: "UPDATE patients SET restricted = ? WHERE id = ?", arguments: [restricted ? 1 : 0, p.id])
        }
    }
}

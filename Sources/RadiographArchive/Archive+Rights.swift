import Crypto
import Foundation

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
        try updatePatient(patientID, actor: actor, action: .rectify, what: "correct the record", detail: "demographics corrected") { index, p in
            var after = p.demographics
            if let newPatientID { after.patientID = newPatientID }
            if let name { after.name = name }
            if let birthDate { after.birthDate = birthDate }
            if let sex { after.sex = sex }
            let idHash = self.lookup.hash("patient-id", after.patientID)
            if after.patientID != p.demographics.patientID, try index.patient(idHash: idHash) != nil {
                throw ArchiveError.conflict(source: "rectification", reason: "another patient already has the new patient ID")
            }
            let formatter = ISO8601DateFormatter()
            let change = Rectification(time: formatter.string(from: Date()), actor: actor.name, before: p.demographics, after: after, reason: reason)
            try index.appendRectification(
                patient: p.id, time: change.time, actor: actor.name,
                sealed: try Seal.seal(Self.json(change), key: p.key, context: "rectification:" + p.ref))
            p.row.idHash = idHash
            p.row.birthHash = after.birthDate.map { self.lookup.hash("birth", $0) }
            p.row.demographics = try Seal.seal(Self.json(after), key: p.key, context: "demographics:" + p.ref)
            try index.setNameTokens(patient: p.id, self.lookup.nameTokens(after.name ?? ""))
        }
    }

    /// Every correction of the patient's record, oldest first.
    public func rectificationHistory(patientID: String, actor: Actor) throws(ArchiveError) -> [Rectification] {
        try require(actor, .read, "read the record's history")
        let (ref, key, sealed): (String, SymmetricKey, [Data]) = try read { index in
            guard let p = try self.patient(index, id: patientID) else { throw ArchiveError.invalidRequest("no such patient in the archive") }
            return (p.ref, p.key, try index.rectifications(patient: p.id))
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
                          detail: (restricted ? "processing restricted: " : "restriction lifted: ") + reason) { _, p in
            p.row.restricted = restricted
        }
    }
}

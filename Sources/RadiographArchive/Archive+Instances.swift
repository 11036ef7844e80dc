import Crypto
import Foundation
import RadiographAnnotation
import RadiographDICOM

/// A patient's demographics as the archive keeps them (sealed with the patient's key).
public struct PatientDemographics: Sendable, Hashable, Codable {
    public var patientID: String
    public var name: String?
    public var birthDate: String?
    public var sex: String?
    /// Set by the practice (``Archive/setDeathDate(patientID:date:actor:)``), for retention.
    public var deathDate: String?
}

/// One archived image, as a query returns it (decrypted for the actor who asked).
public struct InstanceRecord: Sendable, Hashable, Codable {
    public var patient: PatientDemographics
    /// The patient's pseudonymous reference (what the audit trail names).
    public var patientRef: String
    public var studyInstanceUID: String
    public var studyDate: String?
    public var studyDescription: String?
    public var seriesInstanceUID: String
    public var sopInstanceUID: String
    public var sopClassUID: String
    public var modality: String?
    public var teeth: [Int]
    public var size: Int
    /// When it was ingested (ISO 8601).
    public var ingested: String
}

/// What an ingest did.
public enum IngestOutcome: Sendable, Hashable {
    /// Stored as a new object.
    case stored(sopInstanceUID: String)
    /// The same bytes were already there: nothing written.
    case alreadyPresent(sopInstanceUID: String)
}

/// A query: every given criterion must match. Names match any of their words, ignoring case and
/// accents ("Émile" finds "EMILE^MARTIN"); dates are YYYYMMDD.
public struct ArchiveQuery: Sendable, Hashable {
    public var patientID: String?
    public var name: String?
    public var birthDate: String?
    public var studyDateFrom: String?
    public var studyDateTo: String?
    public var modality: String?
    public var tooth: Int?

    public init(
        patientID: String? = nil, name: String? = nil, birthDate: String? = nil, studyDateFrom: String? = nil,
        studyDateTo: String? = nil, modality: String? = nil, tooth: Int? = nil
    ) {
        self.patientID = patientID
        self.name = name
        self.birthDate = birthDate
        self.studyDateFrom = studyDateFrom
        self.studyDateTo = studyDateTo
        self.modality = modality
        self.tooth = tooth
    }
}

struct StudyDetails: Codable { var uid: String; var description: String?; var accession: String? }
struct InstanceDetails: Codable { var sopInstanceUID: String; var sopClassUID: String; var seriesInstanceUID: String }

extension Archive {
    static func today() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd"
        return f.string(from: Date())
    }

    static func json<T: Encodable>(_ value: T) -> Data { (try? JSONEncoder().encode(value)) ?? Data() }

    func patientKey(ref: String, wrapped: Data) throws(ArchiveError) -> SymmetricKey {
        try master.unwrap(wrapped, context: "patient:" + ref)
    }

    func patientRef(forID id: String) throws(ArchiveError) -> String? {
        let hash = lookup.hash("patient-id", id)
        return try read { index in try index.patient(idHash: hash)?.ref }
    }

    /// Ingests the DICOM file at `path`. Idempotent by SOP Instance UID: the same bytes again
    /// change nothing; different bytes under a UID already archived are refused (and audited).
    /// The object is encrypted, written to a temporary file, flushed, renamed and its folder
    /// flushed before the index commits; the audit entry commits with the index rows.
    @discardableResult
    public func ingest(file path: String, actor: Actor) throws(ArchiveError) -> IngestOutcome {
        try require(actor, .ingest, "ingest images")
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, operation: "read", reason: FileManager.default.fileExists(atPath: path) ? "unreadable" : "no such file")
        }
        // The metadata from the file itself: the in-memory parser copies the bytes into a memfd,
        // which a file-size limit or a full /dev/shm would make fail with a misleading message.
        let metadata: DICOMMetadata
        do { metadata = try DICOMReader.readMetadata(contentsOf: path) } catch {
            try? audit(actor, .ingest, outcome: .failed, detail: "not a DICOM image the archive takes")
            throw .dicom(error)
        }
        return try ingest(bytes: bytes, metadata: metadata, source: path, actor: actor)
    }

    /// Ingests a DICOM object held in memory (an acquisition station's capture), as
    /// ``ingest(file:actor:)``; `source` names it in errors.
    @discardableResult
    public func ingest(bytes: [UInt8], source: String = "<memory>", actor: Actor) throws(ArchiveError) -> IngestOutcome {
        try require(actor, .ingest, "ingest images")
        let metadata: DICOMMetadata
        do { metadata = try DICOMReader.readMetadata(bytes: bytes, source: source) } catch {
            try? audit(actor, .ingest, outcome: .failed, detail: "not a DICOM image the archive takes")
            throw .dicom(error)
        }
        return try ingest(bytes: Data(bytes), metadata: metadata, source: source, actor: actor)
    }

    func ingest(bytes: Data, metadata m: DICOMMetadata, source: String, actor: Actor) throws(ArchiveError) -> IngestOutcome {
        guard let patientID = m.patientID?.trimmingCharacters(in: .whitespaces), !patientID.isEmpty,
            let study = m.studyInstanceUID, let sop = m.sopInstanceUID, let series = m.seriesInstanceUID
        else {
            try? audit(actor, .ingest, outcome: .failed, detail: "missing Patient ID, Study, Series or SOP Instance UID")
            throw .invalidRequest("\(source): the archive needs Patient ID, Study, Series and SOP Instance UIDs")
        }
        let sopHash = lookup.hash("sop", sop)
        let contentMAC = lookup.hash(bytes: bytes)
        // Already there?
        if let existing = try read({ index in try index.instance(sopHash: sopHash) }) {
            let ref = existing.patient.ref
            if existing.instance.contentMAC == contentMAC {
                try audit(actor, .ingest, outcome: .success, patientRef: ref, detail: "already present: nothing written")
                return .alreadyPresent(sopInstanceUID: sop)
            }
            try audit(actor, .ingest, outcome: .refused, patientRef: ref, detail: "different bytes under an archived SOP Instance UID")
            throw .conflict(source: source, reason: "another object with this SOP Instance UID is archived with different content: refused")
        }
        // The patient (found by keyed hash) and their key, created on first sight.
        let idHash = lookup.hash("patient-id", patientID)
        let demographics = PatientDemographics(patientID: patientID, name: m.patientName, birthDate: m.patientBirthDate, sex: m.patientSex)
        let found = try read { index in try index.patient(idHash: idHash) }
        if let found, found.restricted, actor.role != .administrator {
            try? audit(actor, .ingest, outcome: .refused, patientRef: found.ref, detail: "patient record restricted")
            throw .forbidden(actor: actor.name, role: actor.role, action: "add images to a restricted patient's record")
        }
        let contact = m.studyDate.flatMap { $0.count == 8 ? $0 : nil } ?? Self.today()
        let key: SymmetricKey
        // A patient seen for the first time gets a key and a row (written with the instance).
        var newPatient: IndexPatient?
        let ref: String
        if let found {
            key = try patientKey(ref: found.ref, wrapped: found.wrappedKey)
            ref = found.ref
        } else {
            ref = UUID().uuidString.lowercased()
            key = SymmetricKey(size: .bits256)
            newPatient = IndexPatient(
                ref: ref, idHash: idHash, birthHash: m.patientBirthDate.map { lookup.hash("birth", $0) },
                wrappedKey: try master.wrap(key, context: "patient:" + ref),
                demographics: try Seal.seal(Self.json(demographics), key: key, context: "demographics:" + ref), lastContact: contact)
        }
        // The object first: encrypted, durable, named at random. Counted as in flight until its
        // row commits, so orphan collection in this process waits for it.
        ingestsInFlight.withLock { $0 += 1 }
        defer { ingestsInFlight.withLock { $0 -= 1 } }
        let object = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        do {
            try storeObject(try Seal.seal(bytes, key: key, context: "object:" + object), name: object)
        } catch {
            // Nothing was committed; the failure is recorded (if the index can still take it).
            try? audit(actor, .ingest, outcome: .failed, patientRef: newPatient == nil ? ref : nil, detail: "object could not be stored")
            throw error
        }
        let studyDetails = try Seal.seal(
            Self.json(StudyDetails(uid: study, description: m.studyDescription, accession: m.accessionNumber)), key: key,
            context: "study:" + ref)
        let instanceDetails = try Seal.seal(
            Self.json(InstanceDetails(sopInstanceUID: sop, sopClassUID: m.sopClassUID ?? "", seriesInstanceUID: series)), key: key,
            context: "instance:" + object)
        let teeth = m.primaryAnatomicStructures.compactMap { Tooth(snomedCode: $0.value)?.fdi }
        do {
            try write { index in
                let patientRow: Int64
                if let newPatient {
                    // Another process may have created this patient meanwhile: use theirs then.
                    if try index.patient(idHash: idHash) != nil { throw ArchiveError.index(reason: Archive.concurrentChange) }
                    patientRow = try index.insertPatient(newPatient)
                    try index.setNameTokens(patient: patientRow, lookup.nameTokens(m.patientName ?? ""))
                } else {
                    guard var p = try index.patient(idHash: idHash), p.ref == ref else { throw ArchiveError.index(reason: Archive.concurrentChange) }
                    p.lastContact = max(p.lastContact, contact)
                    try index.updatePatient(p)
                    patientRow = p.id
                }
                let studyHash = lookup.hash("study", study)
                let studyRow = try index.study(uidHash: studyHash)?.id
                    ?? index.insertStudy(IndexStudy(patient: patientRow, uidHash: studyHash, studyDate: m.studyDate, details: studyDetails))
                do {
                    try index.insertInstance(IndexInstance(
                        study: studyRow, patient: patientRow, sopHash: sopHash, contentMAC: contentMAC, object: object, size: bytes.count,
                        modality: m.modality, teeth: teeth, ingested: ISO8601DateFormatter().string(from: Date()), details: instanceDetails))
                } catch IndexStoreError.duplicateInstance {
                    throw ArchiveError.index(reason: Archive.concurrentChange)
                }
                try appendAudit(index, actor, .ingest, outcome: .success, patientRef: ref, objects: [object], detail: "stored")
            }
        } catch {
            unlink(objectPath(object))
            // Another process created the patient, or committed this very UID, meanwhile: start
            // again (the second case then finds it "already there").
            if case .index(let reason) = error, reason == Archive.concurrentChange {
                return try ingest(bytes: bytes, metadata: m, source: source, actor: actor)
            }
            try? audit(actor, .ingest, outcome: .failed, patientRef: ref, detail: "index commit failed")
            throw error
        }
        return .stored(sopInstanceUID: sop)
    }

    /// Every instance matching `query` (one patient's, usually), decrypted. Practitioners see
    /// everything; assistants see the list too (no pixels). Restricted patients are returned to
    /// administrators only. The query is audited per patient returned.
    public func query(_ q: ArchiveQuery, actor: Actor) throws(ArchiveError) -> [InstanceRecord] {
        try require(actor, .query, "query the archive")
        var criteria = IndexQuery()
        criteria.patientIDHash = q.patientID.map { lookup.hash("patient-id", $0) }
        criteria.birthHash = q.birthDate.map { lookup.hash("birth", $0) }
        if let name = q.name {
            let tokens = LookupHasher.tokens(name)
            guard !tokens.isEmpty else { throw .invalidRequest("a name query needs a letter or digit") }
            criteria.nameTokens = tokens.map { lookup.hash("name", $0) }
        }
        criteria.studyDateFrom = q.studyDateFrom
        criteria.studyDateTo = q.studyDateTo
        criteria.modality = q.modality?.uppercased()
        criteria.tooth = q.tooth
        criteria.includeRestricted = actor.role == .administrator
        let matches = try read { index in try index.instances(matching: criteria) }
        var keys = PatientKeys(archive: self)
        // A patient's demographics and a study's details are opened once, not once per image.
        var patients: [String: PatientDemographics] = [:]
        var studies: [Int64: StudyDetails] = [:]
        var records: [InstanceRecord] = []
        for match in matches {
            let p = match.patient, object = match.instance.object
            let key = try keys.key(p)
            let demographics: PatientDemographics
            if let known = patients[p.ref] { demographics = known } else {
                demographics = try decode(PatientDemographics.self, Seal.open(p.demographics, key: key, context: "demographics:" + p.ref))
                patients[p.ref] = demographics
            }
            let study: StudyDetails
            if let known = studies[match.study.id] { study = known } else {
                study = try decode(StudyDetails.self, Seal.open(match.study.details, key: key, context: "study:" + p.ref))
                studies[match.study.id] = study
            }
            let instance = try decode(InstanceDetails.self, Seal.open(match.instance.details, key: key, context: "instance:" + object))
            records.append(InstanceRecord(
                patient: demographics, patientRef: p.ref, studyInstanceUID: study.uid, studyDate: match.study.studyDate,
                studyDescription: study.description, seriesInstanceUID: instance.seriesInstanceUID,
                sopInstanceUID: instance.sopInstanceUID, sopClassUID: instance.sopClassUID, modality: match.instance.modality,
                teeth: match.instance.teeth, size: match.instance.size, ingested: match.instance.ingested))
        }
        try write { index in
            if patients.isEmpty {
                try self.appendAudit(index, actor, .query, outcome: .success, detail: "no match")
            }
            for ref in patients.keys.sorted() {
                try self.appendAudit(index, actor, .query, outcome: .success, patientRef: ref,
                                     detail: "\(records.filter { $0.patientRef == ref }.count) instances listed")
            }
        }
        return records
    }

    /// The DICOM bytes of the instance `sopInstanceUID`, decrypted and checked (GCM tag and the
    /// recorded content MAC). Audited.
    public func read(sopInstanceUID: String, actor: Actor) throws(ArchiveError) -> Data {
        let sopHash = lookup.hash("sop", sopInstanceUID)
        guard Permissions.allows(actor.role, .read) else {
            let ref = try? read { index in try index.instance(sopHash: sopHash)?.patient.ref }
            try require(actor, .read, "view images", patientRef: ref ?? nil)
            throw .forbidden(actor: actor.name, role: actor.role, action: "view images")
        }
        guard let found = try read({ index in try index.instance(sopHash: sopHash) }) else {
            throw .invalidRequest("no instance with this SOP Instance UID in the archive")
        }
        let ref = found.patient.ref, object = found.instance.object
        if found.patient.restricted && actor.role != .administrator {
            try? audit(actor, .read, outcome: .refused, patientRef: ref, objects: [object], detail: "patient record restricted")
            throw .forbidden(actor: actor.name, role: actor.role, action: "view a restricted patient's images")
        }
        let bytes = try openObject(found.instance, key: try patientKey(ref: ref, wrapped: found.patient.wrappedKey))
        guard lookup.hash(bytes: bytes) == found.instance.contentMAC else {
            try? audit(actor, .read, outcome: .failed, patientRef: ref, objects: [object], detail: "content does not match its MAC")
            throw .integrity(reason: "object \(object) does not match what was ingested")
        }
        try audit(actor, .read, outcome: .success, patientRef: ref, objects: [object], detail: "read")
        return bytes
    }

    /// The object's DICOM bytes, decrypted (the GCM tag checked) with its patient's key.
    func openObject(_ instance: IndexInstance, key: SymmetricKey) throws(ArchiveError) -> Data {
        try Seal.open(try loadObject(instance.object), key: key, context: "object:" + instance.object)
    }

    func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws(ArchiveError) -> T {
        do { return try JSONDecoder().decode(type, from: data) } catch { throw .integrity(reason: "a sealed record does not decode") }
    }
}

/// Patients' data keys, unwrapped once each.
struct PatientKeys {
    let archive: Archive
    private var keys: [String: SymmetricKey] = [:]

    init(archive: Archive) { self.archive = archive }

    mutating func key(_ patient: IndexPatient) throws(ArchiveError) -> SymmetricKey {
        if let key = keys[patient.ref] { return key }
        let key = try archive.patientKey(ref: patient.ref, wrapped: patient.wrappedKey)
        keys[patient.ref] = key
        return key
    }
}

extension Archive {
    /// Internal: another process created the patient (with its own key) or committed the same SOP
    /// Instance UID between our look and our write; the ingest starts again and finds theirs.
    static let concurrentChange = "changed concurrently by another process; retrying"
}

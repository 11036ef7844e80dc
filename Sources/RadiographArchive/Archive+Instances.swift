import Crypto
import Foundation
import GRDB
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
        return try read { db in try String.fetchOne(db, sql: "SELECT ref FROM patients WHERE id_hash = ?", arguments: [hash]) }
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
        if let existing = try read({ db in
            try Row.fetchOne(db, sql: "SELECT i.content_mac, p.ref FROM instances i JOIN patients p ON p.id = i.patient WHERE sop_hash = ?",
                             arguments: [sopHash])
        }) {
            let ref: String = existing["ref"]
            if (existing["content_mac"] as Data) == contentMAC {
                try audit(actor, .ingest, outcome: .success, patientRef: ref, detail: "already present: nothing written")
                return .alreadyPresent(sopInstanceUID: sop)
            }
            try audit(actor, .ingest, outcome: .refused, patientRef: ref, detail: "different bytes under an archived SOP Instance UID")
            throw .conflict(source: source, reason: "another object with this SOP Instance UID is archived with different content: refused")
        }
        // The patient (found by keyed hash) and their key, created on first sight.
        let idHash = lookup.hash("patient-id", patientID)
        let demographics = PatientDemographics(patientID: patientID, name: m.patientName, birthDate: m.patientBirthDate, sex: m.patientSex)
        let found = try read { db in
            try Row.fetchOne(db, sql: "SELECT id, ref, wrapped_key, restricted FROM patients WHERE id_hash = ?", arguments: [idHash])
        }
        if let found, (found["restricted"] as Int) != 0, actor.role != .administrator {
            try? audit(actor, .ingest, outcome: .refused, patientRef: found["ref"], detail: "patient record restricted")
            throw .forbidden(actor: actor.name, role: actor.role, action: "add images to a restricted patient's record")
        }
        var patient = found.map { (id: $0["id"] as Int64?, ref: $0["ref"] as String, wrapped: $0["wrapped_key"] as Data) }
        let key: SymmetricKey
        var newPatient: (ref: String, wrapped: Data, sealed: Data)?
        if let p = patient {
            key = try patientKey(ref: p.ref, wrapped: p.wrapped)
        } else {
            let ref = UUID().uuidString.lowercased()
            key = SymmetricKey(size: .bits256)
            let wrapped = try master.wrap(key, context: "patient:" + ref)
            newPatient = (ref, wrapped, try Seal.seal(Self.json(demographics), key: key, context: "demographics:" + ref))
            patient = (nil, ref, wrapped)
        }
        let ref = patient!.ref
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
        let teeth = " " + m.primaryAnatomicStructures.compactMap { Tooth(snomedCode: $0.value)?.fdi }.map(String.init).joined(separator: " ") + " "
        let contact = m.studyDate.flatMap { $0.count == 8 ? $0 : nil } ?? Self.today()
        do {
            try write { db in
                var patientRow = patient!.id
                if let n = newPatient {
                    // Another process may have created this patient meanwhile: use theirs then.
                    if try Int64.fetchOne(db, sql: "SELECT id FROM patients WHERE id_hash = ?", arguments: [idHash]) != nil {
                        throw ArchiveError.index(reason: Archive.patientRace)
                    }
                    try db.execute(
                        sql: "INSERT INTO patients(ref, id_hash, birth_hash, wrapped_key, demographics, last_contact) VALUES (?,?,?,?,?,?)",
                        arguments: [n.ref, idHash, m.patientBirthDate.map { lookup.hash("birth", $0) }, n.wrapped, n.sealed, contact])
                    patientRow = db.lastInsertedRowID
                    for token in lookup.nameTokens(m.patientName ?? "") {
                        try db.execute(sql: "INSERT OR IGNORE INTO patient_names(patient, token) VALUES (?, ?)", arguments: [patientRow, token])
                    }
                } else {
                    try db.execute(sql: "UPDATE patients SET last_contact = max(last_contact, ?) WHERE id = ?", arguments: [contact, patientRow])
                }
                let studyHash = lookup.hash("study", study)
                var studyRow = try Int64.fetchOne(db, sql: "SELECT id FROM studies WHERE uid_hash = ?", arguments: [studyHash])
                if studyRow == nil {
                    try db.execute(sql: "INSERT INTO studies(patient, uid_hash, study_date, details) VALUES (?,?,?,?)",
                                   arguments: [patientRow, studyHash, m.studyDate, studyDetails])
                    studyRow = db.lastInsertedRowID
                }
                try db.execute(
                    sql: "INSERT INTO instances(study, patient, sop_hash, content_mac, object, size, modality, teeth, ingested, details) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    arguments: [studyRow, patientRow, sopHash, contentMAC, object, bytes.count, m.modality, teeth,
                                ISO8601DateFormatter().string(from: Date()), instanceDetails])
                try appendAudit(db, actor, .ingest, outcome: .success, patientRef: ref, objects: [object], detail: "stored")
            }
        } catch {
            unlink(objectPath(object))
            if case .index(let reason) = error, reason == Archive.patientRace {
                return try ingest(bytes: bytes, metadata: m, source: source, actor: actor)
            }
            // A UID that raced in from another process is the same case as "already there".
            if "\(error)".contains("UNIQUE constraint failed: instances.sop_hash") {
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
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let id = q.patientID { conditions.append("p.id_hash = ?"); arguments.append(lookup.hash("patient-id", id)) }
        if let birth = q.birthDate { conditions.append("p.birth_hash = ?"); arguments.append(lookup.hash("birth", birth)) }
        if let name = q.name {
            let tokens = LookupHasher.tokens(name)
            guard !tokens.isEmpty else { throw .invalidRequest("a name query needs a letter or digit") }
            for token in tokens {
                conditions.append("p.id IN (SELECT patient FROM patient_names WHERE token = ?)")
                arguments.append(lookup.hash("name", token))
            }
        }
        if let from = q.studyDateFrom { conditions.append("s.study_date >= ?"); arguments.append(from) }
        if let to = q.studyDateTo { conditions.append("s.study_date <= ?"); arguments.append(to) }
        if let modality = q.modality { conditions.append("i.modality = ?"); arguments.append(modality.uppercased()) }
        if let tooth = q.tooth { conditions.append("i.teeth LIKE ?"); arguments.append("% \(tooth) %") }
        if actor.role != .administrator { conditions.append("p.restricted = 0") }
        let sql = """
            SELECT p.ref, p.wrapped_key, p.demographics, s.study_date, s.details AS study_details, i.object, i.size, i.modality,
                   i.teeth, i.ingested, i.details AS instance_details
            FROM instances i JOIN studies s ON s.id = i.study JOIN patients p ON p.id = i.patient
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY s.study_date, i.id
            """
        let rows = try read { db in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)) }
        var keys: [String: SymmetricKey] = [:]
        var records: [InstanceRecord] = []
        for row in rows {
            let ref: String = row["ref"]
            let key: SymmetricKey
            if let k = keys[ref] { key = k } else {
                key = try patientKey(ref: ref, wrapped: row["wrapped_key"])
                keys[ref] = key
            }
            let object: String = row["object"]
            let demographics = try decode(PatientDemographics.self, Seal.open(row["demographics"], key: key, context: "demographics:" + ref))
            let study = try decode(StudyDetails.self, Seal.open(row["study_details"], key: key, context: "study:" + ref))
            let instance = try decode(InstanceDetails.self, Seal.open(row["instance_details"], key: key, context: "instance:" + object))
            records.append(InstanceRecord(
                patient: demographics, patientRef: ref, studyInstanceUID: study.uid, studyDate: row["study_date"],
                studyDescription: study.description, seriesInstanceUID: instance.seriesInstanceUID,
                sopInstanceUID: instance.sopInstanceUID, sopClassUID: instance.sopClassUID, modality: row["modality"],
                teeth: (row["teeth"] as String).split(separator: " ").compactMap { Int($0) }, size: row["size"], ingested: row["ingested"]))
        }
        let patients = Set(records.map(\.patientRef))
        try write { db in
            if patients.isEmpty {
                try self.appendAudit(db, actor, .query, outcome: .success, detail: "no match")
            }
            for ref in patients.sorted() {
                try self.appendAudit(db, actor, .query, outcome: .success, patientRef: ref,
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
            let ref = try? read { db in
                try String.fetchOne(db, sql: "SELECT p.ref FROM instances i JOIN patients p ON p.id = i.patient WHERE sop_hash = ?", arguments: [sopHash])
            }
            try require(actor, .read, "view images", patientRef: ref ?? nil)
            throw .forbidden(actor: actor.name, role: actor.role, action: "view images")
        }
        guard let row = try read({ db in
            try Row.fetchOne(db, sql: "SELECT i.object, i.content_mac, p.ref, p.wrapped_key, p.restricted FROM instances i JOIN patients p ON p.id = i.patient WHERE sop_hash = ?",
                             arguments: [sopHash])
        }) else { throw .invalidRequest("no instance with this SOP Instance UID in the archive") }
        let ref: String = row["ref"], object: String = row["object"]
        if (row["restricted"] as Int) != 0 && actor.role != .administrator {
            try? audit(actor, .read, outcome: .refused, patientRef: ref, objects: [object], detail: "patient record restricted")
            throw .forbidden(actor: actor.name, role: actor.role, action: "view a restricted patient's images")
        }
        let key = try patientKey(ref: ref, wrapped: row["wrapped_key"])
        let bytes = try Seal.open(try loadObject(object), key: key, context: "object:" + object)
        guard lookup.hash(bytes: bytes) == (row["content_mac"] as Data) else {
            try? audit(actor, .read, outcome: .failed, patientRef: ref, objects: [object], detail: "content does not match its MAC")
            throw .integrity(reason: "object \(object) does not match what was ingested")
        }
        try audit(actor, .read, outcome: .success, patientRef: ref, objects: [object], detail: "read")
        return bytes
    }

    func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws(ArchiveError) -> T {
        do { return try JSONDecoder().decode(type, from: data) } catch { throw .integrity(reason: "a sealed record does not decode") }
    }
}

extension Archive {
    /// Internal: another process created the patient between our look and our write (with its
    /// own key); the ingest starts again and uses theirs.
    static let patientRace = "patient created concurrently; retrying"
}

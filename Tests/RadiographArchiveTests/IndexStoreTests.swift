import Foundation
import RadiographArchive
import RadiographDICOM
import Testing
import _RadiographTestSupport

/// A second implementation of ``ArchiveIndexStore``, in memory: it proves the archive needs
/// nothing of SQLite beyond the protocol (the same scenario gives the same answers on both), and
/// it records every value a store is handed, so a test can check that no identifier, name or UID
/// ever reaches an index, whatever its implementation.
final class MemoryIndexStore: ArchiveIndexStore, @unchecked Sendable {
    struct State {
        var meta: [String: Data] = [:]
        var patients: [Int64: IndexPatient] = [:]
        var names: [Int64: Set<Data>] = [:]
        var studies: [Int64: IndexStudy] = [:]
        var instances: [Int64: IndexInstance] = [:]
        var rectifications: [(patient: Int64, sealed: Data)] = []
        var audit: [(entry: AuditEntry, mac: Data)] = []
        var nextID: Int64 = 1
        /// Every string and byte string handed to the store, committed or not.
        var seen: [Data] = []
    }

    private let lock = NSLock()
    private var state = State()

    var seen: [Data] { lock.withLock { state.seen } }

    func read<T>(_ body: (any ArchiveIndexReader) throws -> T) throws -> T {
        let snapshot = lock.withLock { state }
        return try body(Transaction(snapshot))
    }

    /// All or nothing, one writer at a time: the body works on a copy that replaces the state
    /// only when it returns.
    func write<T>(_ body: (any ArchiveIndexWriter) throws -> T) throws -> T {
        try lock.withLock {
            let transaction = Transaction(state)
            do {
                let result = try body(transaction)
                state = transaction.state
                return result
            } catch {
                state.seen = transaction.state.seen
                throw error
            }
        }
    }

    func integrityProblems() throws -> [String] {
        lock.withLock {
            state.instances.values.filter { state.patients[$0.patient] == nil || state.studies[$0.study] == nil }
                .map { "instance \($0.id) without its patient or study" }
        }
    }

    func backup(toPath path: String) throws { throw CocoaError(.featureUnsupported) }
    func purgeOldVersions() throws {}

    final class Transaction: ArchiveIndexWriter {
        var state: State
        init(_ state: State) { self.state = state }

        func note(_ values: [Data?]) { state.seen += values.compactMap { $0 } }
        func note(_ values: [String?]) { note(values.map { $0.map { Data($0.utf8) } }) }
        func newID() -> Int64 {
            defer { state.nextID += 1 }
            return state.nextID
        }

        func meta(_ key: String) throws -> Data? { state.meta[key] }
        func patient(idHash: Data) throws -> IndexPatient? { state.patients.values.first { $0.idHash == idHash } }
        func patient(ref: String) throws -> IndexPatient? { state.patients.values.first { $0.ref == ref } }
        func allPatients() throws -> [IndexPatient] { state.patients.values.sorted { $0.id < $1.id } }
        func instanceCounts() throws -> [Int64: Int] { state.instances.values.reduce(into: [:]) { $0[$1.patient, default: 0] += 1 } }
        func study(uidHash: Data) throws -> IndexStudy? { state.studies.values.first { $0.uidHash == uidHash } }

        func instance(sopHash: Data) throws -> (instance: IndexInstance, patient: IndexPatient)? {
            state.instances.values.first { $0.sopHash == sopHash }.map { ($0, state.patients[$0.patient]!) }
        }

        func instances(matching q: IndexQuery) throws -> [IndexMatch] {
            state.instances.values.compactMap { i -> IndexMatch? in
                let p = state.patients[i.patient]!, s = state.studies[i.study]!
                let names = state.names[p.id] ?? []
                guard q.patient.map({ $0 == p.id }) ?? true, q.patientIDHash.map({ $0 == p.idHash }) ?? true,
                    q.birthHash.map({ $0 == p.birthHash }) ?? true, q.nameTokens.allSatisfy(names.contains),
                    q.studyDateFrom.map({ (s.studyDate ?? "") >= $0 && s.studyDate != nil }) ?? true,
                    q.studyDateTo.map({ (s.studyDate ?? "") <= $0 && s.studyDate != nil }) ?? true,
                    q.modality.map({ $0 == i.modality }) ?? true, q.tooth.map(i.teeth.contains) ?? true,
                    q.includeRestricted || !p.restricted
                else { return nil }
                return IndexMatch(patient: p, study: s, instance: i)
            }
            .sorted { ($0.study.studyDate ?? "", $0.study.id, $0.instance.id) < ($1.study.studyDate ?? "", $1.study.id, $1.instance.id) }
        }

        func objectNames() throws -> Set<String> { Set(state.instances.values.map(\.object)) }
        func rectifications(patient: Int64) throws -> [Data] { state.rectifications.filter { $0.patient == patient }.map(\.sealed) }
        func lastAuditEntry() throws -> (sequence: Int, mac: Data)? { state.audit.last.map { ($0.entry.sequence, $0.mac) } }
        func auditEntryCount() throws -> Int { state.audit.count }

        func forEachAuditEntry(patientRef: String?, _ body: (AuditEntry, Data) throws -> Void) throws {
            for (entry, mac) in state.audit where patientRef == nil || entry.patientRef == patientRef { try body(entry, mac) }
        }

        func setMeta(_ key: String, _ value: Data) throws {
            note([value])
            state.meta[key] = value
        }

        func insertPatient(_ patient: IndexPatient) throws -> Int64 {
            var p = patient
            p.id = newID()
            try updatePatient(p)
            return p.id
        }

        func updatePatient(_ p: IndexPatient) throws {
            note([p.idHash, p.birthHash, p.wrappedKey, p.demographics])
            note([p.ref, p.lastContact])
            state.patients[p.id] = p
        }

        func setNameTokens(patient: Int64, _ tokens: [Data]) throws {
            note(tokens)
            state.names[patient] = Set(tokens)
        }

        func insertStudy(_ study: IndexStudy) throws -> Int64 {
            var s = study
            s.id = newID()
            note([s.uidHash, s.details])
            note([s.studyDate])
            state.studies[s.id] = s
            return s.id
        }

        func insertInstance(_ instance: IndexInstance) throws {
            if state.instances.values.contains(where: { $0.sopHash == instance.sopHash }) { throw IndexStoreError.duplicateInstance }
            var i = instance
            i.id = newID()
            note([i.sopHash, i.contentMAC, i.details])
            note([i.object, i.modality, i.ingested])
            state.instances[i.id] = i
        }

        func appendRectification(patient: Int64, time: String, actor: String, sealed: Data) throws {
            note([sealed])
            state.rectifications.append((patient, sealed))
        }

        func destroyPatient(_ id: Int64) throws {
            state.instances = state.instances.filter { $0.value.patient != id }
            state.studies = state.studies.filter { $0.value.patient != id }
            state.rectifications.removeAll { $0.patient == id }
            state.names[id] = nil
            state.patients[id] = nil
        }

        func appendAuditEntry(_ entry: AuditEntry, mac: Data) throws {
            note([entry.time, entry.actor, entry.role, entry.action, entry.event, entry.patientRef, entry.objects, entry.outcome, entry.detail])
            note([mac])
            state.audit.append((entry, mac))
        }
    }
}

@Suite struct IndexStoreTests {
    /// One archive's life through the public API; the answers, written as lines, with the random
    /// parts (references, times, object names) left out.
    static func scenario(_ archive: Archive, _ f: Fixture) throws -> [String] {
        var lines: [String] = []
        for path in Fixture.samples { try archive.ingest(file: path, actor: Fixture.assistant) }
        let accented = try f.modified(Fixture.samples[0], [
            "(0008,0005)": "ISO_IR 192", "(0010,0010)": "Émile^Martin-Dupré", "(0010,0020)": "SYN-9001", "(0010,0030)": "20120229",
            "(0008,0018)": "2.25.1111", "(0020,000D)": "2.25.2222", "(0008,0020)": "20261201",
        ], name: "accented-\(UUID().uuidString).dcm")
        try archive.ingest(file: accented, actor: Fixture.dentist)
        lines.append("again: \(try archive.ingest(file: accented, actor: Fixture.dentist))")
        let queries: [(String, ArchiveQuery)] = [
            ("all", ArchiveQuery()), ("id", ArchiveQuery(patientID: "SYN-0001")), ("name", ArchiveQuery(name: "emile")),
            ("two words", ArchiveQuery(name: "DUPRE martin")), ("birth", ArchiveQuery(birthDate: "20120229")),
            ("dates", ArchiveQuery(studyDateFrom: "20261101", studyDateTo: "20261231")), ("modality", ArchiveQuery(modality: "px")),
            ("tooth", ArchiveQuery(patientID: "SYN-0001", tooth: 46)), ("no tooth", ArchiveQuery(tooth: 11)),
        ]
        func list(_ q: ArchiveQuery, _ actor: Actor = Fixture.dentist) throws -> String {
            try archive.query(q, actor: actor).map { "\($0.patient.patientID)/\($0.sopInstanceUID)/\($0.teeth)" }.joined(separator: " ")
        }
        for (label, q) in queries { lines.append("\(label): \(try list(q))") }
        let uid = try DICOMReader.readMetadata(contentsOf: Fixture.samples[1]).sopInstanceUID!
        lines.append("read exact: \(try archive.read(sopInstanceUID: uid, actor: Fixture.dentist) == Data(contentsOf: URL(fileURLWithPath: Fixture.samples[1])))")
        try archive.rectify(patientID: "SYN-0001", name: "CORRECTED^NAME", reason: "typo", actor: Fixture.dentist)
        lines.append("rectified: \(try list(ArchiveQuery(name: "corrected"))) history \(try archive.rectificationHistory(patientID: "SYN-0001", actor: Fixture.dentist).map(\.before.name))")
        try archive.restrict(patientID: "SYN-0002", restricted: true, reason: "patient's request", actor: Fixture.dentist)
        lines.append("restricted, dentist: \(try list(ArchiveQuery(modality: "PX"))); admin: \(try list(ArchiveQuery(modality: "PX"), Fixture.admin))")
        let bundle = f.folder + "/bundle-\(UUID().uuidString)"
        lines.append("bundle: \(try archive.exportBundle(patientID: "SYN-0001", to: bundle, actor: Fixture.dentist).images) images")
        try archive.setLegalHold(patientID: "SYN-0003", held: true, reason: "litigation", actor: Fixture.admin)
        let today = DayDate(year: 2100, month: 1, day: 1)!
        lines.append("report: \(try archive.retentionReport(asOf: today, actor: Fixture.admin).map { "\($0.lastContact) \($0.expiry) \($0.expired) \($0.legalHold) \($0.instances)" })")
        lines.append("purged: \(try archive.purgeExpired(asOf: today, actor: Fixture.admin).count)")
        lines.append("left: \(try list(ArchiveQuery(), Fixture.admin))")
        let verification = try archive.verify(actor: Fixture.auditor)
        lines.append("verify: \(verification.isIntact) \(verification.objectsChecked) \(verification.problems)")
        let trail = try archive.auditTrail(actor: Fixture.auditor)
        lines.append("audit: \(trail.map { "\($0.sequence) \($0.actor) \($0.action) \($0.outcome) \($0.detail)" })")
        lines.append("one patient's accesses: \(try archive.auditTrail(patientID: "SYN-0003", actor: Fixture.auditor).map { "\($0.action) \($0.outcome)" })")
        return lines
    }

    @Test func theArchiveBehavesTheSameOnAnyStore() throws {
        let f = try Fixture()
        let onSQLite = try Self.scenario(f.archive, f)
        let memory = MemoryIndexStore()
        let root = f.folder + "/on-memory"
        let archive = try Archive.create(root: root, key: .file(f.keyFile), index: memory, actor: Fixture.admin)
        let onMemory = try Self.scenario(archive, f)
        #expect(onSQLite == onMemory)
        // Not two empty answers: what the scenario must find.
        let periapical = try DICOMReader.readMetadata(contentsOf: Fixture.samples[0]).sopInstanceUID!
        for line in [
            "again: alreadyPresent(sopInstanceUID: \"2.25.1111\")", "id: SYN-0001/\(periapical)/[47, 46, 45, 44]",
            "two words: SYN-9001/2.25.1111/[47, 46, 45, 44]", "dates: SYN-9001/2.25.1111/[47, 46, 45, 44]", "no tooth: ",
            "read exact: true", "bundle: 1 images", "purged: 4", "verify: true 1 []",
        ] {
            #expect(onSQLite.contains(line), "\(line)")
        }
        #expect(onSQLite.contains { $0.hasPrefix("restricted, dentist: ; admin: SYN-0002/") })
        #expect(onSQLite.contains { $0.hasPrefix("left: SYN-0003/") })
        // Opened again on the same store, with the same key.
        let again = try Archive.open(root: root, key: .file(f.keyFile), index: memory)
        #expect(try again.query(ArchiveQuery(), actor: Fixture.admin).count == 1)
        // A store that already holds an archive is not made into another.
        #expect(throws: ArchiveError.self) {
            _ = try Archive.create(root: f.folder + "/second", key: .file(f.keyFile), index: memory, actor: Fixture.admin)
        }
    }

    /// Everything an index is handed, whichever the store: not one identifier, name, birth date
    /// or UID of the ingested patients, in clear.
    @Test func aStoreIsNeverHandedIdentifyingData() throws {
        let f = try Fixture()
        let memory = MemoryIndexStore()
        let archive = try Archive.create(root: f.folder + "/on-memory", key: .file(f.keyFile), index: memory, actor: Fixture.admin)
        _ = try Self.scenario(archive, f)
        var secrets = ["SYN-0001", "SYN-0002", "SYN-0003", "SYN-0004", "SYN-9001", "SYNTHETIC", "PERIAPICAL", "Émile", "Martin", "Dupré",
                       "CORRECTED", "20120229", "2.25.1111", "2.25.2222"]
        for path in Fixture.samples {
            let m = try DICOMReader.readMetadata(contentsOf: path)
            secrets += [m.sopInstanceUID!, m.studyInstanceUID!, m.seriesInstanceUID!]
        }
        let seen = memory.seen
        #expect(seen.count > 100)
        for secret in secrets {
            let bytes = Data(secret.utf8)
            let hits = seen.filter { $0.range(of: bytes) != nil }.count
            #expect(hits == 0, "\(secret) handed to the store \(hits) times")
        }
    }
}

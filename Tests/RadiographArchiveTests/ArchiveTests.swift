import Foundation
import GRDB
import RadiographArchive
import RadiographDICOM
import Testing
import _RadiographTestSupport

/// A fresh archive in a temporary folder, its key beside it, and the synthetic samples.
struct Fixture {
    let folder: String
    let root: String
    let keyFile: String
    let archive: Archive
    static let admin = Actor(name: "it-admin", role: .administrator)
    static let dentist = Actor(name: "dr-who", role: .practitioner)
    static let assistant = Actor(name: "assistant-1", role: .assistant)
    static let auditor = Actor(name: "dpo", role: .auditor)
    static let samples = ["io_periapical", "io_bitewing_mono1", "io_for_processing", "px_panoramic"].map { TestData.sample($0 + ".dcm") }

    init() throws {
        folder = try TestData.temporaryFolder("archive")
        root = folder + "/archive"
        keyFile = folder + "/master.key"
        archive = try Archive.create(root: root, keyFile: keyFile, actor: Self.admin)
    }

    /// A copy of `source` with the given attributes changed (`dcmodify -m`, inserting when missing).
    func modified(_ source: String, _ changes: [String: String], name: String) throws -> String {
        let path = folder + "/" + name
        try FileManager.default.copyItem(atPath: source, toPath: path)
        var arguments = ["-nb", "-imt"]
        for (tag, value) in changes.sorted(by: { $0.key < $1.key }) { arguments += ["-i", "\(tag)=\(value)"] }
        let out = try TestData.runTool("/usr/bin/dcmodify", arguments + [path])
        #expect(!out.contains("E:"), "\(out)")
        return path
    }

    /// Every byte of every file under the archive root.
    func allBytes() throws -> [(String, Data)] {
        var out: [(String, Data)] = []
        let e = FileManager.default.enumerator(atPath: root)!
        while let name = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDir), !isDir.boolValue {
                out.append((name, try Data(contentsOf: URL(fileURLWithPath: root + "/" + name))))
            }
        }
        return out
    }
}

@Suite struct ArchiveTests {
    @Test func keysAreCreatedPrivateAndChecked() throws {
        let f = try Fixture()
        var info = stat()
        #expect(stat(f.keyFile, &info) == 0 && info.st_mode & 0o777 == 0o600)
        _ = try Archive.open(root: f.root, keyFile: f.keyFile)
        // Another key: refused by name of the file, not opened.
        let other = f.folder + "/other.key"
        try MasterKey.create(path: other)
        #expect(throws: ArchiveError.self) { _ = try Archive.open(root: f.root, keyFile: other) }
        chmod(f.keyFile, 0o644)
        do {
            _ = try Archive.open(root: f.root, keyFile: f.keyFile)
            Issue.record("a world-readable key was accepted")
        } catch {
            #expect(error.description.contains("chmod 600"))
        }
        #expect(throws: ArchiveError.self) { try MasterKey.create(path: other) }  // never replaced
        #expect(throws: ArchiveError.self) { _ = try Archive.create(root: f.root, keyFile: f.folder + "/k2", actor: Fixture.admin) }
    }

    /// Files 0600 and folders 0700 throughout the root (index, WAL, objects, lock), and in a backup.
    @Test func everyFileOfTheArchiveIsPrivate() throws {
        let f = try Fixture()
        for path in Fixture.samples { try f.archive.ingest(file: path, actor: Fixture.dentist) }
        _ = try f.archive.backup(to: f.folder + "/backup", actor: Fixture.admin)
        for root in [f.root, f.folder + "/backup"] {
            let e = FileManager.default.enumerator(atPath: root)!
            var files = 0
            while let name = e.nextObject() as? String {
                var st = stat()
                #expect(stat(root + "/" + name, &st) == 0)
                let isFolder = (st.st_mode & S_IFMT) == S_IFDIR
                #expect(st.st_mode & 0o777 == (isFolder ? 0o700 : 0o600), "\(name): \(String(st.st_mode & 0o777, radix: 8))")
                files += isFolder ? 0 : 1
            }
            #expect(files >= 6)
        }
    }

    @Test func ingestIsIdempotentAndRefusesADifferentObjectUnderTheSameUID() throws {
        let f = try Fixture()
        for path in Fixture.samples { #expect(try f.archive.ingest(file: path, actor: Fixture.assistant).isStored) }
        for path in Fixture.samples {
            #expect(try f.archive.ingest(file: path, actor: Fixture.assistant) == .alreadyPresent(sopInstanceUID: try DICOMReader.readMetadata(contentsOf: path).sopInstanceUID!))
        }
        let changed = try f.modified(Fixture.samples[0], ["(0008,1030)": "ANOTHER DESCRIPTION"], name: "changed.dcm")
        #expect(throws: ArchiveError.self) { try f.archive.ingest(file: changed, actor: Fixture.dentist) }
        #expect(try f.archive.query(ArchiveQuery(), actor: Fixture.dentist).count == 4)
        let trail = try f.archive.auditTrail(actor: Fixture.auditor)
        #expect(trail.contains { $0.action == "ingest" && $0.outcome == "refused" && $0.detail.contains("different bytes") })
        #expect(trail.filter { $0.action == "ingest" && $0.outcome == "success" }.count == 8)
        // The bytes come back exactly.
        let uid = try DICOMReader.readMetadata(contentsOf: Fixture.samples[1]).sopInstanceUID!
        #expect(try f.archive.read(sopInstanceUID: uid, actor: Fixture.dentist) == Data(contentsOf: URL(fileURLWithPath: Fixture.samples[1])))
    }

    @Test func queriesFindByEveryKey() throws {
        let f = try Fixture()
        for path in Fixture.samples { try f.archive.ingest(file: path, actor: Fixture.assistant) }
        let accented = try f.modified(Fixture.samples[0], [
            "(0008,0005)": "ISO_IR 192", "(0010,0010)": "Émile^Martin-Dupré", "(0010,0020)": "SYN-9001", "(0010,0030)": "20120229",
            "(0008,0018)": "2.25.1111", "(0020,000D)": "2.25.2222", "(0008,0020)": "20261201",
        ], name: "accented.dcm")
        try f.archive.ingest(file: accented, actor: Fixture.dentist)
        let q = { (query: ArchiveQuery) in try f.archive.query(query, actor: Fixture.dentist) }
        #expect(try q(ArchiveQuery(patientID: "SYN-0001")).map(\.patient.name) == ["SYNTHETIC^PERIAPICAL"])
        #expect(try q(ArchiveQuery(name: "emile")).map(\.patient.patientID) == ["SYN-9001"])
        #expect(try q(ArchiveQuery(name: "DUPRE martin")).count == 1)
        #expect(try q(ArchiveQuery(name: "synthetic")).count == 4)
        #expect(try q(ArchiveQuery(birthDate: "20120229")).count == 1)
        #expect(try q(ArchiveQuery(studyDateFrom: "20261101", studyDateTo: "20261231")).map(\.sopInstanceUID) == ["2.25.1111"])
        #expect(try q(ArchiveQuery(modality: "px")).map(\.patient.patientID) == ["SYN-0002"])
        #expect(try q(ArchiveQuery(patientID: "SYN-0001", tooth: 46)).count == 1)
        #expect(try q(ArchiveQuery(tooth: 11)).isEmpty)
        #expect(try q(ArchiveQuery(patientID: "nobody")).isEmpty)
    }

    /// The permission matrix, enforced, and refusals recorded.
    @Test func rolesAreEnforced() throws {
        let f = try Fixture()
        try f.archive.ingest(file: Fixture.samples[0], actor: Fixture.assistant)
        let uid = try DICOMReader.readMetadata(contentsOf: Fixture.samples[0]).sopInstanceUID!
        #expect(try f.archive.query(ArchiveQuery(), actor: Fixture.assistant).count == 1)  // lists
        #expect(throws: ArchiveError.self) { _ = try f.archive.read(sopInstanceUID: uid, actor: Fixture.assistant) }  // no pixels
        #expect(throws: ArchiveError.self) { _ = try f.archive.query(ArchiveQuery(), actor: Fixture.auditor) }
        #expect(throws: ArchiveError.self) { try f.archive.ingest(file: Fixture.samples[1], actor: Fixture.auditor) }
        #expect(throws: ArchiveError.self) { _ = try f.archive.auditTrail(actor: Fixture.dentist) }
        #expect(throws: ArchiveError.self) { _ = try f.archive.verify(actor: Fixture.assistant) }
        let refused = try f.archive.auditTrail(actor: Fixture.auditor).filter { $0.outcome == "refused" }
        #expect(refused.map(\.actor) == ["assistant-1", "dpo", "dpo", "dr-who", "assistant-1"])
        // A patient's own access report: who saw the file, when.
        let report = try f.archive.auditTrail(patientID: "SYN-0001", actor: Fixture.auditor)
        #expect(report.contains { $0.actor == "assistant-1" && $0.action == "read" && $0.outcome == "refused" })
        #expect(report.allSatisfy { $0.patientRef == report[0].patientRef })
    }

    /// Sentinels in every identifying attribute of the ingested files: not one byte of any of
    /// them anywhere under the archive root (index, WAL, objects).
    @Test func noPlaintextIdentifyingDataInAnyFile() throws {
        let f = try Fixture()
        var sentinels: [String] = []
        for i in 0..<3 {
            let s = (0..<5).map { _ in "SNTL" + String(UInt32.random(in: 0...UInt32.max), radix: 16).uppercased() }
            sentinels += s
            let path = try f.modified(Fixture.samples[i], [
                "(0010,0010)": s[0] + "^" + s[1], "(0010,0020)": s[2], "(0008,1030)": s[3], "(0008,0050)": String(s[4].prefix(16)),
            ], name: "sentinel-\(i).dcm")
            try f.archive.ingest(file: path, actor: Fixture.dentist)
        }
        _ = try f.archive.query(ArchiveQuery(name: sentinels[0]), actor: Fixture.dentist)
        let files = try f.allBytes()
        #expect(files.contains { $0.0.hasPrefix("objects/") } && files.contains { $0.0 == "index.sqlite" })
        var hits = 0
        for (name, bytes) in files {
            for s in sentinels where bytes.range(of: Data(String(s.prefix(12)).utf8)) != nil {
                hits += 1
                Issue.record("\(s) found in \(name)")
            }
            for id in ["SYN-0001", "SYN-0003", "SYNTHETIC"] where bytes.range(of: Data(id.utf8)) != nil {
                hits += 1
                Issue.record("\(id) found in \(name)")
            }
        }
        #expect(hits == 0)
        #expect(try f.archive.query(ArchiveQuery(patientID: sentinels[2]), actor: Fixture.dentist).count == 1)
    }
}

@Suite struct AuditAndVerifyTests {
    static func tamper(_ f: Fixture, _ sql: String) throws {
        let db = try DatabaseQueue(path: f.root + "/index.sqlite")
        try db.write { try $0.execute(sql: sql) }
    }

    /// Flip, delete, reorder, insert, truncate: each detected by verify (100%).
    @Test(arguments: [
        "UPDATE audit SET detail = 'stoRed' WHERE seq = 3",
        "DELETE FROM audit WHERE seq = 3",
        "UPDATE audit SET seq = -1 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = 4; UPDATE audit SET seq = 4 WHERE seq = -1",
        "INSERT INTO audit SELECT 1000, time, actor, role, action, event, patient_ref, objects, outcome, detail, mac FROM audit WHERE seq = 2",
        "DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)",
        "UPDATE audit SET actor = 'nobody' WHERE seq = 2",
    ])
    func tamperingWithTheAuditTrailIsDetected(sql: String) throws {
        let f = try Fixture()
        for path in Fixture.samples { try f.archive.ingest(file: path, actor: Fixture.dentist) }
        #expect(try f.archive.verify(actor: Fixture.auditor).isIntact)
        try Self.tamper(f, sql)
        let report = try f.archive.verify(actor: Fixture.auditor)
        #expect(!report.isIntact && report.problems.contains { $0.contains("audit") }, "\(report.problems)")
    }

    /// A flipped byte in an object and an object file removed are reported; a stray file (what an
    /// interrupted ingest leaves) is removed and counted.
    @Test func damagedAndStrayObjectsAreReported() throws {
        let f = try Fixture()
        for path in Fixture.samples { try f.archive.ingest(file: path, actor: Fixture.dentist) }
        let objects = try f.allBytes().filter { $0.0.hasPrefix("objects/") }.map(\.0).sorted()
        #expect(objects.count == 4)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: f.root + "/" + objects[0]))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: f.root + "/" + objects[0]))
        try FileManager.default.removeItem(atPath: f.root + "/" + objects[1])
        try FileManager.default.createDirectory(atPath: f.root + "/objects/zz", withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: f.root + "/objects/zz/stray"))
        let report = try f.archive.verify(actor: Fixture.auditor)
        #expect(report.objectsChecked == 4)
        #expect(report.problems.count == 2, "\(report.problems)")
        // The stray file is what an interrupted ingest leaves: removed (nothing was committed).
        #expect(report.leftoversRemoved == 1 && !FileManager.default.fileExists(atPath: f.root + "/objects/zz/stray"))
        #expect(report.problems.allSatisfy { !$0.contains("SYN-") && !$0.contains("SYNTHETIC") })
    }
}

extension IngestOutcome {
    var isStored: Bool { if case .stored = self { true } else { false } }
}

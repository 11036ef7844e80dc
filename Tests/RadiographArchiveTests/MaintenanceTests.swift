import Foundation
import RadiographArchive
import RadiographDICOM
import Testing
import _RadiographTestSupport

@Suite struct MaintenanceTests {
    /// Rotation rewraps keys only: the same objects open with the new key, the old key no longer
    /// opens the archive, the audit chain stays intact.
    @Test func rotatingTheMasterKeyRewrapsWithoutReencrypting() throws {
        let f = try Fixture()
        for path in Fixture.samples { try f.archive.ingest(file: path, actor: Fixture.dentist) }
        let objectsBefore = try f.allBytes().filter { $0.0.hasPrefix("objects/") }.sorted { $0.0 < $1.0 }
        #expect(throws: ArchiveError.self) { _ = try f.archive.rotateKey(newKeyFile: f.folder + "/new.key", actor: Fixture.dentist) }
        let rotated = try f.archive.rotateKey(newKeyFile: f.folder + "/new.key", actor: Fixture.admin)
        let objectsAfter = try f.allBytes().filter { $0.0.hasPrefix("objects/") }.sorted { $0.0 < $1.0 }
        #expect(objectsAfter.map(\.1) == objectsBefore.map(\.1))  // not one image byte re-encrypted
        #expect(throws: ArchiveError.self) { _ = try Archive.open(root: f.root, keyFile: f.keyFile) }
        let uid = try DICOMReader.readMetadata(contentsOf: Fixture.samples[0]).sopInstanceUID!
        #expect(try rotated.read(sopInstanceUID: uid, actor: Fixture.dentist) == Data(contentsOf: URL(fileURLWithPath: Fixture.samples[0])))
        #expect(try rotated.query(ArchiveQuery(name: "bitewing"), actor: Fixture.dentist).count == 1)
        #expect(try rotated.verify(actor: Fixture.auditor).isIntact)
    }

    /// Backup, restore into a new root, verify; a second backup copies nothing new; a damaged
    /// backup is caught by the restore's verification.
    @Test func backupsRestoreAndVerify() throws {
        let f = try Fixture()
        for path in Fixture.samples.prefix(3) { try f.archive.ingest(file: path, actor: Fixture.dentist) }
        let backup = f.folder + "/backup"
        let first = try f.archive.backup(to: backup, actor: Fixture.admin)
        #expect(first.isIntact && first.objectsChecked == 3, "\(first.problems)")
        try f.archive.ingest(file: Fixture.samples[3], actor: Fixture.dentist)
        let second = try f.archive.backup(to: backup, actor: Fixture.admin)
        #expect(second.isIntact && second.objectsChecked == 4)
        let trail = try f.archive.auditTrail(actor: Fixture.auditor).filter { $0.action == "backup" }
        #expect(trail.map(\.detail) == ["backup: 3 objects, 3 copied", "backup: 4 objects, 1 copied"])
        #expect(throws: ArchiveError.self) { _ = try f.archive.backup(to: backup, actor: Fixture.dentist) }
        let restored = f.folder + "/restored"
        let report = try Archive.restore(backup: backup, to: restored, keyFile: f.keyFile, actor: Fixture.admin)
        #expect(report.isIntact && report.objectsChecked == 4, "\(report.problems)")
        let archive = try Archive.open(root: restored, keyFile: f.keyFile)
        #expect(try archive.query(ArchiveQuery(), actor: Fixture.dentist).count == 4)
        #expect(throws: ArchiveError.self) { _ = try Archive.restore(backup: backup, to: restored, keyFile: f.keyFile, actor: Fixture.admin) }
        // A flipped byte in the backup's copy of an object.
        let objects = FileManager.default.enumerator(atPath: backup + "/objects")!.compactMap { $0 as? String }.filter { $0.count > 10 }
        let victim = backup + "/objects/" + objects[0]
        var bytes = try Data(contentsOf: URL(fileURLWithPath: victim))
        bytes[100] ^= 0x80
        try bytes.write(to: URL(fileURLWithPath: victim))
        let damaged = try Archive.restore(backup: backup, to: f.folder + "/restored2", keyFile: f.keyFile, actor: Fixture.admin)
        #expect(!damaged.isIntact && damaged.problems.count == 1)
    }
}

@Suite struct PassphraseTests {
    /// A passphrase archive: scrypt parameters beside the index (no secret), the right passphrase
    /// opens it, a wrong one does not, a short one is refused; its backup restores with it.
    @Test func passphraseArchivesOpenOnlyWithTheirPassphrase() throws {
        let folder = try TestData.temporaryFolder("archive-passphrase")
        let root = folder + "/archive"
        let phrase = "correct horse battery staple for the practice"
        #expect(throws: ArchiveError.self) { _ = try Archive.create(root: folder + "/short", key: .passphrase("tooshort"), actor: Fixture.admin) }
        let archive = try Archive.create(root: root, key: .passphrase(phrase), actor: Fixture.admin)
        try archive.ingest(file: Fixture.samples[0], actor: Fixture.dentist)
        let kdf = try String(contentsOfFile: root + "/kdf.json", encoding: .utf8)
        #expect(kdf.contains("scrypt") && !kdf.contains(phrase))
        let reopened = try Archive.open(root: root, key: .passphrase(phrase))
        #expect(try reopened.query(ArchiveQuery(), actor: Fixture.dentist).count == 1)
        #expect(throws: ArchiveError.self) { _ = try Archive.open(root: root, key: .passphrase(phrase + ".")) }
        _ = try reopened.backup(to: folder + "/backup", actor: Fixture.admin)
        let report = try Archive.restore(backup: folder + "/backup", to: folder + "/restored", key: .passphrase(phrase), actor: Fixture.admin)
        #expect(report.isIntact && report.objectsChecked == 1)
    }
}

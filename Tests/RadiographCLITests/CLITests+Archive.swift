import Foundation
import RadiographDICOM
import Testing
import _RadiographTestSupport

/// `radiograph archive`: the contract for scripts (key file, actor and role from options or the
/// environment; init creates the key; verify's exit status; query --json lines).
extension CLITests {
    @Test func archiveWalkThrough() throws {
        let dir = try TestData.temporaryFolder("cli-archive")
        let root = dir + "/archive"
        var env = ["RADIOGRAPH_KEY_FILE": dir + "/master.key", "RADIOGRAPH_ACTOR": "dr-test", "RADIOGRAPH_ROLE": "practitioner"]
        let initialized = try run(["archive", "init", root, "--role", "administrator"], environment: env)
        #expect(initialized.status == 0, "\(initialized.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/master.key"))
        let ingest = try run(["archive", "ingest", root, TestData.root + "/SampleImages"], environment: env)
        #expect(ingest.status == 0 && ingest.stdout.contains("4 stored, 0 already present, 0 failed"), "\(ingest.stdout) \(ingest.stderr)")
        #expect(ingest.stderr.contains("passed over"))
        let again = try run(["archive", "ingest", root, Self.periapical], environment: env)
        #expect(again.stdout.contains("0 stored, 1 already present"))
        let query = try run(["archive", "query", root, "--name", "Periapical", "--json"], environment: env)
        let lines = query.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let record = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        let uid = try #require(record?["sopInstanceUID"] as? String)
        #expect(try run(["archive", "show", root, uid, "-o", dir + "/back.dcm"], environment: env).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/back.dcm")) == Data(contentsOf: URL(fileURLWithPath: Self.periapical)))
        // render reads from the archive (audited) and can ingest its derived DICOM output back.
        let png = try run(["render", uid, "--archive", root, "-o", dir + "/from-archive.png"], environment: env)
        #expect(png.status == 0, "\(png.stderr)")
        // Bytes that cannot be staged for parsing (a file-size limit here) are the system's
        // refusal, said so, not "not a readable DICOM file".
        let limited = try run(["render", uid, "--archive", root, "-o", dir + "/limited.png"], environment: env, fileSizeLimitKB: 200)
        #expect(limited.status == 1 && limited.stderr.contains("cannot stage the bytes in memory for parsing: File too large"), "\(limited.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/limited.png"))
        let derived = try run(["render", uid, "--archive", root, "-o", dir + "/derived.dcm", "--preset", "caries", "--into-archive", root],
                              environment: env)
        #expect(derived.status == 0, "\(derived.stderr)")
        #expect(try run(["archive", "query", root, "--patient-id", "SYN-0001", "--json"], environment: env).stdout.split(separator: "\n").count == 2)
        #expect(try run(["render", uid, "--archive", root, "-o", dir + "/x.png", "--into-archive", root], environment: env).status == 64)
        // The assistant lists but does not view; the refusal is recorded and printed clearly.
        let refused = try run(["archive", "show", root, uid, "-o", dir + "/x.dcm", "--role", "assistant"], environment: env)
        #expect(refused.status == 1 && refused.stderr.contains("may not view images"))
        env["RADIOGRAPH_ROLE"] = "auditor"
        let verify = try run(["archive", "verify", root], environment: env)
        #expect(verify.status == 0 && verify.stdout.contains("intact"), "\(verify.stdout)")
        let trail = try run(["archive", "audit", root, "--patient-id", "SYN-0001"], environment: env)
        #expect(trail.status == 0 && trail.stdout.contains("assistant") && trail.stdout.contains("refused"))
        #expect(!trail.stdout.contains("SYN-0001") && !trail.stdout.contains("SYNTHETIC"))
        // Retention: the periapical's patient last seen in 2000 has expired; an erasure request for
        // another is refused with the date; only an administrator purges.
        env["RADIOGRAPH_ROLE"] = "practitioner"
        #expect(try run(["archive", "patient", root, "--patient-id", "SYN-0001", "--last-contact", "20000101"], environment: env).status == 0)
        #expect(try run(["archive", "patient", root, "--patient-id", "SYN-0001", "--last-contact", "20000230"], environment: env).status == 64)
        let report = try run(["archive", "retention", "report", root, "--as-of", "20261203"], environment: env)
        #expect(report.stdout.contains("1 of 4 patients expired as of 20261203"), "\(report.stdout)")
        let erase = try run(["archive", "erase-request", root, "--patient-id", "SYN-0002"], environment: env)
        #expect(erase.stdout.hasPrefix("refused: medical records kept by law until"))
        #expect(try run(["archive", "retention", "purge", root], environment: env).status == 1)
        let purge = try run(["archive", "retention", "purge", root, "--as-of", "20261203", "--role", "administrator"], environment: env)
        #expect(purge.stdout.contains("1 patients destroyed"), "\(purge.stdout) \(purge.stderr)")
        env["RADIOGRAPH_ROLE"] = "auditor"
        #expect(try run(["archive", "verify", root], environment: env).status == 0)
        // Backup, restore, verify; then a new master key.
        env["RADIOGRAPH_ROLE"] = "administrator"
        let backup = try run(["archive", "backup", root, dir + "/backup"], environment: env)
        #expect(backup.status == 0 && backup.stdout.contains("verified"), "\(backup.stdout) \(backup.stderr)")
        let restore = try run(["archive", "restore", dir + "/backup", dir + "/restored"], environment: env)
        #expect(restore.status == 0 && restore.stdout.contains("restored 3 objects"), "\(restore.stdout) \(restore.stderr)")
        #expect(try run(["archive", "rotate-key", root, "--new-key-file", dir + "/new.key"], environment: env).status == 0)
        #expect(try run(["archive", "verify", root], environment: env).status == 1)  // the old key no longer opens it
        #expect(try run(["archive", "verify", root, "--key-file", dir + "/new.key"], environment: env).status == 0)
        env["RADIOGRAPH_ROLE"] = "auditor"
        // Missing key, unknown role: usage errors.
        #expect(try run(["archive", "verify", root], environment: ["RADIOGRAPH_KEY_FILE": "", "RADIOGRAPH_ROLE": "auditor"]).status != 0)
        #expect(try run(["archive", "verify", root, "--role", "janitor"], environment: env).status == 64)
    }
}

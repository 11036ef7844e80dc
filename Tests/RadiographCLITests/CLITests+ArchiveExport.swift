import Foundation
import Testing
import _RadiographTestSupport

/// `radiograph archive export`: a patient's bundle from the command line, one summary line;
/// refusals (role, non-empty folder) exit 1 with a clear message.
extension CLITests {
    @Test func archiveExportWritesABundle() throws {
        let dir = try TestData.temporaryFolder("cli-export")
        let root = dir + "/archive"
        let env = [
            "RADIOGRAPH_KEY_FILE": dir + "/master.key", "RADIOGRAPH_ACTOR": "dr-test",
            "RADIOGRAPH_ROLE": "practitioner",
        ]
        #expect(try run(["archive", "init", root, "--role", "administrator"], environment: env).status == 0)
        #expect(try run(["archive", "ingest", root, Self.periapical, Self.panoramic], environment: env).status == 0)
        let out = dir + "/bundle"
        let export = try run(
            ["archive", "export", root, "--patient-id", "SYN-0001", "--output", out], environment: env)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.hasPrefix("exported 1 images in 4 files ("), "\(export.stdout)")
        #expect(export.stdout.split(separator: "\n").count == 1)
        for file in ["DICOMDIR", "manifest.json", "index.html", "DICOM/P0001/IM000001"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file)")
        }
        #expect(!FileManager.default.fileExists(atPath: out + "/DICOM/P0001/IM000002"))  // only that patient
        let again = try run(["archive", "export", root, "--patient-id", "SYN-0001", "--output", out], environment: env)
        #expect(again.status == 1 && again.stderr.contains("new or empty folder"), "\(again.stderr)")
        let assistant = try run(
            ["archive", "export", root, "--patient-id", "SYN-0001", "-o", dir + "/b2", "--role", "assistant"],
            environment: env)
        #expect(assistant.status == 1 && assistant.stderr.contains("may not export"), "\(assistant.stderr)")
        #expect(try run(["archive", "export", root, "--patient-id", "SYN-0001"], environment: env).status == 64)
        let trail = try run(
            ["archive", "audit", root, "--patient-id", "SYN-0001", "--role", "auditor"], environment: env)
        #expect(trail.stdout.contains("\texport\t110106 Export\t") && trail.stdout.contains("success"))
    }
}

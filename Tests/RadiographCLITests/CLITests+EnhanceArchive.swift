import Foundation
import RadiographCodecs
import RadiographDICOM
import Testing
import _RadiographTestSupport

/// `radiograph enhance --archive` / `--into-archive`: archived images in (one audited read each,
/// outputs named by SOP Instance UID, never by patient data), derived images back.
extension CLITests {
    /// A synthetic patient with three small intraoral images, and a second patient with one.
    static let enhancePatient = (id: "SYN-ENH-01", name: "SYNTHETIC^ENHANCEPATIENT")
    static let enhanceUIDs = ["2.25.7001", "2.25.7002", "2.25.7003"]

    /// An archive in a fresh folder holding `enhanceUIDs` (patient `enhancePatient`) and
    /// 2.25.7101 (another patient); the environment for a practitioner.
    func makeEnhanceArchive() throws -> (dir: String, root: String, env: [String: String]) {
        let dir = try TestData.temporaryFolder("cli-enhance-archive")
        let root = dir + "/archive"
        let env = [
            "RADIOGRAPH_KEY_FILE": dir + "/master.key", "RADIOGRAPH_ACTOR": "dr-test",
            "RADIOGRAPH_ROLE": "practitioner",
        ]
        let created = try run(["archive", "init", root, "--role", "administrator"], environment: env)
        #expect(created.status == 0, "\(created.stderr)")
        try FileManager.default.createDirectory(atPath: dir + "/captures", withIntermediateDirectories: true)
        let images =
            Self.enhanceUIDs.map { ($0, Self.enhancePatient.id, Self.enhancePatient.name) }
            + [("2.25.7101", "SYN-ENH-02", "SYNTHETIC^OTHER")]
        for (n, (uid, id, name)) in images.enumerated() {
            let w = 24 + n, h = 17
            let pixels = (0..<(w * h)).map { i in (i * 37 + n * 501) % 4096 }
            var file = DICOMTestWriter.image(width: w, height: h, pixels: pixels, bitsStored: 12)
            file.set(0x0008, 0x0018, "UI", .text(uid))
            file.set(0x0008, 0x0020, "DA", .text("2025010\(n + 1)"))
            file.set(0x0008, 0x0060, "CS", .text("IO"))
            file.set(0x0010, 0x0010, "PN", .text(name))
            file.set(0x0010, 0x0020, "LO", .text(id))
            file.set(0x0020, 0x000D, "UI", .text("2.25.70\(id.suffix(1))"))
            file.set(0x0020, 0x000E, "UI", .text("2.25.71\(id.suffix(1))"))
            try Data(file.bytes()).write(to: URL(fileURLWithPath: dir + "/captures/\(uid).dcm"))
        }
        let ingest = try run(["archive", "ingest", root, dir + "/captures"], environment: env)
        #expect(ingest.status == 0 && ingest.stdout.contains("4 stored"), "\(ingest.stdout) \(ingest.stderr)")
        return (dir, root, env)
    }

    func archivedCount(_ root: String, _ env: [String: String]) throws -> Int {
        try run(["archive", "query", root, "--patient-id", Self.enhancePatient.id, "--json"], environment: env)
            .stdout.split(separator: "\n").count
    }

    /// Patient data must appear in no message, report or file name.
    func expectNoPatientData(_ r: Run, outputs: String) {
        for secret in [Self.enhancePatient.id, "ENHANCEPATIENT", "SYN-ENH-02", "OTHER"] {
            #expect(
                !r.stderr.contains(secret) && !r.stdout.contains(secret), "\(secret) leaked: \(r.stderr) \(r.stdout)")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: outputs)) ?? []
        #expect(names.allSatisfy { !$0.contains("SYN") && !$0.contains("SYNTHETIC") }, "\(names)")
    }

    @Test func enhanceByPatientIDWritesOnePNGPerArchivedImageNamedByUID() throws {
        let (dir, root, env) = try makeEnhanceArchive()
        let out = dir + "/out"
        let r = try run(
            [
                "enhance", "--archive", root, "--patient-id", Self.enhancePatient.id, "--output", out, "--preset",
                "caries", "--jobs", "2",
                "--json",
            ], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("3 written, 0 skipped (output exists), 0 passed over, 0 failed"), "\(r.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out).sorted() == Self.enhanceUIDs.map { $0 + ".png" })
        let report = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let files = report?["files"] as? [[String: Any]] ?? []
        #expect(Set(files.compactMap { $0["input"] as? String }) == Set(Self.enhanceUIDs))
        expectNoPatientData(r, outputs: out)
        // Each PNG is what `render UID --archive` makes of the same image with the same preset.
        for uid in Self.enhanceUIDs {
            let single = dir + "/\(uid)-render.png"
            let rendered = try run(
                ["render", uid, "--archive", root, "-o", single, "--preset", "caries"], environment: env)
            #expect(rendered.status == 0, "\(rendered.stderr)")
            let batch = try Data(contentsOf: URL(fileURLWithPath: out + "/\(uid).png"))
            #expect(Array(batch.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            #expect(batch == (try Data(contentsOf: URL(fileURLWithPath: single))), "\(uid)")
        }
        // One audited read per image by the batch (then one per `render` above).
        var auditor = env
        auditor["RADIOGRAPH_ROLE"] = "auditor"
        let trail = try run(["archive", "audit", root, "--patient-id", Self.enhancePatient.id], environment: auditor)
        #expect(trail.status == 0, "\(trail.stderr)")
        let reads = trail.stdout.split(separator: "\n").filter { $0.split(separator: "\t").contains("read") }
        #expect(reads.count == 3 * 2, "\(trail.stdout)")
    }

    @Test func enhanceOfExplicitUIDsFailsOnlyTheUnknownOne() throws {
        let (dir, root, env) = try makeEnhanceArchive()
        let out = dir + "/out"
        let unknown = "2.25.999999"
        let r = try run(
            ["enhance", "--archive", root, Self.enhanceUIDs[0], unknown, "2.25.7101", "--output", out], environment: env
        )
        #expect(r.status == 1)
        #expect(
            r.stderr.contains("radiograph: \(unknown): no instance with this SOP Instance UID in the archive"),
            "\(r.stderr)")
        #expect(r.stderr.contains("2 written, 0 skipped (output exists), 0 passed over, 1 failed"), "\(r.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out).sorted() == [
                Self.enhanceUIDs[0] + ".png", "2.25.7101.png",
            ])
        expectNoPatientData(r, outputs: out)
        // A read the role refuses is that file's failure too, named by its UID.
        let refused = try run(
            ["enhance", "--archive", root, Self.enhanceUIDs[1], "--output", out, "--role", "assistant"],
            environment: env)
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains("radiograph: \(Self.enhanceUIDs[1]): dr-test (assistant) may not view images"),
            "\(refused.stderr)")
        expectNoPatientData(refused, outputs: out)
    }

    @Test func enhanceIntoArchiveIngestsDerivedImagesOnce() throws {
        let (dir, root, env) = try makeEnhanceArchive()
        let out = dir + "/out"
        #expect(try archivedCount(root, env) == 3)
        let arguments = [
            "enhance", "--archive", root, "--patient-id", Self.enhancePatient.id, "--output", out, "--preset", "caries",
            "--format", "dicom", "--into-archive", root, "--json",
        ]
        let first = try run(arguments, environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("\(root): 3 stored, 0 already present"), "\(first.stderr)")
        #expect(try archivedCount(root, env) == 6)
        let report = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any]
        let files = report?["files"] as? [[String: Any]] ?? []
        #expect(files.map { $0["archived"] as? String } == ["stored", "stored", "stored"])
        for uid in Self.enhanceUIDs {
            let derived = try DICOMReader.read(contentsOf: out + "/\(uid).dcm")
            #expect(derived.metadata.imageType == ["DERIVED", "SECONDARY"])
            #expect(derived.metadata.sopInstanceUID != uid)
        }
        expectNoPatientData(first, outputs: out)
        // Again: the outputs exist, are skipped, and the archive already has them; the derived
        // images the selection now also finds are passed over (not enhanced again).
        let again = try run(arguments, environment: env)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(
            again.stderr.contains("0 written, 3 skipped (output exists), 3 passed over, 0 failed"), "\(again.stderr)")
        #expect(again.stderr.contains("passed over: a derived image"), "\(again.stderr)")
        #expect(again.stderr.contains("\(root): 0 stored, 3 already present"), "\(again.stderr)")
        #expect(try archivedCount(root, env) == 6)
        // File inputs can go into an archive too.
        let files2 = try run(
            [
                "enhance", dir + "/captures/2.25.7101.dcm", "--output", dir + "/out2", "--format", "dicom",
                "--into-archive", root,
            ],
            environment: env)
        #expect(files2.status == 0 && files2.stderr.contains("1 stored, 0 already present"), "\(files2.stderr)")
    }

    @Test func enhanceArchiveUsageErrors() throws {
        let (dir, root, env) = try makeEnhanceArchive()
        let out = dir + "/out"
        // --into-archive needs derived DICOM outputs.
        #expect(
            try run(
                ["enhance", "--archive", root, Self.enhanceUIDs[0], "--output", out, "--into-archive", root],
                environment: env
            )
            .status == 64)
        // No UID and no criterion: never the whole archive by accident.
        let none = try run(["enhance", "--archive", root, "--output", out], environment: env)
        #expect(none.status == 64 && none.stderr.contains("at least one SOP Instance UID"), "\(none.stderr)")
        // A selection without --archive.
        #expect(
            try run(["enhance", "--patient-id", Self.enhancePatient.id, "--output", out], environment: env).status == 64
        )
        #expect(!FileManager.default.fileExists(atPath: out))
        // A name that is not a UID cannot name a file: that input fails.
        let bad = try run(["enhance", "--archive", root, "../escape", "--output", out], environment: env)
        #expect(
            bad.status == 1 && bad.stderr.contains("radiograph: ../escape: not a SOP Instance UID"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/escape.png"))
    }
}

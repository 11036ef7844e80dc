import Foundation
import RadiographDICOM
import Testing
import _RadiographTestSupport

/// `radiograph anonymize`: folders walked, outputs named by their new SOP Instance UID, one UID
/// mapping for the whole run, per-file failures reported while the batch goes on.
extension CLITests {
    /// A folder with two samples under names that hold "patient data", a non-DICOM file, and an
    /// image with Burned In Annotation YES in a subfolder.
    func anonymizeInputs() throws -> String {
        let folder = try TestData.temporaryFolder("anon-in")
        try FileManager.default.copyItem(atPath: Self.periapical, toPath: folder + "/DOE^JANE_1937.dcm")
        try FileManager.default.copyItem(atPath: Self.panoramic, toPath: folder + "/DOE^JANE_pano.dcm")
        try Data("not an image".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
        try FileManager.default.createDirectory(atPath: folder + "/more", withIntermediateDirectories: true)
        let burned = folder + "/more/burned.dcm"
        try FileManager.default.copyItem(atPath: Self.periapical, toPath: burned)
        _ = try TestData.runTool(
            "/usr/bin/dcmodify", ["-nb", "-m", "(0008,0018)=2.25.77", "-i", "(0028,0301)=YES", burned])
        return folder
    }

    @Test func anonymizeWalksFoldersAndNamesOutputsByNewUID() throws {
        let input = try anonymizeInputs()
        let output = try TestData.temporaryFolder("anon-out")
        defer {
            try? FileManager.default.removeItem(atPath: input)
            try? FileManager.default.removeItem(atPath: output)
        }
        let r = try run(["anonymize", input, "--output", output, "--patient-id", "PSEUDO-1", "--shift-dates", "-100"])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(r.stderr)")
        #expect(
            lines.first?.hasPrefix("radiograph: \(input)/more/burned.dcm: invalid Burned In Annotation: YES") == true)
        #expect(lines.last == "2 de-identified, 1 failed")
        let names = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
        #expect(names.count == 2)
        for name in names {
            #expect(name.hasPrefix("2.25.") && name.hasSuffix(".dcm") && !name.contains("DOE"))
            let meta = try DICOMReader.readMetadata(contentsOf: output + "/" + name)
            #expect(meta.sopInstanceUID.map { $0 + ".dcm" } == name)
            #expect(meta.patientID == "PSEUDO-1")
        }

        // Forced: all three, and the burned-in image says it was forced.
        let forced = try TestData.temporaryFolder("anon-out")
        defer { try? FileManager.default.removeItem(atPath: forced) }
        let f = try run([
            "anonymize", input, "--output", forced, "--force-burned-in", "--keep-characteristics",
            "--clean-descriptors",
        ])
        #expect(f.status == 0, "\(f.stderr)")
        #expect(f.stderr == "3 de-identified, 0 failed\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: forced).count == 3)
    }

    @Test func anonymizeKeepsAPatientsFilesTogether() throws {
        let input = try TestData.temporaryFolder("anon-in")
        let output = try TestData.temporaryFolder("anon-out")
        defer {
            try? FileManager.default.removeItem(atPath: input)
            try? FileManager.default.removeItem(atPath: output)
        }
        // Two images of one study (the second a new instance of the first).
        try FileManager.default.copyItem(atPath: Self.periapical, toPath: input + "/a.dcm")
        try FileManager.default.copyItem(atPath: Self.periapical, toPath: input + "/b.dcm")
        _ = try TestData.runTool("/usr/bin/dcmodify", ["-nb", "-m", "(0008,0018)=2.25.78", input + "/b.dcm"])
        let r = try run(["anonymize", input + "/a.dcm", input + "/b.dcm", "--output", output])
        #expect(r.status == 0, "\(r.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: output)
        #expect(names.count == 2)
        let metas = try names.map { try DICOMReader.readMetadata(contentsOf: output + "/" + $0) }
        let original = try DICOMReader.readMetadata(contentsOf: Self.periapical)
        #expect(metas[0].studyInstanceUID == metas[1].studyInstanceUID)
        #expect(metas[0].studyInstanceUID != original.studyInstanceUID)
        #expect(metas[0].sopInstanceUID != metas[1].sopInstanceUID)
    }

    @Test func anonymizeUsageErrors() throws {
        let zero = try run(["anonymize", Self.periapical, "--output", "/tmp/x", "--shift-dates", "0"])
        #expect(zero.status == 64)
        #expect(zero.stderr.contains("a date shift of 0 days would keep the dates"))
        let none = try run(["anonymize", "--output", "/tmp/x"])
        #expect(none.status == 64)
        #expect(none.stderr.contains("name at least one DICOM file or folder"))
        let missing = try TestData.temporaryFolder("anon-out")
        defer { try? FileManager.default.removeItem(atPath: missing) }
        let m = try run(["anonymize", "/nonexistent/x.dcm", "--output", missing])
        #expect(m.status == 1)
        #expect(m.stderr == "radiograph: /nonexistent/x.dcm: no such file or folder\n0 de-identified, 1 failed\n")
    }
}

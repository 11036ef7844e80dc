import Crypto
import Foundation
import RadiographArchive
import RadiographDICOM
import Testing
import _RadiographTestSupport

/// The patient's bundle: DICOM files in Explicit VR Little Endian with the archive's pixels,
/// a DICOMDIR DCMTK writes under STD-DEN-CD, a manifest with hashes, an escaped index page.
@Suite struct ExportTests {
    static let patientID = "SYN-7001"
    static let name = "D'Arc<b>&Co^Jeanne"

    /// The 4 samples as they are (other patients), and copies of them moved to one patient whose
    /// name needs escaping: JPEG-LS 14-bit and RLE 12-bit MONOCHROME1 in one study, JPEG lossless
    /// 12-bit in another, the JPEG-LS For Processing capture in a third. Returns the sample each
    /// copy came from, by SOP Instance UID.
    func patientArchive() throws -> (Fixture, [String: String]) {
        let f = try Fixture()
        for path in Fixture.samples { try f.archive.ingest(file: path, actor: Fixture.assistant) }
        let plan: [(sample: String, study: String, date: String)] = [
            ("io_periapical", "2.25.700101", "20260115"), ("io_bitewing_mono1", "2.25.700101", "20260115"),
            ("px_panoramic", "2.25.700102", "20260301"), ("io_for_processing", "2.25.700103", "20260302"),
        ]
        var sources: [String: String] = [:]
        for (i, p) in plan.enumerated() {
            let sop = "2.25.70000\(i)"
            let copy = try f.modified(
                TestData.sample(p.sample + ".dcm"),
                [
                    "(0010,0010)": Self.name, "(0010,0020)": Self.patientID, "(0008,0018)": sop, "(0020,000D)": p.study,
                    "(0020,000E)": "2.25.70001\(i)", "(0008,0020)": p.date,
                ], name: "patient-\(i).dcm")
            try f.archive.ingest(file: copy, actor: Fixture.dentist)
            sources[sop] = TestData.sample(p.sample + ".dcm")
        }
        return (f, sources)
    }

    @Test func theBundleHoldsThePatientsImagesUnchanged() throws {
        let (f, sources) = try patientArchive()
        let out = f.folder + "/bundle"
        let report = try f.archive.exportBundle(patientID: Self.patientID, to: out, actor: Fixture.dentist)
        #expect(report.images == 4 && report.files == 7, "\(report)")
        for file in [
            "DICOMDIR", "manifest.json", "index.html", "DICOM/P0001/IM000001", "DICOM/P0001/IM000002",
            "DICOM/P0001/IM000003", "OTHER/IM000001",
        ] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file)")
        }
        // The manifest: the patient, every file with its hash; only this patient's images.
        let manifest = try JSONDecoder().decode(
            BundleManifest.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
        #expect(manifest.patient.patientID == Self.patientID && manifest.patient.name == Self.name)
        #expect(manifest.dicomdir == "DICOMDIR")
        #expect(Set(manifest.files.map(\.sopInstanceUID)) == Set(sources.keys))
        #expect(manifest.files.filter { !$0.inDICOMDIR }.map(\.sopClassUID) == [SOPClass.digitalIntraOralForProcessing])
        var total = 0
        for file in manifest.files {
            let data = try Data(contentsOf: URL(fileURLWithPath: out + "/" + file.path))
            total += data.count
            #expect(SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() == file.sha256, "\(file.path)")
            #expect(data.count == file.bytes)
            // Explicit VR Little Endian, and exactly the sample's stored values.
            let exported = try DICOMReader.read(contentsOf: out + "/" + file.path)
            let original = try DICOMReader.read(contentsOf: try #require(sources[file.sopInstanceUID]))
            #expect(exported.metadata.transferSyntaxUID == TransferSyntax.explicitVRLittleEndian)
            #expect(exported.pixels == original.pixels, "\(file.path) from \(original.source)")
            #expect(exported.metadata.photometricInterpretation == original.metadata.photometricInterpretation)
            #expect(
                exported.metadata.sopInstanceUID == file.sopInstanceUID && exported.metadata.patientID == Self.patientID
            )
        }
        #expect(report.bytes > total)
        #expect(Set(manifest.files.first { $0.path == "DICOM/P0001/IM000001" }?.teeth ?? []) == [44, 45, 46, 47])
        // DCMTK wrote a DICOMDIR with the dental profile's records; dciodvfy finds no error.
        let dump = try TestData.runTool("/usr/bin/dcmdump", [out + "/DICOMDIR"])
        for record in ["PATIENT", "STUDY", "SERIES", "IMAGE"] { #expect(dump.contains("CS [\(record)]"), "\(record)") }
        #expect(dump.components(separatedBy: "CS [IMAGE]").count - 1 == 3)
        #expect(dump.components(separatedBy: "CS [STUDY]").count - 1 == 2)
        #expect(dump.contains("[DICOM\\P0001\\IM000003]") && dump.contains("[RADIOGRAPH]"))
        let check = try TestData.runTool("/usr/bin/dciodvfy", [out + "/DICOMDIR"])
        #expect(!check.contains("Error"), "\(check)")
        // The index page: the name escaped, never raw markup.
        let html = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(html.contains("D&#39;Arc&lt;b&gt;&amp;Co Jeanne") && html.contains(Self.patientID))
        #expect(!html.contains("<b>") && !html.contains("D'Arc"))
        #expect(html.contains("href=\"DICOM/P0001/IM000002\"") && html.contains("2026-03-01"))
        // Audited: one success naming the four objects.
        let trail = try f.archive.auditTrail(patientID: Self.patientID, actor: Fixture.auditor)
        let entry = try #require(trail.last { $0.action == "export" })
        #expect(entry.outcome == "success" && entry.event == "110106 Export" && entry.actor == "dr-who")
        #expect(entry.objects.split(separator: " ").count == 4 && entry.detail.contains("7 files"))
        #expect(try f.archive.verify(actor: Fixture.auditor).isIntact)
    }

    @Test func assistantsAndNonEmptyFoldersAreRefusedAndAudited() throws {
        let (f, _) = try patientArchive()
        let out = f.folder + "/refused"
        #expect(throws: ArchiveError.self) {
            _ = try f.archive.exportBundle(patientID: Self.patientID, to: out, actor: Fixture.assistant)
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(throws: ArchiveError.self) {
            _ = try f.archive.exportBundle(patientID: Self.patientID, to: out, actor: Fixture.auditor)
        }
        let busy = f.folder + "/busy"
        try FileManager.default.createDirectory(atPath: busy, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: busy + "/note.txt"))
        do {
            _ = try f.archive.exportBundle(patientID: Self.patientID, to: busy, actor: Fixture.dentist)
            Issue.record("a non-empty folder was accepted")
        } catch {
            #expect(error.description.contains("new or empty folder"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: busy) == ["note.txt"])
        #expect(throws: ArchiveError.self) {
            _ = try f.archive.exportBundle(patientID: "nobody", to: out, actor: Fixture.dentist)
        }
        let exports = try f.archive.auditTrail(actor: Fixture.auditor).filter { $0.action == "export" }
        #expect(exports.map(\.outcome) == ["refused", "refused", "refused"])
        #expect(exports.map(\.actor) == ["assistant-1", "dpo", "dr-who"])
        #expect(exports[2].detail.contains("destination"))
        #expect(exports.allSatisfy { $0.event == "110106 Export" && $0.patientRef != nil })
    }

    /// A restricted patient's bundle: administrators only.
    @Test func aRestrictedPatientIsExportedByAdministratorsOnly() throws {
        let (f, _) = try patientArchive()
        try f.archive.restrict(patientID: Self.patientID, restricted: true, reason: "patient's request", actor: Fixture.dentist)
        #expect(throws: ArchiveError.self) {
            _ = try f.archive.exportBundle(patientID: Self.patientID, to: f.folder + "/r1", actor: Fixture.dentist)
        }
        #expect(!FileManager.default.fileExists(atPath: f.folder + "/r1"))
        let report = try f.archive.exportBundle(patientID: Self.patientID, to: f.folder + "/r2", actor: Fixture.admin)
        #expect(report.images == 4)
        let exports = try f.archive.auditTrail(actor: Fixture.auditor).filter { $0.action == "export" }
        #expect(exports.map(\.outcome) == ["refused", "success"] && exports[0].detail.contains("restricted"))
    }

    /// An object damaged on disk stops the export half-way: what was written is removed, and the
    /// trail says it failed (without a path or a patient value).
    @Test func aDamagedObjectLeavesNoHalfBundle() throws {
        let (f, _) = try patientArchive()
        // The For Processing copy is exported last (latest study date); damage its object.
        let lastIngest = try #require(
            try f.archive.auditTrail(patientID: Self.patientID, actor: Fixture.auditor).last { $0.action == "ingest" })
        let object = lastIngest.objects
        let path = f.root + "/objects/" + object.prefix(2) + "/" + object
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))
        let out = f.folder + "/half"
        #expect(throws: ArchiveError.self) {
            _ = try f.archive.exportBundle(patientID: Self.patientID, to: out, actor: Fixture.dentist)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
        let entry = try #require(try f.archive.auditTrail(actor: Fixture.auditor).last { $0.action == "export" })
        #expect(entry.outcome == "failed" && entry.objects.split(separator: " ").count == 4, "\(entry)")
        #expect(!entry.detail.contains(out) && !entry.detail.contains("Arc"))
    }

    @Test func transcodingKeepsStoredValuesAndRefusesWhatIsNotDICOM() throws {
        for sample in Fixture.samples {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: sample)))
            let plain = try DICOMTranscoder.explicitLittleEndian(bytes, source: sample)
            let original = try DICOMReader.read(contentsOf: sample)
            let back = try DICOMReader.read(bytes: plain, source: "transcoded")
            #expect(back.pixels == original.pixels && back.metadata.bitsStored == original.metadata.bitsStored)
            #expect(back.metadata.transferSyntaxUID == TransferSyntax.explicitVRLittleEndian)
            // Transcoding again changes nothing.
            #expect(try DICOMTranscoder.explicitLittleEndian(plain, source: "again") == plain)
        }
        #expect(throws: DICOMError.self) {
            _ = try DICOMTranscoder.explicitLittleEndian(Array("not DICOM at all".utf8), source: "text")
        }
        let folder = try TestData.temporaryFolder("dicomdir")
        #expect(throws: DICOMError.self) {
            try DICOMDIR.write(folder: folder, files: ["dicom/im1.dcm"], filesetID: "X")
        }
        // DCMTK's own reasons come back: the profile takes no For Processing image.
        let raw = try DICOMTranscoder.explicitLittleEndian(
            [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixture.samples[2]))), source: "for processing")
        try FileManager.default.createDirectory(atPath: folder + "/DICOM", withIntermediateDirectories: true)
        try Data(raw).write(to: URL(fileURLWithPath: folder + "/DICOM/IM000001"))
        do {
            try DICOMDIR.write(folder: folder, files: ["DICOM/IM000001"], filesetID: "RADIOGRAPH")
            Issue.record("DCMTK took a For Processing image under STD-DEN-CD")
        } catch {
            #expect(error.reason.contains("invalid SOP class") && error.reason.contains("STD-DEN-CD"), "\(error)")
        }
        // The dental media form of a 14-bit capture: 16 bits stored, the same values.
        let periapical = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixture.samples[0])))
        let media = try DICOMReader.read(bytes: try DICOMTranscoder.dentalMedia(periapical, source: "periapical"))
        let source = try DICOMReader.read(bytes: periapical)
        #expect(media.metadata.bitsStored == 16 && media.pixels == source.pixels)
    }
}

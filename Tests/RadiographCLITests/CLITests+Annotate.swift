import Foundation
import Radiograph
import RadiographAnnotation
import RadiographCodecs
import RadiographCore
import RadiographDICOM
import Testing
import _RadiographTestSupport

/// `radiograph annotate`: outputs, report, presentation state, and its refusals.
extension CLITests {
    static let annotationSample = TestData.sample("io_periapical.annotations.json")
    static let periapicalSample = TestData.sample("io_periapical.dcm")

    @Test func annotateWritesTheImageTheReportAndAPresentationState() throws {
        let dir = try TestData.temporaryFolder("cli")
        let r = try run([
            "annotate", Self.periapicalSample, "-a", Self.annotationSample, "-o", dir + "/a.dcm", "--gsps", dir + "/gsps.dcm",
            "--report", dir + "/r.json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("root length 45\t18.13 mm"))
        let derived = try DICOMReader.read(contentsOf: dir + "/a.dcm")
        #expect(derived.metadata.burnedInAnnotation == "YES")
        #expect(derived.metadata.imageType.contains("DERIVED"))
        // The original lists 47, 46, 45 and 44; the document labels 46 and 45: nothing added twice.
        let original = try DICOMReader.read(contentsOf: Self.periapicalSample).metadata.primaryAnatomicStructures
        #expect(derived.metadata.primaryAnatomicStructures == original)
        let state = try PresentationState.read(path: dir + "/gsps.dcm")
        #expect(state.referencedImage?.sopInstanceUID == (try DICOMReader.read(contentsOf: Self.periapicalSample)).metadata.sopInstanceUID)
        let report = try JSONDecoder().decode(AnnotationReport.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/r.json")))
        #expect(report.calibration.calibrated && report.calibration.columnSpacingMM == 0.0185)
        #expect(report.measurements.count == 8 && report.presentationState == dir + "/gsps.dcm")
        #expect(report.measurements.contains { $0.label == "root divergence 46" && $0.unit == "°" })
        // The presentation state drawn back onto the image.
        let back = try run(["annotate", Self.periapicalSample, "--from-gsps", dir + "/gsps.dcm", "-o", dir + "/back.png"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try decoded(dir + "/back.png") != decoded(Self.plain(Self.periapicalSample, dir)))
        // Colour PNG output.
        #expect(try run(["annotate", Self.periapicalSample, "-a", Self.annotationSample, "-o", dir + "/c.png", "--colour"]).status == 0)
        #expect(ImageFileFormat.detect(from: Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/c.png")))) == .png)
        // Existing outputs are kept unless --overwrite.
        let again = try run(["annotate", Self.periapicalSample, "-a", Self.annotationSample, "-o", dir + "/c.png"])
        #expect(again.status == 1 && again.stderr.contains("exists"))
    }

    @Test func annotateRefusesBadInputsClearly() throws {
        let dir = try TestData.temporaryFolder("cli")
        let broken = dir + "/broken.json"
        try Data(#"{"version": 1, "sopInstanceUID": "1", "annotations": [{"type": "ruler", "from": [1, 2]}]}"#.utf8)
            .write(to: URL(fileURLWithPath: broken))
        let bad = try run(["annotate", Self.periapicalSample, "-a", broken, "-o", dir + "/x.png"])
        #expect(bad.status == 1 && bad.stderr.contains(broken) && bad.stderr.contains("to"), "\(bad.stderr)")
        let missing = try run(["annotate", Self.periapicalSample, "-a", dir + "/none.json", "-o", dir + "/x.png"])
        #expect(missing.status == 1 && missing.stderr.contains("none.json"))
        let other = dir + "/other.json"
        try Data(#"{"version": 1, "sopInstanceUID": "2.25.1", "annotations": [{"type": "marker", "at": [5, 5]}]}"#.utf8)
            .write(to: URL(fileURLWithPath: other))
        let mismatch = try run(["annotate", Self.periapicalSample, "-a", other, "-o", dir + "/x.png"])
        #expect(mismatch.status == 1 && mismatch.stderr.contains("another image"))
        #expect(try run(["annotate", Self.periapicalSample, "-a", other, "-o", dir + "/x.png", "--any-image"]).status == 0)
        #expect(try run(["annotate", Self.periapicalSample, "-a", other, "-o", dir + "/x.dcm", "--colour"]).status == 64)
        #expect(try run(["annotate", Self.periapicalSample, "-o", dir + "/y.png"]).status == 64)
        #expect(!FileManager.default.fileExists(atPath: dir + "/y.png"))
    }
}

/// `radiograph mount`.
extension CLITests {
    @Test func mountListsShowsAndRendersTemplates() throws {
        let list = try run(["mount", "--list"])
        #expect(list.status == 0 && list.stdout.contains("fmx-18:") && list.stdout.contains("(20 slots)"))
        let shown = try run(["mount", "--show-template", "bitewings-2"])
        #expect(shown.status == 0)
        let dir = try TestData.temporaryFolder("cli")
        // A practice's own template, started from a built-in one.
        try Data(shown.stdout.utf8).write(to: URL(fileURLWithPath: dir + "/mine.json"))
        let bw = TestData.sample("io_bitewing_mono1.dcm")
        let r = try run(["mount", "-t", dir + "/mine.json", bw, bw, "-o", dir + "/m.png", "--json", dir + "/m.json", "--cell", "100"])
        #expect(r.status == 0, "\(r.stderr)")
        let image = try decoded(dir + "/m.png")
        #expect(image.width > 200 && image.height > 100)
        #expect(FileManager.default.fileExists(atPath: dir + "/m.json"))
        // Too many captures, an unknown template, DICOM output: refused, nothing written.
        let tooMany = try run(["mount", "-t", "bitewings-2", bw, bw, bw, "-o", dir + "/x.png"])
        #expect(tooMany.status == 1 && tooMany.stderr.contains("2 slots"))
        let unknown = try run(["mount", "-t", "fmx-99", bw, "-o", dir + "/x.png"])
        #expect(unknown.status == 1 && unknown.stderr.contains("fmx-99"))
        // Two patients: refused by default, naming the files and not the patients.
        let pa = TestData.sample("io_periapical.dcm")
        let mixed = try run(["mount", "-t", "bitewings-2", bw, pa, "-o", dir + "/x.png"])
        #expect(mixed.status == 1 && mixed.stderr.contains("2 different patients") && !mixed.stderr.contains("SYN-"), "\(mixed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.png"))
        #expect(try run(["mount", "-t", "bitewings-2", bw, pa, "-o", dir + "/x.png", "--allow-mixed-patients"]).status == 0)
        #expect(try run(["mount", "-t", "bitewings-2", bw, pa, "-o", dir + "/x.dcm", "--allow-mixed-patients"]).status == 64)
        // One patient's mount as derived DICOM, referencing both captures; dciodvfy finds no error.
        let dcm = try run(["mount", "-t", "bitewings-2", bw, bw, "-o", dir + "/m.dcm", "--cell", "100"])
        #expect(dcm.status == 0, "\(dcm.stderr)")
        let derived = try DICOMReader.read(contentsOf: dir + "/m.dcm")
        #expect(derived.metadata.imageType.contains("DERIVED") && derived.pixels.width == image.width)
        let verdict = try TestData.runTool("/usr/bin/dciodvfy", [dir + "/m.dcm"])
        #expect(!verdict.contains("Error"), "\(verdict)")
    }
}

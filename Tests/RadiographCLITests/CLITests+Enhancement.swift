import Foundation
import Radiograph
import RadiographCodecs
import RadiographCore
import RadiographDICOM
import Testing
import _RadiographTestSupport

/// `render`/`enhance` enhancement options, presets, image inputs and the contact sheet.
extension CLITests {
    static let small = TestData.fixture("win_u14_mono2.dcm")

    func decoded(_ path: String) throws -> AnyGrayImage {
        try ImageCodec.decode(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test func presetsAreListedAndPrintedAsJSONThatReadsBack() throws {
        let list = try run(["presets"])
        #expect(list.status == 0)
        for name in ["intraoral", "endodontic", "periodontal", "caries", "panoramic"] {
            #expect(list.stdout.contains("\(name):"), "\(name)")
        }
        let dir = try TestData.temporaryFolder("cli")
        let json = try run(["presets", "endodontic"])
        #expect(json.status == 0)
        try Data(json.stdout.utf8).write(to: URL(fileURLWithPath: dir + "/endo.json"))
        // The same steps from the file as from the name: identical output.
        #expect(try run(["render", Self.small, "-o", dir + "/a.png", "--preset", "endodontic"]).status == 0)
        #expect(try run(["render", Self.small, "-o", dir + "/b.png", "--preset", dir + "/endo.json"]).status == 0)
        #expect(try decoded(dir + "/a.png") == decoded(dir + "/b.png"))
        #expect(try decoded(dir + "/a.png") != decoded(Self.plain(Self.small, dir)))
    }

    static func plain(_ input: String, _ dir: String) throws -> String {
        let out = dir + "/plain-\(UUID().uuidString).png"
        let image = try DICOMReader.read(contentsOf: input)
        let bytes = try ImageCodec.encode(try Renderer.render(image).image, as: .png)
        try Data(bytes).write(to: URL(fileURLWithPath: out))
        return out
    }

    @Test func explicitOptionsMatchTheLibraryPipeline() throws {
        let dir = try TestData.temporaryFolder("cli")
        let out = dir + "/e.png"
        let r = try run([
            "render", Self.small, "-o", out, "--preset", "intraoral", "--clahe", "3,4x4", "--gamma", "1.2",
            "--rotate", "90", "--flip", "h",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let pipeline = EnhancementPreset.intraoral.pipeline.overriding(with: [
            .rotate(.clockwise90), .flip(.horizontal), .clahe(CLAHEParameters(clipLimit: 3, tilesX: 4, tilesY: 4)), .gamma(1.2),
        ])
        let expected = try Renderer.render(
            try DICOMReader.read(contentsOf: Self.small), options: RenderOptions(pipeline: pipeline)
        ).image
        #expect(try decoded(out) == expected)
    }

    @Test(arguments: [
        (["--clahe", "0"], "clip limit"), (["--clahe", "2,0x8"], "tile grid"), (["--clahe", "2,8by8"], "--clahe"),
        (["--unsharp", "0,1"], "sigma"), (["--unsharp", "2"], "--unsharp"), (["--median", "4"], "median"),
        (["--gamma", "0"], "gamma"), (["--rotate", "45"], "--rotate"), (["--flip", "x"], "--flip"),
        (["--crop", "1,2,3"], "--crop"), (["--resize", "0x0"], "resize"), (["--resize", "big"], "--resize"),
        (["--preset", "sparkle"], "unknown preset 'sparkle'"), (["--resize-filter", "area"], "--resize"),
        (["--denoise", "-1"], "denoise"),
    ])
    func badEnhancementParametersAreUsageErrors(_ extra: [String], _ message: String) throws {
        let dir = try TestData.temporaryFolder("cli")
        let r = try run(["render", Self.small, "--output", dir + "/x.png"] + extra)
        #expect(r.status == 64, "\(extra): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(extra): \(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        // The batch refuses them too, before touching any file.
        let b = try run(["enhance", Self.small, "--output", dir + "/out"] + extra)
        #expect(b.status == 64, "\(extra): \(b.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }

    @Test func malformedPresetFilesNameTheFileAndTheProblem() throws {
        let dir = try TestData.temporaryFolder("cli")
        let cases = [
            ("broken.json", #"{"name": "x", "steps": [ {"op": "clahe""#, "not valid JSON"),
            ("typo.json", #"{"name": "x", "steps": [{"op": "clahe", "clip": 2}]}"#, "unknown parameter 'clip'"),
            ("range.json", #"{"name": "x", "steps": [{"op": "gamma", "gamma": -2}]}"#, "gamma"),
            ("nosteps.json", #"{"name": "x"}"#, "steps: missing"),
        ]
        for (file, text, message) in cases {
            try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + file))
            let r = try run(["render", Self.small, "-o", dir + "/x.png", "--preset", dir + "/" + file])
            #expect(r.status == 64, "\(file): \(r.stderr)")
            #expect(r.stderr.contains(file) && r.stderr.contains(message), "\(file): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.png"))
    }

    @Test func aCropOutsideTheImageFailsThatFileOnly() throws {
        let dir = try TestData.temporaryFolder("cli")
        let r = try run(["render", Self.small, "-o", dir + "/x.png", "--crop", "0,0,100000,10"])
        #expect(r.status == 1)
        #expect(r.stderr.contains(Self.small) && r.stderr.contains("crop"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.png"))
    }

    @Test func geometryOptionsGiveTheAskedSize() throws {
        let dir = try TestData.temporaryFolder("cli")
        let source = try DICOMReader.read(contentsOf: Self.small).pixels
        let r = try run(["render", Self.small, "-o", dir + "/g.png", "--crop", "1,2,20,10", "--rotate", "90", "--resize", "30x0"])
        #expect(r.status == 0, "\(r.stderr)")
        let out = try decoded(dir + "/g.png")
        #expect(out.width == 30 && out.height == 60, "\(out.width)x\(out.height) from \(source.width)x\(source.height)")
    }

    @Test func imageInputsAreRenderedAsStoredValues() throws {
        let dir = try TestData.temporaryFolder("cli")
        // A 16-bit TIFF: no window by default, so 16-bit output without steps is the input itself.
        let sixteen = GrayImage<UInt16>.random(width: 33, height: 17, in: 0...65535, seed: 11)
        try Data(try ImageCodec.encode(.uint16(sixteen), as: .tiff)).write(to: URL(fileURLWithPath: dir + "/in.tif"))
        #expect(try run(["render", dir + "/in.tif", "-o", dir + "/same.png", "--bits", "16"]).status == 0)
        #expect(try decoded(dir + "/same.png") == .uint16(sixteen))
        // An 8-bit PNG through CLAHE stays 8-bit end to end: the library's 8-bit CLAHE exactly.
        let eight = GrayImage<UInt8>.random(width: 64, height: 48, in: 30...200, seed: 12)
        try Data(try ImageCodec.encode(.uint8(eight), as: .png)).write(to: URL(fileURLWithPath: dir + "/in.png"))
        let r = try run(["render", dir + "/in.png", "-o", dir + "/clahe.png", "--clahe", "2,4x4"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try decoded(dir + "/clahe.png") == .uint8(try eight.clahe(CLAHEParameters(clipLimit: 2, tilesX: 4, tilesY: 4))))
        // DICOM output needs a DICOM original.
        let d = try run(["render", dir + "/in.png", "-o", dir + "/x.dcm"])
        #expect(d.status == 1 && d.stderr.contains("DICOM output needs a DICOM input"), "\(d.stderr)")
    }

    @Test func enhanceWritesAReportAndAContactSheetAndResumes() throws {
        let dir = try TestData.temporaryFolder("cli")
        let inputs = ["win_u14_mono2.dcm", "win_u14_rle.dcm", "width_17.dcm", "bad_truncated.dcm"].map(TestData.fixture)
        let sheet = dir + "/sheet.png"
        let args = ["enhance"] + inputs + ["-o", dir + "/out", "--preset", "caries", "--json", "--contact-sheet", sheet]
        let first = try run(args)
        #expect(first.status == 1, "the truncated file fails: \(first.stderr)")
        struct Report: Decodable {
            struct File: Decodable { var input: String; var status: String; var operations: String?; var milliseconds: Double?; var error: String? }
            struct Summary: Decodable { var written: Int; var failed: Int; var contactSheet: String? }
            var files: [File]
            var summary: Summary
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(first.stdout.utf8))
        #expect(report.summary.written == 3 && report.summary.failed == 1)
        #expect(report.summary.contactSheet == sheet)
        for f in report.files where f.status == "written" {
            #expect(f.operations == EnhancementPreset.caries.pipeline.description)
            #expect(f.milliseconds != nil)
        }
        #expect(report.files.contains { $0.status == "failed" && $0.error != nil })
        // 4 cells of 256 px + 4 px gaps on a 2 x 2 grid.
        let picture = try decoded(sheet)
        #expect(picture.width == 2 * 260 + 4 && picture.height == 2 * 260 + 4)
        // Resumed: nothing rewritten, the sheet rebuilt with the existing outputs.
        let second = try run(args)
        let again = try JSONDecoder().decode(Report.self, from: Data(second.stdout.utf8))
        #expect(again.summary.written == 0)
        #expect(try decoded(sheet) == picture)
    }

    @Test func theContactSheetNeverReplacesAnotherFile() throws {
        let dir = try TestData.temporaryFolder("cli")
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: dir + "/notes.png"))
        let r = try run(["enhance", Self.small, "-o", dir + "/out", "--contact-sheet", dir + "/notes.png"])
        #expect(r.status == 1 && r.stderr.contains("contact sheet not written"), "\(r.stderr)")
        #expect(try String(contentsOfFile: dir + "/notes.png", encoding: .utf8) == "keep me")
        #expect(try run(["enhance", Self.small, "-o", dir + "/out2", "--contact-sheet", dir + "/sheet.jpg"]).status == 64)
    }
}

extension CLITests {
    /// An enhanced derived image names its steps in Derivation Description and stays valid DICOM.
    @Test func enhancedDerivedDICOMNamesItsStepsAndIsValid() throws {
        let dir = try TestData.temporaryFolder("cli")
        let out = dir + "/enhanced.dcm"
        let r = try run(["render", TestData.sample("io_bitewing_mono1.dcm"), "-o", out, "--preset", "endodontic"])
        #expect(r.status == 0, "\(r.stderr)")
        let dump = try TestData.runTool("/usr/bin/dcmdump", ["+L", "+P", "0008,2111", out])
        #expect(dump.contains("enhanced: denoise 0.1 > clahe 3 8x8 > unsharp 0.8,1,2"), "\(dump)")
        let errors = try TestData.runTool("/usr/bin/dciodvfy", [out]).split(separator: "\n").filter { $0.hasPrefix("Error") }
        #expect(errors.isEmpty, "\(errors)")
    }
}

extension CLITests {
    /// `--preset auto`: intraoral captures get the intraoral preset, panoramics the panoramic one;
    /// explicit options still win in both.
    @Test func autoPresetFollowsTheModality() throws {
        let dir = try TestData.temporaryFolder("cli")
        let r = try run([
            "enhance", TestData.sample("io_bitewing_mono1.dcm"), TestData.sample("px_panoramic.dcm"), "-o", dir,
            "--preset", "auto", "--gamma", "1.1", "--resize", "300x0", "--json", "--quiet",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        struct Report: Decodable {
            struct File: Decodable { var input: String; var operations: String? }
            var files: [File]
        }
        let files = try JSONDecoder().decode(Report.self, from: Data(r.stdout.utf8)).files
        let explicit: [EnhancementStep] = [.gamma(1.1), .resize(width: 300, height: 0)]
        for f in files {
            let expected = f.input.hasSuffix("px_panoramic.dcm") ? EnhancementPreset.panoramic : EnhancementPreset.intraoral
            #expect(f.operations == expected.pipeline.overriding(with: explicit).description, "\(f.input)")
        }
        #expect(files.count == 2)
    }
}

extension CLITests {
    @Test func teethConvertsAndRefusesImpossibleNumbers() throws {
        let r = try run(["teeth", "36", "85"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("36   19         LL6 ┌6        lower left first molar"), "\(r.stdout)")
        #expect(r.stdout.contains("85   T          LRE E┐        lower right deciduous second molar"))
        let palmer = try run(["teeth", "--from", "palmer", "6┘"])
        #expect(palmer.stdout.contains("16   3          UR6 6┘"))
        #expect(try run(["teeth", "--all"]).stdout.split(separator: "\n").count == 53)
        let bad = try run(["teeth", "59"])
        #expect(bad.status == 64 && bad.stderr.contains("'59' is not a FDI tooth number: quadrant 5 has teeth 51 to 55"))
    }
}

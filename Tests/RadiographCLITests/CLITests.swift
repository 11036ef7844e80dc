import Foundation
import RadiographCodecs
import RadiographCore
import Radiograph
import RadiographDICOM
import Testing
import _RadiographTestSupport

/// Runs the built `radiograph` binary and checks exit codes, messages and files, word for word
/// where the contract fixes them.
@Suite(.serialized) struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let binary: String = {
        // swift test builds every product into the same folder as the test bundle.
        let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundlePath
            ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: bundle).deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("radiograph").path) {
            folder = URL(fileURLWithPath: TestData.root + "/.build/debug")
        }
        return folder.appendingPathComponent("radiograph").path
    }()

    /// Runs the binary; `fileSizeLimitKB` runs it under `ulimit -f` (SIGXFSZ ignored, so writes
    /// past the limit fail with EFBIG as on a full disk).
    func run(_ arguments: [String], environment: [String: String] = [:], fileSizeLimitKB: Int? = nil) throws -> Run {
        let process = Process()
        if let limit = fileSizeLimitKB {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "trap '' XFSZ; ulimit -f \(limit); exec \"$0\" \"$@\"", Self.binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: Self.binary)
            process.arguments = arguments
        }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    static let periapical = TestData.sample("io_periapical.dcm")
    static let panoramic = TestData.sample("px_panoramic.dcm")

    // MARK: info

    @Test func infoPrintsTheMetadata() throws {
        let r = try run(["info", Self.periapical])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Digital Intra-Oral X-Ray Image Storage - For Presentation"))
        #expect(r.stdout.contains("1500 x 2000"))
        #expect(r.stdout.contains("14 stored"))
    }

    @Test func infoJSONIsOneRecordPerFile() throws {
        let r = try run(["info", "--json", Self.periapical, Self.panoramic])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(first?["columns"] as? Int == 1500)
        #expect(first?["rows"] as? Int == 2000)
        #expect(first?["modality"] as? String == "IO")
        let second = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any]
        #expect(second?["modality"] as? String == "PX")
    }

    @Test func infoOnAMissingFileNamesItAndFails() throws {
        let r = try run(["info", "/nonexistent/x.dcm"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("radiograph: /nonexistent/x.dcm: "))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    // MARK: render

    @Test func renderWritesAPNG() throws {
        let dir = try TestData.temporaryFolder("cli")
        let out = dir + "/p.png"
        let r = try run(["render", Self.periapical, "--output", out])
        #expect(r.status == 0, "\(r.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["p.png"])
    }

    @Test(arguments: ["win_s16.dcm", "win_s12_in16_dirty.dcm", "win_u8.dcm", "win_u14_jpegls_lossless.dcm"])
    func rawWritesTheStoredValues(_ name: String) throws {
        let dir = try TestData.temporaryFolder("cli")
        let input = TestData.fixture(name)
        for ext in ["png", "tif"] {
            let out = dir + "/raw.\(ext)"
            let r = try run(["render", input, "--output", out, "--raw"])
            #expect(r.status == 0, "\(r.stderr)")
            let written = try ImageCodec.decode(Array(try Data(contentsOf: URL(fileURLWithPath: out))))
            let stored = try DICOMReader.read(contentsOf: input).pixels
            switch (stored, written) {
            case (.int16(let s), .uint16(let w)):
                #expect(s.pixels.map { UInt16(bitPattern: $0) } == w.pixels)
            case (.uint16(let s), .uint16(let w)):
                #expect(s.pixels == w.pixels)
            default:
                Issue.record("\(name): stored \(stored.format), written \(written.format)")
            }
        }
    }

    @Test func renderToDerivedDICOM() throws {
        let dir = try TestData.temporaryFolder("cli")
        let out = dir + "/derived.dcm"
        let r = try run(["render", Self.periapical, "--output", out])
        #expect(r.status == 0, "\(r.stderr)")
        let derived = try DICOMReader.read(contentsOf: out)
        let original = try DICOMReader.read(contentsOf: Self.periapical)
        #expect(derived.metadata.imageType == ["DERIVED", "SECONDARY"])
        #expect(derived.metadata.studyInstanceUID == original.metadata.studyInstanceUID)
        #expect(derived.metadata.sopInstanceUID != original.metadata.sopInstanceUID)
        // The derived pixels are the 8-bit display values the PNG path writes.
        let png = try Renderer.render(original).image
        guard case .uint8(let eight) = png, case .uint16(let stored) = derived.pixels else {
            Issue.record("unexpected pixel types")
            return
        }
        #expect(stored.pixels == eight.pixels.map(UInt16.init))
    }

    @Test func dicomizeWrapsATIFFAndARawCapture() throws {
        let dir = try TestData.temporaryFolder("cli")
        let stored = try DICOMReader.read(contentsOf: Self.periapical)
        guard case .uint16(let pixels) = stored.pixels else { return }
        #expect(try run(["render", Self.periapical, "--output", dir + "/cap.tif", "--raw"]).status == 0)
        let tooth = ["--tooth", "866005003=Mandibular right first molar tooth"]
        let common = ["--patient-id", "SYN-77", "--patient-name", "SYNTHETIC^CAPTURE", "--bits-stored", "14",
                      "--pixel-spacing", "0.0185"]
        let r = try run(["dicomize", dir + "/cap.tif", "--output", dir + "/cap.dcm", "--modality", "IO"] + common + tooth)
        #expect(r.status == 0, "\(r.stderr)")
        let back = try DICOMReader.read(contentsOf: dir + "/cap.dcm")
        #expect(back.pixels == .uint16(pixels))
        #expect(back.metadata.modality == "IO" && back.metadata.patientID == "SYN-77")
        #expect(back.metadata.sopInstanceUID != stored.metadata.sopInstanceUID)
        // The same pixels as little-endian raw words, as a panoramic For Processing capture in RLE.
        var raw = [UInt8]()
        for v in pixels.pixels { raw += [UInt8(v & 0xFF), UInt8(v >> 8)] }
        try Data(raw).write(to: URL(fileURLWithPath: dir + "/cap.raw"))
        let p = try run(["dicomize", dir + "/cap.raw", "--output", dir + "/pano.dcm", "--modality", "PX",
                         "--width", "1500", "--height", "2000", "--for-processing", "--encoding", "rle"] + common)
        #expect(p.status == 0, "\(p.stderr)")
        let pano = try DICOMReader.read(contentsOf: dir + "/pano.dcm")
        #expect(pano.pixels == .uint16(pixels))
        #expect(pano.metadata.sopClassUID == SOPClass.digitalXRayForProcessing)
        #expect(pano.metadata.transferSyntaxUID == TransferSyntax.rleLossless)
        // Teeth by FDI number: written as CID 4018 codes, with a --tooth code after them, each once.
        let fdi = try run(["dicomize", dir + "/cap.tif", "--output", dir + "/fdi.dcm", "--modality", "IO", "--teeth", "46, 47,46"]
                          + common + tooth)
        #expect(fdi.status == 0, "\(fdi.stderr)")
        let teeth = try DICOMReader.read(contentsOf: dir + "/fdi.dcm").metadata.primaryAnatomicStructures
        #expect(teeth.map(\.value) == ["866005003", "863899008"] && teeth.allSatisfy { $0.scheme == "SCT" })
        #expect(teeth[1].meaning == "Mandibular right second molar tooth")
        #expect(try run(["dicomize", dir + "/cap.tif", "--output", dir + "/bad.dcm", "--modality", "IO", "--teeth", "49"] + common).status == 64)
    }

    @Test func dicomizeRefusesWhatItCannotWriteTruthfully() throws {
        let dir = try TestData.temporaryFolder("cli")
        #expect(try run(["render", Self.periapical, "--output", dir + "/cap.tif", "--raw"]).status == 0)
        let base = ["dicomize", dir + "/cap.tif", "--output", dir + "/x.dcm", "--patient-id", "S", "--patient-name", "S^S"]
        // Intra-oral without teeth, an unknown modality, a raw file without its size: usage errors.
        #expect(try run(base + ["--modality", "IO"]).status == 64)
        #expect(try run(base + ["--modality", "CT"]).status == 64)
        #expect(try run(["dicomize", dir + "/cap.raw", "--output", dir + "/x.dcm", "--patient-id", "S",
                         "--patient-name", "S^S", "--modality", "PX"]).status == 64)
        // 14-bit values do not fit in 12 bits stored: refused, nothing written.
        let r = try run(base + ["--modality", "PX", "--bits-stored", "12"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("does not fit in 12 bits stored"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.dcm"))
    }

    @Test func renderNeverReplacesWithoutOverwrite() throws {
        let dir = try TestData.temporaryFolder("cli")
        let out = dir + "/p.png"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: out))
        let r = try run(["render", Self.periapical, "--output", out])
        #expect(r.status == 1)
        #expect(r.stderr == "radiograph: \(out): output exists (use --overwrite to replace it)\n")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me")
        let again = try run(["render", Self.periapical, "--output", out, "--overwrite"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)).starts(with: [0x89, 0x50]))
    }

    @Test(arguments: [
        ["--window", "100,0"], ["--window", "banana"], ["--bits", "12"], ["--quality", "0"],
    ])
    func renderRejectsBadParametersAsUsageErrors(_ extra: [String]) throws {
        let dir = try TestData.temporaryFolder("cli")
        let r = try run(["render", Self.periapical, "--output", dir + "/x.png"] + extra)
        #expect(r.status == 64, "\(extra): \(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test func renderRejectsAnUnknownOutputFormat() throws {
        let r = try run(["render", Self.periapical, "--output", "/tmp/x.bmp"])
        #expect(r.status == 64)
        #expect(r.stderr.contains(".png, .tif, .tiff, .jpg, .jpeg or .dcm"))
    }

    @Test func renderOfATruncatedFileFailsCleanly() throws {
        let dir = try TestData.temporaryFolder("cli")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.periapical))
        let truncated = dir + "/truncated.dcm"
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated))
        let r = try run(["render", truncated, "--output", dir + "/t.png"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("radiograph: \(truncated): "))
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["truncated.dcm"])
    }

    @Test func renderIntoAFolderThatCannotExistFails() throws {
        let dir = try TestData.temporaryFolder("cli")
        try Data("a file".utf8).write(to: URL(fileURLWithPath: dir + "/file"))
        let r = try run(["render", Self.periapical, "--output", dir + "/file/x.png"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("radiograph: \(dir)/file/x.png: cannot "))
    }

    // MARK: enhance

    @Test func enhanceReportsFailuresAndGoesOn() throws {
        let input = try TestData.temporaryFolder("in")
        let output = try TestData.temporaryFolder("out")
        try FileManager.default.createDirectory(atPath: input + "/sub", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.periapical, toPath: input + "/a.dcm")
        try FileManager.default.copyItem(atPath: Self.panoramic, toPath: input + "/sub/b.dcm")
        try Data("not an image".utf8).write(to: URL(fileURLWithPath: input + "/broken.dcm"))
        try Data("notes".utf8).write(to: URL(fileURLWithPath: input + "/notes.txt"))
        let r = try run(["enhance", input, "--output", output, "--json", "--jobs", "2"])
        #expect(r.status == 1)
        #expect(FileManager.default.fileExists(atPath: output + "/a.png"))
        #expect(FileManager.default.fileExists(atPath: output + "/sub/b.png"))
        #expect(!FileManager.default.fileExists(atPath: output + "/broken.png"))
        #expect(r.stderr.contains("radiograph: \(input)/broken.dcm: "))
        #expect(r.stderr.contains("radiograph: \(input)/notes.txt: passed over: not DICOM"))
        #expect(r.stderr.contains("2 written, 0 skipped (output exists), 1 passed over, 1 failed"))
        let report = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let files = report?["files"] as? [[String: Any]] ?? []
        #expect(files.count == 4)
        #expect(files.filter { $0["status"] as? String == "written" }.count == 2)
        // No temporary file is left behind.
        let left = FileManager.default.enumerator(atPath: output)?.allObjects as? [String] ?? []
        #expect(left.allSatisfy { !$0.contains(".partial") }, "\(left)")
    }

    @Test func nonDICOMFilesInAFolderAreListedButDoNotFailTheBatch() throws {
        let input = try TestData.temporaryFolder("in")
        let output = try TestData.temporaryFolder("out")
        try FileManager.default.copyItem(atPath: Self.periapical, toPath: input + "/a.dcm")
        try Data("notes".utf8).write(to: URL(fileURLWithPath: input + "/README.txt"))
        let r = try run(["enhance", input, "--output", output])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("radiograph: \(input)/README.txt: passed over: not DICOM"))
        #expect(r.stderr.contains("1 written, 0 skipped (output exists), 1 passed over, 0 failed"))
    }

    @Test func enhanceResumesWithoutRewriting() throws {
        let output = try TestData.temporaryFolder("out")
        let first = try run(["enhance", Self.periapical, "--output", output])
        #expect(first.status == 0, "\(first.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: output + "/io_periapical.png")
        let second = try run(["enhance", Self.periapical, "--output", output])
        #expect(second.status == 0)
        #expect(second.stderr.contains("0 written, 1 skipped (output exists), 0 passed over, 0 failed"))
        let again = try FileManager.default.attributesOfItem(atPath: output + "/io_periapical.png")
        #expect(attributes[.modificationDate] as? Date == again[.modificationDate] as? Date)
    }

    @Test func enhanceToDICOMNeverReplacesItsInputs() throws {
        let folder = try TestData.temporaryFolder("in")
        try FileManager.default.copyItem(atPath: Self.periapical, toPath: folder + "/a.dcm")
        let before = try Data(contentsOf: URL(fileURLWithPath: folder + "/a.dcm"))
        // Output folder = input folder, DICOM output, --overwrite: the original must survive.
        let r = try run(["enhance", folder, "--output", folder, "--format", "dicom", "--overwrite"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("the output would replace its input"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/a.dcm")) == before)
        // Into another folder it writes derived objects.
        let output = try TestData.temporaryFolder("out")
        let ok = try run(["enhance", folder, "--output", output, "--format", "dicom"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let derived = try DICOMReader.read(contentsOf: output + "/a.dcm")
        #expect(derived.metadata.imageType == ["DERIVED", "SECONDARY"])
        let same = try run(["render", folder + "/a.dcm", "--output", folder + "/a.dcm", "--overwrite"])
        #expect(same.status == 1)
    }

    @Test func enhanceWithAMissingInputFails() throws {
        let output = try TestData.temporaryFolder("out")
        let r = try run(["enhance", "/nonexistent/folder", "--output", output])
        #expect(r.status == 1)
        #expect(r.stderr.contains("radiograph: /nonexistent/folder: no such file or folder"))
        #expect(r.stderr.contains("0 written, 0 skipped (output exists), 0 passed over, 1 failed"))
    }

    @Test func enhanceRejectsBadUsage() throws {
        #expect(try run(["enhance", Self.periapical]).status == 64)
        #expect(try run(["enhance", Self.periapical, "--output", "/tmp/x", "--format", "gif"]).status == 64)
        #expect(try run(["enhance", Self.periapical, "--output", "/tmp/x", "--jobs", "-1"]).status == 64)
    }

    @Test func helpListsTheSubcommands() throws {
        let r = try run(["--help"])
        #expect(r.status == 0)
        for name in ["info", "render", "enhance", "dicomize"] { #expect(r.stdout.contains(name)) }
    }
}

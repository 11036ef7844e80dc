import Foundation
import RadiographCore
import Testing
import _RadiographTestSupport

@testable import RadiographDICOM

/// Grayscale Softcopy Presentation States written and read through dcmpstat: valid for dciodvfy,
/// accepted by DCMTK's dcmp2pgm with the stored window applied, and read back unchanged.
@Suite struct PresentationStateTests {
    typealias P = PresentationState.Point
    static let image = TestData.sample("io_periapical.dcm")

    /// Every graphic kind and every text placement, on two layers whose orders are not 1, 2.
    /// Coordinates are exact in `Float`, so the round trip is exact.
    static let content = PresentationState(
        contentLabel: "DENTAL_NOTES 1",
        contentDescription: "Caries and bone level marks",
        creatorName: "SYNTHETIC^READER",
        window: .init(center: 8000, width: 4001, explanation: "RADIOGRAPH TEST"),
        displayedArea: .init(topLeft: (column: 101, row: 51), bottomRight: (column: 1400, row: 1950)),
        layers: [
            .init(name: "MEASUREMENTS", order: 5, description: "Lengths and angles"),
            .init(name: "NOTES", order: 9),
            .init(name: "EMPTY", order: 12, description: "A layer with nothing on it yet"),
        ],
        graphics: [
            .init(layer: "MEASUREMENTS", kind: .point, points: [P(x: 0.5, y: 0.5)]),
            .init(
                layer: "MEASUREMENTS", kind: .polyline,
                points: [P(x: 10.25, y: 20.5), P(x: 300.75, y: 400), P(x: 1499.5, y: 1999.5)]),
            .init(
                layer: "MEASUREMENTS", kind: .polyline,
                points: [P(x: 100, y: 100), P(x: 200, y: 100), P(x: 150, y: 180.5), P(x: 100, y: 100)], filled: true),
            .init(
                layer: "MEASUREMENTS", kind: .interpolated,
                points: [P(x: 600, y: 700), P(x: 650.5, y: 720), P(x: 700, y: 800.125)]),
            .init(
                layer: "NOTES", kind: .circle, points: [P(x: 750.5, y: 1000.5), P(x: 790.5, y: 1000.5)], filled: true),
            .init(
                layer: "NOTES", kind: .ellipse,
                points: [P(x: 400, y: 1500), P(x: 600, y: 1500), P(x: 500, y: 1450), P(x: 500, y: 1550)]),
        ],
        texts: [
            .init(layer: "MEASUREMENTS", text: "12.5 mm", boundingBox: (P(x: 310, y: 390), P(x: 420, y: 430))),
            .init(
                layer: "NOTES", text: "Caries? Check 36 distal", boundingBox: (P(x: 800, y: 900), P(x: 1100, y: 960)),
                anchor: P(x: 760.5, y: 1000.5), anchorVisible: true),
            .init(layer: "NOTES", text: "Periapical lesion", anchor: P(x: 500, y: 1500)),
        ])

    static func dciodvfyErrors(_ path: String) throws -> [String] {
        try TestData.runTool("/usr/bin/dciodvfy", [path]).split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix("Error") }
    }

    @Test func everyKindIsValidAndReadsBackUnchanged() throws {
        let dir = try TestData.temporaryFolder("gsps")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = dir + "/state.dcm"
        let stored = try Self.content.write(forImageAt: Self.image, to: output)

        let errors = try Self.dciodvfyErrors(output)
        #expect(errors == [], "\(errors)")

        let back = try PresentationState.read(path: output)
        #expect(back == stored)
        // Nothing was rounded: the content comes back as given, coordinates included.
        #expect(back.graphics == Self.content.graphics)
        #expect(back.texts == Self.content.texts)
        #expect(back.layers == Self.content.layers)
        #expect(back.window == Self.content.window)
        #expect(back.displayedArea == Self.content.displayedArea)
        #expect(back.contentLabel == "DENTAL_NOTES 1")
        #expect(back.creatorName == "SYNTHETIC^READER")

        let original = try DICOMReader.readMetadata(contentsOf: Self.image)
        #expect(
            back.referencedImage
                == .init(
                    sopClassUID: original.sopClassUID ?? "-",
                    sopInstanceUID: original.sopInstanceUID ?? "-",
                    seriesInstanceUID: original.seriesInstanceUID ?? "-"))
        #expect(back.studyInstanceUID == original.studyInstanceUID)
        #expect(back.sopInstanceUID?.hasPrefix("2.25.") == true)
        #expect(back.seriesInstanceUID?.hasPrefix("2.25.") == true)
        #expect(back.sopInstanceUID != original.sopInstanceUID)
        #expect(back.seriesInstanceUID != original.seriesInstanceUID)

        // The file is a GSPS in explicit VR little endian, with the image's patient.
        let data = try DICOMDataSet.open(path: output)
        #expect(data.string(.sopClassUID).map(trimmed) == "1.2.840.10008.5.1.4.1.1.11.1")
        #expect(data.string(.modality).map(trimmed) == "PR")
        #expect(data.transferSyntaxUID == TransferSyntax.explicitVRLittleEndian)
        #expect(data.string(.patientID).map(trimmed) == original.patientID)

        // A second write is a new object in a new series.
        let again = try Self.content.encoded(forImageAt: Self.image).stored
        #expect(again.sopInstanceUID != stored.sopInstanceUID)
        #expect(again.seriesInstanceUID != stored.seriesInstanceUID)
    }

    @Test func pointsAreStoredAsFloatsAndReturnedAsStored() throws {
        var content = PresentationState(contentLabel: "ROUNDING", layers: [.init(name: "L", order: 1)])
        content.graphics = [.init(layer: "L", kind: .point, points: [P(x: 0.1, y: 1.0 / 3.0)])]
        let (bytes, stored) = try content.encoded(forImageAt: Self.image)
        #expect(stored.graphics[0].points == [P(x: Double(Float(0.1)), y: Double(Float(1.0 / 3.0)))])
        #expect(try PresentationState.read(bytes: bytes) == stored)
    }

    @Test func nonASCIITextIsStoredAsUTF8() throws {
        let dir = try TestData.temporaryFolder("gsps-utf8")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = dir + "/state.dcm"
        let content = PresentationState(
            contentLabel: "NOTES", contentDescription: "Zahn 36 – Karies", creatorName: "MÜLLER^JÖRG",
            layers: [.init(name: "NOTES", order: 1, description: "Bemerkungen über Zähne")],
            texts: [.init(layer: "NOTES", text: "Wurzelfüllung ≈ 2 mm kurz", anchor: P(x: 10, y: 10))])
        let stored = try content.write(forImageAt: Self.image, to: output)
        let errors = try Self.dciodvfyErrors(output)
        #expect(errors == [], "\(errors)")
        let back = try PresentationState.read(path: output)
        #expect(back == stored)
        #expect(back.texts[0].text == "Wurzelfüllung ≈ 2 mm kurz")
        #expect(back.creatorName == "MÜLLER^JÖRG")
    }

    @Test func withoutWindowOrAreaTheWholeImageIsShownUnwindowed() throws {
        let content = PresentationState(contentLabel: "PLAIN")
        let (bytes, stored) = try content.encoded(forImageAt: Self.image)
        let back = try PresentationState.read(bytes: bytes)
        #expect(back.window == nil)
        #expect(back.displayedArea == .init(topLeft: (1, 1), bottomRight: (1500, 2000)))
        #expect(back.layers.isEmpty && back.graphics.isEmpty && back.texts.isEmpty)
        #expect(back.sopInstanceUID == stored.sopInstanceUID)
    }

    /// DISPLAY units (written by other software) are mapped through the displayed area: (0, 0) is
    /// the top left corner of its top left pixel, (1, 1) the bottom right corner of its bottom right one.
    @Test func displayUnitsAreReadAsImageCoordinates() throws {
        let dir = try TestData.temporaryFolder("gsps-display")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = dir + "/state.dcm"
        let content = PresentationState(
            contentLabel: "DISPLAY",
            displayedArea: .init(topLeft: (column: 101, row: 51), bottomRight: (column: 1400, row: 1950)),
            layers: [.init(name: "L", order: 1)],
            graphics: [.init(layer: "L", kind: .polyline, points: [P(x: 0, y: 0), P(x: 0.5, y: 0.25), P(x: 1, y: 1)])])
        try content.write(forImageAt: Self.image, to: output)
        _ = try TestData.runTool(
            "/usr/bin/dcmodify", ["-nb", "-m", "(0070,0001)[0].(0070,0009)[0].(0070,0005)=DISPLAY", output])
        let back = try PresentationState.read(path: output)
        #expect(back.graphics[0].points == [P(x: 100, y: 50), P(x: 750, y: 525), P(x: 1400, y: 1950)])
    }

    @Test func emptyOptionalTextsAreStoredAsAbsent() throws {
        let content = PresentationState(
            contentLabel: "EMPTY", contentDescription: "", creatorName: "",
            window: .init(center: 100, width: 200, explanation: ""), layers: [.init(name: "L", order: 3, description: "")])
        let (bytes, stored) = try content.encoded(forImageAt: Self.image)
        #expect(stored.contentDescription == nil && stored.creatorName == nil)
        #expect(stored.window?.explanation == nil && stored.layers[0].description == nil)
        #expect(try PresentationState.read(bytes: bytes) == stored)
    }

    /// Every sample (MONOCHROME1, RLE, JPEG lossless, panoramic): valid, and read back unchanged.
    @Test(arguments: ["io_bitewing_mono1.dcm", "px_panoramic.dcm", "io_for_processing.dcm"])
    func otherSamplesGetValidStates(_ name: String) throws {
        let dir = try TestData.temporaryFolder("gsps-samples")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = dir + "/state.dcm"
        var content = Self.content
        content.displayedArea = nil
        let stored = try content.write(forImageAt: TestData.sample(name), to: output)
        let errors = try Self.dciodvfyErrors(output)
        #expect(errors == [], "\(errors)")
        #expect(try PresentationState.read(path: output) == stored)
    }

    @Test(arguments: ["dental notes", "", "   ", "SEVENTEEN_CHARS_X", "NOTE-1", "ZÄHNE", " NOTES", "NOTES "])
    func aContentLabelThatIsNotACodeStringIsRefused(_ label: String) {
        let content = PresentationState(contentLabel: label)
        #expect {
            try content.encoded(forImageAt: Self.image)
        } throws: { error in
            guard case DICOMError.invalidAttribute(let source, let attribute, _) = error else { return false }
            return source == Self.image && attribute == "Content Label"
        }
    }

    @Test func malformedGraphicsAreRefused() {
        let layer = PresentationState.GraphicLayer(name: "L", order: 1)
        let bad: [PresentationState.GraphicObject] = [
            .init(layer: "L", kind: .circle, points: [P(x: 1, y: 1)]),
            .init(layer: "L", kind: .ellipse, points: [P(x: 1, y: 1), P(x: 2, y: 2)]),
            .init(layer: "L", kind: .point, points: []),
            .init(layer: "L", kind: .polyline, points: [P(x: 1, y: 1)]),
            .init(layer: "L", kind: .polyline, points: [P(x: 1, y: 1), P(x: 5, y: 1), P(x: 5, y: 5)], filled: true),
            .init(layer: "OTHER", kind: .point, points: [P(x: 1, y: 1)]),
            .init(layer: "L", kind: .point, points: [P(x: .infinity, y: 1)]),
        ]
        for graphic in bad {
            let content = PresentationState(contentLabel: "X", layers: [layer], graphics: [graphic])
            #expect(throws: DICOMError.self) { try content.encoded(forImageAt: Self.image) }
        }
        let noPlacement = PresentationState(contentLabel: "X", layers: [layer], texts: [.init(layer: "L", text: "t")])
        #expect(throws: DICOMError.self) { try noPlacement.encoded(forImageAt: Self.image) }
        let twice = PresentationState(contentLabel: "X", layers: [layer, layer])
        #expect(throws: DICOMError.self) { try twice.encoded(forImageAt: Self.image) }
        let narrow = PresentationState(contentLabel: "X", window: .init(center: 10, width: 0.5))
        #expect(throws: DICOMError.self) { try narrow.encoded(forImageAt: Self.image) }
    }

    @Test func readingAnImageIsATypedErrorNamingTheFile() {
        #expect {
            try PresentationState.read(path: Self.image)
        } throws: { error in
            guard case DICOMError.invalidAttribute(let source, let attribute, let reason) = error else { return false }
            return source == Self.image && attribute == "SOP Class UID" && reason.contains("not a Grayscale")
        }
        let missing = "/nonexistent/state.dcm"
        #expect {
            try PresentationState.read(path: missing)
        } throws: { error in (error as? DICOMError)?.source == missing }
    }

    @Test func writingIntoAMissingFolderIsATypedError() {
        let path = "/nonexistent-folder/state.dcm"
        #expect {
            try PresentationState(contentLabel: "X").write(forImageAt: Self.image, to: path)
        } throws: { error in
            guard case DICOMError.unwritable(let source, _) = error else { return false }
            return source == path
        }
    }

    /// DCMTK's own GSPS renderer accepts the state and applies its window: `dcmp2pgm -p GSPS IMAGE`
    /// exits 0, renders the displayed area, and its pixels match the DICOM linear window
    /// (PS3.3 C.11.2.1.2.1) computed here from the stored values.
    @Test func dcmp2pgmAppliesTheStoredWindow() throws {
        let tool = "/usr/bin/dcmp2pgm"
        try #require(FileManager.default.isExecutableFile(atPath: tool), "dcmp2pgm missing: run scripts/setup.sh")
        let dir = try TestData.temporaryFolder("gsps-dcmp2pgm")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Debian's dcmp2pgm has no JPEG-LS decoder: it gets an uncompressed copy (same UIDs).
        let image = dir + "/image.dcm"
        _ = try TestData.runTool("/usr/bin/dcmdjpls", [Self.image, image])
        let state = dir + "/state.dcm"
        let pgm = dir + "/out.pgm"
        let window = PresentationState.SoftcopyWindow(center: 6000, width: 3001)
        try PresentationState(contentLabel: "WINDOW", window: window).write(forImageAt: image, to: state)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-p", state, image, pgm]
        let messages = Pipe()
        process.standardOutput = messages
        process.standardError = messages
        try process.run()
        let printed = String(decoding: messages.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "dcmp2pgm: \(printed)")

        let data = Array(try Data(contentsOf: URL(fileURLWithPath: pgm)))
        let (width, height, maxval, offset) = try #require(Self.pgmHeader(data))
        #expect(width == 1500 && height == 2000 && maxval == 255)
        let source = try DICOMReader.read(contentsOf: Self.image)
        guard case .uint16(let stored) = source.pixels else { Issue.record("expected 16-bit pixels"); return }
        var compared = 0
        var inside = 0  // pixels strictly between black and white: the window's slope was checked
        var generator = SeededGenerator(seed: 36)
        for _ in 0..<2000 {
            let x = Int.random(in: 0..<width, using: &generator)
            let y = Int.random(in: 0..<height, using: &generator)
            let value = Double(stored[x: x, y: y])  // rescale 1/0
            let c = window.center - 0.5
            let w = window.width - 1
            let expected: Double
            if value <= c - w / 2 {
                expected = 0
            } else if value > c + w / 2 {
                expected = 255
            } else {
                expected = ((value - c) / w + 0.5) * 255
            }
            let got = Double(data[offset + y * width + x])
            if expected > 0 && expected < 255 { inside += 1 }
            #expect(
                abs(got - expected) <= 1, "pixel (\(x), \(y)) value \(value): dcmp2pgm \(got), expected \(expected)")
            compared += 1
        }
        #expect(compared == 2000)
        #expect(inside > 200, "only \(inside) of 2000 pixels fall inside the window")
    }

    static func pgmHeader(_ d: [UInt8]) -> (Int, Int, Int, Int)? {
        var i = 0
        var fields: [String] = []
        while fields.count < 4 && i < d.count {
            while i < d.count, d[i] == 0x20 || d[i] == 0x0A || d[i] == 0x0D || d[i] == 0x09 { i += 1 }
            if i < d.count, d[i] == 0x23 {
                while i < d.count, d[i] != 0x0A { i += 1 }
                continue
            }
            let start = i
            while i < d.count, !(d[i] == 0x20 || d[i] == 0x0A || d[i] == 0x0D || d[i] == 0x09) { i += 1 }
            fields.append(String(decoding: d[start..<i], as: UTF8.self))
        }
        guard fields.count == 4, fields[0] == "P5", let w = Int(fields[1]), let h = Int(fields[2]),
            let m = Int(fields[3])
        else { return nil }
        return (w, h, m, i + 1)
    }
}

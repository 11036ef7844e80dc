import Foundation
import Radiograph
import RadiographCore
import RadiographDICOM
import Testing
import _RadiographTestSupport

/// Every display case against DCMTK's `dcmj2pnm` run on the same file: tolerance 0.
@Suite struct DCMTKOracleTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var bytes: @Sendable () -> [UInt8]
        var description: String { name }
    }

    /// A ramp over the whole stored range plus random values, so every LUT entry region is hit.
    static func pixels(_ w: Int, _ h: Int, bits: Int, signed: Bool, seed: UInt64) -> [Int] {
        var g = SeededGenerator(seed: seed)
        let lo = signed ? -(1 << (bits - 1)) : 0
        let hi = signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1
        return (0..<(w * h)).map { i in
            i % 3 == 0 ? lo + (hi - lo) * i / max(1, w * h - 1) : Int.random(in: lo...hi, using: &g)
        }
    }

    static func writer(_ w: Int, _ h: Int, bits: Int = 14, signed: Bool = false, photometric: String = "MONOCHROME2",
                       allocated: Int = 16) -> DICOMTestWriter {
        DICOMTestWriter.image(width: w, height: h, pixels: pixels(w, h, bits: bits, signed: signed, seed: UInt64(w * h)),
                              bitsAllocated: allocated, bitsStored: bits, signed: signed, photometric: photometric)
    }

    static let generated: [Case] = [
        Case(name: "unsigned 14-bit, awkward 65x17") { writer(65, 17).bytes() },
        Case(name: "unsigned 14-bit, 1x1") { writer(1, 1).bytes() },
        Case(name: "unsigned 14-bit, 3x63") { writer(3, 63).bytes() },
        Case(name: "signed 16-bit") { writer(64, 64, bits: 16, signed: true).bytes() },
        Case(name: "signed 12-bit") { writer(63, 15, bits: 12, signed: true).bytes() },
        Case(name: "8-bit") { writer(17, 16, bits: 8, allocated: 8).bytes() },
        Case(name: "MONOCHROME1") { writer(64, 16, photometric: "MONOCHROME1").bytes() },
        Case(name: "MONOCHROME1 + IDENTITY") {
            var w = writer(64, 16, photometric: "MONOCHROME1")
            w.set(0x2050, 0x0020, "CS", .text("IDENTITY"))
            return w.bytes()
        },
        Case(name: "MONOCHROME1 + INVERSE") {
            var w = writer(64, 16, photometric: "MONOCHROME1")
            w.set(0x2050, 0x0020, "CS", .text("INVERSE"))
            return w.bytes()
        },
        Case(name: "integer rescale") {
            var w = writer(64, 16, bits: 12)
            w.set(0x0028, 0x1053, "DS", .text("2"))
            w.set(0x0028, 0x1052, "DS", .text("-1024"))
            return w.bytes()
        },
        Case(name: "signed with rescale") {
            var w = writer(33, 9, bits: 12, signed: true)
            w.set(0x0028, 0x1053, "DS", .text("3"))
            w.set(0x0028, 0x1052, "DS", .text("100"))
            return w.bytes()
        },
    ]

    static let samples = ["io_periapical", "px_panoramic", "io_bitewing_mono1", "io_for_processing"]

    static let windows: [(Double, Double)] = [(8000, 6000), (1000.5, 333.3), (2048, 1), (2048, 2), (2048.7, 2.5), (0, 9000)]

    func compare(_ path: String, _ dcmtk: [String], _ options: RenderOptions, _ label: String) throws {
        let image = try DICOMReader.read(contentsOf: path)
        let rendered = try Renderer.render(image, options: options)
        switch rendered.image {
        case .uint8(let ours):
            let reference = try DCMTKReference.render8(path, dcmtk)
            let d = ImageDifference(ours, reference)
            #expect(d.count == 0, "\(label) \(dcmtk): \(d)")
        case .uint16(let ours):
            let reference = try DCMTKReference.render16(path, dcmtk)
            let d = ImageDifference(ours, reference)
            #expect(d.count == 0, "\(label) \(dcmtk) 16-bit: \(d)")
        case .int16:
            Issue.record("signed display output")
        }
    }

    func file(_ c: Case) throws -> String {
        let dir = try TestData.temporaryFolder("oracle")
        let path = dir + "/case.dcm"
        try Data(c.bytes()).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: generated)
    func explicitWindowsMatchDCMTK(_ c: Case) throws {
        let path = try file(c)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        for (center, width) in Self.windows {
            for bits in [8, 16] {
                try compare(path, ["+Ww", "\(center)", "\(width)"],
                            RenderOptions(window: .explicit(center: center, width: width), outputBits: bits), c.name)
            }
        }
    }

    @Test(arguments: samples)
    func sampleImagesMatchDCMTK(_ name: String) throws {
        let path = TestData.sample(name + ".dcm")
        let metadata = try DICOMReader.readMetadata(contentsOf: path)
        if !metadata.windows.isEmpty {
            for bits in [8, 16] { try compare(path, ["+Wi", "1"], RenderOptions(window: .file(index: 0), outputBits: bits), name) }
        }
        for (center, width) in [(2000.0, 3000.0), (9000.5, 4000.0)] {
            try compare(path, ["+Ww", "\(center)", "\(width)"], RenderOptions(window: .explicit(center: center, width: width)), name)
        }
    }

    @Test func multipleStoredWindowsAreSelectable() throws {
        var w = Self.writer(65, 17)
        w.set(0x0028, 0x1050, "DS", .text("4000\\12000.5"))
        w.set(0x0028, 0x1051, "DS", .text("2000\\3000"))
        w.set(0x0028, 0x1055, "LO", .text("SOFT\\HARD"))
        let bytes = w.bytes()
        let path = try file(Case(name: "two windows") { bytes })
        try compare(path, ["+Wi", "1"], RenderOptions(window: .file(index: 0)), "window 1")
        try compare(path, ["+Wi", "2"], RenderOptions(window: .file(index: 1)), "window 2")
        try compare(path, ["+Wi", "2"], RenderOptions(window: .file(index: 1), outputBits: 16), "window 2")
    }

    @Test func fractionalRescaleIsExactInDCMTKModeAndWithinOneOtherwise() throws {
        for (w, h) in [(16, 16), (512, 512)] {
            var writer = Self.writer(w, h, bits: 12)
            writer.set(0x0028, 0x1053, "DS", .text("0.37"))
            writer.set(0x0028, 0x1052, "DS", .text("-100.25"))
            let bytes = writer.bytes()
            let path = try file(Case(name: "frac") { bytes })
            let image = try DICOMReader.read(contentsOf: path)
            let reference = try DCMTKReference.render8(path, ["+Ww", "700.5", "1001"])
            let options = RenderOptions(window: .explicit(center: 700.5, width: 1001), rescaleArithmetic: .dcmtk)
            guard case .uint8(let dcmtkMode) = try Renderer.render(image, options: options).image else { return }
            #expect(ImageDifference(dcmtkMode, reference).count == 0, "\(w)x\(h) dcmtk mode")
            var standard = options
            standard.rescaleArithmetic = .standard
            guard case .uint8(let exact) = try Renderer.render(image, options: standard).image else { return }
            #expect(ImageDifference(exact, reference).maximum <= 1, "\(w)x\(h) standard")
        }
    }

    @Test func sigmoidMatchesDCMTK() throws {
        let path = try file(Self.generated[0])
        for (center, width) in [(8000.0, 6000.0), (2000.5, 300.0)] {
            try compare(path, ["+Ww", "\(center)", "\(width)", "+Wfs"],
                        RenderOptions(window: .explicit(center: center, width: width), function: .sigmoid), "sigmoid")
        }
    }

    @Test func voiLUTMatchesDCMTK() throws {
        for bits in [16, 12, 8] {
            var w = Self.writer(64, 64, bits: 12)
            let entries = 3000
            let maxOut = (1 << bits) - 1
            let data = (0..<entries).map { UInt16(Double(maxOut) * pow(Double($0) / Double(entries - 1), 0.6)) }
            w.set(0x0028, 0x3010, "SQ", .sequence([[
                DICOMTestWriter.Element(0x0028, 0x3002, "US", .us([UInt16(entries), 500, UInt16(bits)])),
                DICOMTestWriter.Element(0x0028, 0x3006, bits == 8 ? "OW" : "OW", .words(data)),
            ]]))
            let bytes = w.bytes()
            let path = try file(Case(name: "voi lut") { bytes })
            try compare(path, ["+Wl", "1"], RenderOptions(window: .voiLUT(index: 0)), "VOI LUT \(bits)-bit entries")
            try compare(path, ["+Wl", "1"], RenderOptions(window: .voiLUT(index: 0), outputBits: 16),
                        "VOI LUT \(bits)-bit entries")
        }
    }

    @Test(arguments: generated)
    func noVOIMatchesDCMTK(_ c: Case) throws {
        let path = try file(c)
        try compare(path, [], RenderOptions(window: .none), c.name)
        try compare(path, [], RenderOptions(window: .none, outputBits: 16), c.name)
    }

    @Test func modalityLUTMatchesDCMTK() throws {
        var w = Self.writer(64, 32, bits: 12)
        let entries = 4096
        let data: [UInt16] = (0..<entries).map { i in
            let x = Double(i)
            let y: Double = 40 + 9 * x + 0.0004 * x * x
            return UInt16(min(65535, y))
        }
        w.set(0x0028, 0x3000, "SQ", .sequence([[
            DICOMTestWriter.Element(0x0028, 0x3002, "US", .us([UInt16(entries), 0, 16])),
            DICOMTestWriter.Element(0x0028, 0x3004, "LO", .text("US")),
            DICOMTestWriter.Element(0x0028, 0x3006, "OW", .words(data)),
        ]]))
        let bytes = w.bytes()
        let path = try file(Case(name: "modality lut") { bytes })
        for (c, wd) in [(20000.0, 30000.0), (5000.5, 999.0)] {
            try compare(path, ["+Ww", "\(c)", "\(wd)"], RenderOptions(window: .explicit(center: c, width: wd)), "modality LUT")
        }
    }

    @Test func presentationShapeInverseOnMonochrome2() throws {
        var w = Self.writer(64, 16)
        w.set(0x2050, 0x0020, "CS", .text("INVERSE"))
        let bytes = w.bytes()
        let path = try file(Case(name: "inverse") { bytes })
        try compare(path, ["+Ww", "8000", "6000"], RenderOptions(window: .explicit(center: 8000, width: 6000)), "INVERSE")
    }
}

import Foundation
import RadiographCore
import RadiographDICOM
import Testing
import _RadiographTestSupport

@Suite struct DICOMReaderTests {
    /// Deterministic stored values in the range of `bits` (signed or not).
    static func values(count: Int, bits: Int, signed: Bool, seed: UInt64) -> [Int] {
        var g = SeededGenerator(seed: seed)
        let lo = signed ? -(1 << (bits - 1)) : 0
        let hi = signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1
        return (0..<count).map { i in i == 0 ? lo : (i == 1 ? hi : Int.random(in: lo...hi, using: &g)) }
    }

    static func storedValues(_ image: AnyGrayImage) -> [Int] {
        switch image {
        case .uint8(let i): i.pixels.map(Int.init)
        case .uint16(let i): i.pixels.map(Int.init)
        case .int16(let i): i.pixels.map(Int.init)
        }
    }

    @Test(arguments: TestData.awkwardWidths)
    func decodesEveryWidth(width: Int) throws {
        for height in [1, 2, 3, 17] {
            let expected = Self.values(count: width * height, bits: 14, signed: false, seed: UInt64(width * 100 + height))
            let bytes = DICOMTestWriter.image(width: width, height: height, pixels: expected, bitsStored: 14).bytes()
            let image = try DICOMReader.read(bytes: bytes)
            #expect(image.metadata.columns == width && image.metadata.rows == height)
            #expect(Self.storedValues(image.pixels) == expected)
        }
    }

    struct Layout: Sendable, CustomStringConvertible {
        var bitsAllocated: Int, bitsStored: Int, highBit: Int, signed: Bool
        var description: String { "\(bitsAllocated)/\(bitsStored)/\(highBit)\(signed ? " signed" : "")" }
    }

    @Test(arguments: [
        Layout(bitsAllocated: 16, bitsStored: 16, highBit: 15, signed: false),
        Layout(bitsAllocated: 16, bitsStored: 16, highBit: 15, signed: true),
        Layout(bitsAllocated: 16, bitsStored: 12, highBit: 11, signed: true),
        Layout(bitsAllocated: 16, bitsStored: 12, highBit: 15, signed: false),
        Layout(bitsAllocated: 16, bitsStored: 10, highBit: 12, signed: true),
        Layout(bitsAllocated: 8, bitsStored: 8, highBit: 7, signed: false),
        Layout(bitsAllocated: 8, bitsStored: 6, highBit: 5, signed: true),
    ])
    func shiftsMasksAndSignExtends(_ layout: Layout) throws {
        let expected = Self.values(count: 65 * 3, bits: layout.bitsStored, signed: layout.signed, seed: 42)
        let shift = layout.highBit + 1 - layout.bitsStored
        let mask = (1 << layout.bitsStored) - 1
        // Junk in the bits outside Bits Stored must be ignored.
        let junk = layout.bitsAllocated == 16 ? 0xFFFF : 0xFF
        let raw = expected.map { (($0 & mask) << shift) | (junk & ~(mask << shift)) }
        var writer = DICOMTestWriter.image(
            width: 65, height: 3, pixels: [], bitsAllocated: layout.bitsAllocated, bitsStored: layout.bitsStored,
            highBit: layout.highBit, signed: layout.signed)
        if layout.bitsAllocated == 8 {
            writer.set(0x7FE0, 0x0010, "OB", .bytes(raw.map { UInt8($0 & 0xFF) }))
        } else {
            writer.set(0x7FE0, 0x0010, "OW", .words(raw.map { UInt16($0 & 0xFFFF) }))
        }
        let image = try DICOMReader.read(bytes: writer.bytes())
        #expect(Self.storedValues(image.pixels) == expected)
        #expect(image.pixels.format == (layout.signed ? .int16 : .uint16))
    }

    @Test func readsTheDisplayAttributes() throws {
        var w = DICOMTestWriter.image(width: 4, height: 4, pixels: Array(0..<16), bitsStored: 12)
        w.set(0x0028, 0x1050, "DS", .text("100\\2000.5"))
        w.set(0x0028, 0x1051, "DS", .text("50\\4000"))
        w.set(0x0028, 0x1055, "LO", .text("SOFT\\BONE"))
        w.set(0x0028, 0x1052, "DS", .text("-1024"))
        w.set(0x0028, 0x1053, "DS", .text("2"))
        w.set(0x0028, 0x1054, "LO", .text("US"))
        w.set(0x0018, 0x1164, "DS", .text("0.0185\\0.0185"))
        w.set(0x2050, 0x0020, "CS", .text("IDENTITY"))
        w.set(0x0028, 0x3010, "SQ", .sequence([[
            DICOMTestWriter.Element(0x0028, 0x3002, "US", .us([4, 0, 12])),
            DICOMTestWriter.Element(0x0028, 0x3003, "LO", .text("NORMAL")),
            DICOMTestWriter.Element(0x0028, 0x3006, "OW", .words([0, 100, 2000, 4095])),
        ]]))
        let m = try DICOMReader.read(bytes: w.bytes()).metadata
        #expect(m.windows.count == 2)
        #expect(m.windows[1].center == 2000.5 && m.windows[1].width == 4000)
        #expect(m.windows.map(\.explanation) == ["SOFT", "BONE"])
        #expect(m.rescaleSlope == 2 && m.rescaleIntercept == -1024 && m.rescaleType == "US")
        #expect(m.imagerPixelSpacing == [0.0185, 0.0185])
        #expect(m.presentationLUTShape == "IDENTITY")
        #expect(m.voiLUTs.count == 1)
        #expect(m.voiLUTs[0].values == [0, 100, 2000, 4095])
        #expect(m.voiLUTs[0].bitsPerEntry == 12 && m.voiLUTs[0].explanation == "NORMAL")
        #expect(m.transferSyntaxUID == TransferSyntax.explicitVRLittleEndian)
        #expect(m.patientID == "SYN-TEST")
    }

    @Test func fileAndMemoryGiveTheSameImage() throws {
        let bytes = DICOMTestWriter.image(width: 17, height: 5, pixels: Array(0..<85), bitsStored: 12).bytes()
        let dir = try TestData.temporaryFolder("dicom")
        let path = dir + "/x.dcm"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var fromFile = try DICOMReader.read(contentsOf: path)
        let fromMemory = try DICOMReader.read(bytes: bytes, source: path)
        #expect(fromFile.source == path)
        fromFile.metadata.transferSyntaxUID = fromMemory.metadata.transferSyntaxUID
        #expect(fromFile == fromMemory)
    }

    @Test func theCallerMayDropTheBufferAtOnce() throws {
        var bytes: [UInt8]? = DICOMTestWriter.image(width: 3, height: 3, pixels: Array(0..<9), bitsStored: 8).bytes()
        let image = try DICOMReader.read(bytes: bytes!)
        bytes = nil
        #expect(Self.storedValues(image.pixels) == Array(0..<9))
    }
}

/// Compressed transfer syntaxes, made at test time by DCMTK's own encoders (installed by setup).
@Suite struct CompressedDecodingTests {
    static let encoders: [(name: String, tool: String, args: [String])] = [
        ("JPEG lossless SV1", "dcmcjpeg", ["+e1"]),
        ("JPEG lossless process 14 SV6", "dcmcjpeg", ["+el", "+sv", "6"]),
        ("JPEG-LS lossless", "dcmcjpls", ["+el"]),
        ("RLE", "dcmcrle", []),
        ("implicit VR", "dcmconv", ["+ti"]),
        ("deflated", "dcmconv", ["+td"]),
        ("big endian", "dcmconv", ["+tb"]),
    ]

    @Test(arguments: [1, 2, 3, 16, 17, 65])
    func losslessEncodingsDecodeExactly(width: Int) throws {
        let height = 9
        let expected = DICOMReaderTests.values(count: width * height, bits: 14, signed: false, seed: UInt64(width))
        let dir = try TestData.temporaryFolder("codec")
        let source = dir + "/source.dcm"
        try Data(DICOMTestWriter.image(width: width, height: height, pixels: expected, bitsStored: 14).bytes())
            .write(to: URL(fileURLWithPath: source))
        for encoder in Self.encoders {
            let target = dir + "/\(encoder.tool)-\(encoder.args.joined()).dcm"
            try runTool(encoder.tool, encoder.args + [source, target])
            let image = try DICOMReader.read(contentsOf: target)
            #expect(DICOMReaderTests.storedValues(image.pixels) == expected, "\(encoder.name), width \(width)")
        }
    }

    @Test func jpegLosslessSignedTwelveBit() throws {
        let expected = DICOMReaderTests.values(count: 33 * 7, bits: 12, signed: true, seed: 9)
        let dir = try TestData.temporaryFolder("codec")
        let source = dir + "/s.dcm"
        try Data(DICOMTestWriter.image(width: 33, height: 7, pixels: expected, bitsStored: 12, signed: true).bytes())
            .write(to: URL(fileURLWithPath: source))
        for (tool, args) in [("dcmcjpeg", ["+e1"]), ("dcmcjpls", ["+el"]), ("dcmcrle", [String]())] {
            let target = dir + "/\(tool).dcm"
            try runTool(tool, args + [source, target])
            #expect(DICOMReaderTests.storedValues(try DICOMReader.read(contentsOf: target).pixels) == expected, "\(tool)")
        }
    }
}

/// JPEG 2000 through OpenJPEG: codestreams made at test time by OpenJPEG's own `opj_compress`
/// (Debian libopenjp2-tools), wrapped as encapsulated pixel data.
@Suite struct JPEG2000DecodingTests {
    static func pgm(width: Int, height: Int, maxValue: Int, values: [Int]) -> [UInt8] {
        var out = Array("P5\n\(width) \(height)\n\(maxValue)\n".utf8)
        for v in values { out += maxValue > 255 ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v)] }
        return out
    }

    static func j2k(_ values: [Int], width: Int, height: Int, bits: Int, lossy: Bool = false) throws -> (stream: [UInt8], reference: [Int]) {
        let dir = try TestData.temporaryFolder("j2k")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(pgm(width: width, height: height, maxValue: (1 << bits) - 1, values: values))
            .write(to: URL(fileURLWithPath: dir + "/in.pgm"))
        // Resolution levels must fit the smallest side (OpenJPEG's default, 6, needs 32 pixels).
        var levels = 1
        while levels < 6 && (1 << levels) <= min(width, height) { levels += 1 }
        try runTool("opj_compress", ["-i", dir + "/in.pgm", "-o", dir + "/out.j2k", "-n", "\(levels)"]
            + (lossy ? ["-r", "60"] : []))
        // The reference decoder for the lossy case: OpenJPEG's own opj_decompress.
        try runTool("opj_decompress", ["-i", dir + "/out.j2k", "-o", dir + "/back.pgm"])
        let back = Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/back.pgm")))
        // The raster is the file's tail (opj_decompress writes a comment line into the header).
        let raster = Array(back.suffix(width * height * (bits > 8 ? 2 : 1)))
        let reference = bits > 8
            ? (0..<(width * height)).map { Int(raster[2 * $0]) << 8 | Int(raster[2 * $0 + 1]) }
            : raster.map(Int.init)
        return (Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/out.j2k"))), reference)
    }

    static func dicom(_ stream: [UInt8], width: Int, height: Int, bits: Int, lossless: Bool, split: Bool = false) -> [UInt8] {
        var w = DICOMTestWriter.image(width: width, height: height, pixels: [], bitsStored: bits)
        w.transferSyntax = lossless ? "1.2.840.10008.1.2.4.90" : "1.2.840.10008.1.2.4.91"
        // Fragments have even lengths (PS3.5 A.4): split at an even offset, pad only the last.
        let half = stream.count / 4 * 2
        let fragments = split ? [Array(stream.prefix(half)), Array(stream.dropFirst(half))] : [stream]
        w.set(0x7FE0, 0x0010, "OB", .encapsulated(fragments))
        return w.bytes()
    }

    @Test(arguments: [1, 2, 3, 16, 17, 65])
    func losslessDecodesExactly(width: Int) throws {
        let height = 9
        let values = DICOMReaderTests.values(count: width * height, bits: 14, signed: false, seed: UInt64(width + 500))
        let (stream, _) = try Self.j2k(values, width: width, height: height, bits: 14)
        for split in [false, true] {
            let image = try DICOMReader.read(bytes: Self.dicom(stream, width: width, height: height, bits: 14, lossless: true, split: split))
            #expect(image.metadata.transferSyntaxUID == TransferSyntax.jpeg2000Lossless)
            #expect(DICOMReaderTests.storedValues(image.pixels) == values, "width \(width), split \(split)")
        }
    }

    @Test func lossyMatchesOpenJPEGsOwnDecoder() throws {
        let (w, h) = (64, 48)
        let values = DICOMReaderTests.values(count: w * h, bits: 12, signed: false, seed: 5)
        let (stream, reference) = try Self.j2k(values, width: w, height: h, bits: 12, lossy: true)
        let image = try DICOMReader.read(bytes: Self.dicom(stream, width: w, height: h, bits: 12, lossless: false))
        #expect(DICOMReaderTests.storedValues(image.pixels) == reference)
        #expect(DICOMReaderTests.storedValues(image.pixels) != values, "the lossy stream should lose something")
    }

    @Test func truncatedOrMismatchedStreamsFailCleanly() throws {
        let values = DICOMReaderTests.values(count: 32 * 32, bits: 12, signed: false, seed: 77)
        let (stream, _) = try Self.j2k(values, width: 32, height: 32, bits: 12)
        for bytes in [Array(stream.prefix(stream.count / 3)), Array(stream.prefix(20)), [0xFF, 0x4F, 0xFF, 0x51]] {
            #expect(throws: DICOMError.self) {
                try DICOMReader.read(bytes: Self.dicom(bytes, width: 32, height: 32, bits: 12, lossless: true))
            }
        }
        // The codestream says 32 x 32, the data set says 33 x 32.
        do {
            _ = try DICOMReader.read(bytes: Self.dicom(stream, width: 33, height: 32, bits: 12, lossless: true))
            Issue.record("a mismatched geometry was accepted")
        } catch {
            #expect(error.description.contains("32 x 32"), "\(error)")
        }
    }
}

func runTool(_ tool: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    if process.terminationStatus != 0 {
        throw DCMTKReference.Failure.failed("\(tool) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
    }
}

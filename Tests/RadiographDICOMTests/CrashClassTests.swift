import Foundation
import RadiographCore
import RadiographDICOM
import Testing
import _RadiographTestSupport

/// One crafted input per known crash class of DICOM readers: each must give a typed error (or a
/// correct image), never a crash, within a time bound.
@Suite struct CrashClassTests {
    static func valid(_ w: Int = 8, _ h: Int = 4) -> DICOMTestWriter {
        DICOMTestWriter.image(width: w, height: h, pixels: Array(0..<(w * h)), bitsStored: 12)
    }

    func expectTypedError(_ bytes: [UInt8], _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let start = Date()
        do {
            _ = try DICOMReader.read(bytes: bytes, source: label)
            Issue.record("\(label): accepted", sourceLocation: sourceLocation)
        } catch {
            #expect(error.source == label, sourceLocation: sourceLocation)
        }
        #expect(Date().timeIntervalSince(start) < 5, "\(label) took too long", sourceLocation: sourceLocation)
    }

    @Test func absurdlyLargeGeometry() {
        var w = Self.valid()
        w.set(0x0028, 0x0010, "US", .us([65535]))
        w.set(0x0028, 0x0011, "US", .us([65535]))
        expectTypedError(w.bytes(), "65535x65535")
    }

    @Test func deeplyNestedSequences() {
        // 2,000 sequences inside each other, with explicit lengths.
        var inner: [DICOMTestWriter.Element] = [DICOMTestWriter.Element(0x0008, 0x0100, "SH", .text("X"))]
        for _ in 0..<2000 {
            inner = [DICOMTestWriter.Element(0x0040, 0xA730, "SQ", .sequence([inner]))]
        }
        var w = Self.valid()
        w.set(0x0040, 0xA730, "SQ", .sequence([inner]))
        // Deeper than the 64 levels the nesting pre-check allows: a typed error, quickly.
        expectTypedError(w.bytes(), "nested")
    }

    /// 100,000 undefined-length sequences inside each other (3.6 MB): DCMTK's recursive reader
    /// overflowed the stack on this (a crash found while writing these tests); the nesting
    /// pre-check refuses it first.
    @Test func hundredThousandNestedSequencesAreRefused() throws {
        func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
        var head = Self.valid().bytes()
        let open = le16(0x0040) + le16(0xA730) + Array("SQ".utf8) + [0, 0] + le32(0xFFFF_FFFF)
            + le16(0xFFFE) + le16(0xE000) + le32(0xFFFF_FFFF)
        let close = le16(0xFFFE) + le16(0xE00D) + le32(0) + le16(0xFFFE) + le16(0xE0DD) + le32(0)
        // Insert before Pixel Data, which the writer puts last: (7FE0,0010) starts its header.
        let pixel = head.indices.last { head[$0] == 0xE0 && head[$0 + 1] == 0x7F && head[$0 + 2] == 0x10 }!
        var nested: [UInt8] = []
        nested.reserveCapacity(100_000 * (open.count + close.count))
        for _ in 0..<100_000 { nested += open }
        for _ in 0..<100_000 { nested += close }
        head.insert(contentsOf: nested, at: pixel)
        do {
            _ = try DICOMReader.read(bytes: head, source: "nested")
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("nested deeper than 64 levels"), "\(error)")
        }
    }

    /// The same crash class in a Deflated data set (a 9 KB file, 3.6 MB once inflated, made by
    /// `Tests/Fixtures/regression/make_deflated_nested.py`): DCMTK inflates and recurses; the
    /// pre-check inflates it first and refuses it. Before it did, `radiograph info` crashed on it.
    @Test func deflatedNestingIsCheckedToo() throws {
        let path = TestData.fixture("regression/deflated-nested-100000.dcm")
        for read in [{ try DICOMReader.read(contentsOf: path) }, { try DICOMReader.read(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))), source: path) }] {
            do {
                _ = try read()
                Issue.record("accepted")
            } catch {
                #expect("\(error)".contains("nested deeper than 64 levels"), "\(error)")
            }
        }
    }

    /// Depth is counted the same in a deflated data set: 70 levels refused, 60 read (the files
    /// deflated by DCMTK's dcmconv, which handles such depths).
    @Test(arguments: [60, 70])
    func deflatedDepthIsCountedExactly(levels: Int) throws {
        var inner: [DICOMTestWriter.Element] = [DICOMTestWriter.Element(0x0008, 0x0100, "SH", .text("X"))]
        // The pre-check counts a sequence and its item as two levels: levels / 2 sequences, plus
        // the outermost one below (60 → 62 levels, read; 70 → 72, refused).
        for _ in 0..<(levels / 2) {
            inner = [DICOMTestWriter.Element(0x0040, 0xA730, "SQ", .sequence([inner]))]
        }
        var w = Self.valid()
        w.set(0x0040, 0xA730, "SQ", .sequence([inner]))
        let dir = try TestData.temporaryFolder("deflated")
        try Data(w.bytes()).write(to: URL(fileURLWithPath: dir + "/plain.dcm"))
        let out = try TestData.runTool("/usr/bin/dcmconv", ["+td", dir + "/plain.dcm", dir + "/deflated.dcm"])
        #expect(out.isEmpty, "\(out)")
        let plain = Result { try DICOMReader.read(contentsOf: dir + "/plain.dcm") }
        let deflated = Result { try DICOMReader.read(contentsOf: dir + "/deflated.dcm") }
        // Whatever the plain file gives, the deflated one gives the same.
        switch (plain, deflated) {
        case (.success(let a), .success(let b)): #expect(a.pixels == b.pixels && levels == 60)
        case (.failure(let a), .failure(let b)):
            #expect("\(a)".contains("nested deeper") && "\(b)".contains("nested deeper") && levels == 70)
        default: Issue.record("plain \(plain), deflated \(deflated)")
        }
    }

    /// A deflated stream damaged half-way, or cut short: a typed error (the pre-check scans what
    /// inflates and leaves the rest to DCMTK), never a crash.
    @Test func damagedDeflatedStreams() throws {
        let dir = try TestData.temporaryFolder("deflated")
        try Data(Self.valid(64, 64).bytes()).write(to: URL(fileURLWithPath: dir + "/plain.dcm"))
        _ = try TestData.runTool("/usr/bin/dcmconv", ["+td", dir + "/plain.dcm", dir + "/deflated.dcm"])
        let good = Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/deflated.dcm")))
        #expect(throws: Never.self) { _ = try DICOMReader.read(bytes: good, source: "good") }
        var damaged = good
        for i in stride(from: good.count / 2, to: good.count, by: 7) { damaged[i] ^= 0xA5 }
        expectTypedError(damaged, "damaged deflate")
        expectTypedError(Array(good.prefix(good.count * 2 / 3)), "cut deflate")
    }

    @Test func oddLengthValuesAndUndefinedLengthOB() {
        // An odd-length value: DCMTK tolerates it; the image must still decode to its pixels.
        var w = Self.valid()
        w.set(0x0010, 0x0010, "PN", .malformed(bytes: Array("ODD".utf8), declaredLength: 3))
        if let image = try? DICOMReader.read(bytes: w.bytes(), source: "odd") {
            #expect(image.pixels == .uint16(GrayImage(width: 8, height: 4, pixels: (0..<32).map(UInt16.init))))
        }
        var u = Self.valid()
        u.set(0x0009, 0x0010, "OB", .malformed(bytes: Array(repeating: 7, count: 32), declaredLength: 0xFFFF_FFFF))
        expectTypedError(u.bytes(), "undefined-length OB")
    }

    @Test func aUIDThatLooksLikeAPathIsOnlyText() throws {
        var w = Self.valid()
        w.set(0x0008, 0x0018, "UI", .text("../../etc/passwd"))
        let image = try DICOMReader.read(bytes: w.bytes(), source: "uid")
        #expect(image.metadata.sopInstanceUID == "../../etc/passwd")  // read as a value, never used as a path
    }

    /// Compressed streams cut short, and RLE with bad segment offsets.
    @Test func truncatedAndCorruptCompressedStreams() throws {
        let dir = try TestData.temporaryFolder("crash")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = dir + "/s.dcm"
        let values = DICOMReaderTests.values(count: 64 * 64, bits: 12, signed: false, seed: 4)
        try Data(DICOMTestWriter.image(width: 64, height: 64, pixels: values, bitsStored: 12).bytes())
            .write(to: URL(fileURLWithPath: source))
        for (tool, args) in [("dcmcjpeg", ["+e1"]), ("dcmcjpls", ["+el"]), ("dcmcrle", [String]())] {
            let target = dir + "/\(tool).dcm"
            try runTool(tool, args + [source, target])
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: target)))
            // Cut inside the compressed fragment (the file ends with it).
            expectTypedError(Array(bytes.prefix(bytes.count - 200)), "\(tool) truncated")
            // Garble the middle of the fragment: a typed error or some image, never a crash.
            var garbled = bytes
            for i in stride(from: bytes.count - 1500, to: bytes.count - 100, by: 7) { garbled[i] ^= 0x5A }
            _ = try? DICOMReader.read(bytes: garbled, source: "\(tool) garbled")
            if tool == "dcmcrle" {
                // The RLE header (after the item tag/length) holds the segment count and offsets:
                // point them past the end.
                var bad = bytes
                if let header = Self.firstFragmentStart(bad) {
                    for k in 0..<4 { bad[header + 4 + k] = 0xFF }
                    bad[header] = 15  // 15 segments declared
                    expectTypedError(bad, "RLE bad segment offsets")
                }
            }
        }
    }

    /// The first byte of the first non-empty fragment of encapsulated pixel data.
    static func firstFragmentStart(_ b: [UInt8]) -> Int? {
        // (7FE0,0010) OB 00 00 FFFFFFFF, then the offset table item, then the first fragment item.
        guard let p = (0..<(b.count - 12)).first(where: {
            b[$0] == 0xE0 && b[$0 + 1] == 0x7F && b[$0 + 2] == 0x10 && b[$0 + 3] == 0x00 && b[$0 + 4] == 0x4F
        }) else { return nil }
        var i = p + 12
        let botLength = Int(b[i + 4]) | Int(b[i + 5]) << 8 | Int(b[i + 6]) << 16 | Int(b[i + 7]) << 24
        i += 8 + botLength
        return i + 8
    }
}

import Foundation
import RadiographCore
import RadiographDICOM
import Testing
import _RadiographTestSupport

/// Malformed inputs: each gives a typed error naming the source, never a crash.
@Suite struct BadInputTests {
    static func valid() -> DICOMTestWriter {
        DICOMTestWriter.image(width: 8, height: 4, pixels: Array(0..<32), bitsStored: 12)
    }

    enum Kind: String, Sendable { case notDICOM, invalidImage, invalidAttribute, decodeFailed, unreadable }

    static func kind(of error: DICOMError) -> Kind {
        switch error {
        case .notDICOM: .notDICOM
        case .invalidImage: .invalidImage
        case .invalidAttribute: .invalidAttribute
        case .decodeFailed: .decodeFailed
        case .unreadable: .unreadable
        case .internalFailure: .decodeFailed
        case .unwritable: .unreadable  // not produced by reading
        }
    }

    func expectFailure(_ bytes: [UInt8], _ kind: Kind, mentioning words: [String] = [],
                       sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try DICOMReader.read(bytes: bytes, source: "case.dcm")
            Issue.record("read succeeded; expected \(kind)", sourceLocation: sourceLocation)
        } catch {
            #expect(Self.kind(of: error) == kind, "\(error)", sourceLocation: sourceLocation)
            #expect(error.source == "case.dcm", sourceLocation: sourceLocation)
            #expect(error.description.hasPrefix("case.dcm: "), sourceLocation: sourceLocation)
            for w in words { #expect(error.description.contains(w), "\(error)", sourceLocation: sourceLocation) }
            #expect(!error.description.contains("SYNTHETIC"), "patient data in an error", sourceLocation: sourceLocation)
        }
    }

    @Test func emptyAndGarbage() {
        expectFailure([], .notDICOM)
        expectFailure(Array("just some text, not a radiograph\n".utf8), .notDICOM)
        var g = SeededGenerator(seed: 1)
        expectFailure((0..<4096).map { _ in UInt8.random(in: 0...255, using: &g) }, .notDICOM)
        // A preamble and the marker, then garbage.
        expectFailure([UInt8](repeating: 0, count: 128) + Array("DICM".utf8) + [UInt8](repeating: 0xAB, count: 300),
                      .notDICOM)
    }

    @Test func truncatedAnywhere() {
        let bytes = Self.valid().bytes()
        // Cut inside the meta header, inside the data set, and inside the pixel data.
        for cut in [140, 200, bytes.count - 40, bytes.count - 1] {
            do {
                _ = try DICOMReader.read(bytes: Array(bytes.prefix(cut)), source: "case.dcm")
                Issue.record("cut at \(cut) of \(bytes.count) was accepted")
            } catch {
                #expect([.notDICOM, .invalidImage].contains(Self.kind(of: error)), "cut at \(cut): \(error)")
            }
        }
    }

    @Test func pixelDataShorterThanTheGeometry() {
        var w = Self.valid()
        w.set(0x7FE0, 0x0010, "OW", .words(Array(repeating: 1, count: 31)))
        expectFailure(w.bytes(), .invalidImage, mentioning: ["Pixel Data holds 62 bytes"])
    }

    @Test func declaredLengthPastTheEnd() {
        var w = Self.valid()
        w.set(0x7FE0, 0x0010, "OW", .malformed(bytes: Array(repeating: 1, count: 64), declaredLength: 1_000_000))
        expectFailure(w.bytes(), .notDICOM)
    }

    @Test func aDeclaredLengthOfGigabytesIsRefusedWithoutAllocatingIt() throws {
        // Found by the fuzzer (Fuzz/README.md): a 4 KB buffer declaring a 3 GB value.
        let found = try Data(contentsOf: URL(fileURLWithPath: TestData.fixture("regression/fuzz-declared-length-3GB.bin")))
        #expect(throws: DICOMError.self) { try DICOMReader.read(bytes: Array(found), source: "case.dcm") }
        var w = Self.valid()
        w.set(0x7FE0, 0x0010, "OW", .malformed(bytes: Array(repeating: 1, count: 64), declaredLength: 0xFFFF_FFF0))
        expectFailure(w.bytes(), .notDICOM)
        w = Self.valid()
        w.set(0x0010, 0x0010, "OB", .malformed(bytes: Array(repeating: 0x41, count: 16), declaredLength: 0xC000_0000))
        expectFailure(w.bytes(), .notDICOM)
    }

    @Test func bitsStoredAboveBitsAllocated() {
        var w = Self.valid()
        w.set(0x0028, 0x0101, "US", .us([17]))
        expectFailure(w.bytes(), .invalidImage, mentioning: ["Bits Stored 17 exceeds Bits Allocated 16"])
    }

    @Test func highBitOutsideTheWord() {
        var w = Self.valid()
        w.set(0x0028, 0x0102, "US", .us([16]))
        expectFailure(w.bytes(), .invalidImage, mentioning: ["High Bit 16"])
    }

    @Test func zeroRowsOrColumns() {
        for tag: UInt16 in [0x0010, 0x0011] {
            var w = Self.valid()
            w.set(0x0028, tag, "US", .us([0]))
            expectFailure(w.bytes(), .invalidImage, mentioning: ["0"])
        }
    }

    @Test func bitsAllocatedNotEightOrSixteen() {
        var w = Self.valid()
        w.set(0x0028, 0x0100, "US", .us([12]))
        expectFailure(w.bytes(), .invalidImage, mentioning: ["Bits Allocated is 12"])
    }

    @Test func windowWidthZeroStored() {
        var w = Self.valid()
        w.set(0x0028, 0x1050, "DS", .text("100"))
        w.set(0x0028, 0x1051, "DS", .text("0"))
        expectFailure(w.bytes(), .invalidAttribute, mentioning: ["Window Width"])
    }

    @Test func unequalWindowCentersAndWidths() {
        var w = Self.valid()
        w.set(0x0028, 0x1050, "DS", .text("100\\200"))
        w.set(0x0028, 0x1051, "DS", .text("50"))
        expectFailure(w.bytes(), .invalidAttribute, mentioning: ["2 centers but 1 widths"])
    }

    @Test func notANumberWhereOneIsExpected() {
        var w = Self.valid()
        w.set(0x0028, 0x1053, "DS", .text("abc"))
        expectFailure(w.bytes(), .invalidAttribute, mentioning: ["'abc' is not a number"])
    }

    @Test func colourIsRefused() {
        var w = Self.valid()
        w.set(0x0028, 0x0002, "US", .us([3]))
        w.set(0x0028, 0x0004, "CS", .text("RGB"))
        expectFailure(w.bytes(), .invalidImage, mentioning: ["monochrome"])
    }

    @Test func noPixelData() {
        var w = Self.valid()
        w.remove(0x7FE0, 0x0010)
        expectFailure(w.bytes(), .invalidImage, mentioning: ["no Pixel Data"])
    }

    @Test func malformedVOILUT() {
        var w = Self.valid()
        w.set(0x0028, 0x3010, "SQ", .sequence([[
            DICOMTestWriter.Element(0x0028, 0x3002, "US", .us([100, 0, 12])),
            DICOMTestWriter.Element(0x0028, 0x3006, "OW", .words([1, 2, 3])),
        ]]))
        expectFailure(w.bytes(), .invalidAttribute, mentioning: ["3 entries, descriptor declares 100"])
    }

    @Test func missingFileAndFolder() throws {
        #expect(throws: DICOMError.self) { try DICOMReader.read(contentsOf: "/nonexistent/file.dcm") }
        do {
            _ = try DICOMReader.read(contentsOf: "/nonexistent/file.dcm")
        } catch {
            #expect(Self.kind(of: error) == .unreadable, "\(error)")
            #expect(error.description.hasPrefix("/nonexistent/file.dcm: "))
        }
        let dir = try TestData.temporaryFolder("bad")
        #expect(throws: DICOMError.self) { try DICOMReader.read(contentsOf: dir) }
    }
}

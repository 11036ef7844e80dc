import Foundation
import RadiographCore
@testable import RadiographDICOM
import Testing
import _RadiographTestSupport

/// Objects written through DCMTK: read back exactly, and accepted by dciodvfy (dicom3tools).
@Suite struct DICOMWriterTests {
    static func dciodvfyErrors(_ bytes: [UInt8]) throws -> [String] {
        let dir = try TestData.temporaryFolder("write")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/object.dcm"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try TestData.runTool("/usr/bin/dciodvfy", [path]).split(separator: "\n").map(String.init).filter { $0.hasPrefix("Error") }
    }

    static let pixels = GrayImage<UInt16>.random(width: 65, height: 33, in: 0...16383, seed: 12)

    @Test(arguments: DICOMEncoding.allCases)
    func intraoralCaptureIsValidAndReadsBack(_ encoding: DICOMEncoding) throws {
        var d = CaptureDescription(kind: .intraoral, patientID: "SYN-9", patientName: "SYNTHETIC^WRITER")
        d.imagerPixelSpacing = 0.0185
        d.imageLaterality = "R"
        d.manufacturer = "Radiograph tests"
        d.teeth = [CodedConcept(value: "866005003", scheme: "SCT", meaning: "Mandibular right first molar tooth")]
        let bytes = try DICOMWriter.capture(pixels: Self.pixels, bitsStored: 14, description: d, encoding: encoding,
                                            date: ("20260101", "120000"))
        let errors = try Self.dciodvfyErrors(bytes)
        #expect(errors == [])
        let back = try DICOMReader.read(bytes: bytes)
        #expect(back.pixels == .uint16(Self.pixels))
        #expect(back.metadata.transferSyntaxUID == encoding.transferSyntaxUID)
        #expect(back.metadata.sopClassUID == SOPClass.digitalIntraOralForPresentation)
        #expect(back.metadata.modality == "IO")
        #expect(back.metadata.patientID == "SYN-9")
        #expect(back.metadata.imagerPixelSpacing == [0.0185, 0.0185])
        #expect(back.metadata.windows.count == 1)
        #expect(back.metadata.primaryAnatomicStructures.map(\.value) == ["866005003"])
        #expect(back.metadata.sopInstanceUID?.hasPrefix("2.25.") == true)
    }

    @Test func anIntraoralCaptureWithoutTeethIsRefused() {
        let d = CaptureDescription(kind: .intraoral, patientID: "SYN-9", patientName: "SYNTHETIC^WRITER")
        #expect(throws: DICOMError.self) {
            try DICOMWriter.capture(pixels: Self.pixels, bitsStored: 14, description: d, date: ("20260101", "120000"))
        }
    }

    @Test func panoramicForProcessingIsValid() throws {
        var d = CaptureDescription(kind: .panoramic, patientID: "SYN-10", patientName: "SYNTHETIC^PANO", forProcessing: true)
        d.imagerPixelSpacing = 0.1
        let image = GrayImage<UInt16>.random(width: 64, height: 32, in: 0...4095, seed: 3)
        let bytes = try DICOMWriter.capture(pixels: image, bitsStored: 12, description: d, encoding: .rle,
                                            date: ("20260101", "120000"))
        let errors = try Self.dciodvfyErrors(bytes)
        #expect(errors == [])
        let back = try DICOMReader.read(bytes: bytes)
        #expect(back.metadata.sopClassUID == SOPClass.digitalXRayForProcessing)
        #expect(back.metadata.windows.isEmpty)
        #expect(back.pixels == .uint16(image))
    }

    @Test func derivedImageReferencesItsOriginal() throws {
        let original = TestData.sample("io_periapical.dcm")
        let source = try DICOMReader.read(contentsOf: original)
        let display = GrayImage<UInt8>.random(width: 1500, height: 2000, in: 0...255, seed: 8)
        let bytes = try DICOMWriter.derived(
            fromFile: original, pixels: .uint8(display), derivationDescription: "Radiograph window C 7969 W 11782")
        let errors = try Self.dciodvfyErrors(bytes)
        #expect(errors == [])
        let back = try DICOMReader.read(bytes: bytes)
        let widened = GrayImage<UInt16>(width: 1500, height: 2000, pixels: display.pixels.map(UInt16.init))
        #expect(back.pixels == AnyGrayImage.uint16(widened))
        #expect(back.metadata.imageType == ["DERIVED", "SECONDARY"])
        #expect(back.metadata.sopInstanceUID != source.metadata.sopInstanceUID)
        #expect(back.metadata.seriesInstanceUID != source.metadata.seriesInstanceUID)
        #expect(back.metadata.studyInstanceUID == source.metadata.studyInstanceUID)
        #expect(back.metadata.patientID == source.metadata.patientID)
        #expect(back.metadata.bitsStored == 8)
    }

    @Test func derivedImageOfAForProcessingCaptureIsForPresentation() throws {
        let original = TestData.sample("io_for_processing.dcm")
        let display = try DICOMReader.read(contentsOf: original)
        let eight = GrayImage<UInt8>.random(width: display.pixels.width, height: display.pixels.height, in: 0...255, seed: 2)
        let bytes = try DICOMWriter.derived(fromFile: original, pixels: .uint8(eight), derivationDescription: "test")
        let errors = try Self.dciodvfyErrors(bytes)
        #expect(errors == [])
        let back = try DICOMReader.read(bytes: bytes)
        #expect(back.metadata.sopClassUID == SOPClass.digitalIntraOralForPresentation)
        #expect(back.metadata.presentationIntentType == "FOR PRESENTATION")
    }

    @Test func uidsAreDecimalUUIDs() {
        #expect(DICOMUID.decimal(high: 0, low: 0) == "0")
        #expect(DICOMUID.decimal(high: 0, low: 1234567890123) == "1234567890123")
        #expect(DICOMUID.decimal(high: 1, low: 0) == "18446744073709551616")
        #expect(DICOMUID.decimal(high: .max, low: .max) == "340282366920938463463374607431768211455")
        let a = DICOMUID.make()
        #expect(a != DICOMUID.make())
        #expect(a.hasPrefix("2.25.") && a.count <= 64)
        let allDigits = a.dropFirst(5).allSatisfy { $0.isNumber }
        #expect(allDigits)
    }
}

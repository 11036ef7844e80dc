import Foundation
import RadiographDICOM
import Testing
import _RadiographTestSupport

/// `DICOMTranscoder`: every compressed transfer syntax Radiograph reads comes out in Explicit VR
/// Little Endian with the same stored values.
@Suite struct TranscoderTests {
    @Test(arguments: [1, 17, 65])
    func jpeg2000LosslessTranscodesExactly(width: Int) throws {
        let height = 7
        let values = DICOMReaderTests.values(count: width * height, bits: 14, signed: false, seed: UInt64(width + 900))
        let (stream, _) = try JPEG2000DecodingTests.j2k(values, width: width, height: height, bits: 14)
        for split in [false, true] {
            let j2k = JPEG2000DecodingTests.dicom(
                stream, width: width, height: height, bits: 14, lossless: true, split: split)
            let plain = try DICOMTranscoder.explicitLittleEndian(j2k, source: "j2k")
            let image = try DICOMReader.read(bytes: plain, source: "transcoded")
            #expect(image.metadata.transferSyntaxUID == TransferSyntax.explicitVRLittleEndian)
            #expect(DICOMReaderTests.storedValues(image.pixels) == values, "width \(width), split \(split)")
            let media = try DICOMReader.read(bytes: try DICOMTranscoder.dentalMedia(j2k, source: "j2k"))
            #expect(media.metadata.bitsStored == 16 && DICOMReaderTests.storedValues(media.pixels) == values)
        }
    }

    @Test func aDamagedJPEG2000StreamIsRefusedWithAReason() throws {
        let values = DICOMReaderTests.values(count: 32 * 32, bits: 12, signed: false, seed: 78)
        let (stream, _) = try JPEG2000DecodingTests.j2k(values, width: 32, height: 32, bits: 12)
        let bad = JPEG2000DecodingTests.dicom(Array(stream.prefix(20)), width: 32, height: 32, bits: 12, lossless: true)
        #expect(throws: DICOMError.self) { _ = try DICOMTranscoder.explicitLittleEndian(bad, source: "bad") }
    }
}

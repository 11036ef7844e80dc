import RadiographCodecs
import RadiographCore
import Testing
import _RadiographTestSupport

@Suite struct JPEGCodecTests {
    /// The largest difference allowed after a quality-100 round trip. Quality 100 quantises every
    /// DCT coefficient by 1, so only the integer DCT/IDCT rounding and clamping remain: measured at
    /// most 1 with libjpeg-turbo 2.1.5 over every size and content below (and on 256×256 ramps and
    /// noise); allow 2 for other libjpeg builds.
    static let quality100Tolerance = 2

    @Test(arguments: TestData.awkwardWidths, awkwardHeights)
    func roundTripsWithinToleranceAtQuality100(width: Int, height: Int) throws {
        for content in Content.allCases {
            let image = image8(content, width, height)
            let decoded = try #require(try JPEGCodec.decode(JPEGCodec.encode(image, quality: 100)).uint8Image)
            let difference = ImageDifference(decoded, image)
            #expect(difference.maximum <= Self.quality100Tolerance, "\(content) \(width)x\(height): \(difference)")
        }
    }

    @Test func lowerQualityMakesSmallerFiles() throws {
        for content in [Content.random, .ramp] {
            let image = image8(content, 256, 256)
            let sizes = try [10, 50, 95, 100].map { try JPEGCodec.encode(image, quality: $0).count }
            #expect(sizes == sizes.sorted() && Set(sizes).count == sizes.count, "\(content): \(sizes)")
        }
    }

    @Test func qualityOutOfRangeIsAnInvalidParameter() {
        let image = image8(.ramp, 3, 3)
        for quality in [0, -5, 101] {
            let error = codecError { try JPEGCodec.encode(image, quality: quality) }
            guard case .invalidParameter(let name, _) = error else {
                Issue.record("quality \(quality): \(String(describing: error))")
                continue
            }
            #expect(name == "JPEG quality")
        }
        #expect(JPEGCodec.qualityRange == 1...100)
    }

    @Test func sixteenBitAndSignedImagesAreRefused() {
        let sixteen = AnyGrayImage.uint16(image16(.ramp, 4, 4))
        guard case .unsupported(.jpeg, let reason) = codecError({ try ImageCodec.encode(sixteen, as: .jpeg) }) else {
            Issue.record("16-bit JPEG was not refused as unsupported")
            return
        }
        #expect(reason.contains("8-bit only"))
        #expect(!ImageFileFormat.jpeg.supports16Bit)
        let signed = AnyGrayImage.int16(GrayImage(width: 2, height: 2, repeating: -3))
        #expect(codecError { try ImageCodec.encode(signed, as: .jpeg) }?.format == .jpeg)
    }

    @Test func sidesAboveLibjpegsLimitAreRefused() throws {
        let wide = GrayImage<UInt8>(width: ImageCodec.maximumJPEGSide + 1, height: 1)
        #expect(codecError { try JPEGCodec.encode(wide) } == .imageTooLarge(format: .jpeg, width: 65_501, height: 1))
        let widest = GrayImage<UInt8>(width: ImageCodec.maximumJPEGSide, height: 1, repeating: 128)
        let decoded = try JPEGCodec.decode(JPEGCodec.encode(widest, quality: 100))
        #expect(decoded.width == 65_500 && decoded.height == 1)
    }

    @Test func infoReadsTheHeader() throws {
        let bytes = try JPEGCodec.encode(image8(.random, 17, 3))
        #expect(
            try JPEGCodec.info(bytes) == ImageInfo(format: .jpeg, width: 17, height: 3, bitDepth: 8, storedBitDepth: 8))
    }

    /// Valid JPEG kinds this libjpeg cannot decode, made by rewriting the frame header of an
    /// encoded file (the header check comes before any entropy-coded data is read).
    @Test func colourTwelveBitAndLosslessAreUnsupported() throws {
        let gray = try JPEGCodec.encode(image8(.ramp, 16, 16), quality: 90)
        let sof = try #require(JPEGSegments.offset(of: 0xC0, in: gray))
        var twelveBit = gray
        twelveBit[sof + 4] = 12  // sample precision
        var lossless = gray
        lossless[sof + 1] = 0xC3  // SOF3: lossless process
        let colour = try JPEGSegments.withThreeComponents(gray)
        for (name, bytes) in [("12-bit", twelveBit), ("lossless", lossless), ("colour", colour)] {
            for error in [codecError { try JPEGCodec.info(bytes) }, codecError { try JPEGCodec.decode(bytes) }] {
                guard case .unsupported(.jpeg, _) = error else {
                    Issue.record("\(name): expected .unsupported(.jpeg, …), got \(String(describing: error))")
                    continue
                }
            }
        }
    }

    @Test func refusesHugeHeadersBeforeDecoding() throws {
        let small = try JPEGCodec.encode(image8(.ramp, 8, 8))
        let sof = try #require(JPEGSegments.offset(of: 0xC0, in: small))
        for (width, height) in [(65_500, 65_500), (20_000, 20_000), (65_535, 1)] {
            var bytes = small
            bytes.replaceSubrange(
                (sof + 5)..<(sof + 9),
                with: [UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF)])
            let expected = CodecError.imageTooLarge(format: .jpeg, width: width, height: height)
            #expect(codecError { try JPEGCodec.info(bytes) } == expected)
            #expect(codecError { try JPEGCodec.decode(bytes) } == expected)
        }
    }
}

/// Marker-segment surgery on JPEG files for the tests above.
enum JPEGSegments {
    /// The offset of the first `FF marker` segment up to the start of scan (`FF DA`).
    static func offset(of marker: UInt8, in jpeg: [UInt8]) -> Int? {
        var position = 2
        while position + 4 <= jpeg.count, jpeg[position] == 0xFF {
            if jpeg[position + 1] == marker { return position }
            if jpeg[position + 1] == 0xDA { return nil }
            position += 2 + (Int(jpeg[position + 2]) << 8 | Int(jpeg[position + 3]))
        }
        return nil
    }

    /// `jpeg` with its one-component SOF0 and SOS segments rewritten for three components (Y, Cb,
    /// Cr sharing the gray file's tables): a colour file as far as the header goes.
    static func withThreeComponents(_ jpeg: [UInt8]) throws -> [UInt8] {
        let sof = try #require(offset(of: 0xC0, in: jpeg))
        let sofLength = Int(jpeg[sof + 2]) << 8 | Int(jpeg[sof + 3])
        let frame = Array(jpeg[(sof + 4)..<(sof + 9)])  // precision, height, width
        let newSOF: [UInt8] = [0xFF, 0xC0, 0, 17] + frame + [3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]
        var out = Array(jpeg[..<sof]) + newSOF + Array(jpeg[(sof + 2 + sofLength)...])
        let sos = try #require(offset(of: 0xDA, in: out))
        let sosLength = Int(out[sos + 2]) << 8 | Int(out[sos + 3])
        let newSOS: [UInt8] = [0xFF, 0xDA, 0, 12, 3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]
        out.replaceSubrange(sos..<(sos + 2 + sosLength), with: newSOS)
        return out
    }
}

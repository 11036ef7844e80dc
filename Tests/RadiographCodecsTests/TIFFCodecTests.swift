import RadiographCodecs
import RadiographCore
import Testing
import _RadiographTestSupport

@Suite struct TIFFCodecTests {
    @Test(arguments: TestData.awkwardWidths, awkwardHeights)
    func roundTripsBitExact(width: Int, height: Int) throws {
        for content in Content.allCases {
            let eight = image8(content, width, height)
            let sixteen = image16(content, width, height)
            for compression in TIFFCodec.Compression.allCases {
                for rowsPerStrip in [nil, 1, 2, height] {
                    let options = TIFFCodec.Options(compression: compression, rowsPerStrip: rowsPerStrip)
                    #expect(
                        try TIFFCodec.decode(TIFFCodec.encode(eight, options: options)) == .uint8(eight),
                        "\(content) \(options)")
                    #expect(
                        try TIFFCodec.decode(TIFFCodec.encode(sixteen, options: options)) == .uint16(sixteen),
                        "\(content) \(options)")
                }
            }
        }
    }

    @Test func compressionDoesNotTouchTheCallersPixels() throws {
        // libtiff's horizontal predictor differences rows in place; the shim must hand it copies.
        let image = image16(.ramp, 65, 17)
        let before = image.pixels
        for compression in [TIFFCodec.Compression.lzw, .deflate] {
            _ = try TIFFCodec.encode(image, options: TIFFCodec.Options(compression: compression))
            #expect(image.pixels == before)
        }
    }

    @Test func deflateLevelsRoundTripAndCompress() throws {
        let image = image16(.ramp, 64, 64)
        let plain = try TIFFCodec.encode(image)
        for level in 1...9 {
            let bytes = try TIFFCodec.encode(
                image, options: TIFFCodec.Options(compression: .deflate, deflateLevel: level))
            #expect(bytes.count < plain.count)
            #expect(try TIFFCodec.decode(bytes) == .uint16(image))
        }
    }

    /// An independent reader (Support/TIFFReference.swift) checks the tags and strips the encoder
    /// writes.
    @Test func encoderOutputMatchesTheSpecification() throws {
        let sixteen = image16(.random, 17, 5)
        let spacing = TIFFCodec.PixelSpacing(row: 0.0185, column: 0.025)
        for rowsPerStrip in [nil, 1, 2, 5] {
            let options = TIFFCodec.Options(rowsPerStrip: rowsPerStrip, pixelSpacing: spacing)
            let parsed = try TIFFReference.read(TIFFCodec.encode(sixteen, options: options))
            #expect(parsed.samples == sixteen.pixels.map(Int.init))
            #expect(
                parsed.value(TIFFReference.Tag.imageWidth) == 17 && parsed.value(TIFFReference.Tag.imageLength) == 5)
            #expect(parsed.value(TIFFReference.Tag.bitsPerSample) == 16)
            #expect(parsed.value(TIFFReference.Tag.samplesPerPixel) == 1)
            #expect(parsed.value(TIFFReference.Tag.photometric) == 1)  // MINISBLACK
            #expect(parsed.value(TIFFReference.Tag.sampleFormat) == 1)  // unsigned
            #expect(parsed.value(TIFFReference.Tag.compression) == 1)
            #expect(parsed.value(TIFFReference.Tag.resolutionUnit) == 3)  // centimetre
            // X follows the columns (0.025 mm → 400 px/cm), Y the rows (0.0185 mm → 540.54 px/cm).
            #expect(abs(parsed.value(TIFFReference.Tag.xResolution)! - 400) < 1e-3)
            #expect(abs(parsed.value(TIFFReference.Tag.yResolution)! - 10 / 0.0185) < 1e-3)
            if let rowsPerStrip {
                #expect(parsed.fields[TIFFReference.Tag.stripOffsets]?.count == (5 + rowsPerStrip - 1) / rowsPerStrip)
            }
        }
        let eight = image8(.extremes, 3, 2)
        let parsed8 = try TIFFReference.read(TIFFCodec.encode(eight))
        #expect(parsed8.samples == eight.pixels.map(Int.init))
        #expect(parsed8.fields[TIFFReference.Tag.xResolution] == nil)
    }

    @Test func pixelSpacingRoundTripsThroughTheResolutionTags() throws {
        let image = image8(.ramp, 8, 8)
        for spacing in [TIFFCodec.PixelSpacing(0.1), .init(row: 0.0185, column: 0.025), .init(row: 0.3, column: 0.15)] {
            let bytes = try TIFFCodec.encode(image, options: TIFFCodec.Options(pixelSpacing: spacing))
            let read = try #require(try TIFFCodec.info(bytes).pixelSpacing)
            // Rationals are stored through a float: about seven significant digits.
            #expect(abs(read.row - spacing.row) / spacing.row < 1e-6, "\(read) vs \(spacing)")
            #expect(abs(read.column - spacing.column) / spacing.column < 1e-6, "\(read) vs \(spacing)")
            #expect(try TIFFCodec.decode(bytes) == .uint8(image))
        }
        #expect(try TIFFCodec.info(TIFFCodec.encode(image)).pixelSpacing == nil)
        // The (row, column) tuple form that DICOM's Pixel Spacing maps onto.
        let tuple = try TIFFCodec.encode(image, pixelSpacingMM: (0.0185, 0.025))
        #expect(
            tuple
                == (try TIFFCodec.encode(
                    image, options: TIFFCodec.Options(pixelSpacing: .init(row: 0.0185, column: 0.025)))))
        // Inches are read too: 254 px/inch is 0.1 mm.
        let inches = TIFFReference.make(
            width: 1, height: 1, samples: [0],
            extra: [
                .init(TIFFReference.Tag.xResolution, .rational, [254, 1]),
                .init(TIFFReference.Tag.yResolution, .rational, [127, 1]),
                .init(TIFFReference.Tag.resolutionUnit, .short, [2]),
            ])
        let fromInches = try #require(try TIFFCodec.info(inches).pixelSpacing)
        #expect(abs(fromInches.column - 0.1) < 1e-9 && abs(fromInches.row - 0.2) < 1e-9)
    }

    @Test func invalidOptionsAreRefused() {
        let image = image8(.ramp, 4, 4)
        for bad in [0, -0.1, .nan, .infinity] {
            let error = codecError {
                try TIFFCodec.encode(image, options: .init(pixelSpacing: .init(row: 0.1, column: bad)))
            }
            guard case .invalidParameter(let name, _) = error else {
                Issue.record("spacing \(bad): \(String(describing: error))")
                continue
            }
            #expect(name == "pixel spacing")
        }
        for level in [0, 10] {
            let error = codecError {
                try TIFFCodec.encode(image, options: .init(compression: .deflate, deflateLevel: level))
            }
            #expect(error.map { if case .invalidParameter = $0 { true } else { false } } == true)
        }
        let error = codecError { try TIFFCodec.encode(image, options: .init(rowsPerStrip: 0)) }
        #expect(error.map { if case .invalidParameter = $0 { true } else { false } } == true)
    }

    /// Files the encoder never writes, built by the independent writer.
    @Test func decodesBigEndianAndMinIsWhiteFromAnotherWriter() throws {
        let samples16 = image16(.random, 7, 3).pixels.map(Int.init)
        for bigEndian in [false, true] {
            let tiff = TIFFReference.make(
                bigEndian: bigEndian, width: 7, height: 3, bitsPerSample: 16, samples: samples16)
            #expect(
                try TIFFCodec.decode(tiff).uint16Image?.pixels == samples16.map { UInt16($0) },
                "big-endian \(bigEndian)")
        }
        // MINISWHITE (photometric 0): stored 0 is white, so decoding inverts to 0 = black.
        let white8 = TIFFReference.make(width: 3, height: 1, photometric: 0, samples: [0, 1, 255])
        #expect(try TIFFCodec.decode(white8).uint8Image?.pixels == [255, 254, 0])
        #expect(try TIFFCodec.info(white8).storedMinIsWhite)
        let white16 = TIFFReference.make(
            bigEndian: true, width: 2, height: 1, bitsPerSample: 16, photometric: 0, samples: [0, 65_534])
        #expect(try TIFFCodec.decode(white16).uint16Image?.pixels == [65_535, 1])
        #expect(try !TIFFCodec.info(TIFFCodec.encode(image8(.ramp, 2, 2))).storedMinIsWhite)
    }

    @Test func unsupportedKindsAreRefusedClearly() throws {
        let cases: [(String, [UInt8])] = [
            (
                "RGB",
                TIFFReference.make(
                    width: 2, height: 1, samplesPerPixel: 3, photometric: 2, samples: [Int](repeating: 9, count: 6))
            ),
            (
                // With its ColorMap: without one, libtiff itself reads an 8-bit palette file as gray.
                "palette",
                TIFFReference.make(
                    width: 2, height: 1, photometric: 3, samples: [0, 1],
                    extra: [.init(TIFFReference.Tag.colorMap, .short, [UInt32](repeating: 0, count: 3 * 256))])
            ),
            (
                "signed",
                TIFFReference.make(
                    width: 2, height: 1, bitsPerSample: 16, samples: [0, 1],
                    extra: [.init(TIFFReference.Tag.sampleFormat, .short, [2])])
            ),
            ("12-bit", TIFFReference.make(width: 2, height: 1, bitsPerSample: 12, samples: [0, 1, 2])),
            ("4-bit", TIFFReference.make(width: 2, height: 1, bitsPerSample: 4, samples: [0])),
            (
                "tiled",
                TIFFReference.make(
                    width: 16, height: 16, samples: [Int](repeating: 0, count: 256),
                    extra: [
                        .init(TIFFReference.Tag.tileWidth, .long, [16]),
                        .init(TIFFReference.Tag.tileLength, .long, [16]),
                        .init(TIFFReference.Tag.tileOffsets, .long, [8]),
                        .init(TIFFReference.Tag.tileByteCounts, .long, [256]),
                    ])
            ),
        ]
        for (name, tiff) in cases {
            for error in [codecError { try TIFFCodec.info(tiff) }, codecError { try TIFFCodec.decode(tiff) }] {
                guard case .unsupported(.tiff, let reason) = error else {
                    Issue.record("\(name): expected .unsupported(.tiff, …), got \(String(describing: error))")
                    continue
                }
                #expect(reason.contains("not supported"), "\(name): \(reason)")
            }
        }
    }

    @Test func refusesHugeHeadersBeforeDecoding() throws {
        for (width, height) in [(70_000, 1), (1, 70_000), (20_000, 20_000)] {
            // One byte of strip data: the header alone must be enough to refuse.
            let tiff = TIFFReference.make(
                width: 1, height: 1, samples: [0],
                extra: [
                    .init(TIFFReference.Tag.imageWidth, .long, [UInt32(width)]),
                    .init(TIFFReference.Tag.imageLength, .long, [UInt32(height)]),
                ])
            let expected = CodecError.imageTooLarge(format: .tiff, width: width, height: height)
            #expect(codecError { try TIFFCodec.info(tiff) } == expected)
            #expect(codecError { try TIFFCodec.decode(tiff) } == expected)
        }
    }
}

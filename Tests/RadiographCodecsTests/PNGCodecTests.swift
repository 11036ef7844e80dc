import Foundation
import RadiographCodecs
import RadiographCore
import Testing
import _RadiographTestSupport

@Suite struct PNGCodecTests {
    @Test(arguments: TestData.awkwardWidths, awkwardHeights)
    func roundTripsBitExact(width: Int, height: Int) throws {
        for content in Content.allCases {
            let eight = image8(content, width, height)
            #expect(try PNGCodec.decode(PNGCodec.encode(eight)) == .uint8(eight), "\(content) 8-bit")
            let sixteen = image16(content, width, height)
            #expect(try PNGCodec.decode(PNGCodec.encode(sixteen)) == .uint16(sixteen), "\(content) 16-bit")
        }
    }

    @Test(arguments: PNGCodec.Filter.allCases)
    func everyFilterLevelAndStrategyRoundTrips(filter: PNGCodec.Filter) throws {
        let eight = image8(.random, 65, 17)
        let sixteen = image16(.ramp, 17, 3)
        for level in 0...9 {
            for strategy in PNGCodec.Strategy.allCases {
                let options = PNGCodec.Options(compressionLevel: level, filter: filter, strategy: strategy)
                #expect(try PNGCodec.decode(PNGCodec.encode(eight, options: options)) == .uint8(eight), "\(options)")
                #expect(
                    try PNGCodec.decode(PNGCodec.encode(sixteen, options: options)) == .uint16(sixteen), "\(options)")
            }
        }
        #expect(try PNGCodec.decode(PNGCodec.encode(eight, options: .small)) == .uint8(eight))
    }

    /// An independent reader (Support/PNGReference.swift) parses the encoder's level-0 output:
    /// this catches mistakes a symmetric round trip would hide, such as 16-bit samples written
    /// little-endian and read back the same wrong way.
    @Test(arguments: PNGCodec.Filter.allCases)
    func encoderOutputMatchesTheSpecification(filter: PNGCodec.Filter) throws {
        let options = PNGCodec.Options(compressionLevel: 0, filter: filter)
        for (width, height) in [(1, 1), (3, 2), (17, 3), (65, 17)] {
            let sixteen = image16(.random, width, height)
            let parsed16 = try PNGReference.read(PNGCodec.encode(sixteen, options: options))
            #expect(parsed16.width == width && parsed16.height == height)
            #expect(parsed16.bitDepth == 16 && parsed16.colorType == 0 && parsed16.interlace == 0)
            #expect(parsed16.samples == sixteen.pixels.map(Int.init), "16-bit \(width)x\(height) \(filter)")

            let eight = image8(.ramp, width, height)
            let parsed8 = try PNGReference.read(PNGCodec.encode(eight, options: options))
            #expect(parsed8.bitDepth == 8)
            #expect(parsed8.samples == eight.pixels.map(Int.init), "8-bit \(width)x\(height) \(filter)")
        }
    }

    @Test func writesNoGammaOrColourChunks() throws {
        for options in [PNGCodec.Options.fast, .small, PNGCodec.Options(compressionLevel: 0, filter: .none)] {
            let bytes = try PNGCodec.encode(image16(.ramp, 64, 17), options: options)
            var types: [String] = []
            var position = 8
            while position + 8 <= bytes.count {
                let length = bytes[position..<(position + 4)].reduce(0) { $0 << 8 | Int($1) }
                types.append(String(decoding: bytes[(position + 4)..<(position + 8)], as: UTF8.self))
                position += 12 + length
            }
            #expect(Set(types) == ["IHDR", "IDAT", "IEND"], "\(options): \(types)")
        }
    }

    @Test func fastIsTheDefaultAndSpeedOriented() {
        #expect(PNGCodec.Options.fast.compressionLevel <= 2)
        #expect([.sub, .up].contains(PNGCodec.Options.fast.filter))
        #expect(ImageCodec.EncodeOptions().png == .fast)
    }

    /// Files the encoder never writes, built by the independent writer, decode as the
    /// specification says.
    @Test func decodesLowDepthsSixteenBitAndInterlacedFilesFromAnotherWriter() throws {
        let width = 13
        let height = 5
        for depth in [1, 2, 4] {
            let maximum = (1 << depth) - 1
            let samples = (0..<(width * height)).map { ($0 * 5 + $0 / width) % (maximum + 1) }
            let png = PNGReference.make(
                width: width, height: height, bitDepth: depth, colorType: .gray, samples: samples)
            let info = try PNGCodec.info(png)
            #expect(info.bitDepth == 8 && info.storedBitDepth == depth)
            // png_set_expand_gray_1_2_4_to_8 scales: 1 → 255 at 1 bit, 3 → 255 at 2 bits, 15 → 255 at 4 bits.
            #expect(
                try PNGCodec.decode(png).uint8Image?.pixels == samples.map { UInt8($0 * 255 / maximum) }, "\(depth)-bit"
            )
        }
        let samples16 = image16(.random, width, height).pixels.map(Int.init)
        let png16 = PNGReference.make(width: width, height: height, bitDepth: 16, colorType: .gray, samples: samples16)
        #expect(try PNGCodec.decode(png16).uint16Image?.pixels == samples16.map { UInt16($0) })
        for (w, h) in [(1, 1), (2, 3), (width, height), (9, 9)] {
            for depth in [8, 16] {
                let s =
                    depth == 8
                    ? image8(.random, w, h).pixels.map(Int.init) : image16(.random, w, h).pixels.map(Int.init)
                let interlaced = PNGReference.make(
                    width: w, height: h, bitDepth: depth, colorType: .gray, samples: s, interlaced: true)
                let decoded = try PNGCodec.decode(interlaced)
                let values =
                    depth == 8 ? decoded.uint8Image?.pixels.map(Int.init) : decoded.uint16Image?.pixels.map(Int.init)
                #expect(values == s, "Adam7 \(depth)-bit \(w)x\(h)")
            }
        }
        // A tRNS chunk (one transparent gray value) is ignored: the values come back unchanged.
        let trns = PNGReference.make(
            width: 2, height: 1, bitDepth: 8, colorType: .gray, samples: [7, 9], extraChunks: [("tRNS", [0, 7])])
        #expect(try PNGCodec.decode(trns) == .uint8(GrayImage(width: 2, height: 1, pixels: [7, 9])))
    }

    @Test(arguments: [PNGReference.ColorType.rgb, .rgba, .grayAlpha, .palette])
    func colourAndAlphaAreRefusedClearly(colorType: PNGReference.ColorType) throws {
        let samples = [Int](repeating: 0, count: 2 * 2 * colorType.channels)
        let extra: [(String, [UInt8])] = colorType == .palette ? [("PLTE", [0, 0, 0])] : []
        let png = PNGReference.make(
            width: 2, height: 2, bitDepth: 8, colorType: colorType, samples: samples, extraChunks: extra)
        for error in [codecError { try PNGCodec.info(png) }, codecError { try PNGCodec.decode(png) }] {
            guard case .unsupported(.png, let reason) = error else {
                Issue.record("expected .unsupported(.png, …), got \(String(describing: error))")
                continue
            }
            #expect(reason.contains("not supported") && reason.contains("gray only"), "\(reason)")
        }
    }

    @Test func refusesHugeHeadersBeforeDecoding() throws {
        for (width, height) in [(70_000, 1), (1, 65_536), (16_385, 16_385)] {
            // The IDAT holds one row only: nothing past the header may be read or allocated.
            var png = PNGReference.make(width: 1, height: 1, bitDepth: 8, colorType: .gray, samples: [0])
            let ihdr =
                PNGReference.bigEndian32(UInt32(width)) + PNGReference.bigEndian32(UInt32(height))
                + [8, 0, 0, 0, 0]
            png.replaceSubrange(8..<33, with: PNGReference.chunk("IHDR", ihdr))
            let expected = CodecError.imageTooLarge(format: .png, width: width, height: height)
            #expect(codecError { try PNGCodec.info(png) } == expected)
            #expect(codecError { try PNGCodec.decode(png) } == expected)
        }
    }

    @Test func encoderRefusesImagesAboveTheLimits() throws {
        let wide = GrayImage<UInt8>(width: ImageCodec.maximumSide + 1, height: 1)
        #expect(codecError { try PNGCodec.encode(wide) } == .imageTooLarge(format: .png, width: 65_536, height: 1))
        let widest = GrayImage<UInt8>(width: ImageCodec.maximumSide, height: 2, repeating: 200)
        #expect(try PNGCodec.decode(PNGCodec.encode(widest)) == .uint8(widest))
    }

    @Test func optionsOutOfRangeAreInvalidParameters() {
        let image = image8(.ramp, 3, 3)
        for level in [-1, 10, Int.max] {
            let error = codecError {
                try PNGCodec.encode(image, options: PNGCodec.Options(compressionLevel: level, filter: .up))
            }
            guard case .invalidParameter(let name, _) = error else {
                Issue.record("level \(level): \(String(describing: error))")
                continue
            }
            #expect(name == "PNG compression level")
        }
    }

    @Test func optionsAreCodable() throws {
        let data = try JSONEncoder().encode(PNGCodec.Options.fast)
        #expect(try JSONDecoder().decode(PNGCodec.Options.self, from: data) == .fast)
    }
}

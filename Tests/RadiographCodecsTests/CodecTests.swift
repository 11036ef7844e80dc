import RadiographCodecs
import RadiographCore
import Testing
import _RadiographTestSupport

@Suite struct CodecRoundTripTests {
    static let heights = [1, 2, 3, 17]

    static func image8(_ w: Int, _ h: Int, seed: UInt64) -> GrayImage<UInt8> {
        var img = GrayImage<UInt8>.random(width: w, height: h, in: 0...255, seed: seed)
        img[x: 0, y: 0] = 0
        img[x: w - 1, y: h - 1] = 255
        return img
    }

    static func image16(_ w: Int, _ h: Int, seed: UInt64) -> GrayImage<UInt16> {
        var img = GrayImage<UInt16>.random(width: w, height: h, in: 0...65535, seed: seed)
        img[x: 0, y: 0] = 0
        img[x: w - 1, y: h - 1] = 65535
        return img
    }

    @Test(arguments: TestData.awkwardWidths)
    func pngIsLossless(width: Int) throws {
        for h in Self.heights {
            let a = Self.image8(width, h, seed: UInt64(width * 7 + h))
            #expect(try PNGCodec.decode(PNGCodec.encode(a)) == .uint8(a))
            let b = Self.image16(width, h, seed: UInt64(width * 11 + h))
            #expect(try PNGCodec.decode(PNGCodec.encode(b)) == .uint16(b))
        }
    }

    @Test(arguments: TestData.awkwardWidths)
    func tiffIsLossless(width: Int) throws {
        for h in Self.heights {
            let a = Self.image8(width, h, seed: UInt64(width * 13 + h))
            let b = Self.image16(width, h, seed: UInt64(width * 17 + h))
            for c in TIFFCodec.Compression.allCases {
                #expect(try TIFFCodec.decode(TIFFCodec.encode(a, compression: c)) == .uint8(a), "\(c)")
                #expect(try TIFFCodec.decode(TIFFCodec.encode(b, compression: c)) == .uint16(b), "\(c)")
            }
        }
    }

    @Test func everyPNGOptionRoundTrips() throws {
        let a = Self.image16(65, 17, seed: 5)
        for level in [0, 1, 6, 9] {
            for filter in PNGCodec.Filter.allCases {
                for strategy in PNGCodec.Strategy.allCases {
                    let options = PNGCodec.Options(compressionLevel: level, filter: filter, strategy: strategy)
                    #expect(try PNGCodec.decode(PNGCodec.encode(a, options: options)) == .uint16(a), "\(options)")
                }
            }
        }
    }

    @Test(arguments: TestData.awkwardWidths)
    func jpegAtQuality100IsCloseAndSmoothImagesCompress(width: Int) throws {
        // A smooth ramp: baseline JPEG at quality 100 stays within 2 grey levels of it.
        let h = 17
        let ramp = GrayImage<UInt8>(width: width, height: h, pixels: (0..<(width * h)).map {
            UInt8(truncatingIfNeeded: ($0 % width) * 3 + ($0 / width) * 5 + 40)
        })
        guard case .uint8(let back) = try JPEGCodec.decode(JPEGCodec.encode(ramp, quality: 100)) else {
            Issue.record("JPEG decoded to a non-8-bit image")
            return
        }
        #expect(ImageDifference(back, ramp).maximum <= 2, "\(ImageDifference(back, ramp))")
    }

    @Test func jpegQualityOrdersSizes() throws {
        let img = Self.image8(256, 256, seed: 99)
        #expect(try JPEGCodec.encode(img, quality: 50).count < JPEGCodec.encode(img, quality: 95).count)
    }

    @Test func tiffCarriesTheResolution() throws {
        let img = Self.image16(8, 8, seed: 1)
        let plain = try TIFFCodec.encode(img)
        let withSpacing = try TIFFCodec.encode(img, pixelSpacingMM: (0.1, 0.1))
        #expect(withSpacing.count > plain.count)
        #expect(try TIFFCodec.decode(withSpacing) == .uint16(img))
    }
}

@Suite struct CodecBadInputTests {
    @Test func formatsFromExtensionsAndSignatures() throws {
        #expect(ImageFileFormat(pathExtension: "PNG") == .png)
        #expect(ImageFileFormat(pathExtension: "tif") == .tiff)
        #expect(ImageFileFormat(pathExtension: "TIFF") == .tiff)
        #expect(ImageFileFormat(pathExtension: "jpeg") == .jpeg)
        #expect(ImageFileFormat(pathExtension: "bmp") == nil)
        #expect(ImageFileFormat(pathExtension: "") == nil)
        let img = GrayImage<UInt8>(width: 2, height: 2, repeating: 9)
        let png = try PNGCodec.encode(img)
        let tiff = try TIFFCodec.encode(img)
        let jpeg = try JPEGCodec.encode(img)
        #expect(ImageFileFormat.detect(png) == .png)
        #expect(ImageFileFormat.detect(tiff) == .tiff)
        #expect(ImageFileFormat.detect(jpeg) == .jpeg)
        #expect(ImageFileFormat.detect([1, 2, 3]) == nil)
    }

    @Test func garbageEmptyAndTruncatedGiveTypedErrors() throws {
        let img = GrayImage<UInt16>.random(width: 64, height: 64, in: 0...4095, seed: 3)
        let eight = GrayImage<UInt8>.random(width: 64, height: 64, in: 0...255, seed: 4)
        let files: [(String, [UInt8])] = [
            ("png", try PNGCodec.encode(img)), ("tiff", try TIFFCodec.encode(img)),
            ("jpeg", try JPEGCodec.encode(eight)),
        ]
        #expect(throws: CodecError.self) { try ImageCodec.decode([]) }
        #expect(throws: CodecError.self) { try ImageCodec.decode(Array("hello".utf8)) }
        for (name, bytes) in files {
            // TIFF keeps its directory last, ending in a next-directory offset that a reader may not
            // need: cut inside the directory entries instead of its last bytes.
            for cut in [4, 12, 40, bytes.count / 2, bytes.count - (name == "tiff" ? 20 : 3)] {
                #expect(throws: CodecError.self, "\(name) cut at \(cut)") { try ImageCodec.decode(Array(bytes.prefix(cut))) }
            }
        }
        #expect(throws: CodecError.self) { try PNGCodec.decode(Array("not a png".utf8)) }
        #expect(throws: CodecError.self) { try TIFFCodec.decode([0x49, 0x49, 0x2A, 0x00, 0xFF, 0xFF, 0xFF, 0xFF]) }
        #expect(throws: CodecError.self) { try JPEGCodec.decode([0xFF, 0xD8, 0xFF, 0xE0, 0, 0]) }
    }

    @Test func parametersOutOfRange() {
        let img = GrayImage<UInt8>(width: 3, height: 3, repeating: 1)
        #expect(throws: CodecError.self) { try JPEGCodec.encode(img, quality: 0) }
        #expect(throws: CodecError.self) { try JPEGCodec.encode(img, quality: 101) }
        #expect(throws: CodecError.self) {
            try PNGCodec.encode(img, options: PNGCodec.Options(compressionLevel: 10, filter: .up))
        }
    }

    @Test func colourPNGIsRefusedClearly() throws {
        // A 1x1 RGB PNG (colour type 2), built byte by byte with its CRCs.
        let rgb: [UInt8] = [
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
            0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
            0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41, 0x54, 0x08, 0xD7, 0x63, 0xF8, 0xCF, 0xC0, 0x00,
            0x00, 0x03, 0x01, 0x01, 0x00, 0x18, 0xDD, 0x8D, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E,
            0x44, 0xAE, 0x42, 0x60, 0x82,
        ]
        do {
            _ = try PNGCodec.decode(rgb)
            Issue.record("colour PNG accepted")
        } catch {
            guard case .unsupported(.png, let reason) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(reason.contains("colour"))
        }
    }
}

import Foundation
import RadiographCodecs
import RadiographCore
import Testing
import _RadiographTestSupport

@Suite struct ImageFileFormatTests {
    @Test func parsesPathExtensionsInAnyCase() {
        let expected: [String: ImageFileFormat?] = [
            "png": .png, "PNG": .png, "Png": .png, "tif": .tiff, "TIF": .tiff, "tiff": .tiff, "TiFf": .tiff,
            "jpg": .jpeg, "JPG": .jpeg, "jpeg": .jpeg, "JPEG": .jpeg,
            "": nil, ".png": nil, "bmp": nil, "dcm": nil, "jpe": nil, "pngx": nil, " png": nil,
        ]
        for (ext, format) in expected {
            #expect(ImageFileFormat(pathExtension: ext) == format, "\(ext)")
        }
        for format in ImageFileFormat.allCases {
            #expect(ImageFileFormat(pathExtension: format.fileExtension) == format)
        }
    }

    @Test func detectsSignatures() throws {
        let image = image8(.ramp, 2, 2)
        #expect(ImageFileFormat.detect(from: try PNGCodec.encode(image)) == .png)
        #expect(ImageFileFormat.detect(from: try TIFFCodec.encode(image)) == .tiff)
        #expect(ImageFileFormat.detect(from: try JPEGCodec.encode(image)) == .jpeg)
        #expect(ImageFileFormat.detect(from: [0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8]) == .tiff)  // big-endian TIFF
        #expect(ImageFileFormat.detect(from: [0x49, 0x49, 0x2B, 0x00, 8, 0, 0, 0]) == .tiff)  // BigTIFF
        #expect(ImageFileFormat.detect(from: [0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        // A prefix is enough; slices work without copying.
        let png = try PNGCodec.encode(image)
        #expect(ImageFileFormat.detect(from: png.prefix(8)) == .png)
        for bytes: [UInt8] in [
            [], [0x89, 0x50, 0x4E], [0xFF, 0xD8], [0x49, 0x49, 0x2A], Array("DICM".utf8), [0x42, 0x4D, 0, 0],
        ] {
            #expect(ImageFileFormat.detect(from: bytes) == nil, "\(bytes)")
        }
    }

    @Test func isCodableAsItsRawValue() throws {
        let data = try JSONEncoder().encode(ImageFileFormat.allCases)
        #expect(String(decoding: data, as: UTF8.self) == #"["png","tiff","jpeg"]"#)
        #expect(try JSONDecoder().decode([ImageFileFormat].self, from: data) == ImageFileFormat.allCases)
    }
}

@Suite struct ImageCodecTests {
    @Test func encodesAndDecodesEveryFormat() throws {
        let eight = image8(.random, 17, 3)
        let sixteen = image16(.random, 17, 3)
        for format in [ImageFileFormat.png, .tiff] {
            #expect(try ImageCodec.decode(ImageCodec.encode(.uint8(eight), as: format)) == .uint8(eight))
            #expect(try ImageCodec.decode(ImageCodec.encode(.uint16(sixteen), as: format)) == .uint16(sixteen))
        }
        let jpeg = try ImageCodec.encode(.uint8(eight), as: .jpeg, options: .init(jpegQuality: 100))
        let back = try #require(try ImageCodec.decode(jpeg).uint8Image)
        #expect(ImageDifference(back, eight).maximum <= JPEGCodecTests.quality100Tolerance)
    }

    @Test func usesTheOptionsOfTheChosenFormat() throws {
        let image = image16(.ramp, 64, 17)
        let spacing = TIFFCodec.PixelSpacing(row: 0.1, column: 0.2)
        let options = ImageCodec.EncodeOptions(
            png: .init(compressionLevel: 0, filter: .none), tiff: .init(compression: .lzw, pixelSpacing: spacing))
        let png = try ImageCodec.encode(.uint16(image), as: .png, options: options)
        #expect(png == (try PNGCodec.encode(image, options: options.png)))
        let tiff = try ImageCodec.encode(.uint16(image), as: .tiff, options: options)
        #expect(tiff == (try TIFFCodec.encode(image, options: options.tiff)))
        let info = try ImageCodec.info(tiff)
        #expect(info.format == .tiff && info.width == 64 && info.height == 17 && info.bitDepth == 16)
        #expect(abs(info.pixelSpacing!.column - 0.2) < 1e-6)
        let badQuality = ImageCodec.EncodeOptions(jpegQuality: 0)
        #expect(
            codecError { try ImageCodec.encode(.uint8(image8(.ramp, 2, 2)), as: .jpeg, options: badQuality) }
                == .invalidParameter(name: "JPEG quality", reason: "0 is outside 1...100"))
    }

    @Test(arguments: ImageFileFormat.allCases)
    func signedImagesAreRefusedClearly(format: ImageFileFormat) {
        let signed = AnyGrayImage.int16(GrayImage(width: 3, height: 2, repeating: -1))
        guard case .unsupported(let f, let reason) = codecError({ try ImageCodec.encode(signed, as: format) }) else {
            Issue.record("signed \(format) was not refused as unsupported")
            return
        }
        #expect(f == format)
        #expect(reason.contains("signed"))
    }

    @Test func infoReadsHeadersOnly() throws {
        #expect(
            try ImageCodec.info(PNGCodec.encode(image16(.ramp, 65, 2)))
                == ImageInfo(format: .png, width: 65, height: 2, bitDepth: 16, storedBitDepth: 16))
        #expect(
            try ImageCodec.info(TIFFCodec.encode(image8(.ramp, 1, 17)))
                == ImageInfo(format: .tiff, width: 1, height: 17, bitDepth: 8, storedBitDepth: 8))
        #expect(try ImageCodec.info(JPEGCodec.encode(image8(.ramp, 15, 3))).width == 15)
    }

    /// The shim keeps no global library state (per-call error handlers, no static buffers), so
    /// batches may encode and decode on several threads at once.
    @Test func codecsRunConcurrently() async throws {
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for task in 0..<16 {
                group.addTask {
                    let image = image16(.random, 63 + task, 17)
                    let eight = image8(.random, 65, 3 + task)
                    for _ in 0..<10 {
                        guard try ImageCodec.decode(PNGCodec.encode(image)) == .uint16(image),
                            try ImageCodec.decode(TIFFCodec.encode(image, options: .init(compression: .deflate)))
                                == .uint16(image),
                            try ImageCodec.decode(JPEGCodec.encode(eight, quality: 100)).width == 65,
                            (try? ImageCodec.decode(Array(PNGCodec.encode(image).dropLast(20)))) == nil
                        else { return false }
                    }
                    return true
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 16 && results.allSatisfy { $0 })
    }

    @Test func errorsDescribeThemselves() {
        let cases: [(CodecError, String)] = [
            (.encodeFailed(format: .png, reason: "x"), "cannot encode PNG: x"),
            (.decodeFailed(format: .tiff, reason: "y"), "cannot decode TIFF: y"),
            (.decodeFailed(format: nil, reason: "z"), "cannot decode image: z"),
            (.unsupported(format: .jpeg, reason: "w"), "unsupported JPEG: w"),
            (.invalidParameter(name: "JPEG quality", reason: "0"), "invalid JPEG quality: 0"),
            (
                .imageTooLarge(format: .png, width: 70_000, height: 1),
                "PNG image too large: 70000x1 exceeds the limit of 65535 pixels per side and 268435456 in all"
            ),
        ]
        for (error, text) in cases {
            #expect(error.description == text)
        }
        #expect(CodecError.imageTooLarge(format: .jpeg, width: 1, height: 70_000).reason.contains("65500"))
        #expect(CodecError.invalidParameter(name: "a", reason: "b").format == nil)
    }
}

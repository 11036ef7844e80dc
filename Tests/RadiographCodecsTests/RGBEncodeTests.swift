import RadiographCodecs
import RadiographCore
import Testing
import _RadiographTestSupport

/// Colour output (annotated images): every format written, read back by the independent readers.
@Suite struct RGBEncodeTests {
    static func picture(_ width: Int, _ height: Int) -> RGBImage {
        var image = RGBImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                image[x: x, y: y] = RGBColor(
                    red: UInt8(truncatingIfNeeded: x * 37 + y), green: UInt8(truncatingIfNeeded: y * 11),
                    blue: UInt8(truncatingIfNeeded: x ^ y))
            }
        }
        return image
    }

    static func interleaved(_ image: RGBImage) -> [Int] { image.withUnsafeBufferPointer { $0.map(Int.init) } }

    @Test(arguments: TestData.awkwardWidths)
    func pngAndTIFFKeepEverySample(width: Int) throws {
        let image = Self.picture(width, 5)
        var stored = PNGCodec.Options.fast
        stored.compressionLevel = 0
        let png = try PNGReference.read(PNGCodec.encode(image, options: stored))
        #expect(png.colorType == 2 && png.bitDepth == 8 && png.width == width && png.height == 5)
        #expect(png.samples == Self.interleaved(image))
        let tiff = try TIFFReference.read(TIFFCodec.encode(image))
        #expect(tiff.value(TIFFReference.Tag.photometric) == 2 && tiff.value(TIFFReference.Tag.samplesPerPixel) == 3)
        #expect(tiff.samples == Self.interleaved(image))
        // The readers take gray only, and say so about a colour file.
        let compressed = try ImageCodec.encode(image, as: .png)
        #expect(ImageFileFormat.detect(from: compressed) == .png)
        #expect(throws: CodecError.self) { _ = try ImageCodec.decode(compressed) }
    }

    /// A JPEG of three components (YCbCr), which the gray decoder refuses by name.
    @Test func jpegIsAColourJPEG() throws {
        let bytes = try ImageCodec.encode(Self.picture(17, 9), as: .jpeg)
        // Start Of Frame 0: FF C0, length, precision, height, width, component count.
        let sof = try #require((0..<(bytes.count - 10)).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
        #expect(Int(bytes[sof + 5]) << 8 | Int(bytes[sof + 6]) == 9 && Int(bytes[sof + 7]) << 8 | Int(bytes[sof + 8]) == 17)
        #expect(bytes[sof + 9] == 3)
        #expect(throws: CodecError.self) { _ = try JPEGCodec.decode(bytes) }
        #expect(throws: CodecError.self) { _ = try JPEGCodec.encode(Self.picture(2, 2), quality: 0) }
    }
}

import RadiographCodecs
import RadiographCore
import Testing
import _RadiographTestSupport

/// Garbage, empty, truncated and corrupted input: every decoder must throw a ``CodecError`` or
/// return an image, and never crash, print, abort or exit.
@Suite struct BadInputTests {
    /// One valid file of each kind, with what a full decode gives.
    static func samples() throws -> [(name: String, bytes: [UInt8], decoded: AnyGrayImage)] {
        let sixteen = image16(.random, 64, 17)
        let eight = image8(.random, 65, 17)
        let files: [(String, [UInt8])] = [
            ("PNG 16-bit", try PNGCodec.encode(sixteen)),
            ("PNG 8-bit adaptive", try PNGCodec.encode(eight, options: .small)),
            ("TIFF 16-bit", try TIFFCodec.encode(sixteen, options: .init(pixelSpacing: .init(0.1)))),
            ("TIFF 8-bit LZW strips", try TIFFCodec.encode(eight, options: .init(compression: .lzw, rowsPerStrip: 4))),
            ("TIFF 16-bit deflate", try TIFFCodec.encode(sixteen, options: .init(compression: .deflate))),
            ("JPEG", try JPEGCodec.encode(eight, quality: 80)),
        ]
        return try files.map { ($0.0, $0.1, try ImageCodec.decode($0.1)) }
    }

    @Test func emptyInputIsADecodeError() {
        #expect(codecError { try ImageCodec.decode([]) } == .decodeFailed(format: nil, reason: "empty input"))
        #expect(codecError { try ImageCodec.info([]) } == .decodeFailed(format: nil, reason: "empty input"))
        let decoders: [(ImageFileFormat, ([UInt8]) throws(CodecError) -> AnyGrayImage)] = [
            (.png, PNGCodec.decode), (.tiff, TIFFCodec.decode), (.jpeg, JPEGCodec.decode),
        ]
        for (format, decode) in decoders {
            guard case .decodeFailed(format, let reason) = codecError({ try decode([]) }) else {
                Issue.record("\(format): empty input not a decodeFailed")
                continue
            }
            #expect(reason.contains("empty"))
        }
    }

    @Test func garbageIsADecodeError() {
        var generator = SeededGenerator(seed: 42)
        let noise = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let garbage: [[UInt8]] = [Array("hello, world".utf8), [0], noise, Array(repeating: 0xFF, count: 64)]
        for bytes in garbage {
            #expect(codecError { try ImageCodec.decode(bytes) }?.format == nil)
            // Each decoder called directly on the wrong bytes names its own format.
            #expect(codecError { try PNGCodec.decode(bytes) }?.format == .png)
            #expect(codecError { try TIFFCodec.decode(bytes) }?.format == .tiff)
            #expect(codecError { try JPEGCodec.decode(bytes) }?.format == .jpeg)
        }
        // Right signature, nonsense after it.
        for prefix: [UInt8] in [
            PNGReference.signature, [0x49, 0x49, 0x2A, 0x00], [0x4D, 0x4D, 0x00, 0x2A], [0xFF, 0xD8, 0xFF],
        ] {
            for bytes in [prefix, prefix + noise, prefix + [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0]] {
                let error = codecError { try ImageCodec.decode(bytes) }
                #expect(error != nil && error?.format == ImageFileFormat.detect(from: prefix), "\(prefix)")
            }
        }
        // A decoder handed another format's file refuses it.
        #expect(codecError { try PNGCodec.decode(TIFFCodec.encode(image8(.ramp, 2, 2))) }?.format == .png)
        #expect(codecError { try JPEGCodec.decode(PNGCodec.encode(image8(.ramp, 2, 2))) }?.format == .jpeg)
    }

    /// Every prefix of a file either throws or decodes to exactly what the whole file decodes to:
    /// a cut file never yields different pixels silently. (A TIFF cut inside trailing data it does
    /// not need, such as the next-directory offset or a Software string, may still decode; a JPEG
    /// cut only in its EOI marker decodes, since every scan is complete.)
    @Test func truncatedFilesThrowOrDecodeExactly() throws {
        for (name, bytes, decoded) in try Self.samples() {
            var throwsAt = 0
            for cut in Array(0..<min(64, bytes.count)) + Array(stride(from: 64, to: bytes.count, by: 7)) {
                do throws(CodecError) {
                    let image = try ImageCodec.decode(Array(bytes.prefix(cut)))
                    #expect(image == decoded, "\(name) cut at \(cut) of \(bytes.count) decoded different pixels")
                } catch {
                    throwsAt += 1
                }
            }
            #expect(throwsAt > 0, "\(name)")
            if name.hasPrefix("PNG") {
                // PNG ends with IEND and CRCs: every cut must fail.
                for cut in (bytes.count - 12)..<bytes.count {
                    #expect(throws: CodecError.self, "\(name) cut at \(cut)") {
                        try ImageCodec.decode(Array(bytes.prefix(cut)))
                    }
                }
            }
            if name.hasPrefix("JPEG") {
                // Losing entropy-coded data is an error, although libjpeg only warns and pads with gray.
                for cut in [bytes.count / 2, bytes.count - 40, bytes.count - 3] {
                    #expect(throws: CodecError.self, "\(name) cut at \(cut)") {
                        try ImageCodec.decode(Array(bytes.prefix(cut)))
                    }
                }
            }
        }
    }

    /// Random byte corruption: any outcome but a crash is acceptable, and an image that comes back
    /// has a sane size.
    @Test func corruptedFilesNeverCrash() throws {
        var generator = SeededGenerator(seed: 7)
        for (name, bytes, _) in try Self.samples() {
            for round in 0..<150 {
                var corrupt = bytes
                for _ in 0...(round % 4) {
                    let index = Int.random(in: 0..<corrupt.count, using: &generator)
                    corrupt[index] = UInt8.random(in: 0...255, using: &generator)
                }
                do throws(CodecError) {
                    let image = try ImageCodec.decode(corrupt)
                    #expect(image.width * image.height <= ImageCodec.maximumPixelCount, "\(name)")
                } catch {
                    #expect(!error.description.isEmpty)
                }
            }
        }
    }
}

/// A tiny baseline-TIFF writer and reader written from the TIFF 6.0 specification, independent of
/// libtiff.
///
/// The writer builds files the encoder never makes (big-endian, MINISWHITE, colour, tiled,
/// signed, odd bit depths, huge headers); the reader checks the tags and uncompressed strips the
/// encoder writes.
enum TIFFReference {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    enum FieldType: UInt16 {
        case byte = 1, ascii = 2, short = 3, long = 4, rational = 5

        var size: Int {
            switch self {
            case .byte, .ascii: 1
            case .short: 2
            case .long: 4
            case .rational: 8
            }
        }
    }

    /// A directory entry; rationals are given as (numerator, denominator) pairs flattened.
    struct Field {
        var tag: UInt16
        var type: FieldType
        var values: [UInt32]

        init(_ tag: UInt16, _ type: FieldType, _ values: [UInt32]) {
            self.tag = tag
            self.type = type
            self.values = values
        }

        var count: Int { type == .rational ? values.count / 2 : values.count }
    }

    /// The tags used here.
    enum Tag {
        static let imageWidth: UInt16 = 256
        static let imageLength: UInt16 = 257
        static let bitsPerSample: UInt16 = 258
        static let compression: UInt16 = 259
        static let photometric: UInt16 = 262
        static let stripOffsets: UInt16 = 273
        static let samplesPerPixel: UInt16 = 277
        static let rowsPerStrip: UInt16 = 278
        static let stripByteCounts: UInt16 = 279
        static let xResolution: UInt16 = 282
        static let yResolution: UInt16 = 283
        static let planarConfiguration: UInt16 = 284
        static let resolutionUnit: UInt16 = 296
        static let predictor: UInt16 = 317
        static let colorMap: UInt16 = 320
        static let tileWidth: UInt16 = 322
        static let tileLength: UInt16 = 323
        static let tileOffsets: UInt16 = 324
        static let tileByteCounts: UInt16 = 325
        static let sampleFormat: UInt16 = 339
    }

    // MARK: Writing

    private struct Writer {
        var bigEndian: Bool
        var bytes: [UInt8] = []

        mutating func u16(_ v: UInt16) {
            bytes += bigEndian ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)]
        }

        mutating func u32(_ v: UInt32) {
            let b = [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
            bytes += bigEndian ? b.reversed() : b
        }

        mutating func value(_ v: UInt32, _ type: FieldType) {
            switch type {
            case .byte, .ascii: bytes.append(UInt8(v))
            case .short: u16(UInt16(v))
            case .long, .rational: u32(v)
            }
        }
    }

    /// A single-strip, uncompressed TIFF of `samples` (row-major, `samplesPerPixel` per pixel,
    /// `bitsPerSample` 8 or 16 written, other depths only declared) plus `extra` fields, which
    /// replace defaults with the same tag. The strip follows the header; the directory follows it.
    static func make(
        bigEndian: Bool = false, width: Int, height: Int, bitsPerSample: Int = 8, samplesPerPixel: Int = 1,
        photometric: Int = 1, samples: [Int], extra: [Field] = []
    ) -> [UInt8] {
        var w = Writer(bigEndian: bigEndian)
        w.bytes += bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]
        w.u16(42)
        var strip = Writer(bigEndian: bigEndian)
        for s in samples {
            if bitsPerSample == 16 {
                strip.u16(UInt16(truncatingIfNeeded: s))
            } else {
                strip.bytes.append(UInt8(truncatingIfNeeded: s))
            }
        }
        let stripOffset = 8
        var directoryOffset = stripOffset + strip.bytes.count
        directoryOffset += directoryOffset % 2
        w.u32(UInt32(directoryOffset))
        w.bytes += strip.bytes
        if w.bytes.count % 2 == 1 { w.bytes.append(0) }

        var fields: [UInt16: Field] = [:]
        for f in [
            Field(Tag.imageWidth, .long, [UInt32(width)]), Field(Tag.imageLength, .long, [UInt32(height)]),
            Field(Tag.bitsPerSample, .short, Array(repeating: UInt32(bitsPerSample), count: samplesPerPixel)),
            Field(Tag.compression, .short, [1]), Field(Tag.photometric, .short, [UInt32(photometric)]),
            Field(Tag.stripOffsets, .long, [UInt32(stripOffset)]),
            Field(Tag.samplesPerPixel, .short, [UInt32(samplesPerPixel)]),
            Field(Tag.rowsPerStrip, .long, [UInt32(height)]),
            Field(Tag.stripByteCounts, .long, [UInt32(strip.bytes.count)]),
        ] + extra {
            fields[f.tag] = f
        }
        let sorted = fields.values.sorted { $0.tag < $1.tag }
        // Values that do not fit in four bytes go after the directory.
        var overflowOffset = directoryOffset + 2 + sorted.count * 12 + 4
        var overflow = Writer(bigEndian: bigEndian)
        w.u16(UInt16(sorted.count))
        for f in sorted {
            w.u16(f.tag)
            w.u16(f.type.rawValue)
            w.u32(UInt32(f.count))
            if f.count * f.type.size <= 4 {
                var inline = Writer(bigEndian: bigEndian)
                for v in f.values { inline.value(v, f.type) }
                w.bytes += inline.bytes + [UInt8](repeating: 0, count: 4 - inline.bytes.count)
            } else {
                w.u32(UInt32(overflowOffset))
                let before = overflow.bytes.count
                for v in f.values { overflow.value(v, f.type) }
                if overflow.bytes.count % 2 == 1 { overflow.bytes.append(0) }
                overflowOffset += overflow.bytes.count - before
            }
        }
        w.u32(0)
        return w.bytes + overflow.bytes
    }

    // MARK: Reading

    struct Decoded {
        var bigEndian: Bool
        /// Every field of the first directory; rationals as numerator / denominator.
        var fields: [UInt16: [Double]]
        var samples: [Int]

        func value(_ tag: UInt16) -> Double? { fields[tag]?.first }
    }

    /// Reads the first directory and its uncompressed 8/16-bit strips.
    static func read(_ tiff: [UInt8]) throws(Failure) -> Decoded {
        guard tiff.count >= 8, tiff[0] == tiff[1], tiff[0] == 0x49 || tiff[0] == 0x4D else {
            throw Failure(description: "bad byte-order mark")
        }
        let bigEndian = tiff[0] == 0x4D
        func check(_ offset: Int, _ size: Int) throws(Failure) {
            guard offset >= 0, offset + size <= tiff.count else {
                throw Failure(description: "offset \(offset) past the end")
            }
        }
        func u16(_ o: Int) throws(Failure) -> Int {
            try check(o, 2)
            return bigEndian ? Int(tiff[o]) << 8 | Int(tiff[o + 1]) : Int(tiff[o + 1]) << 8 | Int(tiff[o])
        }
        func u32(_ o: Int) throws(Failure) -> Int {
            try check(o, 4)
            let b = (0..<4).map { Int(tiff[o + $0]) }
            return bigEndian ? b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3] : b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0]
        }
        guard try u16(2) == 42 else { throw Failure(description: "not classic TIFF") }
        let directory = try u32(4)
        let entries = try u16(directory)
        var fields: [UInt16: [Double]] = [:]
        for e in 0..<entries {
            let at = directory + 2 + e * 12
            let tag = UInt16(try u16(at))
            guard let type = FieldType(rawValue: UInt16(try u16(at + 2))) else { continue }
            let count = try u32(at + 4)
            let size = count * type.size
            let base = size <= 4 ? at + 8 : try u32(at + 8)
            try check(base, size)
            var values: [Double] = []
            for i in 0..<count {
                switch type {
                case .byte, .ascii: values.append(Double(tiff[base + i]))
                case .short: values.append(Double(try u16(base + 2 * i)))
                case .long: values.append(Double(try u32(base + 4 * i)))
                case .rational: values.append(Double(try u32(base + 8 * i)) / Double(try u32(base + 8 * i + 4)))
                }
            }
            fields[tag] = values
        }
        guard fields[Tag.compression]?.first ?? 1 == 1 else {
            throw Failure(description: "compressed: reader handles none")
        }
        guard let offsets = fields[Tag.stripOffsets], let counts = fields[Tag.stripByteCounts],
            offsets.count == counts.count,
            let bits = fields[Tag.bitsPerSample]?.first, bits == 8 || bits == 16
        else { throw Failure(description: "missing strips or unsupported depth") }
        var data: [UInt8] = []
        for (o, c) in zip(offsets, counts) {
            try check(Int(o), Int(c))
            data += tiff[Int(o)..<(Int(o) + Int(c))]
        }
        let samples: [Int]
        if bits == 16 {
            samples = stride(from: 0, to: data.count - 1, by: 2).map {
                bigEndian ? Int(data[$0]) << 8 | Int(data[$0 + 1]) : Int(data[$0 + 1]) << 8 | Int(data[$0])
            }
        } else {
            samples = data.map(Int.init)
        }
        return Decoded(bigEndian: bigEndian, fields: fields, samples: samples)
    }

    /// A rational field value approximating `value` (denominator 1000).
    static func rational(_ value: Double) -> [UInt32] { [UInt32((value * 1000).rounded()), 1000] }
}

/// A tiny PNG writer and reader written from the PNG specification, independent of libpng.
///
/// The writer builds files the encoder never makes (colour, alpha, palette, 1/2/4-bit, Adam7
/// interlaced, huge headers), using zlib "stored" blocks so no compressor is needed. The reader
/// checks what the encoder writes: every chunk CRC, the zlib header and Adler-32, the five row
/// filters, big-endian 16-bit samples. It only inflates stored blocks, which is what zlib level 0
/// produces.
enum PNGReference {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    enum ColorType: UInt8 {
        case gray = 0, rgb = 2, palette = 3, grayAlpha = 4, rgba = 6

        var channels: Int {
            switch self {
            case .gray, .palette: 1
            case .grayAlpha: 2
            case .rgb: 3
            case .rgba: 4
            }
        }
    }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    // MARK: Checksums

    private static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return b << 16 | a
    }

    static func bigEndian32(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
    }

    // MARK: Writing

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian32(UInt32(data.count)) + typeBytes + data + bigEndian32(crc32(typeBytes + data))
    }

    /// A zlib stream of stored (uncompressed) deflate blocks.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let count = min(65535, data.count - start)
            let final: UInt8 = start + count == data.count ? 1 : 0
            out += [final, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8(~count >> 8 & 0xFF)]
            out += data[start..<(start + count)]
            start += count
        } while start < data.count
        return out + bigEndian32(adler32(data))
    }

    /// One row of `samples` packed at `bitDepth` (MSB first below 8 bits; big-endian at 16).
    static func pack(_ samples: ArraySlice<Int>, bitDepth: Int) -> [UInt8] {
        switch bitDepth {
        case 16: return samples.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case 8: return samples.map { UInt8($0) }
        default:
            var out = [UInt8](repeating: 0, count: (samples.count * bitDepth + 7) / 8)
            for (i, s) in samples.enumerated() {
                let bit = i * bitDepth
                out[bit / 8] |= UInt8(s << (8 - bitDepth - bit % 8))
            }
            return out
        }
    }

    /// A PNG of `samples` (row-major, `channels` per pixel), every row with filter 0 (None).
    /// `interlaced` writes the seven Adam7 passes (bit depths 8 and 16 only).
    static func make(
        width: Int, height: Int, bitDepth: Int, colorType: ColorType, samples: [Int], interlaced: Bool = false,
        extraChunks: [(String, [UInt8])] = []
    ) -> [UInt8] {
        let channels = colorType.channels
        precondition(samples.count == width * height * channels)
        var raw: [UInt8] = []
        if interlaced {
            precondition(bitDepth >= 8)
            for (x0, y0, dx, dy) in adam7 where x0 < width && y0 < height {
                for y in stride(from: y0, to: height, by: dy) {
                    raw.append(0)
                    for x in stride(from: x0, to: width, by: dx) {
                        let i = (y * width + x) * channels
                        raw += pack(samples[i..<(i + channels)], bitDepth: bitDepth)
                    }
                }
            }
        } else {
            for y in 0..<height {
                raw.append(0)
                raw += pack(samples[(y * width * channels)..<((y + 1) * width * channels)], bitDepth: bitDepth)
            }
        }
        let header =
            bigEndian32(UInt32(width)) + bigEndian32(UInt32(height))
            + [UInt8(bitDepth), colorType.rawValue, 0, 0, interlaced ? 1 : 0]
        var png = signature + chunk("IHDR", header)
        for (type, data) in extraChunks { png += chunk(type, data) }
        return png + chunk("IDAT", zlibStored(raw)) + chunk("IEND", [])
    }

    /// Adam7 passes: first column, first row, column step, row step.
    static let adam7 = [
        (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2),
    ]

    // MARK: Reading

    struct Decoded {
        var width: Int
        var height: Int
        var bitDepth: Int
        var colorType: UInt8
        var interlace: UInt8
        /// Every chunk type in file order.
        var chunkTypes: [String]
        /// Samples, row-major (R, G, B interleaved for colour type 2).
        var samples: [Int]
    }

    /// Reads a non-interlaced gray or RGB 8/16-bit PNG whose zlib stream uses stored blocks only.
    static func read(_ png: [UInt8]) throws(Failure) -> Decoded {
        guard png.starts(with: signature) else { throw Failure(description: "bad signature") }
        func be32(_ i: Int) -> Int {
            Int(png[i]) << 24 | Int(png[i + 1]) << 16 | Int(png[i + 2]) << 8 | Int(png[i + 3])
        }
        var position = 8
        var types: [String] = []
        var header: [UInt8] = []
        var idat: [UInt8] = []
        while position + 12 <= png.count {
            let length = be32(position)
            guard position + 12 + length <= png.count else { throw Failure(description: "chunk runs past the end") }
            let typeAndData = Array(png[(position + 4)..<(position + 8 + length)])
            let type = String(decoding: typeAndData.prefix(4), as: UTF8.self)
            guard crc32(typeAndData) == UInt32(be32(position + 8 + length)) else {
                throw Failure(description: "bad CRC in \(type)")
            }
            types.append(type)
            let data = Array(typeAndData.dropFirst(4))
            if type == "IHDR" { header = data }
            if type == "IDAT" { idat += data }
            position += 12 + length
            if type == "IEND" { break }
        }
        guard position == png.count, types.first == "IHDR", types.last == "IEND", header.count == 13 else {
            throw Failure(description: "bad chunk layout \(types)")
        }
        let width = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        let height = Int(header[4]) << 24 | Int(header[5]) << 16 | Int(header[6]) << 8 | Int(header[7])
        let bitDepth = Int(header[8])
        guard header[9] == 0 || header[9] == 2, bitDepth == 8 || bitDepth == 16, header[12] == 0 else {
            throw Failure(description: "reference reader handles non-interlaced gray or RGB 8/16 only")
        }
        let raw = try inflateStored(idat)
        let channels = header[9] == 2 ? 3 : 1
        let bytesPerPixel = channels * bitDepth / 8
        let rowBytes = width * bytesPerPixel
        guard raw.count == height * (rowBytes + 1) else { throw Failure(description: "wrong amount of image data") }
        var previous = [UInt8](repeating: 0, count: rowBytes)
        var samples: [Int] = []
        samples.reserveCapacity(width * height)
        for y in 0..<height {
            let start = y * (rowBytes + 1)
            let filter = raw[start]
            var row = Array(raw[(start + 1)...(start + rowBytes)])
            for i in 0..<rowBytes {
                let a = i >= bytesPerPixel ? Int(row[i - bytesPerPixel]) : 0
                let b = Int(previous[i])
                let c = i >= bytesPerPixel ? Int(previous[i - bytesPerPixel]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                    predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw Failure(description: "bad filter type \(filter)")
                }
                row[i] = UInt8(truncatingIfNeeded: Int(row[i]) + predictor)
            }
            for x in 0..<(width * channels) {
                samples.append(bitDepth == 16 ? Int(row[2 * x]) << 8 | Int(row[2 * x + 1]) : Int(row[x]))
            }
            previous = row
        }
        return Decoded(
            width: width, height: height, bitDepth: bitDepth, colorType: header[9], interlace: header[12],
            chunkTypes: types, samples: samples)
    }

    /// Inflates a zlib stream made of stored blocks, checking the header and Adler-32.
    static func inflateStored(_ z: [UInt8]) throws(Failure) -> [UInt8] {
        guard z.count >= 6, z[0] & 0x0F == 8, (Int(z[0]) << 8 | Int(z[1])) % 31 == 0, z[1] & 0x20 == 0 else {
            throw Failure(description: "bad zlib header")
        }
        var out: [UInt8] = []
        var position = 2
        while true {
            guard position + 5 <= z.count else { throw Failure(description: "zlib stream ends early") }
            let header = z[position]
            guard header & 0x06 == 0 else { throw Failure(description: "compressed deflate block: use level 0") }
            let length = Int(z[position + 1]) | Int(z[position + 2]) << 8
            let complement = Int(z[position + 3]) | Int(z[position + 4]) << 8
            guard length ^ complement == 0xFFFF, position + 5 + length <= z.count else {
                throw Failure(description: "bad stored block")
            }
            out += z[(position + 5)..<(position + 5 + length)]
            position += 5 + length
            if header & 1 == 1 { break }
        }
        guard position + 4 == z.count else { throw Failure(description: "bytes after the deflate stream") }
        let stored =
            UInt32(z[position]) << 24 | UInt32(z[position + 1]) << 16 | UInt32(z[position + 2]) << 8
            | UInt32(z[position + 3])
        guard stored == adler32(out) else { throw Failure(description: "bad Adler-32") }
        return out
    }
}

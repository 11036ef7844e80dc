internal import CRadiographCodecs
import RadiographCore

/// PNG through libpng 1.6 (`png_write_row` / `png_read_image` with setjmp error handling in C).
public enum PNGCodec {
    /// Row filter (png_set_filter).
    public enum Filter: String, Sendable, Hashable, Codable, CaseIterable {
        case none, sub, up, average, paeth
        /// libpng picks a filter per row (its default; slow, smallest).
        case adaptive
    }

    /// zlib strategy (png_set_compression_strategy).
    public enum Strategy: String, Sendable, Hashable, Codable, CaseIterable {
        case `default`, filtered, huffmanOnly, rle
    }

    public struct Options: Sendable, Hashable, Codable {
        /// zlib level 0...9.
        public var compressionLevel: Int
        public var filter: Filter
        public var strategy: Strategy

        public init(compressionLevel: Int, filter: Filter, strategy: Strategy = .default) {
            self.compressionLevel = compressionLevel
            self.filter = filter
            self.strategy = strategy
        }

        /// Batch default: level 1, UP filter, Z_RLE — about ten times faster than libpng's
        /// defaults for a few percent of size (measured in BENCHMARKS.md).
        public static let fast = Options(compressionLevel: 1, filter: .up, strategy: .rle)
        /// libpng's defaults: level 6, adaptive filters.
        public static let small = Options(compressionLevel: 6, filter: .adaptive)
    }

    /// Encodes an 8-bit gray image.
    public static func encode(_ image: GrayImage<UInt8>, options: Options = .fast) throws(CodecError) -> [UInt8] {
        try image.withUnsafeBufferPointer { buf throws(CodecError) in
            try encodeRaw(UnsafeRawPointer(buf.baseAddress!), image.width, image.height, 8, options)
        }
    }

    /// Encodes a 16-bit gray image (written big-endian, as PNG requires).
    public static func encode(_ image: GrayImage<UInt16>, options: Options = .fast) throws(CodecError) -> [UInt8] {
        try image.withUnsafeBufferPointer { buf throws(CodecError) in
            try encodeRaw(UnsafeRawPointer(buf.baseAddress!), image.width, image.height, 16, options)
        }
    }

    private static func encodeRaw(
        _ pixels: UnsafeRawPointer, _ width: Int, _ height: Int, _ bits: UInt32, _ options: Options
    ) throws(CodecError) -> [UInt8] {
        guard (0...9).contains(options.compressionLevel) else {
            throw .invalidParameter(name: "PNG compression level", reason: "\(options.compressionLevel) (0 to 9)")
        }
        let filters: Int32 = switch options.filter {
        case .none: Int32(RGC_PNG_FILTER_NONE.rawValue)
        case .sub: Int32(RGC_PNG_FILTER_SUB.rawValue)
        case .up: Int32(RGC_PNG_FILTER_UP.rawValue)
        case .average: Int32(RGC_PNG_FILTER_AVG.rawValue)
        case .paeth: Int32(RGC_PNG_FILTER_PAETH.rawValue)
        case .adaptive: Int32(RGC_PNG_FILTER_ALL.rawValue)
        }
        let strategy: Int32 = switch options.strategy {
        case .default: Int32(RGC_ZLIB_DEFAULT.rawValue)
        case .filtered: Int32(RGC_ZLIB_FILTERED.rawValue)
        case .huffmanOnly: Int32(RGC_ZLIB_HUFFMAN_ONLY.rawValue)
        case .rle: Int32(RGC_ZLIB_RLE.rawValue)
        }
        return try collect(.png) { out, size, message, capacity in
            rgc_png_encode(pixels, UInt32(width), UInt32(height), bits, Int32(options.compressionLevel), filters,
                           strategy, out, size, message, capacity)
        }
    }

    /// Decodes a gray PNG (1/2/4/8-bit → `.uint8`, 16-bit → `.uint16`).
    public static func decode(_ bytes: [UInt8]) throws(CodecError) -> AnyGrayImage {
        let info = try header(.png, bytes) { b, n, i, m, c in rgc_png_info(b, n, i, m, c) }
        return try decodePixels(.png, bytes, info) { b, n, p, size, m, c in rgc_png_decode(b, n, p, size, m, c) }
    }
}

/// TIFF through libtiff 4 (`TIFFClientOpenExt` on memory; `TIFFSetField` lives in C).
public enum TIFFCodec {
    public enum Compression: String, Sendable, Hashable, Codable, CaseIterable {
        case none, lzw, deflate
    }

    /// Encodes a gray image (MINISBLACK, strips); `pixelSpacingMM` (row, column) becomes the
    /// X/Y resolution in pixels per centimetre.
    public static func encode(
        _ image: GrayImage<UInt8>, compression: Compression = .none, pixelSpacingMM: (Double, Double)? = nil
    ) throws(CodecError) -> [UInt8] {
        try image.withUnsafeBufferPointer { buf throws(CodecError) in
            try encodeRaw(UnsafeRawPointer(buf.baseAddress!), image.width, image.height, 8, compression, pixelSpacingMM)
        }
    }

    public static func encode(
        _ image: GrayImage<UInt16>, compression: Compression = .none, pixelSpacingMM: (Double, Double)? = nil
    ) throws(CodecError) -> [UInt8] {
        try image.withUnsafeBufferPointer { buf throws(CodecError) in
            try encodeRaw(UnsafeRawPointer(buf.baseAddress!), image.width, image.height, 16, compression, pixelSpacingMM)
        }
    }

    private static func encodeRaw(
        _ pixels: UnsafeRawPointer, _ width: Int, _ height: Int, _ bits: UInt32, _ compression: Compression,
        _ spacing: (Double, Double)?
    ) throws(CodecError) -> [UInt8] {
        let code: Int32 = switch compression {
        case .none: Int32(RGC_TIFF_NONE.rawValue)
        case .lzw: Int32(RGC_TIFF_LZW.rawValue)
        case .deflate: Int32(RGC_TIFF_DEFLATE.rawValue)
        }
        // Pixel spacing (row, column) in mm → pixels per cm: X follows columns, Y rows.
        let xRes = spacing.map { 10 / $0.1 } ?? 0
        let yRes = spacing.map { 10 / $0.0 } ?? 0
        return try collect(.tiff) { out, size, message, capacity in
            rgc_tiff_encode(pixels, UInt32(width), UInt32(height), bits, code, xRes, yRes, out, size, message, capacity)
        }
    }

    /// Decodes a gray TIFF (8 → `.uint8`, 16 → `.uint16`). MINISWHITE is inverted to MINISBLACK.
    public static func decode(_ bytes: [UInt8]) throws(CodecError) -> AnyGrayImage {
        let info = try header(.tiff, bytes) { b, n, i, m, c in rgc_tiff_info(b, n, i, m, c) }
        var inverted: Int32 = 0
        let image = try decodePixels(.tiff, bytes, info) { b, n, p, size, m, c in
            rgc_tiff_decode(b, n, p, size, &inverted, m, c)
        }
        guard inverted != 0 else { return image }
        switch image {
        case .uint8(var i): i.withUnsafeMutableBufferPointer { for k in $0.indices { $0[k] = ~$0[k] } }; return .uint8(i)
        case .uint16(var i): i.withUnsafeMutableBufferPointer { for k in $0.indices { $0[k] = ~$0[k] } }; return .uint16(i)
        case .int16: return image
        }
    }
}

/// Baseline 8-bit gray JPEG through libjpeg-turbo (setjmp error handling in C).
public enum JPEGCodec {
    /// Encodes an 8-bit gray image with `quality` 1...100.
    public static func encode(_ image: GrayImage<UInt8>, quality: Int = 90) throws(CodecError) -> [UInt8] {
        guard (1...100).contains(quality) else {
            throw .invalidParameter(name: "JPEG quality", reason: "\(quality) (1 to 100)")
        }
        return try image.withUnsafeBufferPointer { buf throws(CodecError) in
            try collect(.jpeg) { out, size, message, capacity in
                rgc_jpeg_encode(buf.baseAddress, UInt32(image.width), UInt32(image.height), Int32(quality), out, size,
                                message, capacity)
            }
        }
    }

    /// Decodes an 8-bit gray JPEG.
    public static func decode(_ bytes: [UInt8]) throws(CodecError) -> AnyGrayImage {
        let info = try header(.jpeg, bytes) { b, n, i, m, c in rgc_jpeg_info(b, n, i, m, c) }
        return try decodePixels(.jpeg, bytes, info) { b, n, p, size, m, c in
            rgc_jpeg_decode(b, n, p.assumingMemoryBound(to: UInt8.self), size, m, c)
        }
    }
}

/// Any of the three formats.
public enum ImageCodec {
    /// Decodes PNG, TIFF or JPEG, recognised by signature.
    public static func decode(_ bytes: [UInt8]) throws(CodecError) -> AnyGrayImage {
        switch ImageFileFormat.detect(bytes) {
        case .png: try PNGCodec.decode(bytes)
        case .tiff: try TIFFCodec.decode(bytes)
        case .jpeg: try JPEGCodec.decode(bytes)
        case nil: throw .decodeFailed(format: nil, reason: "not a PNG, TIFF or JPEG file")
        }
    }
}

// MARK: - The C funnel

private typealias Message = UnsafeMutablePointer<CChar>

/// Runs an encoder that returns a malloc'd buffer; copies it into an array and frees it.
private func collect(
    _ format: ImageFileFormat,
    _ body: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, UnsafeMutablePointer<Int>, Message, Int) -> rgc_status
) throws(CodecError) -> [UInt8] {
    var out: UnsafeMutablePointer<UInt8>?
    var size = 0
    var message = [CChar](repeating: 0, count: 512)
    let status = message.withUnsafeMutableBufferPointer { m in body(&out, &size, m.baseAddress!, m.count) }
    defer { rgc_free(out) }
    guard status == RGC_OK, let out else {
        let text = messageText(message)
        if status == RGC_BAD_ARGUMENT { throw .invalidParameter(name: "\(format.rawValue) image", reason: text) }
        throw .encodeFailed(format: format, reason: text)
    }
    return Array(UnsafeBufferPointer(start: out, count: size))
}

private func header(
    _ format: ImageFileFormat, _ bytes: [UInt8],
    _ body: (UnsafePointer<UInt8>?, Int, UnsafeMutablePointer<rgc_info>, Message, Int) -> rgc_status
) throws(CodecError) -> rgc_info {
    var info = rgc_info()
    var message = [CChar](repeating: 0, count: 512)
    let status = bytes.withUnsafeBufferPointer { b in
        message.withUnsafeMutableBufferPointer { m in body(b.baseAddress, b.count, &info, m.baseAddress!, m.count) }
    }
    try check(status, format, message)
    return info
}

private func decodePixels(
    _ format: ImageFileFormat, _ bytes: [UInt8], _ info: rgc_info,
    _ body: (UnsafePointer<UInt8>?, Int, UnsafeMutableRawPointer, Int, Message, Int) -> rgc_status
) throws(CodecError) -> AnyGrayImage {
    var message = [CChar](repeating: 0, count: 512)
    var status = RGC_OK
    let width = Int(info.width)
    let height = Int(info.height)
    func run(_ pixels: UnsafeMutableRawBufferPointer) {
        status = bytes.withUnsafeBufferPointer { b in
            message.withUnsafeMutableBufferPointer { m in
                body(b.baseAddress, b.count, pixels.baseAddress!, pixels.count, m.baseAddress!, m.count)
            }
        }
    }
    let image: AnyGrayImage
    if info.bits == 16 {
        image = .uint16(GrayImage<UInt16>(width: width, height: height, overwritingWith: { run(UnsafeMutableRawBufferPointer($0)) }))
    } else {
        image = .uint8(GrayImage<UInt8>(width: width, height: height, overwritingWith: { run(UnsafeMutableRawBufferPointer($0)) }))
    }
    try check(status, format, message)
    return image
}

private func check(_ status: rgc_status, _ format: ImageFileFormat, _ message: [CChar]) throws(CodecError) {
    switch status {
    case RGC_OK: return
    case RGC_UNSUPPORTED: throw .unsupported(format: format, reason: messageText(message))
    default: throw .decodeFailed(format: format, reason: messageText(message))
    }
}

private func messageText(_ message: [CChar]) -> String {
    let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return text.isEmpty ? "unknown error" : text
}

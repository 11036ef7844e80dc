internal import CRadiographCodecs
import RadiographCore

/// Gray PNG through libpng 1.6's low-level API (errors caught with setjmp in the C shim).
///
/// Output is non-interlaced gray, 8 or 16 bits, with no ancillary chunks: no `gAMA` or `cHRM`, so
/// viewers show the stored values as they are (libpng's simplified API would write linear-light
/// `gAMA 1.0` for 16-bit data).
public enum PNGCodec {
    /// The row filter (`png_set_filter`).
    public enum Filter: String, Sendable, Hashable, Codable, CaseIterable {
        case none, sub, up, average, paeth
        /// libpng tries every filter on every row and keeps the best guess: the smallest files with
        /// high levels, and much the slowest.
        case adaptive
    }

    /// The zlib strategy (`png_set_compression_strategy`).
    public enum Strategy: String, Sendable, Hashable, Codable, CaseIterable {
        case `default`, filtered, huffmanOnly, rle
    }

    /// How a PNG is written.
    public struct Options: Sendable, Hashable, Codable {
        /// zlib level 0 (stored) ... 9 (`png_set_compression_level`).
        public var compressionLevel: Int
        public var filter: Filter
        public var strategy: Strategy

        public init(compressionLevel: Int, filter: Filter, strategy: Strategy = .default) {
            self.compressionLevel = compressionLevel
            self.filter = filter
            self.strategy = strategy
        }

        /// Radiograph's default: level 1, the UP filter, `Z_RLE`. On a 1500×2000 8-bit periapical
        /// this took 36–41 ms against 445 ms for libpng's defaults, for files a few percent larger
        /// (`/work/shared/DATA.md`).
        public static let fast = Options(compressionLevel: 1, filter: .up, strategy: .rle)
        /// libpng's defaults: level 6, adaptive filters. About ten times slower than ``fast``.
        public static let small = Options(compressionLevel: 6, filter: .adaptive)
    }

    /// Encodes an 8-bit gray image (`png_write_row` per row).
    public static func encode(_ image: GrayImage<UInt8>, options: Options = .fast) throws(CodecError) -> [UInt8] {
        try image.withUnsafeBufferPointer { buffer throws(CodecError) in
            try encode(UnsafeRawPointer(buffer.baseAddress!), image.width, image.height, bits: 8, options)
        }
    }

    /// Encodes a 16-bit gray image (`png_set_swap` writes it big-endian, as PNG requires).
    public static func encode(_ image: GrayImage<UInt16>, options: Options = .fast) throws(CodecError) -> [UInt8] {
        try image.withUnsafeBufferPointer { buffer throws(CodecError) in
            try encode(UnsafeRawPointer(buffer.baseAddress!), image.width, image.height, bits: 16, options)
        }
    }

    /// Encodes an 8-bit RGB image (colour type 2), e.g. an annotated display image.
    public static func encode(_ image: RGBImage, options: Options = .fast) throws(CodecError) -> [UInt8] {
        guard (0...9).contains(options.compressionLevel) else {
            throw .invalidParameter(
                name: "PNG compression level", reason: "\(options.compressionLevel) is outside 0...9")
        }
        let size = try CodecShim.checkedSize(width: image.width, height: image.height, format: .png)
        var c = rgc_png_options(
            level: Int32(options.compressionLevel), filters: options.filter.bits, strategy: options.strategy.code)
        return try image.withUnsafeBufferPointer { buffer throws(CodecError) in
            try CodecShim.encode(.png, width: image.width, height: image.height) { out, count, message, capacity in
                rgc_png_encode_rgb(buffer.baseAddress, size.width, size.height, &c, out, count, message, capacity)
            }
        }
    }

    /// Reads the header only (`png_read_info`).
    public static func info(_ bytes: [UInt8]) throws(CodecError) -> ImageInfo {
        CodecShim.imageInfo(try CodecShim.info(.png, bytes) { rgc_png_info($0, $1, $2, $3, $4) }, format: .png)
    }

    /// Decodes a gray PNG: 1-, 2-, 4- and 8-bit to `.uint8` (low depths scaled to 0...255 by
    /// `png_set_expand_gray_1_2_4_to_8`), 16-bit to `.uint16`. Interlaced files are read too; a
    /// `tRNS` transparency chunk is ignored. Gray+alpha, RGB and palette files throw
    /// ``CodecError/unsupported(format:reason:)``: convert them to gray with another tool first.
    public static func decode(_ bytes: [UInt8]) throws(CodecError) -> AnyGrayImage {
        try CodecShim.decode(
            .png, bytes, header: { rgc_png_info($0, $1, $2, $3, $4) },
            pixels: { rgc_png_decode($0, $1, $2, $3, $4, $5) })
    }

    private static func encode(
        _ pixels: UnsafeRawPointer, _ width: Int, _ height: Int, bits: UInt32, _ options: Options
    ) throws(CodecError) -> [UInt8] {
        guard (0...9).contains(options.compressionLevel) else {
            throw .invalidParameter(
                name: "PNG compression level", reason: "\(options.compressionLevel) is outside 0...9")
        }
        let size = try CodecShim.checkedSize(width: width, height: height, format: .png)
        var c = rgc_png_options(
            level: Int32(options.compressionLevel), filters: options.filter.bits,
            strategy: options.strategy.code)
        return try CodecShim.encode(.png, width: width, height: height) { out, count, message, capacity in
            rgc_png_encode(pixels, size.width, size.height, bits, &c, out, count, message, capacity)
        }
    }
}

extension PNGCodec.Filter {
    /// libpng's `PNG_FILTER_*` bits.
    var bits: Int32 {
        let filter: rgc_png_filter =
            switch self {
            case .none: RGC_PNG_FILTER_NONE
            case .sub: RGC_PNG_FILTER_SUB
            case .up: RGC_PNG_FILTER_UP
            case .average: RGC_PNG_FILTER_AVG
            case .paeth: RGC_PNG_FILTER_PAETH
            case .adaptive: RGC_PNG_FILTER_ALL
            }
        return Int32(filter.rawValue)
    }
}

extension PNGCodec.Strategy {
    /// zlib's `Z_*` strategy value.
    var code: Int32 {
        let strategy: rgc_zlib_strategy =
            switch self {
            case .default: RGC_ZLIB_DEFAULT
            case .filtered: RGC_ZLIB_FILTERED
            case .huffmanOnly: RGC_ZLIB_HUFFMAN_ONLY
            case .rle: RGC_ZLIB_RLE
            }
        return Int32(strategy.rawValue)
    }
}

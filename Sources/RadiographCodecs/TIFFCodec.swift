internal import CRadiographCodecs
import RadiographCore

/// Gray TIFF through libtiff 4.5, in memory (`TIFFClientOpenExt`; the variadic `TIFFSetField`
/// lives in the C shim).
///
/// Output is one little-endian image, PhotometricInterpretation MINISBLACK, unsigned 8 or 16 bits
/// per sample, in strips, optionally with the pixel spacing as X/YResolution in pixels per
/// centimetre.
public enum TIFFCodec {
    /// The compression scheme. LZW and Deflate use the horizontal predictor (TIFF Predictor 2).
    public enum Compression: String, Sendable, Hashable, Codable, CaseIterable {
        case none, lzw, deflate
    }

    /// The physical size of a pixel, in millimetres, as DICOM's (Imager) Pixel Spacing gives it.
    public struct PixelSpacing: Sendable, Hashable, Codable {
        /// Distance between the centres of adjacent rows (vertical): DICOM's first value.
        public var row: Double
        /// Distance between the centres of adjacent columns (horizontal): DICOM's second value.
        public var column: Double

        public init(row: Double, column: Double) {
            self.row = row
            self.column = column
        }

        /// Square pixels of `millimetres` on each side.
        public init(_ millimetres: Double) {
            self.init(row: millimetres, column: millimetres)
        }
    }

    /// How a TIFF is written.
    public struct Options: Sendable, Hashable, Codable {
        public var compression: Compression
        /// Deflate only: zlib level 1...9 (`TIFFTAG_ZIPQUALITY`); nil for libtiff's default (6).
        public var deflateLevel: Int?
        /// Rows per strip, at least 1; nil chooses strips of about 64 KiB. A value of at least the
        /// image height writes a single strip.
        public var rowsPerStrip: Int?
        /// Written as XResolution (from the column spacing) and YResolution (from the row spacing)
        /// in pixels per centimetre; nil writes no resolution.
        public var pixelSpacing: PixelSpacing?

        public init(
            compression: Compression = .none, deflateLevel: Int? = nil, rowsPerStrip: Int? = nil,
            pixelSpacing: PixelSpacing? = nil
        ) {
            self.compression = compression
            self.deflateLevel = deflateLevel
            self.rowsPerStrip = rowsPerStrip
            self.pixelSpacing = pixelSpacing
        }
    }

    /// Encodes an 8-bit gray image (`TIFFWriteScanline` per row).
    public static func encode(_ image: GrayImage<UInt8>, options: Options = Options()) throws(CodecError) -> [UInt8] {
        try image.withUnsafeBufferPointer { buffer throws(CodecError) in
            try encode(UnsafeRawPointer(buffer.baseAddress!), image.width, image.height, bits: 8, options)
        }
    }

    /// Encodes a 16-bit gray image (`TIFFWriteScanline` per row).
    public static func encode(_ image: GrayImage<UInt16>, options: Options = Options()) throws(CodecError) -> [UInt8] {
        try image.withUnsafeBufferPointer { buffer throws(CodecError) in
            try encode(UnsafeRawPointer(buffer.baseAddress!), image.width, image.height, bits: 16, options)
        }
    }

    /// Encodes an 8-bit gray image with the pixel spacing given as (row, column) millimetres, the
    /// order of DICOM's Pixel Spacing.
    public static func encode(
        _ image: GrayImage<UInt8>, compression: Compression = .none, pixelSpacingMM: (Double, Double)?
    ) throws(CodecError) -> [UInt8] {
        try encode(
            image,
            options: Options(
                compression: compression, pixelSpacing: pixelSpacingMM.map { PixelSpacing(row: $0.0, column: $0.1) }))
    }

    /// Encodes a 16-bit gray image with the pixel spacing given as (row, column) millimetres, the
    /// order of DICOM's Pixel Spacing.
    public static func encode(
        _ image: GrayImage<UInt16>, compression: Compression = .none, pixelSpacingMM: (Double, Double)?
    ) throws(CodecError) -> [UInt8] {
        try encode(
            image,
            options: Options(
                compression: compression, pixelSpacing: pixelSpacingMM.map { PixelSpacing(row: $0.0, column: $0.1) }))
    }

    /// Encodes an 8-bit RGB image (PHOTOMETRIC_RGB, samples interleaved).
    public static func encode(_ image: RGBImage, options: Options = Options()) throws(CodecError) -> [UInt8] {
        var c = try options.cOptions()
        let size = try CodecShim.checkedSize(width: image.width, height: image.height, format: .tiff)
        return try image.withUnsafeBufferPointer { buffer throws(CodecError) in
            try CodecShim.encode(.tiff, width: image.width, height: image.height) { out, count, message, capacity in
                rgc_tiff_encode_rgb(buffer.baseAddress, size.width, size.height, &c, out, count, message, capacity)
            }
        }
    }

    /// Reads the first image's directory only (`TIFFClientOpenExt`, `TIFFGetField`), including the
    /// pixel spacing when the resolution unit is centimetres or inches.
    public static func info(_ bytes: [UInt8]) throws(CodecError) -> ImageInfo {
        CodecShim.imageInfo(try CodecShim.info(.tiff, bytes) { rgc_tiff_info($0, $1, $2, $3, $4) }, format: .tiff)
    }

    /// Decodes the first image of a gray TIFF (`TIFFReadEncodedStrip`): unsigned 8 bits to
    /// `.uint8`, 16 bits to `.uint16`, either byte order, any compression this libtiff supports.
    /// MINISWHITE data is inverted (`v → max − v`), so 0 is always black; ``info(_:)`` tells
    /// whether that happened. Colour, tiled, signed, floating-point and 1/4/12-bit files throw
    /// ``CodecError/unsupported(format:reason:)``.
    public static func decode(_ bytes: [UInt8]) throws(CodecError) -> AnyGrayImage {
        try CodecShim.decode(
            .tiff, bytes, header: { rgc_tiff_info($0, $1, $2, $3, $4) },
            pixels: { rgc_tiff_decode($0, $1, $2, $3, $4, $5) })
    }

    private static func encode(
        _ pixels: UnsafeRawPointer, _ width: Int, _ height: Int, bits: UInt32, _ options: Options
    ) throws(CodecError) -> [UInt8] {
        var c = try options.cOptions()
        let size = try CodecShim.checkedSize(width: width, height: height, format: .tiff)
        return try CodecShim.encode(.tiff, width: width, height: height) { out, count, message, capacity in
            rgc_tiff_encode(pixels, size.width, size.height, bits, &c, out, count, message, capacity)
        }
    }
}

extension TIFFCodec.PixelSpacing {
    /// Pixel spacing from TIFF resolution tags: nil unless both are positive and the unit is
    /// inches (2) or centimetres (3).
    init?(xResolution: Double, yResolution: Double, unit: Int32) {
        let millimetresPerUnit: Double
        switch unit {
        case 2: millimetresPerUnit = 25.4
        case 3: millimetresPerUnit = 10
        default: return nil
        }
        guard xResolution > 0, yResolution > 0, xResolution.isFinite, yResolution.isFinite else { return nil }
        self.init(row: millimetresPerUnit / yResolution, column: millimetresPerUnit / xResolution)
    }
}

extension TIFFCodec.Options {
    /// The C shim's options, after checking every field.
    func cOptions() throws(CodecError) -> rgc_tiff_options {
        let scheme: rgc_tiff_compression =
            switch compression {
            case .none: RGC_TIFF_NONE
            case .lzw: RGC_TIFF_LZW
            case .deflate: RGC_TIFF_DEFLATE
            }
        if let deflateLevel, !(1...9).contains(deflateLevel) {
            throw .invalidParameter(name: "TIFF deflate level", reason: "\(deflateLevel) is outside 1...9")
        }
        if let rowsPerStrip, rowsPerStrip < 1 {
            throw .invalidParameter(name: "TIFF rows per strip", reason: "\(rowsPerStrip) is less than 1")
        }
        var xPerCm = 0.0
        var yPerCm = 0.0
        if let pixelSpacing {
            for value in [pixelSpacing.row, pixelSpacing.column] where !(value.isFinite && value > 0) {
                throw .invalidParameter(name: "pixel spacing", reason: "\(value) mm is not a positive number")
            }
            // X runs along a row, from one column to the next; Y from one row to the next.
            xPerCm = 10 / pixelSpacing.column
            yPerCm = 10 / pixelSpacing.row
        }
        return rgc_tiff_options(
            compression: Int32(scheme.rawValue), deflate_level: Int32(deflateLevel ?? 0),
            rows_per_strip: UInt32(clamping: rowsPerStrip ?? 0), x_pixels_per_cm: xPerCm, y_pixels_per_cm: yPerCm)
    }
}

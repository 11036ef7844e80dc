/// An image file format Radiograph reads and writes.
public enum ImageFileFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// PNG: lossless, gray 8 or 16 bits.
    case png
    /// TIFF: lossless, gray 8 or 16 bits, optionally with the pixel spacing as its resolution.
    case tiff
    /// JPEG: lossy, gray 8 bits only.
    case jpeg

    /// The format for a file name extension: `png`; `tif` or `tiff`; `jpg` or `jpeg` (any case,
    /// without the dot). Nil for anything else.
    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "png": self = .png
        case "tif", "tiff": self = .tiff
        case "jpg", "jpeg": self = .jpeg
        default: return nil
        }
    }

    /// The format whose signature (magic number) starts `bytes`, if any: the PNG signature
    /// `89 50 4E 47 0D 0A 1A 0A`; TIFF's `II*\0` / `MM\0*` (and BigTIFF's `II+\0` / `MM\0+`);
    /// JPEG's SOI marker followed by another marker, `FF D8 FF`.
    public static func detect(from bytes: some Collection<UInt8>) -> ImageFileFormat? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if tiffSignatures.contains(where: { bytes.starts(with: $0) }) { return .tiff }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        return nil
    }

    /// Classic TIFF little- and big-endian, then BigTIFF little- and big-endian.
    private static let tiffSignatures: [[UInt8]] = [
        [0x49, 0x49, 0x2A, 0x00], [0x4D, 0x4D, 0x00, 0x2A], [0x49, 0x49, 0x2B, 0x00], [0x4D, 0x4D, 0x00, 0x2B],
    ]

    /// The format whose signature starts `bytes`, if any.
    @available(*, deprecated, renamed: "detect(from:)")
    public static func detect(_ bytes: [UInt8]) -> ImageFileFormat? { detect(from: bytes) }

    /// The extension outputs get: `png`, `tif`, `jpg`.
    public var fileExtension: String {
        switch self {
        case .png: "png"
        case .tiff: "tif"
        case .jpeg: "jpg"
        }
    }

    /// Whether the format stores 16-bit pixels (PNG and TIFF do; Radiograph's JPEG is 8-bit only).
    public var supports16Bit: Bool { self != .jpeg }

    /// The largest side, in pixels, Radiograph writes or reads in this format.
    public var maximumSide: Int { self == .jpeg ? ImageCodec.maximumJPEGSide : ImageCodec.maximumSide }

    /// `PNG`, `TIFF`, `JPEG`.
    var displayName: String { rawValue.uppercased() }
}

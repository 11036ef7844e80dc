/// An image file format Radiograph reads and writes.
public enum ImageFileFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case png
    case tiff
    case jpeg

    /// `png`; `tif` or `tiff`; `jpg` or `jpeg` (any case).
    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "png": self = .png
        case "tif", "tiff": self = .tiff
        case "jpg", "jpeg": self = .jpeg
        default: return nil
        }
    }

    /// The format whose signature starts `bytes`, if any.
    public static func detect(_ bytes: [UInt8]) -> ImageFileFormat? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        return nil
    }

    /// The extension outputs get: `png`, `tif`, `jpg`.
    public var fileExtension: String {
        switch self {
        case .png: "png"
        case .tiff: "tif"
        case .jpeg: "jpg"
        }
    }
}

/// Why an image could not be encoded or decoded.
public enum CodecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The library failed to encode (its message).
    case encodeFailed(format: ImageFileFormat, reason: String)
    /// The bytes are not a valid file of the format, or are truncated (the library's message).
    case decodeFailed(format: ImageFileFormat?, reason: String)
    /// A valid file of a kind Radiograph does not take (colour, tiled, 16-bit JPEG, signed pixels).
    case unsupported(format: ImageFileFormat, reason: String)
    /// A parameter out of range (JPEG quality, PNG level, an empty image).
    case invalidParameter(name: String, reason: String)

    public var description: String {
        switch self {
        case .encodeFailed(let f, let r): "cannot encode \(f.rawValue.uppercased()): \(r)"
        case .decodeFailed(let f, let r): "cannot decode \(f.map { $0.rawValue.uppercased() } ?? "image"): \(r)"
        case .unsupported(let f, let r): "unsupported \(f.rawValue.uppercased()): \(r)"
        case .invalidParameter(let n, let r): "invalid \(n): \(r)"
        }
    }
}

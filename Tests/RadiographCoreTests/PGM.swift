import Foundation
import RadiographCore
import _RadiographTestSupport

/// Binary PGM (P5) files of the golden fixtures: 8-bit, or 16-bit big-endian (maxval 65535).
enum PGM {
    struct Malformed: Error, CustomStringConvertible {
        var path: String
        var description: String { "\(path): not a binary PGM" }
    }

    static func read(_ path: String) throws -> AnyGrayImage {
        guard let data = FileManager.default.contents(atPath: path) else { throw Malformed(path: path) }
        let bytes = [UInt8](data)
        var fields: [String] = []
        var i = 0
        while fields.count < 4 {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A { i += 1 }
            var field = ""
            while i < bytes.count, bytes[i] != 0x20, bytes[i] != 0x0A {
                field.append(Character(UnicodeScalar(bytes[i])))
                i += 1
            }
            fields.append(field)
        }
        i += 1
        guard fields[0] == "P5", let w = Int(fields[1]), let h = Int(fields[2]) else { throw Malformed(path: path) }
        if fields[3] == "255", bytes.count - i == w * h {
            return .uint8(GrayImage(width: w, height: h, pixels: bytes[i...]))
        }
        guard fields[3] == "65535", bytes.count - i == 2 * w * h else { throw Malformed(path: path) }
        let values = (0..<(w * h)).map { UInt16(bytes[i + 2 * $0]) << 8 | UInt16(bytes[i + 2 * $0 + 1]) }
        return .uint16(GrayImage(width: w, height: h, pixels: values))
    }

    static func read8(_ path: String) throws -> GrayImage<UInt8> {
        guard case .uint8(let i) = try read(path) else { throw Malformed(path: path) }
        return i
    }

    static func read16(_ path: String) throws -> GrayImage<UInt16> {
        guard case .uint16(let i) = try read(path) else { throw Malformed(path: path) }
        return i
    }

    /// `enhance/kernels/<name>`.
    static func kernel(_ name: String) -> String { TestData.fixture("enhance/kernels/" + name) }
}

extension GrayImage {
    /// Largest |difference| and count of differing pixels, optionally ignoring a border band.
    func difference(_ other: GrayImage, border: Int = 0) -> (maximum: Int, count: Int) {
        precondition(width == other.width && height == other.height)
        var maximum = 0
        var count = 0
        let a = pixels
        let b = other.pixels
        for y in border..<max(border, height - border) {
            for x in border..<max(border, width - border) {
                let d = abs(Int(a[y * width + x]) - Int(b[y * width + x]))
                if d != 0 { count += 1 }
                maximum = max(maximum, d)
            }
        }
        return (maximum, count)
    }
}

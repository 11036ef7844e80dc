import Foundation
import RadiographCore

/// Runs DCMTK's `dcmj2pnm` (the windowing reference, installed by scripts/setup.sh) and reads
/// its PGM output.
public enum DCMTKReference {
    public enum Failure: Error, CustomStringConvertible {
        case missingTool
        case failed(String)
        case badPGM(String)
        public var description: String {
            switch self {
            case .missingTool: "dcmj2pnm not found: run scripts/setup.sh (installs Debian's dcmtk)"
            case .failed(let s): "reference tool failed: \(s)"
            case .badPGM(let s): "cannot parse dcmj2pnm output: \(s)"
            }
        }
    }

    static func tool(_ name: String) -> String? {
        ["/usr/bin/" + name, "/usr/local/bin/" + name].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `dcmj2pnm <arguments> +op FILE` → 8-bit image.
    public static func render8(_ file: String, _ arguments: [String]) throws -> GrayImage<UInt8> {
        let data = try run(file, arguments + ["+op"])
        let (w, h, maxval, offset) = try header(data, magic: "P5")
        guard maxval == 255 else { throw Failure.badPGM("maxval \(maxval)") }
        let pixels = Array(data[offset..<(offset + w * h)])
        return GrayImage(width: w, height: h, pixels: pixels)
    }

    /// `dcmj2pnm <arguments> +opw FILE` → 16-bit image (ASCII PGM).
    public static func render16(_ file: String, _ arguments: [String]) throws -> GrayImage<UInt16> {
        let data = try run(file, arguments + ["+opw"])
        let (w, h, _, offset) = try header(data, magic: "P2")
        let text = String(decoding: data[offset...], as: UTF8.self)
        let values = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" })
            .compactMap { UInt16($0) }
        guard values.count == w * h else { throw Failure.badPGM("\(values.count) values for \(w)x\(h)") }
        return GrayImage(width: w, height: h, pixels: values)
    }

    /// dcmj2pnm, or dcml2pnm (DCMTK's JPEG-LS build of the same tool) for JPEG-LS files.
    private static func run(_ file: String, _ arguments: [String]) throws -> [UInt8] {
        do {
            return try run(file, arguments, tool: "dcmj2pnm")
        } catch Failure.failed(let message) where message.contains("can't change to unencapsulated") {
            return try run(file, arguments, tool: "dcml2pnm")
        }
    }

    private static func run(_ file: String, _ arguments: [String], tool name: String) throws -> [UInt8] {
        guard let tool = tool(name) else { throw Failure.missingTool }
        let out = NSTemporaryDirectory() + "dcmj2pnm-\(UUID().uuidString).pgm"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments + [file, out]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard process.terminationStatus == 0 else { throw Failure.failed(message) }
        return Array(try Data(contentsOf: URL(fileURLWithPath: out)))
    }

    /// Parses "Px w h maxval" with comments; returns the offset of the raster.
    private static func header(_ d: [UInt8], magic: String) throws -> (Int, Int, Int, Int) {
        var i = 0
        var fields: [String] = []
        while fields.count < 4 && i < d.count {
            while i < d.count, d[i] == 0x20 || d[i] == 0x0A || d[i] == 0x0D || d[i] == 0x09 { i += 1 }
            if i < d.count, d[i] == 0x23 {  // '#' comment to end of line
                while i < d.count, d[i] != 0x0A { i += 1 }
                continue
            }
            let start = i
            while i < d.count, !(d[i] == 0x20 || d[i] == 0x0A || d[i] == 0x0D || d[i] == 0x09) { i += 1 }
            fields.append(String(decoding: d[start..<i], as: UTF8.self))
        }
        guard fields.count == 4, fields[0] == magic, let w = Int(fields[1]), let h = Int(fields[2]),
            let m = Int(fields[3])
        else { throw Failure.badPGM("header \(fields)") }
        return (w, h, m, i + 1)
    }
}

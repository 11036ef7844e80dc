import Foundation
import RadiographCore

/// Paths to the repository's test data, and small helpers every test target shares.
public enum TestData {
    /// The repository root (found from this file's location).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `Tests/Fixtures/<name>`.
    public static func fixture(_ name: String) -> String { root + "/Tests/Fixtures/" + name }

    /// `SampleImages/<name>`.
    public static func sample(_ name: String) -> String { root + "/SampleImages/" + name }

    /// The awkward widths every kernel is swept over.
    public static let awkwardWidths = [1, 2, 3, 15, 16, 17, 63, 64, 65]

    /// Runs a command-line tool and returns what it printed (standard output and error together).
    public static func runTool(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }

    /// A fresh empty folder under the system's temporary folder.
    public static func temporaryFolder(_ label: String = "test") throws -> String {
        let path = NSTemporaryDirectory() + "radiograph-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// SplitMix64: a tiny deterministic generator for reproducible test pixels.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension GrayImage {
    /// An image of uniformly random pixels in `range`, from `seed`.
    public static func random(width: Int, height: Int, in range: ClosedRange<Pixel>, seed: UInt64) -> GrayImage {
        var generator = SeededGenerator(seed: seed)
        let pixels = (0..<(width * height)).map { _ in Pixel.random(in: range, using: &generator) }
        return GrayImage(width: width, height: height, pixels: pixels)
    }
}

/// How two images differ: the largest absolute difference and how many pixels differ.
public struct ImageDifference: Sendable, CustomStringConvertible {
    public var maximum: Int
    public var count: Int
    public var firstAt: (x: Int, y: Int)?

    public var description: String {
        count == 0 ? "identical" : "max |diff| \(maximum) on \(count) px (first at \(firstAt!.x),\(firstAt!.y))"
    }

    public init<P: GrayPixel>(_ a: GrayImage<P>, _ b: GrayImage<P>) {
        precondition(a.width == b.width && a.height == b.height, "sizes differ: \(a) vs \(b)")
        var maximum = 0
        var count = 0
        var first: (Int, Int)?
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                for i in 0..<pa.count where pa[i] != pb[i] {
                    let d = abs(Int(pa[i]) - Int(pb[i]))
                    maximum = max(maximum, d)
                    count += 1
                    if first == nil { first = (i % a.width, i / a.width) }
                }
            }
        }
        self.maximum = maximum
        self.count = count
        self.firstAt = first
    }
}

/// An 8-bit colour: red, green, blue.
public struct RGBColor: Sendable, Hashable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// The grey `level` (the same value in the three channels).
    public init(grey level: UInt8) {
        self.init(red: level, green: level, blue: level)
    }

    /// `#RRGGBB` (case-insensitive); nil for anything else.
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 7, digits[0] == UInt8(ascii: "#") else { return nil }
        var values: [UInt8] = []
        for i in stride(from: 1, to: 7, by: 2) {
            guard let high = Self.nibble(digits[i]), let low = Self.nibble(digits[i + 1]) else { return nil }
            values.append(high << 4 | low)
        }
        self.init(red: values[0], green: values[1], blue: values[2])
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Rec. 601 luma, rounded: the grey a colour mark becomes on a gray output when no grey is given.
    public var luma: UInt8 {
        let r: Int = 299 * Int(red)
        let g: Int = 587 * Int(green)
        let b: Int = 114 * Int(blue)
        return UInt8((r + g + b + 500) / 1000)
    }
}

/// An 8-bit RGB image: `width × height` pixels, row-major, the three samples of a pixel side by
/// side (R, G, B), no padding: the layout PNG, JPEG and TIFF encoders take. A value type with
/// copy-on-write storage, like ``GrayImage``.
public struct RGBImage: Sendable, Equatable {
    public var width: Int { samples.width / 3 }
    public var height: Int { samples.height }
    /// The interleaved samples as a `3·width × height` single-channel image.
    public private(set) var samples: GrayImage<UInt8>

    /// An image filled with `colour`.
    public init(width: Int, height: Int, repeating colour: RGBColor = RGBColor(grey: 0)) {
        let (threeWidth, overflow) = width.multipliedReportingOverflow(by: 3)
        precondition(width >= 1 && !overflow, "RGBImage: width \(width)")
        samples = GrayImage(width: threeWidth, height: height) { buffer in
            var i = 0
            while i < buffer.count {
                buffer[i] = colour.red
                buffer[i + 1] = colour.green
                buffer[i + 2] = colour.blue
                i += 3
            }
        }
    }

    /// A gray image as colour (R = G = B).
    public init(_ gray: GrayImage<UInt8>) {
        samples = GrayImage(width: gray.width * 3, height: gray.height) { out in
            gray.withUnsafeBufferPointer { src in
                for i in 0..<src.count {
                    let v = src[i]
                    out[3 * i] = v
                    out[3 * i + 1] = v
                    out[3 * i + 2] = v
                }
            }
        }
    }

    /// The pixel at column `x`, row `y` (bounds-checked; for tests and tools).
    public subscript(x x: Int, y y: Int) -> RGBColor {
        get {
            precondition(x >= 0 && x < width, "RGBImage: x \(x) out of bounds")
            return RGBColor(red: samples[x: 3 * x, y: y], green: samples[x: 3 * x + 1, y: y], blue: samples[x: 3 * x + 2, y: y])
        }
        set {
            precondition(x >= 0 && x < width, "RGBImage: x \(x) out of bounds")
            samples[x: 3 * x, y: y] = newValue.red
            samples[x: 3 * x + 1, y: y] = newValue.green
            samples[x: 3 * x + 2, y: y] = newValue.blue
        }
    }

    /// Calls `body` with the interleaved samples (`3 · width · height` bytes).
    public func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try samples.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the interleaved samples for writing.
    public mutating func withUnsafeMutableBufferPointer<R, E: Error>(
        _ body: (UnsafeMutableBufferPointer<UInt8>) throws(E) -> R
    ) throws(E) -> R {
        try samples.withUnsafeMutableBufferPointer(body)
    }
}

extension RGBImage: CustomStringConvertible {
    public var description: String { "RGBImage(\(width)x\(height))" }
}

/// The storage type of one gray pixel.
///
/// Radiographs are stored as unsigned or two's-complement 16-bit values (Bits Allocated 16) or as
/// 8-bit values; display output is 8- or 16-bit unsigned. A 16-bit LUT is indexed by the pixel's
/// bit pattern, so `Int16` and `UInt16` images share one set of kernels.
public protocol GrayPixel: FixedWidthInteger, Sendable, BitwiseCopyable {
    /// The run-time tag of this pixel type.
    static var format: PixelFormat { get }
    /// The pixel's bits as an unsigned 16-bit value (zero-extended for `UInt8`).
    var bitPattern16: UInt16 { get }
}

/// The run-time tag of a ``GrayPixel`` type.
public enum PixelFormat: String, Sendable, Codable, CaseIterable {
    case uint8
    case uint16
    case int16

    /// Bytes per pixel.
    public var byteCount: Int { self == .uint8 ? 1 : 2 }
}

extension UInt8: GrayPixel {
    public static var format: PixelFormat { .uint8 }
    @inlinable public var bitPattern16: UInt16 { UInt16(self) }
}

extension UInt16: GrayPixel {
    public static var format: PixelFormat { .uint16 }
    @inlinable public var bitPattern16: UInt16 { self }
}

extension Int16: GrayPixel {
    public static var format: PixelFormat { .int16 }
    @inlinable public var bitPattern16: UInt16 { UInt16(bitPattern: self) }
}

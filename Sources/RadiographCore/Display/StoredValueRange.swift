/// The range of stored pixel values: DICOM Bits Stored and Pixel Representation.
public struct StoredValueRange: Sendable, Hashable, Codable {
    /// Bits Stored (0028,0101), 1...16.
    public let bitsStored: Int
    /// Pixel Representation (0028,0103) = 1: two's complement.
    public let isSigned: Bool

    public init(bitsStored: Int, isSigned: Bool) throws(RadiographCoreError) {
        guard (1...16).contains(bitsStored) else { throw .invalidStoredRange(bitsStored: bitsStored) }
        self.bitsStored = bitsStored
        self.isSigned = isSigned
    }

    /// The smallest storable value.
    public var minimum: Int { isSigned ? -(1 << (bitsStored - 1)) : 0 }
    /// The largest storable value.
    public var maximum: Int { isSigned ? (1 << (bitsStored - 1)) - 1 : (1 << bitsStored) - 1 }

    /// The stored value whose 16-bit pattern is `pattern` (as the DICOM adapter delivers it:
    /// signed values sign-extended to 16 bits, unsigned ones zero-extended).
    @inlinable
    public func value(ofPattern pattern: Int) -> Int {
        isSigned ? Int(Int16(truncatingIfNeeded: pattern)) : pattern
    }
}

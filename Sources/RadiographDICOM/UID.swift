#if canImport(Glibc)
import Glibc
#endif

/// UIDs for objects Radiograph writes: `2.25.` followed by a random (version 4) UUID as one
/// decimal integer (PS3.5 B.2). A written object never reuses an input's UID.
public enum DICOMUID {
    /// A new UID, unique with overwhelming probability (122 random bits from the system's CSPRNG).
    public static func make() -> String {
        var rng = SystemRandomNumberGenerator()
        var high = rng.next() as UInt64
        var low = rng.next() as UInt64
        // RFC 4122 version 4, variant 1.
        high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        return "2.25." + decimal(high: high, low: low)
    }

    /// The decimal digits of the 128-bit number high·2^64 + low.
    static func decimal(high: UInt64, low: UInt64) -> String {
        var (h, l) = (high, low)
        if h == 0 && l == 0 { return "0" }
        var digits: [UInt8] = []
        while h != 0 || l != 0 {
            // Divide the 128-bit value by 10 in two 64-bit steps.
            let (qh, rh) = h.quotientAndRemainder(dividingBy: 10)
            let (ql, rl) = UInt64(10).dividingFullWidth((high: rh, low: l))
            (h, l) = (qh, ql)
            digits.append(UInt8(rl) + 48)
        }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }
}

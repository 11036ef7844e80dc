/// A parameter the image core cannot work with. Each case says which and why.
public enum RadiographCoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A VOI window whose width is not allowed for its function (LINEAR needs ≥ 1, the others > 0).
    case invalidWindow(center: Double, width: Double, function: VOIFunction)
    /// A lookup table that cannot be applied (no entries, bits out of 8...16).
    case invalidLookupTable(String)
    /// A stored-value description out of range (bits stored 1...16).
    case invalidStoredRange(bitsStored: Int)
    /// Any other parameter out of its range.
    case invalidParameter(name: String, reason: String)

    public var description: String {
        switch self {
        case .invalidWindow(let c, let w, let f):
            "invalid window: center \(c), width \(w) (\(f.rawValue) needs a width \(f == .linear ? "of at least 1" : "above 0"))"
        case .invalidLookupTable(let why): "invalid lookup table: \(why)"
        case .invalidStoredRange(let bits): "invalid bits stored \(bits) (1 to 16)"
        case .invalidParameter(let name, let reason): "invalid \(name): \(reason)"
        }
    }
}

/// A DICOM lookup table (Modality LUT or VOI LUT): LUT Descriptor plus LUT Data (PS3.3 C.11.1).
public struct LookupTable: Sendable, Hashable, Codable {
    /// Descriptor value 2: the input value mapped to the first entry.
    public let firstMappedValue: Int
    /// Descriptor value 3: bits per entry (8...16); outputs lie in `0 ... 2^bits - 1`.
    public let bitsPerEntry: Int
    /// LUT Data. Inputs below `firstMappedValue` take the first entry, inputs past the end the last.
    public let values: [UInt16]
    /// LUT Explanation, when stored.
    public let explanation: String?

    public init(
        firstMappedValue: Int, bitsPerEntry: Int, values: [UInt16], explanation: String? = nil
    ) throws(RadiographCoreError) {
        guard !values.isEmpty else { throw .invalidLookupTable("no entries") }
        guard (8...16).contains(bitsPerEntry) else {
            throw .invalidLookupTable("\(bitsPerEntry) bits per entry (8 to 16)")
        }
        self.firstMappedValue = firstMappedValue
        self.bitsPerEntry = bitsPerEntry
        self.values = values
        self.explanation = explanation
    }

    /// The table's output for `input`, clamped to the first and last entries.
    @inlinable
    public func output(for input: Int) -> Int {
        let index = min(max(input - firstMappedValue, 0), values.count - 1)
        return Int(values[index])
    }

    /// The largest output the descriptor allows, `2^bits - 1`.
    public var maximumOutput: Int { (1 << bitsPerEntry) - 1 }
}

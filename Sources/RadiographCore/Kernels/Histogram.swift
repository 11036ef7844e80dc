/// Counts of every 16-bit pixel pattern: `counts[Int(pattern)]`.
public struct PatternHistogram: Sendable, Equatable {
    public private(set) var counts: [Int]

    public init() { counts = [Int](repeating: 0, count: 65536) }

    /// The total of all counts.
    public var total: Int { counts.reduce(0, &+) }

    /// The sum of `partials.count / 65536` consecutive tables in `partials`.
    @usableFromInline
    init(summing partials: [Int]) {
        var sum = [Int](repeating: 0, count: 65536)
        for start in stride(from: 0, to: partials.count, by: 65536) {
            for i in 0..<65536 { sum[i] &+= partials[start + i] }
        }
        counts = sum
    }
}

/// Counts the patterns of `source` in `rows` into `counts` (65,536 entries). Pure kernel.
@inlinable
func histogramKernel<Input: GrayPixel>(
    source: UnsafeBufferPointer<Input>, counts: UnsafeMutableBufferPointer<Int>, width: Int, rows: Range<Int>
) {
    guard let src = source.baseAddress, let c = counts.baseAddress else { return }
    var i = rows.lowerBound * width
    let end = rows.upperBound * width
    while i < end {
        c[Int(src[i].bitPattern16)] &+= 1
        i &+= 1
    }
}

extension GrayImage {
    /// The histogram of the pixels' 16-bit patterns. Each band counts into its own scratch table.
    @inlinable
    public func patternHistogram(schedule: Schedule = .serial) -> PatternHistogram {
        let bands = schedule.bands(rows: height, minimumRows: 64)
        var partials = [Int](repeating: 0, count: 65536 * bands.count)
        let width = self.width
        withUnsafeBufferPointer { src in
            partials.withUnsafeMutableBufferPointer { all in
                schedule.forEachIndex(bands.count) { b in
                    let own = UnsafeMutableBufferPointer(rebasing: all[(b * 65536)..<((b + 1) * 65536)])
                    histogramKernel(source: src, counts: own, width: width, rows: bands[b])
                }
            }
        }
        return PatternHistogram(summing: partials)
    }
}

extension AnyGrayImage {
    /// The histogram of the pixels' 16-bit patterns, whatever the stored type.
    public func patternHistogram(schedule: Schedule = .serial) -> PatternHistogram {
        switch self {
        case .uint8(let i): i.patternHistogram(schedule: schedule)
        case .uint16(let i): i.patternHistogram(schedule: schedule)
        case .int16(let i): i.patternHistogram(schedule: schedule)
        }
    }
}

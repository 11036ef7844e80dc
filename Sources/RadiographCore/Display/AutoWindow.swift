/// A display window for an image that stores none, from its histogram.
///
/// Intraoral and panoramic captures hold large areas that carry no anatomy: the sensor's
/// rounded corners and collimated borders (stored as the lowest value, usually 0) and metal
/// restorations that saturate the detector (stored as the highest value). A min/max window
/// would spend most of the grey scale on those. The auto-window therefore
///
/// 1. drops the lowest and the highest stored value present when either holds at least
///    `spikeFraction` of the pixels (padding and saturation show up as such spikes);
/// 2. takes the `lowerPercentile` and `upperPercentile` of what remains;
/// 3. returns the LINEAR window whose ends fall exactly on those two values (in modality units).
public struct AutoWindow: Sendable, Hashable, Codable {
    public var lowerPercentile: Double
    public var upperPercentile: Double
    public var spikeFraction: Double

    public static let `default` = AutoWindow(lowerPercentile: 0.5, upperPercentile: 99.5, spikeFraction: 0.001)

    public init(lowerPercentile: Double, upperPercentile: Double, spikeFraction: Double) {
        self.lowerPercentile = lowerPercentile
        self.upperPercentile = upperPercentile
        self.spikeFraction = spikeFraction
    }

    /// The window for `histogram` of an image whose stored values are read per `transform`
    /// (its modality stage converts the percentiles to modality units; its VOI stage is ignored).
    public func window(for histogram: PatternHistogram, transform: DisplayTransform) -> Window {
        let stored = transform.stored
        // Counts by stored value, lowest first.
        let lo = stored.minimum
        var counts = [Int](repeating: 0, count: stored.maximum - lo + 1)
        for pattern in 0..<65536 where histogram.counts[pattern] != 0 {
            let v = min(max(stored.value(ofPattern: pattern), lo), stored.maximum)
            counts[v - lo] += histogram.counts[pattern]
        }
        var total = counts.reduce(0, +)
        guard total > 0, var first = counts.firstIndex(where: { $0 > 0 }),
            var last = counts.lastIndex(where: { $0 > 0 })
        else { return fallback(transform) }
        let spike = max(1, Int((Double(total) * spikeFraction).rounded(.up)))
        if first < last && counts[first] >= spike {
            total -= counts[first]
            first = counts[(first + 1)...].firstIndex(where: { $0 > 0 })!
        }
        if first < last && counts[last] >= spike {
            total -= counts[last]
            last = counts[..<last].lastIndex(where: { $0 > 0 })!
        }
        let lowRank = Int((Double(total) * lowerPercentile / 100).rounded(.down))
        let highRank = max(lowRank, Int((Double(total) * upperPercentile / 100).rounded(.up)) - 1)
        var seen = 0
        var lowValue = first
        var highValue = last
        var foundLow = false
        for i in first...last {
            seen += counts[i]
            if !foundLow && seen > lowRank { lowValue = i; foundLow = true }
            if seen > highRank { highValue = i; break }
        }
        let modality = transform.modalityValues()
        let a = modality[lowValue]
        let b = modality[highValue]
        let (x0, x1) = (min(a, b), max(a, b))
        // LINEAR maps x <= c - 0.5 - (w-1)/2 to black and x > c - 0.5 + (w-1)/2 to white.
        return (try? Window(center: (x0 + x1) / 2 + 0.5, width: x1 - x0 + 1, explanation: "AUTO")) ?? fallback(transform)
    }

    private func fallback(_ transform: DisplayTransform) -> Window {
        let r = transform.modalityRange
        return try! Window(center: (r.lowerBound + r.upperBound) / 2 + 0.5, width: r.upperBound - r.lowerBound + 1,
                           explanation: "AUTO")
    }
}

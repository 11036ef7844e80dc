#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fused point operations: a run of ``EnhancementStep`` point steps evaluated on every input
/// level at once, so that applying them costs one table lookup per pixel.
struct PointChain {
    var steps: [EnhancementStep] = []

    var isEmpty: Bool { steps.isEmpty }

    /// Runs the chain on `values` (each in 0...1, one per input entry), in place.
    ///
    /// - Parameters:
    ///   - levels: the working depth's largest level (255 or 65535): equalization counts values
    ///     at this resolution, as a working image of that depth would hold them.
    ///   - weights: pixels per entry, asked for only when the chain equalizes.
    func evaluate(_ values: inout [Double], levels: Int, weights: () -> [Int]) {
        var counts: [Int]?
        for step in steps {
            switch step {
            case .gamma(let g):
                let e = 1 / g
                for i in values.indices { values[i] = pow(values[i], e) }
            case .invert:
                for i in values.indices { values[i] = 1 - values[i] }
            case .brightnessContrast(let b, let c):
                for i in values.indices { values[i] = min(max((values[i] - 0.5) * c + 0.5 + b, 0), 1) }
            case .equalize:
                if counts == nil { counts = weights() }
                Self.equalize(&values, weights: counts!, levels: levels)
            default:
                preconditionFailure("\(step) is not a point operation")
            }
        }
    }

    /// The level (0...levels) a value in 0...1 stands for.
    @inline(__always)
    static func level(_ v: Double, _ levels: Int) -> Int {
        min(max(Int((v * Double(levels)).rounded()), 0), levels)
    }

    /// Global histogram equalization with OpenCV's `equalizeHist` rule: the lowest occupied level
    /// goes to 0, each next level to the count of pixels above the lowest level at or below it,
    /// scaled to `levels` and rounded half to even (`cvRound`). An image of one level is unchanged.
    static func equalize(_ values: inout [Double], weights: [Int], levels: Int) {
        var histogram = [Int](repeating: 0, count: levels + 1)
        for i in values.indices where weights[i] != 0 { histogram[level(values[i], levels)] += weights[i] }
        let total = histogram.reduce(0, +)
        guard let first = histogram.firstIndex(where: { $0 != 0 }), histogram[first] != total else { return }
        let scale = Double(levels) / Double(total - histogram[first])
        var map = [Double](repeating: 0, count: levels + 1)
        var sum = 0
        for j in (first + 1)..<(levels + 1) {
            sum += histogram[j]
            map[j] = min((Double(sum) * scale).rounded(.toNearestOrEven), Double(levels)) / Double(levels)
        }
        for i in values.indices { values[i] = map[level(values[i], levels)] }
    }

    /// A 65,536-entry table from `values` (0...1, indexed by bit pattern) to `Output` levels.
    static func table<Output: GrayPixel & UnsignedInteger>(_ values: [Double], as: Output.Type) -> DisplayLUT<Output> {
        let top = Double(Output.max)
        return DisplayLUT(entries: values.map { Output(min(max(($0 * top).rounded(), 0), top)) })
    }
}

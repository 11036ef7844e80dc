/// Phase 2 of CLAHE: every pixel mapped through its four nearest tiles' maps, weighted bilinearly
/// by its distance to their centres in OpenCV's float coordinates (`x · (1/tileWidth) − 0.5`),
/// in parallel over row bands (see ``claheInterpolateBand(_:_:_:_:_:rows:clamp:)``).
///
/// The bands follow the tile rows rather than `Schedule.forEachBand`'s even split: a band builds
/// tables for each pair of tile rows it crosses, so bands that straddle them would build most
/// tables twice (measured: 2 threads at 1.5 ns/px instead of 1.85 on a periapical).
func claheInterpolate<P: GrayPixel>(
    _ image: GrayImage<P>, _ plan: CLAHEPlan, maps: CLAHEMaps, clamp: Bool, schedule: Schedule
) -> GrayImage<P> {
    let columns = CLAHEColumns(plan)
    defer { columns.deallocate() }
    // Bands of rows between the same two tile rows (each band builds the tables of its tile-row
    // pair once), split further when there are fewer than two a thread.
    var bands: [Range<Int>] = []
    let inverseTileHeight = 1 / Float(plan.tileHeight)
    var start = 0
    for y in 1...plan.height
    where y == plan.height
        || CLAHERowPosition(y: y, inverseTileHeight: inverseTileHeight).pair
            != CLAHERowPosition(y: start, inverseTileHeight: inverseTileHeight).pair
    {
        bands.append(start..<y)
        start = y
    }
    if schedule.maxThreads > 1 {
        let pieces = (2 * schedule.maxThreads + bands.count - 1) / bands.count
        bands = bands.flatMap { band in
            let n = min(pieces, band.count)
            return (0..<n).map { i in
                (band.lowerBound + band.count * i / n)..<(band.lowerBound + band.count * (i + 1) / n)
            }
        }
    }
    return image.withUnsafeBufferPointer { src in
        GrayImage(
            width: plan.width, height: plan.height,
            overwritingWith: { dst in
                schedule.forEachIndex(bands.count) { i in
                    if clamp {
                        claheInterpolateBand(
                            src.baseAddress!, dst.baseAddress!, plan, maps, columns, rows: bands[i], clamp: true)
                    } else {
                        claheInterpolateBand(
                            src.baseAddress!, dst.baseAddress!, plan, maps, columns, rows: bands[i], clamp: false)
                    }
                }
            })
    }
}

/// Per-column weights and the runs of columns that share a pair of tile columns, as OpenCV
/// computes them: `txf = x · (1/tileWidth) − 0.5`, `tx1 = floor(txf)`, `xa = txf − tx1`, the
/// tile columns `max(tx1, 0)` and `min(tx1 + 1, tilesX − 1)`. Worked out once per image.
struct CLAHEColumns {
    /// Weight of the right-hand tile column (OpenCV's `xa`), per image column.
    let right: UnsafeMutablePointer<Float>
    /// Weight of the left-hand one (`xa1 = 1 − xa`).
    let left: UnsafeMutablePointer<Float>
    /// Runs of columns with the same (left, right) tile columns, in order.
    let runs: [(start: Int, end: Int, left: Int, right: Int)]

    init(_ plan: CLAHEPlan) {
        right = .allocate(capacity: plan.width)
        left = .allocate(capacity: plan.width)
        let inverse = 1 / Float(plan.tileWidth)
        var runs: [(start: Int, end: Int, left: Int, right: Int)] = []
        for x in 0..<plan.width {
            let txf = Float(x) * inverse - 0.5
            let tx1 = Int(txf.rounded(.down))
            right[x] = txf - Float(tx1)
            left[x] = 1 - right[x]
            let l = max(tx1, 0)
            let r = min(tx1 + 1, plan.tilesX - 1)
            if let last = runs.last, last.left == l, last.right == r {
                runs[runs.count - 1].end = x + 1
            } else {
                runs.append((x, x + 1, l, r))
            }
        }
        self.runs = runs
    }

    func deallocate() {
        right.deallocate()
        left.deallocate()
    }
}

/// One row's position between tile rows, as OpenCV computes it: `tyf = y · (1/tileHeight) − 0.5`,
/// `ty1 = floor(tyf)`, `ya = tyf − ty1`.
struct CLAHERowPosition {
    /// `ty1 + 1`, 0 ... tilesY: the pair of tile rows `max(ty1, 0)` (upper) and
    /// `min(ty1 + 1, tilesY − 1)` (lower).
    let pair: Int
    /// Weights of the upper (`ya1 = 1 − ya`) and the lower (`ya`) tile row.
    let upper: Float, lower: Float

    @inline(__always)
    init(y: Int, inverseTileHeight: Float) {
        let tyf = Float(y) * inverseTileHeight - 0.5
        let ty1 = Int(tyf.rounded(.down))
        lower = tyf - Float(ty1)
        upper = 1 - lower
        pair = ty1 + 1
    }
}

/// One row band of phase 2, taken in blocks of rows that lie between the same two tile rows and
/// columns that lie between the same two tile columns.
///
/// A pixel reads its four tiles' maps at its own value, not at its bin: each tile column gets a
/// table of (upper tile's map, lower tile's map) per value, over the values the tiles around it
/// hold (from phase 1's ranges), or over every value when that is no more than an eighth of an
/// entry per pixel. A table is built just before the first run of columns that needs it, in one
/// of two slots, so two tables are in use at a time and stay in cache. A pixel then costs two
/// 8-byte loads whatever the bin count, and the maps of fewer bins than values are evaluated
/// between bins (``claheFillSegments(_:_:_:low:high:into:)``) once per value rather than once per
/// pixel.
func claheInterpolateBand<P: GrayPixel>(
    _ src: UnsafePointer<P>, _ dst: UnsafeMutablePointer<P>, _ plan: CLAHEPlan, _ maps: CLAHEMaps,
    _ columns: CLAHEColumns, rows: Range<Int>, clamp: Bool
) {
    let tilesX = plan.tilesX
    let maxValue = UInt16(truncatingIfNeeded: plan.maxValue)
    let inverseTileHeight = 1 / Float(plan.tileHeight)
    // Per tile column: the lowest and highest value its table covers.
    let low = UnsafeMutablePointer<Int>.allocate(capacity: 2 * tilesX)
    defer { low.deallocate() }
    let high = low + tilesX
    var capacity = 0
    var tables = UnsafeMutablePointer<SIMD2<Float>>.allocate(capacity: 0)
    defer { tables.deallocate() }
    let everyValue = (plan.maxValue + 1) * tilesX * 8 <= plan.tileHeight * plan.width
    var y = rows.lowerBound
    while y < rows.upperBound {
        let pair = CLAHERowPosition(y: y, inverseTileHeight: inverseTileHeight).pair
        var end = y + 1
        while end < rows.upperBound, CLAHERowPosition(y: end, inverseTileHeight: inverseTileHeight).pair == pair {
            end += 1
        }
        if everyValue {
            for tx in 0..<tilesX {
                low[tx] = 0
                high[tx] = plan.maxValue
            }
        } else {
            // The values of the tiles that hold the block's pixels (each pixel was counted in the
            // histogram of the tile it lies in, clamped as here).
            for tx in 0..<tilesX {
                low[tx] = Int.max
                high[tx] = -1
            }
            let firstRow = y / plan.tileHeight, lastRow = (end - 1) / plan.tileHeight
            for run in columns.runs {
                var lo = Int.max, hi = -1
                for ty in firstRow...lastRow {
                    for tx in (run.start / plan.tileWidth)...((run.end - 1) / plan.tileWidth) {
                        let range = maps.ranges[ty * tilesX + tx]
                        lo = min(lo, range.low)
                        hi = max(hi, range.high)
                    }
                }
                low[run.left] = min(low[run.left], lo)
                high[run.left] = max(high[run.left], hi)
                low[run.right] = min(low[run.right], lo)
                high[run.right] = max(high[run.right], hi)
            }
        }
        var span = 0
        for tx in 0..<tilesX where high[tx] >= low[tx] { span = max(span, high[tx] - low[tx] + 1) }
        if 2 * span > capacity {
            tables.deallocate()
            capacity = max(2 * span, 2 * capacity)
            tables = .allocate(capacity: capacity)
        }
        let upperRow = max(pair - 1, 0), lowerRow = min(pair, plan.tilesY - 1)
        var slots = (-1, -1)  // the tile column whose table each slot holds
        // Builds tile column `tx`'s table unless a slot holds it, in the slot not holding `other`.
        func load(_ tx: Int, keeping other: Int) {
            if slots.0 == tx || slots.1 == tx { return }
            let slot = slots.0 == other ? 1 : 0
            if slot == 0 { slots.0 = tx } else { slots.1 = tx }
            let out = tables + slot * span
            let upper = (upperRow * tilesX + tx) * plan.entries
            let lower = (lowerRow * tilesX + tx) * plan.entries
            if let exact = maps.exact {
                claheFillExact(exact + upper, exact + lower, low: low[tx], high: high[tx], into: out)
            } else {
                claheFillSegments(
                    maps.segments! + upper, maps.segments! + lower, plan, low: low[tx], high: high[tx], into: out)
            }
        }
        for run in columns.runs {
            load(run.left, keeping: run.right)
            load(run.right, keeping: run.left)
            // Value v of a tile column's table is at `offset + v`.
            let left = (slots.0 == run.left ? 0 : span) - low[run.left]
            let right = (slots.0 == run.right ? 0 : span) - low[run.right]
            for row in y..<end {
                claheInterpolateRun(
                    src + row * plan.width, dst + row * plan.width, UnsafePointer(tables), left: left, right: right,
                    columns, run.start..<run.end, CLAHERowPosition(y: row, inverseTileHeight: inverseTileHeight),
                    maxValue: maxValue, clamp: clamp)
            }
        }
        y = end
    }
}

/// (upper, lower) per value `low ... high`, from two tiles' exact maps.
func claheFillExact(
    _ upper: UnsafePointer<Float>, _ lower: UnsafePointer<Float>, low: Int, high: Int,
    into out: UnsafeMutablePointer<SIMD2<Float>>
) {
    for v in low...high { out[v &- low] = SIMD2(upper[v], lower[v]) }
}

/// (upper, lower) per value `low ... high`, from two tiles' segment maps: the value at the
/// segment's start plus the rise per level times the levels past it, a segment at a time.
func claheFillSegments(
    _ upper: UnsafePointer<SIMD2<Float>>, _ lower: UnsafePointer<SIMD2<Float>>, _ plan: CLAHEPlan,
    low: Int, high: Int, into out: UnsafeMutablePointer<SIMD2<Float>>
) {
    let shift = plan.shift
    let mask = (1 << shift) - 1
    // Value v lies in segment j = (v + half) >> shift, (v + half) & mask + 0.5 levels past the
    // centre of bin j − 1 (a bin's centre is half a level below its middle level).
    let half = 1 << (shift - 1)
    let fractions = UnsafeMutablePointer<SIMD2<Float>>.allocate(capacity: mask + 1)
    defer { fractions.deallocate() }
    for k in 0...mask { fractions[k] = SIMD2(repeating: Float(k) + 0.5) }
    var v = low
    while v <= high {
        let t = v &+ half
        let j = t &>> shift
        let first = t & mask
        let count = min(mask - first + 1, high - v + 1)
        let a = upper[j], b = lower[j]
        let start = SIMD2(a.x, b.x), rise = SIMD2(a.y, b.y)
        let o = out + (v &- low)
        let f = UnsafePointer(fractions + first)
        for k in 0..<count { o[k] = start + f[k] * rise }
        v &+= count
    }
}

/// One row's run of columns: OpenCV's `(p11·xa1 + p12·xa)·ya1 + (p21·xa1 + p22·xa)·ya`, rounded
/// half to even, evaluated in the same order, four pixels to a vector, eight at a time.
///
/// No clamp to the top: every map value is at most the top and the weights are at most 1 each
/// way, so the float result exceeds the top by a few ulps at most and rounds to it.
@inline(__always)
func claheInterpolateRun<P: GrayPixel>(
    _ s: UnsafePointer<P>, _ d: UnsafeMutablePointer<P>, _ t: UnsafePointer<SIMD2<Float>>,
    left l: Int, right r: Int, _ columns: CLAHEColumns, _ run: Range<Int>, _ position: CLAHERowPosition,
    maxValue: UInt16, clamp: Bool
) {
    let ya = position.lower, ya1 = position.upper
    let xa = columns.right, xa1 = columns.left
    var x = run.lowerBound
    while x &+ 8 <= run.upperBound {
        var rounded = (SIMD4<Float>(), SIMD4<Float>())
        for h in 0..<2 {
            let i = x &+ 4 &* h
            let v0 = claheIndex(s[i], maxValue, clamp: clamp), v1 = claheIndex(s[i &+ 1], maxValue, clamp: clamp)
            let v2 = claheIndex(s[i &+ 2], maxValue, clamp: clamp), v3 = claheIndex(s[i &+ 3], maxValue, clamp: clamp)
            // (upper, lower) of two pixels per vector, then the upper and the lower tile row of
            // four pixels per vector.
            let l01 = SIMD4(lowHalf: t[l &+ v0], highHalf: t[l &+ v1])
            let l23 = SIMD4(lowHalf: t[l &+ v2], highHalf: t[l &+ v3])
            let r01 = SIMD4(lowHalf: t[r &+ v0], highHalf: t[r &+ v1])
            let r23 = SIMD4(lowHalf: t[r &+ v2], highHalf: t[r &+ v3])
            let p11 = SIMD4(l01[0], l01[2], l23[0], l23[2]), p21 = SIMD4(l01[1], l01[3], l23[1], l23[3])
            let p12 = SIMD4(r01[0], r01[2], r23[0], r23[2]), p22 = SIMD4(r01[1], r01[3], r23[1], r23[3])
            let wl = UnsafeRawPointer(xa1 + i).loadUnaligned(as: SIMD4<Float>.self)
            let wr = UnsafeRawPointer(xa + i).loadUnaligned(as: SIMD4<Float>.self)
            let res = (p11 * wl + p12 * wr) * ya1 + (p21 * wl + p22 * wr) * ya
            // Adding 1.5 · 2²³ leaves the value rounded half to even in the low mantissa bits.
            if h == 0 { rounded.0 = res + 12_582_912 } else { rounded.1 = res + 12_582_912 }
        }
        claheStore8(rounded.0, rounded.1, to: d + x)
        x &+= 8
    }
    while x < run.upperBound {
        let v = claheIndex(s[x], maxValue, clamp: clamp)
        let p1 = t[l &+ v], p2 = t[r &+ v]
        let res = (p1.x * xa1[x] + p2.x * xa[x]) * ya1 + (p1.y * xa1[x] + p2.y * xa[x]) * ya
        d[x] = P(truncatingIfNeeded: (res + 12_582_912).bitPattern)
        x &+= 1
    }
}

/// Stores eight pixels from the low bits of eight floats' bit patterns (a pack, not a lane
/// at a time).
@inline(__always)
func claheStore8<P: GrayPixel>(_ a: SIMD4<Float>, _ b: SIMD4<Float>, to d: UnsafeMutablePointer<P>) {
    if P.self == UInt8.self {
        let x = unsafeBitCast(a, to: SIMD16<UInt8>.self), y = unsafeBitCast(b, to: SIMD16<UInt8>.self)
        let packed = SIMD8(x[0], x[4], x[8], x[12], y[0], y[4], y[8], y[12])
        UnsafeMutableRawPointer(d).storeBytes(of: packed, as: SIMD8<UInt8>.self)
    } else {
        let x = unsafeBitCast(a, to: SIMD8<UInt16>.self), y = unsafeBitCast(b, to: SIMD8<UInt16>.self)
        let packed = SIMD8(x[0], x[2], x[4], x[6], y[0], y[2], y[4], y[6])
        UnsafeMutableRawPointer(d).storeBytes(of: packed, as: SIMD8<UInt16>.self)
    }
}

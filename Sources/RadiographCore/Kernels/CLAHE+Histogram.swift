/// Phase 1 of CLAHE for a block of tiles side by side (tile row `row`, tile columns `columns`):
/// their clipped histograms, turned into their maps and value ranges. It writes only these tiles'
/// entries of `maps` and owns its histograms (one per tile).
///
/// The block's image rows are read whole, left to right, one after the other: reading a tile at a
/// time (a few hundred bytes of each row, rows a stride apart) leaves the hardware prefetcher
/// nothing to follow and costs a cache miss per row.
func claheTileMaps<P: GrayPixel>(
    _ src: UnsafePointer<P>, _ plan: CLAHEPlan, row: Int, columns: Range<Int>, clamp: Bool, into maps: CLAHEMaps
) {
    let bins = plan.bins
    let ways = plan.histogramWays
    let perTile = ways * bins
    let scratch = UnsafeMutablePointer<Int32>.allocate(capacity: columns.count * perTile)
    defer { scratch.deallocate() }
    scratch.initialize(repeating: 0, count: columns.count * perTile)
    if clamp {
        claheAccumulate(src, plan, row: row, columns: columns, ways: ways, clamp: true, into: scratch)
    } else {
        claheAccumulate(src, plan, row: row, columns: columns, ways: ways, clamp: false, into: scratch)
    }
    for (i, tx) in columns.enumerated() {
        let hist = scratch + i * perTile
        for w in 1..<ways {
            let h = hist + w * bins
            for k in 0..<bins { hist[k] &+= h[k] }
        }
        let tile = row * plan.tilesX + tx
        var first = 0
        while hist[first] == 0 { first += 1 }  // every tile holds at least one pixel
        var last = bins - 1
        while hist[last] == 0 { last -= 1 }
        maps.ranges[tile] = (first << plan.shift, min(((last + 1) << plan.shift) - 1, plan.maxValue))
        claheClip(hist, bins: bins, limit: plan.clip)
        if let exact = maps.exact {
            claheExactMap(hist, plan, into: exact + tile * plan.entries)
        } else {
            claheSegmentMap(hist, plan, into: maps.segments! + tile * plan.entries)
        }
    }
}

/// Counts the pixels of tiles `columns` of tile row `row`, and the reflect-101 padding beyond the
/// right and bottom edges, into `ways` histograms of `bins` counts per tile, a whole image row at a
/// time.
@inline(__always)
func claheAccumulate<P: GrayPixel>(
    _ src: UnsafePointer<P>, _ plan: CLAHEPlan, row: Int, columns: Range<Int>, ways: Int, clamp: Bool,
    into scratch: UnsafeMutablePointer<Int32>
) {
    let shift = plan.shift
    let maxValue = UInt16(truncatingIfNeeded: plan.maxValue)
    let y0 = row * plan.tileHeight
    for y in y0..<(y0 + plan.tileHeight) {
        let line = src + claheReflect101(y, plan.height) * plan.width
        for (i, tx) in columns.enumerated() {
            let h0 = scratch + i * ways * plan.bins
            let h1 = h0 + 1 % ways * plan.bins, h2 = h0 + 2 % ways * plan.bins, h3 = h0 + 3 % ways * plan.bins
            let x0 = tx * plan.tileWidth
            let x1 = x0 + plan.tileWidth
            let inside = min(x1, plan.width)
            var x = x0
            while x &+ 4 <= inside {
                h0[claheIndex(line[x], maxValue, clamp: clamp) &>> shift] &+= 1
                h1[claheIndex(line[x &+ 1], maxValue, clamp: clamp) &>> shift] &+= 1
                h2[claheIndex(line[x &+ 2], maxValue, clamp: clamp) &>> shift] &+= 1
                h3[claheIndex(line[x &+ 3], maxValue, clamp: clamp) &>> shift] &+= 1
                x &+= 4
            }
            while x < inside {
                h0[claheIndex(line[x], maxValue, clamp: clamp) &>> shift] &+= 1
                x &+= 1
            }
            while x < x1 {  // the padding at the right edge
                h0[claheIndex(line[claheReflect101(x, plan.width)], maxValue, clamp: clamp) &>> shift] &+= 1
                x &+= 1
            }
        }
    }
}

/// Clips every bin at `limit` and spreads the excess as OpenCV does: evenly, then the remainder
/// one count every `bins / remainder` bins from the first.
func claheClip(_ hist: UnsafeMutablePointer<Int32>, bins: Int, limit: Int32) {
    var clipped = 0
    for i in 0..<bins {
        let excess = hist[i] &- limit
        if excess > 0 {
            clipped &+= Int(excess)
            hist[i] = limit
        }
    }
    let batch = Int32(truncatingIfNeeded: clipped / bins)
    var residual = clipped - Int(batch) * bins
    if batch != 0 {
        for i in 0..<bins { hist[i] &+= batch }
    }
    if residual != 0 {
        let step = max(bins / residual, 1)
        var i = 0
        while i < bins && residual > 0 {
            hist[i] &+= 1
            i &+= step
            residual &-= 1
        }
    }
}

/// OpenCV's map: `round(cumulative count · ((bins − 1) / area))` per bin, in float as OpenCV
/// multiplies (an `int` by a `float` scale), rounded half to even.
func claheExactMap(_ hist: UnsafeMutablePointer<Int32>, _ plan: CLAHEPlan, into map: UnsafeMutablePointer<Float>) {
    let top = Float(plan.bins - 1)
    let scale = top / Float(plan.area)
    var sum: Int32 = 0
    for i in 0..<plan.bins {
        sum &+= hist[i]
        // At most area · scale ≤ top (1 + 2⁻²³): never above top once rounded.
        map[i] = (Float(sum) * scale + 12_582_912) - 12_582_912
    }
}

/// The map between bins, as `bins + 1` linear segments (value at the start, rise per level).
///
/// The knots are the bins' centres, each at the value a one-level-per-bin CLAHE gives the whole
/// bin: `C(b) = cumulative count up to and including b · (2^valueBits − 1) / area`. Segment `j`
/// runs from the centre of bin `j − 1` to that of bin `j` (rising by bin `j`'s count spread over
/// its `2^shift` levels); segment 0 (below the first centre) and segment `bins` (above the last)
/// are flat.
func claheSegmentMap(
    _ hist: UnsafeMutablePointer<Int32>, _ plan: CLAHEPlan, into map: UnsafeMutablePointer<SIMD2<Float>>
) {
    let bins = plan.bins
    let scale = Float(plan.maxValue) / Float(plan.area)
    let perLevel = scale / Float(1 << plan.shift)
    var sum = hist[0]
    map[0] = SIMD2(Float(sum) * scale, 0)
    for j in 1..<bins {
        map[j] = SIMD2(Float(sum) * scale, Float(hist[j]) * perLevel)
        sum &+= hist[j]
    }
    map[bins] = SIMD2(Float(sum) * scale, 0)
}

/// `i` folded into `0 ..< n` as BORDER_REFLECT_101 does (`−1 → 1`, `n → n − 2`), repeatedly
/// when the padding is longer than the image, as OpenCV's `borderInterpolate` does.
@inline(__always)
func claheReflect101(_ i: Int, _ n: Int) -> Int {
    if n == 1 { return 0 }
    var i = i
    while i < 0 || i >= n { i = i < 0 ? -i : 2 * n - 2 - i }
    return i
}

/// A pixel's value as a histogram or table index: its bits, clamped to `maxValue` when `clamp`
/// (a constant at each call, so the test folds away).
@inline(__always)
func claheIndex<P: GrayPixel>(_ p: P, _ maxValue: UInt16, clamp: Bool) -> Int {
    clamp ? Int(min(p.bitPattern16, maxValue)) : Int(p.bitPattern16)
}

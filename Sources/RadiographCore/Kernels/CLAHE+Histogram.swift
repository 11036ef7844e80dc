/// Phase 1 of CLAHE: one tile's clipped histogram and its map. Pure: it owns its histogram.
///
/// With `shift` 0, `map[i]` is the rounded value OpenCV stores for bin `i`
/// (`round(cdf(i) · top / area)`). Otherwise the map holds pairs: `map[2i]` the value before the
/// bin's first level and `map[2i+1]` the rise per level inside the bin (the bin's count spread
/// evenly over its levels), side by side so that one load fetches both.
func claheTileMap<P: GrayPixel>(
    _ src: UnsafePointer<P>, grid: CLAHEGrid, tile: Int, shift: Int, bins: Int, clip: Int, top: Float,
    map: UnsafeMutablePointer<Float>
) {
    let hist = UnsafeMutablePointer<Int32>.allocate(capacity: bins)
    defer { hist.deallocate() }
    hist.initialize(repeating: 0, count: bins)
    let x0 = (tile % grid.tilesX) * grid.tileWidth
    let y0 = (tile / grid.tilesX) * grid.tileHeight
    let x1 = x0 + grid.tileWidth
    let inside = min(x1, grid.width)
    let s = UInt16(truncatingIfNeeded: shift)
    for y in y0..<(y0 + grid.tileHeight) {
        let row = src + reflect101(y, grid.height) * grid.width
        var x = x0
        while x < inside {
            hist[Int(row[x].bitPattern16 &>> s)] &+= 1
            x &+= 1
        }
        while x < x1 {  // the reflect-101 padding at the right edge
            hist[Int(row[reflect101(x, grid.width)].bitPattern16 &>> s)] &+= 1
            x &+= 1
        }
    }
    // Clip and redistribute exactly as OpenCV: the excess evenly, the remainder one count every
    // `bins / remainder` bins from the first.
    let limit = Int32(clip)
    var clipped = 0
    for i in 0..<bins where hist[i] > limit {
        clipped += Int(hist[i] - limit)
        hist[i] = limit
    }
    let batch = Int32(clipped / bins)
    var residual = clipped - Int(batch) * bins
    for i in 0..<bins { hist[i] &+= batch }
    if residual != 0 {
        let residualStep = max(bins / residual, 1)
        var i = 0
        while i < bins && residual > 0 {
            hist[i] &+= 1
            i += residualStep
            residual -= 1
        }
    }
    let area = grid.tileWidth * grid.tileHeight
    let scale = top / Float(area)
    var sum: Int32 = 0
    if shift > 0 {
        let perLevel = scale / Float(1 << shift)
        for i in 0..<bins {
            map[2 * i] = Float(sum) * scale
            map[2 * i + 1] = Float(hist[i]) * perLevel
            sum &+= hist[i]
        }
    } else {
        for i in 0..<bins {
            sum &+= hist[i]
            map[i] = Float(roundClamped(Float(sum) * scale, top))
        }
    }
}

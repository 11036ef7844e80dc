/// Phase 2 of CLAHE: every pixel mapped through the four nearest tile maps, weighted bilinearly
/// by its distance to the tile centres (OpenCV's coordinates: `x / tileWidth − 0.5`). Row bands
/// run in parallel. Each row is walked in segments that share the same pair of tile columns, so
/// the four map pointers are fixed inside a segment and only the bin varies.
func claheInterpolate<P: GrayPixel>(
    _ image: GrayImage<P>, grid: CLAHEGrid, shift: Int, entries: Int, maps: [Float], top: Float,
    schedule: Schedule
) -> GrayImage<P> {
    let width = grid.width
    let inverseTileWidth = 1 / Float(grid.tileWidth)
    let inverseTileHeight = 1 / Float(grid.tileHeight)
    // Per column: the right-hand weight; per segment: its columns and its two tiles' map offsets.
    var weightRight = [Float](repeating: 0, count: width)
    var segments: [(start: Int, end: Int, left: Int, right: Int)] = []
    for x in 0..<width {
        let txf = Float(x) * inverseTileWidth - 0.5
        let tx1 = Int(txf.rounded(.down))
        weightRight[x] = txf - Float(tx1)
        let left = max(tx1, 0) * entries
        let right = min(tx1 + 1, grid.tilesX - 1) * entries
        if let last = segments.last, last.left == left, last.right == right {
            segments[segments.count - 1].end = x + 1
        } else {
            segments.append((x, x + 1, left, right))
        }
    }
    let mask = (1 << shift) - 1
    return image.withUnsafeBufferPointer { src in
        maps.withUnsafeBufferPointer { table in
            weightRight.withUnsafeBufferPointer { xa in
                GrayImage(width: width, height: grid.height, overwritingWith: { dst in
                    schedule.forEachBand(rows: grid.height) { rows in
                        for y in rows {
                            let tyf = Float(y) * inverseTileHeight - 0.5
                            let ty1 = Int(tyf.rounded(.down))
                            let ya = tyf - Float(ty1)
                            let ya1 = 1 - ya
                            let plane1 = table.baseAddress! + max(ty1, 0) * grid.tilesX * entries
                            let plane2 = table.baseAddress! + min(ty1 + 1, grid.tilesY - 1) * grid.tilesX * entries
                            let s = src.baseAddress! + y * width
                            let d = dst.baseAddress! + y * width
                            for segment in segments {
                                let p11 = plane1 + segment.left, p12 = plane1 + segment.right
                                let p21 = plane2 + segment.left, p22 = plane2 + segment.right
                                if shift == 0 {
                                    for x in segment.start..<segment.end {
                                        let v = Int(s[x].bitPattern16)
                                        let wr = xa[x]
                                        let wl = 1 - wr
                                        let res = (p11[v] * wl + p12[v] * wr) * ya1 + (p21[v] * wl + p22[v] * wr) * ya
                                        d[x] = P(truncatingIfNeeded: roundClamped(res, top))
                                    }
                                } else {
                                    // Σ w·(base + step·f) = Σ w·base + f·Σ w·step; base and step
                                    // sit side by side in the map.
                                    for x in segment.start..<segment.end {
                                        let v = Int(s[x].bitPattern16)
                                        let bin = (v &>> shift) &<< 1
                                        let f = Float((v & mask) &+ 1)
                                        let wr = xa[x]
                                        let wl = 1 - wr
                                        let w11 = wl * ya1, w12 = wr * ya1, w21 = wl * ya, w22 = wr * ya
                                        let b = p11[bin] * w11 + p12[bin] * w12 + p21[bin] * w21 + p22[bin] * w22
                                        let st = p11[bin &+ 1] * w11 + p12[bin &+ 1] * w12 + p21[bin &+ 1] * w21
                                            + p22[bin &+ 1] * w22
                                        d[x] = P(truncatingIfNeeded: roundClamped(b + f * st, top))
                                    }
                                }
                            }
                        }
                    }
                })
            }
        }
    }
}

/// Phase 2 of CLAHE: every pixel mapped through the four nearest tile maps, weighted bilinearly
/// by its distance to the tile centres (OpenCV's coordinates: `x / tileWidth − 0.5`). Row bands
/// run in parallel; the per-column tile indices and weights are computed once.
func claheInterpolate<P: GrayPixel>(
    _ image: GrayImage<P>, grid: CLAHEGrid, shift: Int, entries: Int, maps: [Float], top: Float,
    schedule: Schedule
) -> GrayImage<P> {
    let width = grid.width
    let inverseTileWidth = 1 / Float(grid.tileWidth)
    let inverseTileHeight = 1 / Float(grid.tileHeight)
    var left = [Int](repeating: 0, count: width)
    var right = [Int](repeating: 0, count: width)
    var weightRight = [Float](repeating: 0, count: width)
    for x in 0..<width {
        let txf = Float(x) * inverseTileWidth - 0.5
        let tx1 = Int(txf.rounded(.down))
        let xa = txf - Float(tx1)
        weightRight[x] = xa
        left[x] = max(tx1, 0) * entries
        right[x] = min(tx1 + 1, grid.tilesX - 1) * entries
    }
    let mask = (1 << shift) - 1
    return image.withUnsafeBufferPointer { src in
        maps.withUnsafeBufferPointer { baseTable in
            left.withUnsafeBufferPointer { left in
                right.withUnsafeBufferPointer { right in
                    weightRight.withUnsafeBufferPointer { xa in
                        GrayImage(
                            width: width, height: grid.height,
                            overwritingWith: { dst in
                                schedule.forEachBand(rows: grid.height) { rows in
                                    for y in rows {
                                        let tyf = Float(y) * inverseTileHeight - 0.5
                                        let ty1 = Int(tyf.rounded(.down))
                                        let ya = tyf - Float(ty1)
                                        let ya1 = 1 - ya
                                        let plane1 = max(ty1, 0) * grid.tilesX * entries
                                        let plane2 = min(ty1 + 1, grid.tilesY - 1) * grid.tilesX * entries
                                        let s = src.baseAddress! + y * width
                                        let d = dst.baseAddress! + y * width
                                        let b1 = baseTable.baseAddress! + plane1
                                        let b2 = baseTable.baseAddress! + plane2
                                        if shift == 0 {
                                            for x in 0..<width {
                                                let v = Int(s[x].bitPattern16)
                                                let i1 = left[x] &+ v
                                                let i2 = right[x] &+ v
                                                let wr = xa[x]
                                                let wl = 1 - wr
                                                let res =
                                                    (b1[i1] * wl + b1[i2] * wr) * ya1 + (b2[i1] * wl + b2[i2] * wr) * ya
                                                d[x] = P(truncatingIfNeeded: roundClamped(res, top))
                                            }
                                        } else {
                                            // Σ w·(base + step·f) = Σ w·base + f·Σ w·step, the four
                                            // maps' pairs read once each.
                                            for x in 0..<width {
                                                let v = Int(s[x].bitPattern16)
                                                let bin = (v &>> shift) &<< 1
                                                let f = Float((v & mask) &+ 1)
                                                let i1 = left[x] &+ bin
                                                let i2 = right[x] &+ bin
                                                let wr = xa[x]
                                                let wl = 1 - wr
                                                let w11 = wl * ya1, w12 = wr * ya1, w21 = wl * ya, w22 = wr * ya
                                                let b = b1[i1] * w11 + b1[i2] * w12 + b2[i1] * w21 + b2[i2] * w22
                                                let st =
                                                    b1[i1 &+ 1] * w11 + b1[i2 &+ 1] * w12 + b2[i1 &+ 1] * w21
                                                    + b2[i2 &+ 1] * w22
                                                d[x] = P(truncatingIfNeeded: roundClamped(b + f * st, top))
                                            }
                                        }
                                    }
                                }
                            })
                    }
                }
            }
        }
    }
}

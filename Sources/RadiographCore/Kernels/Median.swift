/// Median filters over 3×3 and 5×5 neighbourhoods, borders replicated (as OpenCV's `medianBlur`).
///
/// Both are branch-free min/max networks written as plain loops over a row, which LLVM vectorises:
/// - 3×3: each column of three is sorted once, then the median of nine is the median of (the largest
///   of the three column minima, the median of the column medians, the smallest of the maxima);
/// - 5×5: each column of five is sorted (9 compare-exchanges), the five sorted columns are sorted
///   rank by rank (45), which leaves 13 candidates whose median is the median of the 25 (six
///   elements are known to lie below them and six above); that median of 13 is found by forgetful
///   selection (45 and a median of three).
extension GrayImage {
    public func medianFiltered(size: Int, schedule: Schedule = .serial) throws(RadiographCoreError) -> GrayImage {
        guard size == 3 || size == 5 else {
            throw .invalidParameter(name: "median size", reason: "\(size) must be 3 or 5")
        }
        return withConcretePixels(
            uint8: { $0.medianImage(size, schedule) }, uint16: { $0.medianImage(size, schedule) },
            other: { $0.medianImage(size, schedule) })
    }

    func medianImage(_ size: Int, _ schedule: Schedule) -> GrayImage {
        let width = self.width
        let height = self.height
        let r = size / 2
        // Rows at least one vector wide go to the lane kernels (Median+Lanes.swift); narrower
        // images to the scalar ones below.
        let lanes = Pixel.self == UInt8.self ? 16 : 8
        return withUnsafeBufferPointer { src in
            GrayImage(width: width, height: height, overwritingWith: { dst in
                schedule.forEachBand(rows: height) { rows in
                    let base = src.baseAddress!
                    @inline(__always) func row(_ y: Int) -> UnsafePointer<Pixel> {
                        base + Swift.min(Swift.max(y, 0), height - 1) * width
                    }
                    // Per band scratch: `size` sorted-rank rows for each of two output rows (lanes), or
                    // `size` padded source rows and `size` sorted-column rows (scalar 5×5).
                    let padded = width + 2 * r
                    let scratch = UnsafeMutableBufferPointer<Pixel>.allocate(capacity: 2 * size * padded)
                    defer { scratch.deallocate() }
                    let rowsIn = scratch.baseAddress!
                    if width >= lanes && size == 3 {
                        // Rows two at a time (they share two source rows), the odd one out alone.
                        let raw = UnsafeMutableRawPointer(rowsIn)
                        var y = rows.lowerBound
                        while y + 1 < rows.upperBound {
                            let out0 = UnsafeMutableRawPointer(dst.baseAddress! + y * width)
                            let out1 = UnsafeMutableRawPointer(dst.baseAddress! + (y + 1) * width)
                            let window = (row(y - 1), row(y), row(y + 1), row(y + 2))
                            median3LanesRowPair(window, width, raw, (out0, out1))
                            y += 2
                        }
                        if y < rows.upperBound {
                            let out = UnsafeMutableRawPointer(dst.baseAddress! + y * width)
                            let window = (row(y - 2), row(y - 1), row(y), row(y + 1), row(y + 2))
                            medianLanesRow(size, window, width, raw, out)
                        }
                        return
                    }
                    if width >= lanes {
                        let raw = UnsafeMutableRawPointer(rowsIn)
                        for y in rows {
                            let out = UnsafeMutableRawPointer(dst.baseAddress! + y * width)
                            let window = (row(y - 2), row(y - 1), row(y), row(y + 1), row(y + 2))
                            medianLanesRow(size, window, width, raw, out)
                        }
                        return
                    }
                    let sorted = rowsIn + size * padded
                    for y in rows where size == 3 {
                        median3Row(row(y - 1), row(y), row(y + 1), width, dst.baseAddress! + y * width)
                    }
                    for y in rows where size == 5 {
                        for k in 0..<size {
                            replicatePadded(row(y - r + k), width, r, into: rowsIn + k * padded)
                        }
                        median5Row(rowsIn, padded, width, sorted, dst.baseAddress! + y * width)
                    }
                }
            })
        }
    }

    /// Two output rows of the 3×3 median by the lane kernels (`median3RowPairLanes`).
    @inline(__always)
    func median3LanesRowPair(
        _ rows: (UnsafePointer<Pixel>, UnsafePointer<Pixel>, UnsafePointer<Pixel>, UnsafePointer<Pixel>),
        _ width: Int, _ scratch: UnsafeMutableRawPointer, _ out: (UnsafeMutableRawPointer, UnsafeMutableRawPointer)
    ) {
        let (a, b) = (UnsafeRawPointer(rows.0), UnsafeRawPointer(rows.1))
        let (c, d) = (UnsafeRawPointer(rows.2), UnsafeRawPointer(rows.3))
        if Pixel.self == UInt8.self {
            median3RowPairLanes(a, b, c, d, width: width, flip: SIMD16<UInt8>(), scratch: scratch, into: out)
        } else {
            let flip = SIMD8<Int16>(repeating: Pixel.self == UInt16.self ? Int16.min : 0)
            median3RowPairLanes(a, b, c, d, width: width, flip: flip, scratch: scratch, into: out)
        }
    }

    /// One output row by the lane kernels, on the vector type and order flip of this pixel type.
    @inline(__always)
    func medianLanesRow(
        _ size: Int,
        _ rows: (
            UnsafePointer<Pixel>, UnsafePointer<Pixel>, UnsafePointer<Pixel>, UnsafePointer<Pixel>, UnsafePointer<Pixel>
        ),
        _ width: Int, _ scratch: UnsafeMutableRawPointer, _ out: UnsafeMutableRawPointer
    ) {
        let raw = (
            UnsafeRawPointer(rows.0), UnsafeRawPointer(rows.1), UnsafeRawPointer(rows.2), UnsafeRawPointer(rows.3),
            UnsafeRawPointer(rows.4)
        )
        if Pixel.self == UInt8.self {
            if size == 3 {
                median3RowLanes(raw.1, raw.2, raw.3, width: width, flip: SIMD16<UInt8>(), scratch: scratch, into: out)
            } else {
                median5RowLanes(raw, width: width, flip: SIMD16<UInt8>(), scratch: scratch, into: out)
            }
            return
        }
        // 16-bit: unsigned values in signed order by flipping the top bit; signed ones as they are.
        let flip = SIMD8<Int16>(repeating: Pixel.self == UInt16.self ? Int16.min : 0)
        if size == 3 {
            median3RowLanes(raw.1, raw.2, raw.3, width: width, flip: flip, scratch: scratch, into: out)
        } else {
            median5RowLanes(raw, width: width, flip: flip, scratch: scratch, into: out)
        }
    }
}

/// `row` copied into `out` with `r` replicated pixels on each side.
@inline(__always)
func replicatePadded<P: GrayPixel>(_ row: UnsafePointer<P>, _ width: Int, _ r: Int, into out: UnsafeMutablePointer<P>) {
    for i in 0..<r { out[i] = row[0] }
    (out + r).update(from: row, count: width)
    for i in 0..<r { out[r + width + i] = row[width - 1] }
}

/// Sorts `a`, `b` in place (compare-exchange).
@inline(__always)
func exchange<P: FixedWidthInteger>(_ a: inout P, _ b: inout P) {
    let lo = Swift.min(a, b)
    b = Swift.max(a, b)
    a = lo
}

@inline(__always)
func median3<P: FixedWidthInteger>(_ a: P, _ b: P, _ c: P) -> P {
    Swift.max(Swift.min(a, b), Swift.min(Swift.max(a, b), c))
}

/// One output row of the 3×3 median from source rows `a`, `b`, `c` (edges replicated).
func median3Row<P: GrayPixel>(
    _ a: UnsafePointer<P>, _ b: UnsafePointer<P>, _ c: UnsafePointer<P>, _ width: Int, _ out: UnsafeMutablePointer<P>
) {
    @inline(__always) func at(_ x: Int) -> Int { Swift.min(Swift.max(x, 0), width - 1) }
    // Edge columns, replicating x = 0 and x = width - 1.
    for x in [0, width - 1] {
        out[x] = median9(
            (a[at(x - 1)], b[at(x - 1)], c[at(x - 1)]), (a[x], b[x], c[x]), (a[at(x + 1)], b[at(x + 1)], c[at(x + 1)]))
    }
    guard width >= 3 else { return }
    if P.self == UInt16.self {
        median3InteriorBiased(
            UnsafeRawPointer(a).assumingMemoryBound(to: UInt16.self),
            UnsafeRawPointer(b).assumingMemoryBound(to: UInt16.self),
            UnsafeRawPointer(c).assumingMemoryBound(to: UInt16.self), width,
            UnsafeMutableRawPointer(out).assumingMemoryBound(to: UInt16.self))
        return
    }
    // One pass, all in registers: the three columns around x are sorted again for every x (cheap
    // min/max, no stores), which vectorises better than keeping sorted columns in memory.
    for x in 1..<(width - 1) {
        out[x] = median9((a[x - 1], b[x - 1], c[x - 1]), (a[x], b[x], c[x]), (a[x + 1], b[x + 1], c[x + 1]))
    }
}

/// The median of three columns of three: the median of (the largest column minimum, the median of
/// the column medians, the smallest column maximum).
@inline(__always)
func median9<P: FixedWidthInteger>(_ c0: (P, P, P), _ c1: (P, P, P), _ c2: (P, P, P)) -> P {
    var (p0, q0, s0) = c0
    var (p1, q1, s1) = c1
    var (p2, q2, s2) = c2
    exchange(&p0, &q0); exchange(&q0, &s0); exchange(&p0, &q0)
    exchange(&p1, &q1); exchange(&q1, &s1); exchange(&p1, &q1)
    exchange(&p2, &q2); exchange(&q2, &s2); exchange(&p2, &q2)
    let maxLo = Swift.max(Swift.max(p0, p1), p2)
    let minHi = Swift.min(Swift.min(s0, s1), s2)
    return median3(maxLo, median3(q0, q1, q2), minHi)
}

/// The interior of a 3×3 median row of 16-bit values, computed as signed values (`v ^ 0x8000`):
/// x86-64's baseline (SSE2) has signed 16-bit min/max instructions but no unsigned ones.
func median3InteriorBiased(
    _ a: UnsafePointer<UInt16>, _ b: UnsafePointer<UInt16>, _ c: UnsafePointer<UInt16>, _ width: Int,
    _ out: UnsafeMutablePointer<UInt16>
) {
    @inline(__always) func v(_ p: UnsafePointer<UInt16>, _ i: Int) -> Int16 { Int16(bitPattern: p[i] ^ 0x8000) }
    for x in 1..<(width - 1) {
        let m = median9(
            (v(a, x - 1), v(b, x - 1), v(c, x - 1)), (v(a, x), v(b, x), v(c, x)), (v(a, x + 1), v(b, x + 1), v(c, x + 1)))
        out[x] = UInt16(bitPattern: m) ^ 0x8000
    }
}

func median5Row<P: GrayPixel>(
    _ rows: UnsafeMutablePointer<P>, _ padded: Int, _ width: Int, _ scratch: UnsafeMutablePointer<P>,
    _ out: UnsafeMutablePointer<P>
) {
    if P.self == UInt16.self {
        // 16-bit values compared as signed (`v ^ 0x8000`): SSE2 has signed 16-bit min/max only.
        let r16 = UnsafeMutableRawPointer(rows).assumingMemoryBound(to: UInt16.self)
        let sorted = UnsafeMutableRawPointer(scratch).assumingMemoryBound(to: Int16.self)
        let biased = UnsafeMutableRawPointer(rows).assumingMemoryBound(to: Int16.self)  // rows are read first
        for i in 0..<(5 * padded) { biased[i] = Int16(bitPattern: r16[i] ^ 0x8000) }
        median5FromRows(biased, padded, width, sorted, into: biased)
        let o16 = UnsafeMutableRawPointer(out).assumingMemoryBound(to: UInt16.self)
        for x in 0..<width { o16[x] = UInt16(bitPattern: biased[x]) ^ 0x8000 }
        return
    }
    median5FromRows(rows, padded, width, scratch, into: out)
}

/// The 5×5 median of five padded rows into `out` (which may be the first row: it is written
/// after the columns are sorted).
func median5FromRows<T: FixedWidthInteger>(
    _ rows: UnsafeMutablePointer<T>, _ padded: Int, _ width: Int, _ scratch: UnsafeMutablePointer<T>,
    into out: UnsafeMutablePointer<T>
) {
    // Sort every column of five into scratch rows s0 ≤ s1 ≤ … ≤ s4.
    let s0 = scratch, s1 = scratch + padded, s2 = scratch + 2 * padded, s3 = scratch + 3 * padded
    let s4 = scratch + 4 * padded
    for x in 0..<padded {
        var v0 = rows[x], v1 = rows[padded + x], v2 = rows[2 * padded + x]
        var v3 = rows[3 * padded + x], v4 = rows[4 * padded + x]
        sort5(&v0, &v1, &v2, &v3, &v4)
        s0[x] = v0
        s1[x] = v1
        s2[x] = v2
        s3[x] = v3
        s4[x] = v4
    }
    for x in 0..<width {
        // Rank rows across the five columns x ... x+4, each sorted: m[column][rank].
        var a0 = s0[x], b0 = s0[x + 1], c0 = s0[x + 2], d0 = s0[x + 3], e0 = s0[x + 4]
        var a1 = s1[x], b1 = s1[x + 1], c1 = s1[x + 2], d1 = s1[x + 3], e1 = s1[x + 4]
        var a2 = s2[x], b2 = s2[x + 1], c2 = s2[x + 2], d2 = s2[x + 3], e2 = s2[x + 4]
        var a3 = s3[x], b3 = s3[x + 1], c3 = s3[x + 2], d3 = s3[x + 3], e3 = s3[x + 4]
        var a4 = s4[x], b4 = s4[x + 1], c4 = s4[x + 2], d4 = s4[x + 3], e4 = s4[x + 4]
        sort5(&a0, &b0, &c0, &d0, &e0)
        sort5(&a1, &b1, &c1, &d1, &e1)
        sort5(&a2, &b2, &c2, &d2, &e2)
        sort5(&a3, &b3, &c3, &d3, &e3)
        sort5(&a4, &b4, &c4, &d4, &e4)
        // Candidates m[i][j] (i: position after the rank sort a…e, j: rank 0…4) with at most 12
        // elements certainly below and at most 12 certainly above.
        out[x] = median13(a3, a4, b2, b3, b4, c1, c2, c3, d0, d1, d2, e0, e1)
    }
}

/// Sorts five values (the optimal 9-comparator network).
@inline(__always)
func sort5<P: FixedWidthInteger>(_ v0: inout P, _ v1: inout P, _ v2: inout P, _ v3: inout P, _ v4: inout P) {
    exchange(&v0, &v1)
    exchange(&v3, &v4)
    exchange(&v2, &v4)
    exchange(&v2, &v3)
    exchange(&v1, &v4)
    exchange(&v0, &v3)
    exchange(&v0, &v2)
    exchange(&v1, &v3)
    exchange(&v1, &v2)
}

/// The median of 13 values by forgetful selection: keep 8, drop the smallest and the largest,
/// take the next, until three remain.
@inline(__always)
func median13<P: FixedWidthInteger>(
    _ v0: P, _ v1: P, _ v2: P, _ v3: P, _ v4: P, _ v5: P, _ v6: P, _ v7: P, _ v8: P, _ v9: P, _ v10: P,
    _ v11: P, _ v12: P
) -> P {
    var a = v0, b = v1, c = v2, d = v3, e = v4, f = v5, g = v6, h = v7
    // 8 values: the maximum bubbles to h, the minimum to a.
    exchange(&a, &b); exchange(&b, &c); exchange(&c, &d); exchange(&d, &e); exchange(&e, &f); exchange(&f, &g)
    exchange(&g, &h)
    exchange(&f, &g); exchange(&e, &f); exchange(&d, &e); exchange(&c, &d); exchange(&b, &c); exchange(&a, &b)
    // Keep b…g, add v8: 7 values b…g, h.
    h = v8
    exchange(&b, &c); exchange(&c, &d); exchange(&d, &e); exchange(&e, &f); exchange(&f, &g); exchange(&g, &h)
    exchange(&f, &g); exchange(&e, &f); exchange(&d, &e); exchange(&c, &d); exchange(&b, &c)
    // Keep c…g, add v9 as h: 6 values.
    h = v9
    exchange(&c, &d); exchange(&d, &e); exchange(&e, &f); exchange(&f, &g); exchange(&g, &h)
    exchange(&f, &g); exchange(&e, &f); exchange(&d, &e); exchange(&c, &d)
    // Keep d…g, add v10: 5 values d…h.
    h = v10
    exchange(&d, &e); exchange(&e, &f); exchange(&f, &g); exchange(&g, &h)
    exchange(&f, &g); exchange(&e, &f); exchange(&d, &e)
    // Keep e…g, add v11: 4 values e…h.
    h = v11
    exchange(&e, &f); exchange(&f, &g); exchange(&g, &h)
    exchange(&f, &g); exchange(&e, &f)
    // Keep f, g, add v12.
    return median3(f, g, v12)
}

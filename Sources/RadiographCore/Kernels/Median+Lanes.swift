/// The median filters' row kernels on whole SIMD vectors of pixels (8 × 16-bit or 16 × 8-bit lanes,
/// one SSE2 register on x86-64's baseline), for rows at least one vector wide.
///
/// Each output row takes two passes over an L1-sized scratch:
/// 1. every column of the window (3 or 5 source rows) is sorted by a min/max network, lane-wise, and
///    the sorted ranks are stored as rows with the border columns replicated around them;
/// 2. each output vector combines the sorted ranks of its neighbouring columns, loaded at offsets
///    0…k−1 (unaligned loads), and stores the median.
/// Sorting the columns once and reading them back is cheaper than sorting them again for each of
/// the `k` output positions that share them.
///
/// Lanes are compared as signed 16-bit (`pminsw`/`pmaxsw`) or unsigned 8-bit (`pminub`/`pmaxub`)
/// values, the two kinds SSE2 has: unsigned 16-bit pixels are flipped into signed order by XOR
/// 0x8000 on the way in and flipped back on the way out (`flip`; zero for the other types).
/// Only bitwise operations and integer min/max are used on the vectors: no lane conversions, which
/// the standard library would do lane by lane.

/// Loads the vector starting `index` scalars after `base` (any alignment).
@inline(__always)
func loadLanes<V: SIMD>(_ base: UnsafeRawPointer, _ index: Int) -> V {
    base.loadUnaligned(fromByteOffset: index &* MemoryLayout<V.Scalar>.stride, as: V.self)
}

/// Stores `v` starting `index` scalars after `base` (any alignment).
@inline(__always)
func storeLanes<V: SIMD>(_ v: V, _ base: UnsafeMutableRawPointer, _ index: Int) {
    base.storeBytes(of: v, toByteOffset: index &* MemoryLayout<V.Scalar>.stride, as: V.self)
}

/// Sorts `a`, `b` lane-wise.
@inline(__always)
func exchangeLanes<V: SIMD>(_ a: inout V, _ b: inout V) where V.Scalar: Comparable {
    let lo = pointwiseMin(a, b)
    b = pointwiseMax(a, b)
    a = lo
}

/// The lane-wise median of three.
@inline(__always)
func median3Lanes<V: SIMD>(_ a: V, _ b: V, _ c: V) -> V where V.Scalar: Comparable {
    pointwiseMax(pointwiseMin(a, b), pointwiseMin(pointwiseMax(a, b), c))
}

/// Calls `body` with the starting column of every vector of a row `width` wide (`width` ≥ the lane
/// count); the last vector is shifted left to end at the row's end (overlapping its predecessor).
@inline(__always)
func forEachVector(width: Int, lanes: Int, _ body: (Int) -> Void) {
    var x = 0
    let last = width - lanes
    while x < last {
        body(x)
        x &+= lanes
    }
    body(last)
}

/// One output row of the 3×3 median from source rows `a`, `b`, `c` (already clamped to the image),
/// `width` ≥ `V.scalarCount` pixels. `scratch` holds `3 * (width + 2)` scalars.
@inline(__always)
func median3RowLanes<V: SIMD>(
    _ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ c: UnsafeRawPointer, width: Int, flip: V,
    scratch: UnsafeMutableRawPointer, into out: UnsafeMutableRawPointer
) where V.Scalar: FixedWidthInteger {
    let pitch = width + 2
    let stride = MemoryLayout<V.Scalar>.stride
    let lo = scratch
    let mid = scratch + pitch * stride
    let hi = scratch + 2 * pitch * stride
    // Pass 1: sorted columns, at scratch column x + 1.
    forEachVector(width: width, lanes: V.scalarCount) { x in
        var p: V = loadLanes(a, x) ^ flip
        var q: V = loadLanes(b, x) ^ flip
        var s: V = loadLanes(c, x) ^ flip
        exchangeLanes(&p, &q)
        exchangeLanes(&q, &s)
        exchangeLanes(&p, &q)
        storeLanes(p, lo, x + 1)
        storeLanes(q, mid, x + 1)
        storeLanes(s, hi, x + 1)
    }
    for rank in 0..<3 {
        let r = (scratch + rank * pitch * stride).assumingMemoryBound(to: V.Scalar.self)
        r[0] = r[1]
        r[width + 1] = r[width]
    }
    let (l, m, h) = (UnsafeRawPointer(lo), UnsafeRawPointer(mid), UnsafeRawPointer(hi))
    median3CombineLanes(
        (l, l + stride, l + 2 * stride), (m, m + stride, m + 2 * stride), (h, h + stride, h + 2 * stride),
        width: width, flip: flip, into: out)
}

/// Output rows `y` and `y + 1` of the 3×3 median from source rows `a`…`d` (rows y − 1 … y + 2,
/// clamped), `width` ≥ `V.scalarCount`. The two windows share rows `b` and `c`, which are sorted
/// once as a pair; adding `a` (or `d`) to that sorted pair takes four min/max, so both rows' sorted
/// columns cost 10 operations instead of 12. `scratch` holds `6 * (width + 2)` scalars.
@inline(__always)
func median3RowPairLanes<V: SIMD>(
    _ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ c: UnsafeRawPointer, _ d: UnsafeRawPointer, width: Int,
    flip: V, scratch: UnsafeMutableRawPointer, into out: (UnsafeMutableRawPointer, UnsafeMutableRawPointer)
) where V.Scalar: FixedWidthInteger {
    let pitch = width + 2
    let stride = MemoryLayout<V.Scalar>.stride
    let rank = { (k: Int) in scratch + k * pitch * stride }
    let (lo0, mid0, hi0, lo1, mid1, hi1) = (rank(0), rank(1), rank(2), rank(3), rank(4), rank(5))
    // Pass 1: both rows' sorted columns, at scratch column x + 1.
    forEachVector(width: width, lanes: V.scalarCount) { x in
        let p: V = loadLanes(a, x) ^ flip
        let s: V = loadLanes(d, x) ^ flip
        var q: V = loadLanes(b, x) ^ flip
        var r: V = loadLanes(c, x) ^ flip
        exchangeLanes(&q, &r)
        storeLanes(pointwiseMin(p, q), lo0, x + 1)
        storeLanes(pointwiseMax(q, pointwiseMin(p, r)), mid0, x + 1)
        storeLanes(pointwiseMax(p, r), hi0, x + 1)
        storeLanes(pointwiseMin(s, q), lo1, x + 1)
        storeLanes(pointwiseMax(q, pointwiseMin(s, r)), mid1, x + 1)
        storeLanes(pointwiseMax(s, r), hi1, x + 1)
    }
    for k in 0..<6 {
        let r = rank(k).assumingMemoryBound(to: V.Scalar.self)
        r[0] = r[1]
        r[width + 1] = r[width]
    }
    @inline(__always) func combine(_ base: Int, into o: UnsafeMutableRawPointer) {
        let (l, m, h) = (
            UnsafeRawPointer(rank(base)), UnsafeRawPointer(rank(base + 1)), UnsafeRawPointer(rank(base + 2))
        )
        median3CombineLanes(
            (l, l + stride, l + 2 * stride), (m, m + stride, m + 2 * stride), (h, h + stride, h + 2 * stride),
            width: width, flip: flip, into: o)
    }
    combine(0, into: out.0)
    combine(3, into: out.1)
}

/// Pass 2 of the 3×3 median: the median of nine is the median of (the largest column minimum, the
/// median of the column medians, the smallest column maximum), from the sorted ranks at columns
/// x − 1, x, x + 1 (`lo.0`, `lo.1`, `lo.2`, …).
///
/// Not inlined on purpose: given `lo + 1` and `lo + 2` visibly, LLVM replaces the overlapping
/// unaligned loads by one load and word shuffles, which is slower on SSE2 than the loads.
@inline(never)
func median3CombineLanes<V: SIMD>(
    _ lo: (UnsafeRawPointer, UnsafeRawPointer, UnsafeRawPointer),
    _ mid: (UnsafeRawPointer, UnsafeRawPointer, UnsafeRawPointer),
    _ hi: (UnsafeRawPointer, UnsafeRawPointer, UnsafeRawPointer), width: Int, flip: V,
    into out: UnsafeMutableRawPointer
) where V.Scalar: FixedWidthInteger {
    forEachVector(width: width, lanes: V.scalarCount) { x in
        let maxLo = pointwiseMax(pointwiseMax(loadLanes(lo.0, x) as V, loadLanes(lo.1, x)), loadLanes(lo.2, x))
        let minHi = pointwiseMin(pointwiseMin(loadLanes(hi.0, x) as V, loadLanes(hi.1, x)), loadLanes(hi.2, x))
        let medMid = median3Lanes(loadLanes(mid.0, x) as V, loadLanes(mid.1, x), loadLanes(mid.2, x))
        storeLanes(median3Lanes(maxLo, medMid, minHi) ^ flip, out, x)
    }
}

/// One output row of the 5×5 median from source rows `rows` (already clamped to the image),
/// `width` ≥ `V.scalarCount` pixels. `scratch` holds `5 * (width + 4)` scalars.
@inline(__always)
func median5RowLanes<V: SIMD>(
    _ rows: (UnsafeRawPointer, UnsafeRawPointer, UnsafeRawPointer, UnsafeRawPointer, UnsafeRawPointer),
    width: Int, flip: V, scratch: UnsafeMutableRawPointer, into out: UnsafeMutableRawPointer
) where V.Scalar: FixedWidthInteger {
    let pitch = width + 4
    let step = pitch * MemoryLayout<V.Scalar>.stride
    let s0 = scratch, s1 = scratch + step, s2 = scratch + 2 * step, s3 = scratch + 3 * step
    let s4 = scratch + 4 * step
    // Pass 1: sorted columns, at scratch column x + 2.
    forEachVector(width: width, lanes: V.scalarCount) { x in
        var v0: V = loadLanes(rows.0, x) ^ flip
        var v1: V = loadLanes(rows.1, x) ^ flip
        var v2: V = loadLanes(rows.2, x) ^ flip
        var v3: V = loadLanes(rows.3, x) ^ flip
        var v4: V = loadLanes(rows.4, x) ^ flip
        sort5Lanes(&v0, &v1, &v2, &v3, &v4)
        storeLanes(v0, s0, x + 2)
        storeLanes(v1, s1, x + 2)
        storeLanes(v2, s2, x + 2)
        storeLanes(v3, s3, x + 2)
        storeLanes(v4, s4, x + 2)
    }
    for rank in 0..<5 {
        let r = (scratch + rank * step).assumingMemoryBound(to: V.Scalar.self)
        r[0] = r[2]
        r[1] = r[2]
        r[width + 2] = r[width + 1]
        r[width + 3] = r[width + 1]
    }
    let step0 = UnsafeRawPointer(s0)
    median5CombineLanes(
        (step0, step0 + step, step0 + 2 * step, step0 + 3 * step, step0 + 4 * step), width: width, flip: flip,
        into: out)
}

/// Pass 2 of the 5×5 median: the median of the 25 values around each column from the five sorted
/// ranks (`Median+Network.swift`). Kept out of line like `median3CombineLanes`.
@inline(never)
func median5CombineLanes<V: SIMD>(
    _ s: (UnsafeRawPointer, UnsafeRawPointer, UnsafeRawPointer, UnsafeRawPointer, UnsafeRawPointer), width: Int,
    flip: V, into out: UnsafeMutableRawPointer
) where V.Scalar: FixedWidthInteger {
    forEachVector(width: width, lanes: V.scalarCount) { x in
        storeLanes((median25SortedColumnsLanes(s, x) as V) ^ flip, out, x)
    }
}

/// `sort5` lane-wise (the optimal 9-comparator network).
@inline(__always)
func sort5Lanes<V: SIMD>(_ v0: inout V, _ v1: inout V, _ v2: inout V, _ v3: inout V, _ v4: inout V)
where V.Scalar: Comparable {
    exchangeLanes(&v0, &v1)
    exchangeLanes(&v3, &v4)
    exchangeLanes(&v2, &v4)
    exchangeLanes(&v2, &v3)
    exchangeLanes(&v1, &v4)
    exchangeLanes(&v0, &v3)
    exchangeLanes(&v0, &v2)
    exchangeLanes(&v1, &v3)
    exchangeLanes(&v1, &v2)
}

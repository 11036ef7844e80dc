#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A point in image pixel coordinates for drawing (x to the right, y down; the pixel (i, j)
/// covers `[i, i+1) × [j, j+1)`).
public struct DrawPoint: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// Anti-aliased coverage of closed polygons, by exact signed-area accumulation (the method of
/// font rasterizers: each edge adds the area it sweeps to an accumulation row; a running sum then
/// gives each pixel's coverage). Contours combine by the non-zero winding rule with coverage
/// clamped to 1, so overlapping parts of one shape are not drawn twice and a contour wound the
/// other way cuts a hole.
///
/// Each row remembers the columns its edges touched: closed contours sum to zero along a row, so
/// nothing outside that span is covered, and painting and clearing cost the shape's outline, not
/// the image. One coverage serves a whole drawing: add a shape's contours, paint, ``clear()``,
/// go on with the next shape.
public struct Coverage: Sendable {
    /// The region's size (the whole image's for ``init(width:height:)``).
    public let width: Int
    public let height: Int
    /// Where the region's top-left pixel is in the image it paints into.
    public let originX: Int
    public let originY: Int
    /// Accumulated signed areas, `width + 2` per row.
    var accumulation: [Float]
    /// The first and last accumulation column each row's edges touched (low > high: none).
    var spanLow: [Int32]
    var spanHigh: [Int32]
    /// Rows touched since the last clear (empty when lower > upper).
    var rowsLow: Int
    var rowsHigh: Int

    public init(width: Int, height: Int) {
        self.init(x: 0, y: 0, width: width, height: height)
    }

    /// A coverage of the region `width × height` at (`x`, `y`) of an image: shapes are given in
    /// the image's coordinates and only the region is drawn (what lies outside it is clipped).
    public init(x: Int, y: Int, width: Int, height: Int) {
        precondition(width >= 1 && height >= 1, "Coverage: empty size \(width)x\(height)")
        originX = x
        originY = y
        self.width = width
        self.height = height
        accumulation = [Float](repeating: 0, count: (width + 2) * height)
        spanLow = [Int32](repeating: Int32.max, count: height)
        spanHigh = [Int32](repeating: -1, count: height)
        rowsLow = height
        rowsHigh = -1
    }

    /// The smallest coverage of a `imageWidth × imageHeight` image that holds every point of
    /// `contours` (nil when they lie outside the image): drawing a mark then costs its size,
    /// not the image's.
    public static func covering(_ contours: [[DrawPoint]], imageWidth: Int, imageHeight: Int) -> Coverage? {
        var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
        for contour in contours {
            for p in contour where p.x.isFinite && p.y.isFinite {
                x0 = min(x0, p.x)
                y0 = min(y0, p.y)
                x1 = max(x1, p.x)
                y1 = max(y1, p.y)
            }
        }
        guard x0 <= x1, y0 <= y1 else { return nil }
        let left = max(0, Int(max(x0, -1).rounded(.down))), top = max(0, Int(max(y0, -1).rounded(.down)))
        let right = min(imageWidth, Int(min(x1, Double(imageWidth) + 1).rounded(.up)))
        let bottom = min(imageHeight, Int(min(y1, Double(imageHeight) + 1).rounded(.up)))
        guard left < right, top < bottom else { return nil }
        return Coverage(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// True when nothing was added since the last clear.
    public var isEmpty: Bool { rowsLow > rowsHigh }

    /// Adds the closed polygon through `points` (its last point joins its first).
    public mutating func add(polygon points: [DrawPoint]) {
        guard points.count >= 3 else { return }
        let dx = Double(originX), dy = Double(originY)
        for i in points.indices {
            let p = points[i], q = points[(i + 1) % points.count]
            addEdge(DrawPoint(p.x - dx, p.y - dy), DrawPoint(q.x - dx, q.y - dy))
        }
    }

    /// Adds every contour (as ``add(polygon:)``).
    public mutating func add(contours: [[DrawPoint]]) {
        for contour in contours { add(polygon: contour) }
    }

    /// Forgets every shape added (only the touched spans are written).
    public mutating func clear() {
        guard rowsLow <= rowsHigh else { return }
        let stride = width + 2
        for row in rowsLow...rowsHigh where spanLow[row] <= spanHigh[row] {
            let line = row * stride
            for x in Int(spanLow[row])...Int(spanHigh[row]) { accumulation[line + x] = 0 }
            spanLow[row] = Int32.max
            spanHigh[row] = -1
        }
        rowsLow = height
        rowsHigh = -1
    }

    /// Splits the edge where it crosses x = 0 and x = width: the parts outside become vertical
    /// edges on the border, which leaves the winding every pixel inside sees unchanged.
    mutating func addEdge(_ p: DrawPoint, _ q: DrawPoint) {
        guard p.x.isFinite, p.y.isFinite, q.x.isFinite, q.y.isFinite else { return }
        let w = Double(width)
        if p.x >= 0 && q.x >= 0 && p.x <= w && q.x <= w {
            addClippedEdge(p, q)
            return
        }
        var cuts: [Double] = [0, 1]
        for border in [0, w] where (p.x - border) * (q.x - border) < 0 {
            cuts.append((border - p.x) / (q.x - p.x))
        }
        cuts.sort()
        for (t0, t1) in zip(cuts, cuts.dropFirst()) where t1 > t0 {
            addClippedEdge(
                DrawPoint(p.x + (q.x - p.x) * t0, p.y + (q.y - p.y) * t0),
                DrawPoint(p.x + (q.x - p.x) * t1, p.y + (q.y - p.y) * t1))
        }
    }

    mutating func addClippedEdge(_ p: DrawPoint, _ q: DrawPoint) {
        let w = Double(width)
        var a = (x: min(max(p.x, 0), w), y: p.y)
        var b = (x: min(max(q.x, 0), w), y: q.y)
        if a.y == b.y { return }
        var direction: Float = 1
        if a.y > b.y {
            swap(&a, &b)
            direction = -1
        }
        let dxdy = (b.x - a.x) / (b.y - a.y)
        let rowStart = max(0, Int(a.y.rounded(.down)))
        let rowEnd = min(height, Int(b.y.rounded(.up)))
        guard rowStart < rowEnd else { return }
        rowsLow = min(rowsLow, rowStart)
        rowsHigh = max(rowsHigh, rowEnd - 1)
        let stride = width + 2
        let last = width + 1
        accumulation.withUnsafeMutableBufferPointer { acc in
            spanLow.withUnsafeMutableBufferPointer { lows in
                spanHigh.withUnsafeMutableBufferPointer { highs in
                    var x = a.x + (max(a.y, Double(rowStart)) - a.y) * dxdy
                    for row in rowStart..<rowEnd {
                        let top = max(Double(row), a.y)
                        let bottom = min(Double(row + 1), b.y)
                        let dy = bottom - top
                        let xNext = x + dxdy * dy
                        let d = Float(dy) * direction
                        let (x0, x1) = x < xNext ? (x, xNext) : (xNext, x)
                        let line = row * stride
                        let x0Floor = x0.rounded(.down)
                        let i0 = min(Int(x0Floor), width)
                        let x1Ceil = x1.rounded(.up)
                        let i1 = min(Int(x1Ceil), last)
                        lows[row] = min(lows[row], Int32(i0))
                        highs[row] = max(highs[row], Int32(max(i1, i0 + 1)))
                        if i1 <= i0 + 1 {
                            // The edge stays within one column in this row.
                            let mid = Float(0.5 * (x + xNext) - x0Floor)
                            acc[line + i0] += d - d * mid
                            acc[line + i0 + 1] += d * mid
                        } else {
                            let s = Float(1 / (x1 - x0))
                            let f0 = Float(x0 - x0Floor)
                            let a0 = 0.5 * s * (1 - f0) * (1 - f0)
                            let f1 = Float(x1 - x1Ceil + 1)
                            let am = 0.5 * s * f1 * f1
                            acc[line + i0] += d * a0
                            if i1 == i0 + 2 {
                                acc[line + i0 + 1] += d * (1 - a0 - am)
                            } else {
                                let a1 = s * (1.5 - f0)
                                acc[line + i0 + 1] += d * (a1 - a0)
                                for i in (i0 + 2)..<(i1 - 1) { acc[line + i] += d * s }
                                let a2 = a1 + Float(i1 - i0 - 3) * s
                                acc[line + i1 - 1] += d * (1 - a2 - am)
                            }
                            acc[line + i1] += d * am
                        }
                        x = xNext
                    }
                }
            }
        }
    }

    /// Calls `body` for each row's covered span with the first column and each pixel's coverage
    /// (0…1) times `alpha`; pixels outside the spans are not covered.
    func forEachSpan(alpha: Float, _ body: (_ row: Int, _ x0: Int, _ coverage: UnsafeBufferPointer<Float>) -> Void) {
        guard rowsLow <= rowsHigh else { return }
        var scratch = [Float](repeating: 0, count: width + 2)
        let stride = width + 2
        accumulation.withUnsafeBufferPointer { acc in
            scratch.withUnsafeMutableBufferPointer { cov in
                for row in rowsLow...rowsHigh where spanLow[row] <= spanHigh[row] {
                    let x0 = Int(spanLow[row])
                    let x1 = min(Int(spanHigh[row]), width - 1)
                    guard x0 <= x1 else { continue }
                    let line = row * stride
                    var sum: Float = 0
                    for x in x0...x1 {
                        sum += acc[line + x]
                        cov[x - x0] = min(abs(sum), 1) * alpha
                    }
                    body(row, x0, UnsafeBufferPointer(rebasing: cov[0..<(x1 - x0 + 1)]))
                }
            }
        }
    }

    func checkFits(_ imageWidth: Int, _ imageHeight: Int) {
        precondition(
            originX >= 0 && originY >= 0 && originX + width <= imageWidth && originY + height <= imageHeight,
            "coverage \(width)x\(height) at (\(originX), \(originY)) outside a \(imageWidth)x\(imageHeight) image")
    }

    /// Blends `value` into `image` with `opacity` times each pixel's coverage.
    public func paint(_ value: UInt8, opacity: Double = 1, into image: inout GrayImage<UInt8>) {
        checkFits(image.width, image.height)
        let imageWidth = image.width, ox = originX, oy = originY
        image.withUnsafeMutableBufferPointer { dst in
            forEachSpan(alpha: Float(min(max(opacity, 0), 1))) { row, x0, cov in
                blendRow(dst.baseAddress! + (row + oy) * imageWidth + x0 + ox, stride: 1, value, cov)
            }
        }
    }

    /// Blends `colour` into `image` with `opacity` times each pixel's coverage.
    public func paint(_ colour: RGBColor, opacity: Double = 1, into image: inout RGBImage) {
        checkFits(image.width, image.height)
        let imageWidth = image.width, ox = originX, oy = originY
        image.withUnsafeMutableBufferPointer { dst in
            forEachSpan(alpha: Float(min(max(opacity, 0), 1))) { row, x0, cov in
                let start = dst.baseAddress! + 3 * ((row + oy) * imageWidth + x0 + ox)
                blendRow(start, stride: 3, colour.red, cov)
                blendRow(start + 1, stride: 3, colour.green, cov)
                blendRow(start + 2, stride: 3, colour.blue, cov)
            }
        }
    }

    /// Each pixel's coverage, 0…1, over the region (for tests and custom blending).
    public var values: [Float] {
        var out = [Float](repeating: 0, count: width * height)
        forEachSpan(alpha: 1) { row, x0, cov in
            for i in cov.indices { out[row * width + x0 + i] = cov[i] }
        }
        return out
    }
}

/// `pixel = pixel + (value − pixel) · c`, rounded, over a span (a trap-free loop the compiler
/// vectorises when `stride` is 1).
@inline(__always)
func blendRow(_ pixels: UnsafeMutablePointer<UInt8>, stride: Int, _ value: UInt8, _ coverage: UnsafeBufferPointer<Float>) {
    let v = Float(value)
    for i in 0..<coverage.count {
        let old = Float(pixels[i &* stride])
        let mixed = old + (v - old) * coverage[i]
        // Coverage is within 0…1, so `mixed` is within 0…255: adding 0.5 and truncating rounds it.
        pixels[i &* stride] = UInt8(truncatingIfNeeded: Int32(mixed + 0.5))
    }
}

/// An 8-bit coverage mask (a glyph run, a halo): `values` row-major, 0 (none) to 255 (full).
public struct AlphaMask: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public let values: [UInt8]

    public init(width: Int, height: Int, values: [UInt8]) {
        precondition(width >= 0 && height >= 0 && values.count == width * height, "AlphaMask: \(values.count) for \(width)x\(height)")
        self.width = width
        self.height = height
        self.values = values
    }

    /// Blends `value` into `image` with the mask's top-left corner at (`x`, `y`); the parts
    /// outside the image are skipped.
    public func paint(_ value: UInt8, opacity: Double = 1, at x: Int, _ y: Int, into image: inout GrayImage<UInt8>) {
        let imageWidth = image.width
        image.withUnsafeMutableBufferPointer { dst in
            forEachRow(opacity: opacity, x: x, y: y, imageWidth: imageWidth, imageHeight: dst.count / imageWidth) {
                row, column, cov in
                blendRow(dst.baseAddress! + row * imageWidth + column, stride: 1, value, cov)
            }
        }
    }

    /// Blends `colour` into `image` with the mask's top-left corner at (`x`, `y`).
    public func paint(_ colour: RGBColor, opacity: Double = 1, at x: Int, _ y: Int, into image: inout RGBImage) {
        let imageWidth = image.width, imageHeight = image.height
        image.withUnsafeMutableBufferPointer { dst in
            forEachRow(opacity: opacity, x: x, y: y, imageWidth: imageWidth, imageHeight: imageHeight) {
                row, column, cov in
                let start = dst.baseAddress! + 3 * (row * imageWidth + column)
                blendRow(start, stride: 3, colour.red, cov)
                blendRow(start + 1, stride: 3, colour.green, cov)
                blendRow(start + 2, stride: 3, colour.blue, cov)
            }
        }
    }

    func forEachRow(
        opacity: Double, x: Int, y: Int, imageWidth: Int, imageHeight: Int,
        _ body: (_ row: Int, _ column: Int, _ coverage: UnsafeBufferPointer<Float>) -> Void
    ) {
        let left = max(0, -x), right = min(width, imageWidth - x)
        let top = max(0, -y), bottom = min(height, imageHeight - y)
        guard left < right, top < bottom else { return }
        let alpha = Float(min(max(opacity, 0), 1)) / 255
        var scratch = [Float](repeating: 0, count: right - left)
        scratch.withUnsafeMutableBufferPointer { cov in
            values.withUnsafeBufferPointer { mask in
                for j in top..<bottom {
                    let line = j * width
                    for i in left..<right { cov[i - left] = Float(mask[line + i]) * alpha }
                    body(y + j, x + left, UnsafeBufferPointer(cov))
                }
            }
        }
    }
}

/// Shapes as polygons for ``Coverage``: thick lines, polylines with round joins, arrowheads,
/// ellipses (filled or as rings), arcs.
public enum ShapeOutline {
    /// The rectangle around segment `a`–`b`, `width` wide (butt ends), wound counter-clockwise.
    public static func segment(_ a: DrawPoint, _ b: DrawPoint, width: Double) -> [DrawPoint] {
        let dx = b.x - a.x, dy = b.y - a.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0 else { return [] }
        let nx = -dy / length * width / 2, ny = dx / length * width / 2
        return oriented([
            DrawPoint(a.x + nx, a.y + ny), DrawPoint(b.x + nx, b.y + ny), DrawPoint(b.x - nx, b.y - ny),
            DrawPoint(a.x - nx, a.y - ny),
        ])
    }

    /// A polygon approximating the ellipse with radii `rx`, `ry` around `c`, of the same area, wound
    /// counter-clockwise (`clockwise` for a hole). Enough vertices for a 0.05-px error.
    public static func ellipse(center c: DrawPoint, rx: Double, ry: Double, clockwise: Bool = false) -> [DrawPoint] {
        let r = max(rx, ry)
        guard r > 0 else { return [] }
        let n = max(12, Int((Double.pi / acos(max(-1, 1 - 0.05 / r))).rounded(.up)))
        // Vertices slightly outside the ellipse, so that the polygon's area is the ellipse's.
        let step = 2 * Double.pi / Double(n)
        let grow = (step / sin(step)).squareRoot()
        let points = (0..<n).map { i -> DrawPoint in
            let t = step * Double(i)
            return DrawPoint(c.x + rx * grow * cos(t), c.y + ry * grow * sin(t))
        }
        return clockwise ? oriented(points).reversed() : oriented(points)
    }

    /// The arc of the circle around `c` from angle `start` to `end` (radians), `width` thick.
    public static func arc(center c: DrawPoint, radius: Double, from start: Double, to end: Double, width: Double) -> [[DrawPoint]] {
        let steps = max(2, Int((abs(end - start) * radius / 2).rounded(.up)))
        let points = (0...steps).map { i -> DrawPoint in
            let t = start + (end - start) * Double(i) / Double(steps)
            return DrawPoint(c.x + radius * cos(t), c.y + radius * sin(t))
        }
        return polyline(points, width: width)
    }

    /// Segments of a polyline with round joins (a disc at every inner vertex).
    public static func polyline(_ points: [DrawPoint], width: Double) -> [[DrawPoint]] {
        var contours: [[DrawPoint]] = []
        for (a, b) in zip(points, points.dropFirst()) {
            let s = segment(a, b, width: width)
            if !s.isEmpty { contours.append(s) }
        }
        if points.count > 2 {
            for p in points.dropFirst().dropLast() { contours.append(ellipse(center: p, rx: width / 2, ry: width / 2)) }
        }
        return contours
    }

    /// A line from `a` to `b` ending in a filled arrowhead at `b` (head length 4× the width, at
    /// least 8 px).
    public static func arrow(from a: DrawPoint, to b: DrawPoint, width: Double) -> [[DrawPoint]] {
        let dx = b.x - a.x, dy = b.y - a.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0 else { return [] }
        let head = min(max(4 * width, 8), length)
        let ux = dx / length, uy = dy / length
        let base = DrawPoint(b.x - ux * head, b.y - uy * head)
        let half = head * 0.45
        let tip = [b, DrawPoint(base.x - uy * half, base.y + ux * half), DrawPoint(base.x + uy * half, base.y - ux * half)]
        return [segment(a, base, width: width), oriented(tip)].filter { !$0.isEmpty }
    }

    /// `points` wound counter-clockwise in image coordinates (positive shoelace area with y down).
    static func oriented(_ points: [DrawPoint]) -> [DrawPoint] {
        var twice = 0.0
        for i in points.indices {
            let p = points[i], q = points[(i + 1) % points.count]
            twice += p.x * q.y - q.x * p.y
        }
        return twice < 0 ? points.reversed() : points
    }
}

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
public struct Coverage: Sendable {
    public let width: Int
    public let height: Int
    /// Accumulated signed areas, `width + 2` per row.
    var accumulation: [Float]

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        accumulation = [Float](repeating: 0, count: (width + 2) * height)
    }

    /// Adds the closed polygon through `points` (its last point joins its first).
    public mutating func add(polygon points: [DrawPoint]) {
        guard points.count >= 3 else { return }
        for i in points.indices {
            addEdge(points[i], points[(i + 1) % points.count])
        }
    }

    /// Splits the edge where it crosses x = 0 and x = width: the parts outside become vertical
    /// edges on the border, which leaves the winding every pixel inside sees unchanged.
    mutating func addEdge(_ p: DrawPoint, _ q: DrawPoint) {
        guard p.x.isFinite, p.y.isFinite, q.x.isFinite, q.y.isFinite else { return }
        var cuts: [Double] = [0, 1]
        for border in [0, Double(width)] where (p.x - border) * (q.x - border) < 0 {
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
        let stride = width + 2
        accumulation.withUnsafeMutableBufferPointer { acc in
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
                let i0 = Int(x0Floor)
                let x1Ceil = x1.rounded(.up)
                let i1 = Int(x1Ceil)
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

    /// Blends `value` into `image` with `opacity` times each pixel's coverage.
    public func paint(_ value: UInt8, opacity: Double = 1, into image: inout GrayImage<UInt8>) {
        precondition(image.width == width && image.height == height, "coverage \(width)x\(height) for \(image)")
        let alpha = Float(min(max(opacity, 0), 1))
        let v = Float(value)
        let width = self.width
        accumulation.withUnsafeBufferPointer { acc in
            image.withUnsafeMutableBufferPointer { dst in
                for row in 0..<height {
                    var sum: Float = 0
                    let line = row * (width + 2)
                    let out = row * width
                    for x in 0..<width {
                        sum += acc[line + x]
                        let c = min(abs(sum), 1) * alpha
                        if c > 0 {
                            let old = Float(dst[out + x])
                            dst[out + x] = UInt8(truncatingIfNeeded: roundClamped(old + (v - old) * c, 255))
                        }
                    }
                }
            }
        }
    }

    /// Each pixel's coverage, 0…1 (for tests and custom blending).
    public var values: [Float] {
        var out = [Float](repeating: 0, count: width * height)
        for row in 0..<height {
            var sum: Float = 0
            for x in 0..<width {
                sum += accumulation[row * (width + 2) + x]
                out[row * width + x] = min(abs(sum), 1)
            }
        }
        return out
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

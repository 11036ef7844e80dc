#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RadiographCore

/// How a text's box sits on its anchor point.
public struct TextPlacement: Sendable, Hashable {
    public enum Horizontal: Sendable, Hashable { case left, centre, right }
    public enum Vertical: Sendable, Hashable { case top, middle, bottom }
    public var horizontal: Horizontal
    public var vertical: Vertical

    public init(_ horizontal: Horizontal, _ vertical: Vertical) {
        self.horizontal = horizontal
        self.vertical = vertical
    }

    /// The placement that keeps a label on the side of `anchor` that `direction` points to
    /// (a unit vector in image coordinates, y down), clear of the mark.
    static func away(along direction: (x: Double, y: Double)) -> TextPlacement {
        let h: Horizontal = direction.x > 0.38 ? .left : (direction.x < -0.38 ? .right : .centre)
        let v: Vertical = direction.y > 0.38 ? .top : (direction.y < -0.38 ? .bottom : .middle)
        return TextPlacement(h, v)
    }
}

/// One thing to draw for an annotation: filled contours (strokes are thin polygons), or text.
public enum DrawCommand: Sendable, Hashable {
    case fill([[DrawPoint]])
    case text(String, at: DrawPoint, placement: TextPlacement, size: Double)
}

/// Which notation tooth labels use.
public enum ToothNotation: String, Sendable, Hashable, Codable, CaseIterable {
    case fdi, universal, palmer

    public func label(_ tooth: Tooth) -> String {
        switch self {
        case .fdi: "\(tooth.fdi)"
        case .universal: tooth.universal
        case .palmer: tooth.palmer
        }
    }
}

/// Turns annotations into draw commands: the geometry of every mark kind and where its label and
/// measurement go. Pure and deterministic; the renderers and the presentation-state writer share it.
///
/// - text: the text's top-left corner at `at`.
/// - arrow: a shaft with a filled head at `to`; the label beyond the tail.
/// - ruler: the segment with end ticks across it (3× the width, at least 10 px); label and
///   length beside its middle. line: the segment; label and length beside its middle.
/// - angle: both arms from the vertex and an arc between them; the angle in degrees beside the arc.
/// - polyline, freehand: the path with round joins; its length after its last point.
/// - rectangle, ellipse, polygon: the outline (inside the given points for the rectangle and the
///   ellipse's box, centred on the edges for polygons); the area below.
/// - marker: a cross in a ring (6× the width, at least 12 px across); the label to its right.
/// - tooth: the tooth number in the chosen notation, centred on `at`, in a ring.
///
/// Labels read "label: measurement" (either alone when the other is missing).
public struct AnnotationLayout: Sendable {
    public var calibration: Calibration
    public var notation: ToothNotation
    /// Whether labels carry measurements (not when drawing a presentation state's graphics,
    /// whose texts already do).
    public var showsMeasurements: Bool

    public init(calibration: Calibration = .uncalibrated, notation: ToothNotation = .fdi, showsMeasurements: Bool = true) {
        self.calibration = calibration
        self.notation = notation
        self.showsMeasurements = showsMeasurements
    }

    /// What to draw for `annotation`. Labels measure `original` when given (the same mark before
    /// it was mapped onto a turned or resized display image: measurements belong to the stored
    /// image and its calibration), else `annotation` itself.
    public func commands(for annotation: Annotation, measuring original: Annotation? = nil) -> [DrawCommand] {
        let calibration = self.calibration
        let measured = original ?? annotation
        func length(_ fallback: [Point]) -> ImageMeasurement? {
            switch measured.shape {
            case .ruler(let a, let b), .line(let a, let b): try? calibration.length([a, b])
            case .polyline(let p), .freehand(let p): try? calibration.length(p)
            default: try? calibration.length(fallback)
            }
        }
        func area(_ fallback: [Point]) -> ImageMeasurement? {
            switch measured.shape {
            case .rectangle(let a, let b): try? calibration.area(polygon: [a, Point(x: b.x, y: a.y), b, Point(x: a.x, y: b.y)])
            case .ellipse(let a, let b): calibration.area(ellipseIn: a, b)
            case .polygon(let p): try? calibration.area(polygon: p)
            default: try? calibration.area(polygon: fallback)
            }
        }
        // Documents put pixel centres at integers (the pixel a viewer reports under the pointer);
        // the rasterizer puts pixel (i, j) over [i, i+1) × [j, j+1): `[x, y]` is drawn at (x + ½, y + ½).
        let annotation = annotation.mapped { Point(x: $0.x + 0.5, y: $0.y + 0.5) }
        let w = annotation.style.width
        let size = annotation.style.fontSize
        let gap = max(4, w * 2)
        var out: [DrawCommand] = []
        func label(_ measurement: ImageMeasurement?) -> String? {
            let parts = [annotation.label, showsMeasurements ? measurement?.description : nil].compactMap { $0 }.filter { !$0.isEmpty }
            return parts.isEmpty ? nil : parts.joined(separator: ": ")
        }
        func text(_ string: String?, at p: DrawPoint, _ placement: TextPlacement) {
            if let string { out.append(.text(string, at: p, placement: placement, size: size)) }
        }
        switch annotation.shape {
        case .text(let at, let string):
            text(string, at: DrawPoint(at), TextPlacement(.left, .top))
        case .arrow(let from, let to):
            out.append(.fill(ShapeOutline.arrow(from: DrawPoint(from), to: DrawPoint(to), width: w)))
            let u = unit(from: to, to: from)
            text(label(nil), at: DrawPoint(from.x + u.x * gap, from.y + u.y * gap), .away(along: u))
        case .ruler(let a, let b):
            let (p, q) = (DrawPoint(a), DrawPoint(b))
            out.append(.fill([ShapeOutline.segment(p, q, width: w)].filter { !$0.isEmpty }))
            let u = unit(from: a, to: b)
            let n = (x: -u.y, y: u.x)
            let tick = max(10, 3 * w) / 2
            for end in [p, q] where u.x != 0 || u.y != 0 {
                out.append(.fill([ShapeOutline.segment(
                    DrawPoint(end.x - n.x * tick, end.y - n.y * tick), DrawPoint(end.x + n.x * tick, end.y + n.y * tick),
                    width: w)]))
            }
            middleLabel(label(length([a, b])), a, b, offset: tick + gap, size: size, into: &out)
        case .line(let a, let b):
            out.append(.fill([ShapeOutline.segment(DrawPoint(a), DrawPoint(b), width: w)].filter { !$0.isEmpty }))
            middleLabel(label(length([a, b])), a, b, offset: w / 2 + gap, size: size, into: &out)
        case .angle(let a, let vertex, let b):
            let v = DrawPoint(vertex)
            out.append(.fill(ShapeOutline.polyline([DrawPoint(a), v, DrawPoint(b)], width: w)))
            let ua = unit(from: vertex, to: a), ub = unit(from: vertex, to: b)
            let armA = distance(vertex, a), armB = distance(vertex, b)
            let radius = max(8, min(60, 0.3 * min(armA, armB)))
            var start = atan2(ua.y, ua.x), end = atan2(ub.y, ub.x)
            // The arc between the arms, the short way round.
            if end - start > .pi { end -= 2 * .pi } else if start - end > .pi { start -= 2 * .pi }
            if armA > 0, armB > 0 {
                out.append(.fill(ShapeOutline.arc(center: v, radius: radius, from: start, to: end, width: max(1, w / 2))))
            }
            let mid = (start + end) / 2
            let bis = (x: cos(mid), y: sin(mid))
            let r = radius + gap
            var degrees = try? calibration.angle(a, vertex: vertex, b)
            if case .angle(let oa, let ov, let ob) = measured.shape { degrees = try? calibration.angle(oa, vertex: ov, ob) }
            text(label(degrees), at: DrawPoint(v.x + bis.x * r, v.y + bis.y * r), .away(along: bis))
        case .polyline(let points), .freehand(let points):
            out.append(.fill(ShapeOutline.polyline(points.map(DrawPoint.init), width: w)))
            if let last = points.last {
                let before = points.count >= 2 ? points[points.count - 2] : last
                let u = unit(from: before, to: last)
                text(label(length(points)), at: DrawPoint(last.x + u.x * gap, last.y + u.y * gap), .away(along: u))
            }
        case .rectangle(let a, let b):
            let (x0, x1) = (min(a.x, b.x), max(a.x, b.x)), (y0, y1) = (min(a.y, b.y), max(a.y, b.y))
            let outer = [DrawPoint(x0, y0), DrawPoint(x0, y1), DrawPoint(x1, y1), DrawPoint(x1, y0)]
            var contours = [outer]
            if x1 - x0 > 2 * w, y1 - y0 > 2 * w {
                contours.append([DrawPoint(x0 + w, y0 + w), DrawPoint(x1 - w, y0 + w), DrawPoint(x1 - w, y1 - w), DrawPoint(x0 + w, y1 - w)])
            }
            out.append(.fill(contours))
            text(label(area([a, Point(x: b.x, y: a.y), b, Point(x: a.x, y: b.y)])), at: DrawPoint((x0 + x1) / 2, y1 + gap), TextPlacement(.centre, .top))
        case .ellipse(let a, let b):
            let c = DrawPoint((a.x + b.x) / 2, (a.y + b.y) / 2)
            let rx = abs(b.x - a.x) / 2, ry = abs(b.y - a.y) / 2
            var contours = [ShapeOutline.ellipse(center: c, rx: rx, ry: ry)]
            if rx > w, ry > w { contours.append(ShapeOutline.ellipse(center: c, rx: rx - w, ry: ry - w, clockwise: true)) }
            out.append(.fill(contours.filter { !$0.isEmpty }))
            text(label(area([])), at: DrawPoint(c.x, c.y + ry + gap), TextPlacement(.centre, .top))
        case .polygon(let points):
            let closed = points.map(DrawPoint.init) + (points.first.map { [DrawPoint($0)] } ?? [])
            out.append(.fill(ShapeOutline.polyline(closed, width: w) + (points.count > 2 ? [ShapeOutline.ellipse(center: closed[0], rx: w / 2, ry: w / 2)] : [])))
            let bottom = points.max { $0.y < $1.y } ?? Point(x: 0, y: 0)
            let centreX = points.isEmpty ? 0 : points.reduce(0) { $0 + $1.x } / Double(points.count)
            text(label(area(points)), at: DrawPoint(centreX, bottom.y + w + gap), TextPlacement(.centre, .top))
        case .marker(let at):
            let p = DrawPoint(at)
            let r = max(12, 6 * w) / 2
            var contours = [
                ShapeOutline.segment(DrawPoint(p.x - r, p.y), DrawPoint(p.x + r, p.y), width: w),
                ShapeOutline.segment(DrawPoint(p.x, p.y - r), DrawPoint(p.x, p.y + r), width: w),
            ]
            contours.append(ShapeOutline.ellipse(center: p, rx: r * 0.7 + w / 2, ry: r * 0.7 + w / 2))
            contours.append(ShapeOutline.ellipse(center: p, rx: r * 0.7 - w / 2, ry: r * 0.7 - w / 2, clockwise: true))
            out.append(.fill(contours.filter { !$0.isEmpty }))
            text(label(nil), at: DrawPoint(p.x + r + gap, p.y), TextPlacement(.left, .middle))
        case .tooth(let at, let tooth):
            let p = DrawPoint(at)
            let r = size * 0.95
            out.append(.fill([
                ShapeOutline.ellipse(center: p, rx: r + w / 2, ry: r + w / 2),
                ShapeOutline.ellipse(center: p, rx: r - w / 2, ry: r - w / 2, clockwise: true),
            ].filter { !$0.isEmpty }))
            text(notation.label(tooth), at: p, TextPlacement(.centre, .middle))
            if let extra = annotation.label, !extra.isEmpty {
                text(extra, at: DrawPoint(p.x, p.y + r + w + gap), TextPlacement(.centre, .top))
            }
        }
        return out
    }

    private func middleLabel(_ string: String?, _ a: Point, _ b: Point, offset: Double, size: Double, into out: inout [DrawCommand]) {
        guard let string else { return }
        let u = unit(from: a, to: b)
        // The normal that points right (or down for a horizontal segment), so labels sit on the
        // same side whichever end was drawn first.
        var n = (x: -u.y, y: u.x)
        if n.x < -1e-9 || (abs(n.x) <= 1e-9 && n.y < 0) { n = (-n.x, -n.y) }
        if u.x == 0 && u.y == 0 { n = (1, 0) }
        let m = DrawPoint((a.x + b.x) / 2 + n.x * offset, (a.y + b.y) / 2 + n.y * offset)
        out.append(.text(string, at: m, placement: .away(along: n), size: size))
    }

    private func unit(from a: Point, to b: Point) -> (x: Double, y: Double) {
        let d = distance(a, b)
        return d > 0 ? ((b.x - a.x) / d, (b.y - a.y) / d) : (0, 0)
    }

    private func distance(_ a: Point, _ b: Point) -> Double {
        ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
    }
}

extension DrawPoint {
    /// The same coordinates (no half-pixel shift: ``AnnotationLayout`` makes that).
    public init(_ p: Point) { self.init(p.x, p.y) }
}

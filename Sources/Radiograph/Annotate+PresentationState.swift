import RadiographAnnotation
import RadiographCore
import RadiographDICOM

/// Annotation documents as Grayscale Softcopy Presentation States (GSPS) and back.
///
/// The marks go into layer `MARKS`, their labels and measurements into `LABELS`, in the stored
/// image's PIXEL coordinates (the GSPS puts (0, 0) at the top-left corner of the top-left pixel;
/// a document's `[x, y]` is a pixel centre, so it is written as (x + ½, y + ½)). Shapes become
/// what GSPS has: lines, rulers, angles, paths and polygons polylines (closed for polygons and
/// rectangles); ellipses ELLIPSE (axis end points); markers POINT; tooth labels a CIRCLE and a
/// text; arrows a polyline and a two-segment head; texts and labels text objects with the box they
/// are drawn in. The state carries the window of the display (as center/width) and the whole image
/// as the displayed area; enhancement steps (CLAHE, unsharp mask…) have no GSPS form and are
/// not carried.
extension Annotator {
    static let marksLayer = "MARKS"
    static let labelsLayer = "LABELS"

    /// The GSPS content for `document` on `image` (not yet encoded: ``PresentationState/encoded(forImageAt:)``
    /// references the image and gives it its UIDs).
    public static func presentationState(
        for image: DICOMImage, document: AnnotationDocument, options: AnnotateOptions = AnnotateOptions(),
        text: (any TextRasterizer)? = nil, schedule: Schedule = .serial
    ) throws(RadiographError) -> PresentationState {
        if !options.allowOtherImage, let uid = image.metadata.sopInstanceUID, uid != document.sopInstanceUID {
            throw .invalidRequest(
                "\(image.source): the annotations are for another image (SOP Instance UID \(document.sopInstanceUID))")
        }
        let transform: DisplayTransform
        do {
            transform = try image.displayTransform(
                window: options.render.window, function: options.render.function,
                rescaleArithmetic: options.render.rescaleArithmetic, autoWindow: options.render.autoWindow, schedule: schedule)
        } catch {
            throw .dicom(error)
        }
        guard case .window(let w) = transform.voi else {
            throw .invalidRequest(
                "\(image.source): the display uses a VOI LUT or no window; a presentation state needs a window (--window auto or C,W)")
        }
        let calibration: Calibration
        do {
            calibration = try document.calibration(file: Calibration(image.metadata))
        } catch {
            throw .invalidRequest("\(image.source): \(error)")
        }
        let rasterizer: any TextRasterizer
        if let text { rasterizer = text } else { rasterizer = try defaultText() }
        let layout = AnnotationLayout(calibration: calibration, notation: options.notation)
        var graphics: [PresentationState.GraphicObject] = []
        var texts: [PresentationState.TextObject] = []
        func p(_ q: Point) -> PresentationState.Point { .init(x: q.x + 0.5, y: q.y + 0.5) }
        func polyline(_ points: [Point], closed: Bool = false) {
            guard points.count >= 2 else {
                if let only = points.first { graphics.append(.init(layer: marksLayer, kind: .point, points: [p(only)])) }
                return
            }
            let all = closed && points.count >= 3 ? points + [points[0]] : points
            graphics.append(.init(layer: marksLayer, kind: .polyline, points: all.map(p)))
        }
        for annotation in document.annotations {
            switch annotation.shape {
            case .text: break
            case .ruler(let a, let b), .line(let a, let b): polyline([a, b])
            case .arrow(let a, let b):
                polyline([a, b])
                let dx = b.x - a.x, dy = b.y - a.y
                let length = (dx * dx + dy * dy).squareRoot()
                if length > 0 {
                    let head = min(max(4 * annotation.style.width, 8), length)
                    let ux = dx / length, uy = dy / length
                    let base = Point(x: b.x - ux * head, y: b.y - uy * head)
                    let half = head * 0.45
                    polyline([
                        Point(x: base.x - uy * half, y: base.y + ux * half), b, Point(x: base.x + uy * half, y: base.y - ux * half),
                    ])
                }
            case .angle(let a, let v, let b): polyline([a, v, b])
            case .polyline(let points), .freehand(let points): polyline(points)
            case .polygon(let points): polyline(points, closed: true)
            case .rectangle(let a, let b): polyline([a, Point(x: b.x, y: a.y), b, Point(x: a.x, y: b.y)], closed: true)
            case .ellipse(let a, let b):
                let c = Point(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)
                let rx = abs(b.x - a.x) / 2, ry = abs(b.y - a.y) / 2
                let horizontal = [Point(x: c.x - rx, y: c.y), Point(x: c.x + rx, y: c.y)]
                let vertical = [Point(x: c.x, y: c.y - ry), Point(x: c.x, y: c.y + ry)]
                if rx > 0 && ry > 0 {
                    graphics.append(.init(layer: marksLayer, kind: .ellipse, points: (rx >= ry ? horizontal + vertical : vertical + horizontal).map(p)))
                } else {
                    polyline(rx > 0 ? horizontal : vertical)
                }
            case .marker(let at): graphics.append(.init(layer: marksLayer, kind: .point, points: [p(at)]))
            case .tooth(let at, _):
                let r = annotation.style.fontSize * 0.95
                graphics.append(.init(layer: marksLayer, kind: .circle, points: [p(at), p(Point(x: at.x + r, y: at.y))]))
            }
            // Texts and labels in the boxes the burned-in rendering draws them in.
            for command in layout.commands(for: annotation) {
                guard case .text(let string, let anchor, let placement, let size) = command else { continue }
                let masks: RasterizedText
                do {
                    masks = try rasterizer.rasterize(string, pixelSize: size, halo: AnnotationRenderer.haloWidth(fontSize: size))
                } catch {
                    throw .invalidRequest("\(image.source): \(error)")
                }
                let (x, y) = AnnotationRenderer.origin(width: masks.ink.width, height: masks.ink.height, anchor: anchor, placement)
                texts.append(.init(
                    layer: labelsLayer, text: string,
                    boundingBox: (.init(x: Double(x), y: Double(y)), .init(x: Double(x + masks.ink.width), y: Double(y + masks.ink.height)))))
            }
        }
        return PresentationState(
            contentLabel: "ANNOTATIONS", contentDescription: "Radiograph annotations and measurements",
            window: .init(center: w.center, width: w.width, explanation: w.explanation),
            layers: [.init(name: marksLayer, order: 1, description: "marks"), .init(name: labelsLayer, order: 2, description: "labels and measurements")],
            graphics: graphics, texts: texts)
    }

    /// A presentation state's graphics and texts as an annotation document for its image (marks
    /// in the default style; text sized to its box). Shapes map back to their nearest kinds: a
    /// POINT is a marker, a 2-point polyline a line, a closed one a polygon, an open one a
    /// polyline, a curve a freehand path, circles and ellipses ellipses (by their extent).
    public static func document(from state: PresentationState) -> AnnotationDocument {
        func q(_ p: PresentationState.Point) -> Point { Point(x: p.x - 0.5, y: p.y - 0.5) }
        var annotations: [Annotation] = []
        for g in state.graphics {
            let points = g.points.map(q)
            switch g.kind {
            case .point: if let first = points.first { annotations.append(Annotation(.marker(first))) }
            case .polyline:
                if g.isClosed {
                    annotations.append(Annotation(.polygon(Array(points.dropLast()))))
                } else if points.count == 2 {
                    annotations.append(Annotation(.line(from: points[0], to: points[1])))
                } else {
                    annotations.append(Annotation(.polyline(points)))
                }
            case .interpolated: annotations.append(Annotation(.freehand(points)))
            case .circle:
                guard points.count == 2 else { continue }
                let dx = points[1].x - points[0].x, dy = points[1].y - points[0].y
                let r = (dx * dx + dy * dy).squareRoot()
                annotations.append(Annotation(.ellipse(
                    Point(x: points[0].x - r, y: points[0].y - r), Point(x: points[0].x + r, y: points[0].y + r))))
            case .ellipse:
                let xs = points.map(\.x), ys = points.map(\.y)
                guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { continue }
                annotations.append(Annotation(.ellipse(Point(x: x0, y: y0), Point(x: x1, y: y1))))
            }
        }
        for t in state.texts {
            var style = Style()
            let at: Point
            if let box = t.boundingBox {
                at = Point(x: box.topLeft.x, y: box.topLeft.y)
                // A box holds a line of text and its halo: about 1.4 em high in DejaVu Sans.
                style.fontSize = min(max((box.bottomRight.y - box.topLeft.y) / 1.42, 4), 400)
            } else if let anchor = t.anchor {
                at = q(anchor)
            } else {
                continue
            }
            annotations.append(Annotation(.text(at: at, t.text), style: style))
        }
        return AnnotationDocument(sopInstanceUID: state.referencedImage?.sopInstanceUID ?? "", annotations: annotations)
    }

    /// Applies a presentation state to its image: the state's window, then its graphics and
    /// texts drawn as ``document(from:)`` reads them (no measurement labels are added: the
    /// state's own texts carry them).
    public static func apply(
        _ state: PresentationState, to image: DICOMImage, options: AnnotateOptions = AnnotateOptions(),
        text: (any TextRasterizer)? = nil, schedule: Schedule = .serial
    ) throws(RadiographError) -> AnnotatedImage {
        if let referenced = state.referencedImage?.sopInstanceUID, let uid = image.metadata.sopInstanceUID,
            referenced != uid, !options.allowOtherImage
        {
            throw .invalidRequest("\(image.source): the presentation state references another image (\(referenced))")
        }
        var options = options
        options.render.window = state.window.map { .explicit(center: $0.center, width: $0.width) } ?? .none
        options.allowOtherImage = true
        return try annotate(image, document: document(from: state), options: options, text: text, measurementLabels: false, schedule: schedule)
    }
}

import RadiographAnnotation

/// The annotation workload of issue 5's goal: 50 annotations with text on a periapical — every
/// kind in turn, spread over the image, each labelled (measurements print their value too).
public func fiftyAnnotations(width: Int, height: Int, sopInstanceUID: String) -> AnnotationDocument {
    var annotations: [Annotation] = []
    let w = Double(width), h = Double(height)
    for i in 0..<50 {
        let fx = Double(i % 5) / 5, fy = Double(i / 5) / 10
        let x = 60 + fx * (w - 200), y = 60 + fy * (h - 160)
        let p = { (dx: Double, dy: Double) in Point(x: x + dx, y: y + dy) }
        let shape: Annotation.Shape
        switch i % 12 {
        case 0: shape = .ruler(from: p(0, 0), to: p(180, 120))
        case 1: shape = .arrow(from: p(0, 100), to: p(150, 10))
        case 2: shape = .angle(a: p(0, 0), vertex: p(80, 140), b: p(170, 10))
        case 3: shape = .polyline([p(0, 0), p(40, 60), p(80, 90), p(150, 110)])
        case 4: shape = .freehand((0..<20).map { p(Double($0) * 8, 30 * Double($0 % 4)) })
        case 5: shape = .rectangle(p(0, 0), p(160, 110))
        case 6: shape = .ellipse(p(0, 0), p(160, 110))
        case 7: shape = .polygon([p(0, 0), p(120, 10), p(150, 100), p(20, 120)])
        case 8: shape = .marker(p(60, 60))
        case 9: shape = .line(from: p(0, 60), to: p(170, 50))
        case 10: shape = .tooth(at: p(60, 60), try! Tooth(fdi: 46))
        default: shape = .text(at: p(0, 40), "note \(i): recall")
        }
        annotations.append(Annotation(shape, style: Style(width: 2, fontSize: 22), label: "mark \(i)"))
    }
    return AnnotationDocument(sopInstanceUID: sopInstanceUID, annotations: annotations)
}

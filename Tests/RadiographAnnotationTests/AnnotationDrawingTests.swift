import Foundation
import RadiographAnnotation
import RadiographCore
import Testing

/// Text as solid boxes (`pixelSize / 2` wide per character, `pixelSize` high) with a halo box one
/// pixel larger each side: drawing tests can then tell exactly where text went.
struct BoxText: TextRasterizer {
    func rasterize(_ text: String, pixelSize: Double, halo: Double) throws(AnnotationRenderError) -> RasterizedText {
        let h = Int(pixelSize) + 2, w = text.count * Int(pixelSize / 2) + 2
        var ink = [UInt8](repeating: 0, count: w * h)
        for y in 1..<(h - 1) { for x in 1..<(w - 1) { ink[y * w + x] = 255 } }
        return RasterizedText(
            ink: AlphaMask(width: w, height: h, values: ink), halo: AlphaMask(width: w, height: h, values: .init(repeating: 255, count: w * h)))
    }
}

@Suite struct AnnotationDrawingTests {
    static func document(_ annotations: [Annotation]) -> AnnotationDocument {
        AnnotationDocument(sopInstanceUID: "2.25.1", annotations: annotations)
    }

    static func draw(_ annotations: [Annotation], width: Int = 200, height: Int = 160, calibration: Calibration = .uncalibrated) throws -> GrayImage<UInt8> {
        var image = GrayImage<UInt8>(width: width, height: height, repeating: 100)
        let renderer = AnnotationRenderer(layout: AnnotationLayout(calibration: calibration), text: BoxText())
        try renderer.draw(document(annotations), onto: &image)
        return image
    }

    /// Texts the layout asks for, in order.
    static func texts(_ annotation: Annotation, calibration: Calibration = .uncalibrated, notation: ToothNotation = .fdi) -> [String] {
        AnnotationLayout(calibration: calibration, notation: notation).commands(for: annotation).compactMap {
            if case .text(let s, _, _, _) = $0 { return s }
            return nil
        }
    }

    /// Every annotation kind leaves its mark where it should and nowhere far from it.
    @Test func eachKindDrawsWhereItShould() throws {
        let p = { (x: Double, y: Double) in Point(x: x, y: y) }
        // A horizontal line 4 px wide through the centres of row 50: rows 49–51 painted along
        // its length, rows 48 and 52 half (pixel centres at integers: the line spans 48.5…52.5).
        let line = try Self.draw([Annotation(.line(from: p(20, 50), to: p(180, 50)), style: Style(width: 4))])
        #expect((49...51).allSatisfy { line[x: 100, y: $0] == 255 })
        #expect(line[x: 100, y: 48] == 178 && line[x: 100, y: 52] == 178)  // 100 + 155 / 2, rounded
        #expect(line[x: 100, y: 47] == 100 && line[x: 100, y: 53] == 100 && line[x: 10, y: 50] == 100)
        // A rectangle outline: the border painted, the inside untouched.
        let rect = try Self.draw([Annotation(.rectangle(p(40, 30), p(160, 130)), style: Style(width: 3))])
        #expect(rect[x: 41, y: 80] == 255 && rect[x: 100, y: 31] == 255 && rect[x: 158, y: 80] == 255)
        #expect(rect[x: 100, y: 80] == 100 && rect[x: 45, y: 80] == 100)
        // An ellipse ring: painted on the ellipse, not in its centre.
        let ellipse = try Self.draw([Annotation(.ellipse(p(40, 40), p(160, 120)), style: Style(width: 2))])
        #expect(ellipse[x: 100, y: 41] == 255 && ellipse[x: 41, y: 80] >= 245, "\((38...44).map { ellipse[x: $0, y: 80] }) \((38...44).map { ellipse[x: 100, y: $0] })")
        #expect(ellipse[x: 100, y: 41] == 255 && ellipse[x: 100, y: 80] == 100)
        // An arrow: the head is wider than the shaft near the tip.
        let arrow = try Self.draw([Annotation(.arrow(from: p(20, 80), to: p(180, 80)), style: Style(width: 2))])
        #expect(arrow[x: 173, y: 82] > 150 && arrow[x: 60, y: 82] == 100 && arrow[x: 60, y: 80] == 255)
        // A marker: a cross and a ring around it.
        let marker = try Self.draw([Annotation(.marker(p(100, 80)), style: Style(width: 2))])
        #expect(marker[x: 100, y: 80] == 255 && marker[x: 104, y: 80] == 255 && marker[x: 95, y: 75] == 100)
        // Opacity blends with what is under the mark.
        let faint = try Self.draw([Annotation(.line(from: p(20, 50), to: p(180, 50)), style: Style(width: 4, grey: 0, opacity: 0.5))])
        #expect(faint[x: 100, y: 50] == 50)
    }

    /// Labels carry the measurement in the calibration's unit, approximate when it is.
    @Test func labelsCarryMeasurements() throws {
        let calibrated = try Calibration.reference(from: Point(x: 0, y: 0), to: Point(x: 100, y: 0), millimetres: 10)
        let ruler = Annotation(.ruler(from: Point(x: 10, y: 10), to: Point(x: 10, y: 130)), label: "root")
        #expect(Self.texts(ruler) == ["root: 120.0 px"])
        #expect(Self.texts(ruler, calibration: calibrated) == ["root: 12.0 mm"])
        let angle = Annotation(.angle(a: Point(x: 100, y: 0), vertex: Point(x: 0, y: 0), b: Point(x: 0, y: 100)))
        #expect(Self.texts(angle) == ["90.0 °"])
        let tooth = Annotation(.tooth(at: Point(x: 50, y: 50), try Tooth(fdi: 46)), label: "distal caries")
        #expect(Self.texts(tooth) == ["46", "distal caries"])
        #expect(Self.texts(tooth, notation: .universal) == ["30", "distal caries"])
        #expect(Self.texts(Annotation(.text(at: Point(x: 1, y: 1), "recall"))) == ["recall"])
        #expect(Self.texts(Annotation(.arrow(from: Point(x: 1, y: 1), to: Point(x: 9, y: 9)))) == [])
    }

    /// Text goes where its placement says, with its halo under it in the contrasting shade.
    @Test func textIsPlacedWithAHalo() throws {
        let image = try Self.draw([Annotation(.text(at: Point(x: 30, y: 40), "ab"), style: Style(grey: 255, fontSize: 20))])
        // BoxText: 22 × 22 box, ink inside a 1-px halo ring; top-left at (30, 40). The halo is
        // drawn at 0.85 of the mark's opacity: 100 · 0.15 = 15 under white text.
        #expect(image[x: 30, y: 40] == 15 && image[x: 31, y: 41] == 255 && image[x: 50, y: 60] == 255)
        #expect(image[x: 51, y: 61] == 15 && image[x: 52, y: 62] == 100 && image[x: 29, y: 40] == 100)
        let dark = try Self.draw([Annotation(.text(at: Point(x: 30, y: 40), "ab"), style: Style(grey: 20, fontSize: 20))])
        #expect(dark[x: 30, y: 40] == 232 && dark[x: 35, y: 45] == 20)
    }

    /// Colour output uses the colour; gray output the grey; both the same geometry.
    @Test func colourAndGrayAgreeOnGeometry() throws {
        let annotation = Annotation(.ellipse(Point(x: 30, y: 30), Point(x: 170, y: 130)), style: Style(width: 3, grey: 255, colour: "#FF0000"))
        var rgb = RGBImage(width: 200, height: 160, repeating: RGBColor(grey: 100))
        try AnnotationRenderer(layout: AnnotationLayout(), text: BoxText()).draw(Self.document([annotation]), onto: &rgb)
        let gray = try Self.draw([annotation])
        for y in stride(from: 0, to: 160, by: 7) {
            for x in stride(from: 0, to: 200, by: 5) {
                let c = rgb[x: x, y: y]
                #expect(c.red == gray[x: x, y: y], "(\(x),\(y))")
                #expect(c.green == c.blue)
            }
        }
        #expect(rgb[x: 100, y: 31] == RGBColor(red: 255, green: 0, blue: 0))
    }

    /// The committed example document draws on the periapical's size, marks everywhere it says,
    /// and the same document gives the same bytes twice.
    @Test func theSampleDocumentDrawsDeterministically() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: url.appendingPathComponent("SampleImages/io_periapical.annotations.json"))
        let document = try JSONDecoder().decode(AnnotationDocument.self, from: data)
        let renderer = AnnotationRenderer(layout: AnnotationLayout(), text: BoxText())
        var a = GrayImage<UInt8>(width: 1500, height: 2000, repeating: 60)
        var b = a
        try renderer.draw(document, onto: &a)
        try renderer.draw(document, onto: &b)
        #expect(a == b)
        let changed = zip(a.pixels, GrayImage<UInt8>(width: 1500, height: 2000, repeating: 60).pixels).filter { $0 != $1 }.count
        #expect(changed > 20_000 && changed < 400_000, "\(changed) pixels changed")
    }

    /// A document built in code with an out-of-range style is refused by index.
    @Test func badStylesAreRefused() {
        var style = Style()
        style.width = 0
        #expect(throws: AnnotationRenderError.style(index: 0, "width 0.0 must be 0.5 to 50 pixels")) {
            _ = try Self.draw([Annotation(.marker(Point(x: 1, y: 1)), style: style)])
        }
    }

    /// Marks partly or wholly outside the image, and degenerate ones, draw what is inside and
    /// never crash, on every awkward width.
    @Test(arguments: [1, 2, 3, 15, 16, 17, 63, 64, 65])
    func marksOutsideAndDegenerateMarksAreSafe(width: Int) throws {
        let p = { (x: Double, y: Double) in Point(x: x, y: y) }
        let annotations: [Annotation] = [
            Annotation(.line(from: p(-50, -50), to: p(500, 500))),
            Annotation(.ruler(from: p(3, 3), to: p(3, 3)), label: "zero"),
            Annotation(.angle(a: p(5, 5), vertex: p(5, 5), b: p(9, 9))),
            Annotation(.polygon([p(1, 1)])),
            Annotation(.polyline([])),
            Annotation(.ellipse(p(-1e6, -1e6), p(1e6, 1e6))),
            Annotation(.text(at: p(1e12, -1e12), "far")),
            Annotation(.tooth(at: p(0, 0), try Tooth(fdi: 11))),
        ]
        _ = try Self.draw(annotations, width: width, height: 17)
    }
}

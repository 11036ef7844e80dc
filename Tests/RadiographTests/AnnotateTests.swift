import Foundation
import Radiograph
import RadiographAnnotation
import RadiographCore
import RadiographDICOM
import Testing
import _RadiographTestSupport

@Suite struct AnnotateTests {
    static let periapical = TestData.sample("io_periapical.dcm")

    static func sampleDocument() throws -> AnnotationDocument {
        try AnnotationFile.read(TestData.sample("io_periapical.annotations.json"))
    }

    /// Where a stored pixel lands is where the display geometry maps it: one bright pixel pushed
    /// through the real kernels (turn, flip, crop, resize by an integer factor) ends where the map
    /// says, for every combination.
    @Test(arguments: QuarterTurn.allCases)
    func displayGeometryFollowsTheKernels(turn: QuarterTurn) throws {
        let (w, h) = (40, 30)
        for flip in [false, true] {
            for (x, y) in [(3, 5), (30, 2), (17, 25)] {
                var image = GrayImage<UInt16>(width: w, height: h, repeating: 0)
                image[x: x, y: y] = 60000
                var steps: [EnhancementStep] = [.rotate(turn)]
                if flip { steps.append(.flip(.vertical)) }
                let turnedW = turn == .clockwise90 || turn == .clockwise270 ? h : w
                let turnedH = turn == .clockwise90 || turn == .clockwise270 ? w : h
                steps.append(.crop(CropRectangle(x: 1, y: 2, width: turnedW - 3, height: turnedH - 4)))
                let pipeline = EnhancementPipeline(steps)
                let out = try pipeline.render(.uint16(image), transform: DisplayTransform(stored: StoredValueRange(bitsStored: 16, isSigned: false), voi: .none), outputBits: 16)
                guard case .uint16(let shown) = out else { Issue.record("not 16-bit"); return }
                var geometry = DisplayGeometry(width: w, height: h)
                geometry.following(pipeline)
                #expect(geometry.width == shown.width && geometry.height == shown.height)
                let mapped = geometry.map(Point(x: Double(x), y: Double(y)))
                let bright = shown.pixels.firstIndex { $0 > 30000 }
                let found = bright.map { (Double($0 % shown.width), Double($0 / shown.width)) }
                #expect(found.map { $0 == (mapped.x, mapped.y) } == true, "\(turn) flip \(flip) (\(x),\(y)) → \(mapped) vs \(String(describing: found))")
            }
        }
        // Resizing scales about the image corner: pixel centres map to centres of the scaled grid.
        var half = DisplayGeometry(width: 40, height: 30)
        half.following(EnhancementPipeline([.resize(width: 20, height: 0)]))
        #expect(half.map(Point(x: 1, y: 3)) == Point(x: 0.25, y: 1.25) && half.scale == 0.5)
    }

    /// The sample document on the sample: measurements with the file's calibration (Imager Pixel
    /// Spacing 0.0185 mm), marks drawn (and only near where they should be), gray 8-bit output.
    @Test func annotatingTheSampleMeasuresAndDraws() throws {
        let image = try DICOMReader.read(contentsOf: Self.periapical)
        let document = try Self.sampleDocument()
        let annotated = try Annotator.annotate(image, document: document)
        #expect(annotated.measurements == (try document.measurements(Calibration(image.metadata))))
        let ruler = try #require(annotated.measurements.first { $0.type == .ruler })
        let expected = ((10.0 * 10 + 980 * 980).squareRoot()) * 0.0185
        #expect(abs(ruler.measurement.value - expected) < 1e-9 && ruler.measurement.unit == .millimetres)
        let plain = try Renderer.render(image).image
        guard case .gray(let gray) = annotated.pixels, case .uint8(let before) = plain else {
            Issue.record("expected gray 8-bit")
            return
        }
        #expect(gray.width == before.width && gray.height == before.height)
        let changed = zip(gray.pixels, before.pixels).filter { $0 != $1 }.count
        #expect(changed > 20_000 && changed < 300_000, "\(changed) pixels changed")
        // The ruler runs from (1030, 640) to (1040, 1620): its middle is white.
        #expect(gray[x: 1035, y: 1130] == 255)
        // Far from every mark (a corner), nothing changed.
        #expect(gray[x: 1490, y: 1990] == before[x: 1490, y: 1990])
    }

    /// A document for another image is refused unless asked.
    @Test func documentsForAnotherImageAreRefused() throws {
        let image = try DICOMReader.read(contentsOf: Self.periapical)
        var document = try Self.sampleDocument()
        document.sopInstanceUID = "2.25.99"
        #expect(throws: RadiographError.self) { _ = try Annotator.annotate(image, document: document) }
        var options = AnnotateOptions()
        options.allowOtherImage = true
        _ = try Annotator.annotate(image, document: document, options: options)
    }

    /// Colour output draws the same geometry as gray output, in colour.
    @Test func colourOutputKeepsTheGeometry() throws {
        let image = try DICOMReader.read(contentsOf: Self.periapical)
        let document = try Self.sampleDocument()
        var options = AnnotateOptions()
        options.colour = true
        let colour = try Annotator.annotate(image, document: document, options: options)
        guard case .rgb(let rgb) = colour.pixels else {
            Issue.record("expected colour")
            return
        }
        // The rectangle is #FFCC00: its top edge (y 330) is yellow.
        #expect(rgb[x: 650, y: 331] == RGBColor(red: 255, green: 204, blue: 0))
    }

    /// Write a presentation state, read it back, apply it: the same image as applying the state
    /// as written; its window is the display's; its texts carry the measurements; it references
    /// the image and dciodvfy accepts it.
    @Test func presentationStatesRoundTrip() throws {
        let image = try DICOMReader.read(contentsOf: Self.periapical)
        let document = try Self.sampleDocument()
        let state = try Annotator.presentationState(for: image, document: document)
        let (bytes, stored) = try state.encoded(forImageAt: Self.periapical)
        let read = try PresentationState.read(bytes: bytes)
        #expect(read == stored)
        #expect(read.referencedImage?.sopInstanceUID == image.metadata.sopInstanceUID)
        let applied = try Annotator.apply(read, to: image)
        let expected = try Annotator.apply(stored, to: image)
        #expect(applied.pixels == expected.pixels)
        let rendered = try Renderer.render(image)
        guard case .window(let window) = rendered.transform?.voi else {
            Issue.record("the sample has a window")
            return
        }
        #expect(read.window?.center == window.center && read.window?.width == window.width)
        #expect(applied.rendered.image == rendered.image)  // the same window, so the same display under the marks
        #expect(read.texts.contains { $0.text == "root length 45: 18.13 mm" })
        #expect(read.texts.contains { $0.text == "46" })
        #expect(read.graphics.count >= document.annotations.count - 1)  // every mark but the plain text
        // Marks from the state land where the burned-in ones do: most pixels the state changes
        // are changed by burning the document in too.
        let burned = try Annotator.annotate(image, document: document)
        guard case .gray(let a) = applied.pixels, case .gray(let b) = burned.pixels, case .uint8(let base) = rendered.image else {
            Issue.record("expected gray")
            return
        }
        var both = 0, stateOnly = 0
        for i in 0..<(a.width * a.height) {
            let ca = a.withUnsafeBufferPointer { $0[i] } != base.withUnsafeBufferPointer { $0[i] }
            let cb = b.withUnsafeBufferPointer { $0[i] } != base.withUnsafeBufferPointer { $0[i] }
            if ca && cb { both += 1 } else if ca { stateOnly += 1 }
        }
        #expect(Double(both) / Double(both + stateOnly) > 0.8, "\(both) shared, \(stateOnly) from the state only")
        let folder = try TestData.temporaryFolder("gsps")
        let path = folder + "/state.dcm"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let verdict = try TestData.runTool("/usr/bin/dciodvfy", [path])
        #expect(!verdict.contains("Error"), "\(verdict)")
    }
}

/// Rulers and angles on calibrated phantoms: DICOM images whose spacing attributes are known, with
/// fiducial dots at known physical positions, measured end to end through `Annotator`.
@Suite struct CalibratedPhantomTests {
    /// A phantom `width × height` with 3 × 3 bright dots centred on `dots` (pixel coordinates).
    static func phantom(width: Int, height: Int, dots: [(Int, Int)], attributes: (inout DICOMTestWriter) -> Void) throws -> DICOMImage {
        var pixels = [Int](repeating: 500, count: width * height)
        for (x, y) in dots {
            for dy in -1...1 { for dx in -1...1 { pixels[(y + dy) * width + x + dx] = 15000 } }
        }
        var w = DICOMTestWriter.image(width: width, height: height, pixels: pixels, bitsStored: 14)
        w.set(0x0028, 0x1050, "DS", .text("8000"))
        w.set(0x0028, 0x1051, "DS", .text("16000"))
        attributes(&w)
        return try DICOMReader.read(bytes: w.bytes())
    }

    /// The dots' centres found in the stored pixels (so the ruler is drawn where a user would click).
    static func centres(_ image: DICOMImage) -> [Point] {
        guard case .uint16(let p) = image.pixels else { return [] }
        var found: [Point] = []
        for y in 1..<(p.height - 1) {
            for x in 1..<(p.width - 1) where p[x: x, y: y] > 10000 && p[x: x - 1, y: y] > 10000 && p[x: x, y: y - 1] > 10000
                && p[x: x + 1, y: y] > 10000 && p[x: x, y: y + 1] > 10000
            {
                found.append(Point(x: Double(x), y: Double(y)))
            }
        }
        return found
    }

    static func measure(_ image: DICOMImage, _ annotations: [Annotation]) throws -> [ImageMeasurement] {
        var options = AnnotateOptions()
        options.allowOtherImage = true
        let document = AnnotationDocument(sopInstanceUID: "", annotations: annotations)
        return try Annotator.annotate(image, document: document, options: options).measurements.map(\.measurement)
    }

    /// Imager Pixel Spacing 0.1 mm with a magnification factor of 1.25: a 20 mm fiducial distance
    /// in the patient plane is 250 px apart on the detector; the ruler reads 20 mm within one
    /// pixel's worth (0.08 mm).
    @Test func aRulerReadsTheTrueLengthThroughTheMagnification() throws {
        let image = try Self.phantom(width: 320, height: 120, dots: [(30, 60), (280, 60)]) { w in
            w.set(0x0018, 0x1164, "DS", .text("0.1\\0.1"))
            w.set(0x0018, 0x1114, "DS", .text("1.25"))
        }
        let dots = Self.centres(image)
        #expect(dots.count == 2)
        let length = try #require(try Self.measure(image, [Annotation(.ruler(from: dots[0], to: dots[1]))]).first)
        #expect(length.unit == .millimetres && abs(length.value - 20) <= 0.1 / 1.25, "\(length)")
    }

    /// Pixel Spacing 0.2 mm (rows) × 0.1 mm (columns): a right angle in the patient plane is not
    /// one on screen; the angle reads 90° within 0.5°, and a diagonal ruler its true length.
    @Test func anglesAndDiagonalsAreTrueWithNonSquarePixels() throws {
        // Vertex (40, 100); arm A 10 mm right: 100 columns; arm B 10 mm up: 50 rows.
        let image = try Self.phantom(width: 200, height: 140, dots: [(40, 100), (140, 100), (40, 50)]) { w in
            w.set(0x0028, 0x0030, "DS", .text("0.2\\0.1"))
        }
        let dots = Self.centres(image).sorted { ($0.y, $0.x) < ($1.y, $1.x) }  // (40,50), (40,100), (140,100)
        #expect(dots.count == 3)
        let m = try Self.measure(image, [
            Annotation(.angle(a: dots[2], vertex: dots[1], b: dots[0])),
            Annotation(.ruler(from: dots[0], to: dots[2])),
        ])
        #expect(m.count == 2)
        #expect(m[0].unit == .degrees && abs(m[0].value - 90) <= 0.5, "\(m[0])")
        #expect(abs(m[1].value - (200.0).squareRoot()) <= 0.2, "\(m[1])")  // √(10² + 10²) mm
    }
}

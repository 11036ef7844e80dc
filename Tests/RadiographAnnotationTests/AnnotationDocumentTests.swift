import Foundation
import RadiographAnnotation
import Testing

@Suite struct AnnotationDocumentTests {
    static let samplePath: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/SampleImages/io_periapical.annotations.json"
    }()

    static func decode(_ json: String) throws -> AnnotationDocument {
        try JSONDecoder().decode(AnnotationDocument.self, from: Data(json.utf8))
    }

    static func failure(_ json: String) -> String {
        do {
            _ = try decode(json)
            return "decoded"
        } catch let DecodingError.dataCorrupted(c) {
            return c.debugDescription
        } catch let DecodingError.keyNotFound(key, _) {
            return "missing \(key.stringValue)"
        } catch {
            return "\(error)"
        }
    }

    /// The committed example uses every kind of annotation and reads back identically.
    @Test func theSampleUsesEveryKindAndRoundTrips() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.samplePath))
        let document = try JSONDecoder().decode(AnnotationDocument.self, from: data)
        #expect(Set(document.annotations.map(\.shape.type)) == Set(Annotation.ShapeType.allCases))
        #expect(document.sopInstanceUID == "2.25.104318735752568843694132990702989333479")
        let again = try JSONDecoder().decode(AnnotationDocument.self, from: try JSONEncoder().encode(document))
        #expect(again == document)
    }

    @Test func measurementsFollowTheCalibration() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.samplePath))
        let document = try JSONDecoder().decode(AnnotationDocument.self, from: data)
        let file = Calibration.fromDICOM(
            pixelSpacing: nil, imagerPixelSpacing: [0.0185, 0.0185], magnification: nil, calibrationType: nil,
            modality: "IO")
        let records = try document.measurements(file)
        // ruler, line, polyline, freehand, angle, rectangle, ellipse, polygon.
        #expect(records.map(\.type) == [.ruler, .polyline, .angle, .line, .rectangle, .ellipse, .polygon, .freehand])
        let ruler = try #require(records.first)
        let expected = ((10.0 * 10 + 980.0 * 980).squareRoot()) * 0.0185
        #expect(abs(ruler.measurement.value - expected) < 1e-9 && ruler.measurement.unit == .millimetres)
        #expect(ruler.label == "root length 45" && ruler.index == 2)
        // Uncalibrated: the same marks in pixels.
        #expect(try document.measurements(.uncalibrated).first?.measurement.unit == .pixels)
        // A reference object overrides the file's spacing: 540 px = 10 mm.
        var referenced = document
        referenced.reference = .init(from: Point(x: 0, y: 0), to: Point(x: 540, y: 0), millimetres: 10)
        let calibration = try referenced.calibration(file: file)
        #expect(abs(calibration.columnSpacing - 10.0 / 540) < 1e-12)
    }

    @Test func malformedDocumentsAreRefusedByName() {
        let head = #"{"version": 1, "sopInstanceUID": "2.25.1", "annotations": ["#
        #expect(Self.failure(head + #"{"type": "star", "at": [1, 2]}]}"#).contains("unknown annotation type 'star'"))
        #expect(Self.failure(head + #"{"type": "ruler", "from": [1, 2], "too": [3, 4]}]}"#).contains("unknown key 'too' for ruler"))
        #expect(Self.failure(head + #"{"type": "ruler", "from": [1, 2]}]}"#).contains("missing to"))
        #expect(Self.failure(head + #"{"type": "polygon", "points": [[1, 2], [3, 4]]}]}"#).contains("at least 3 points"))
        #expect(Self.failure(head + #"{"type": "marker", "at": [1]}]}"#).contains("[x, y]"))
        #expect(Self.failure(head + #"{"type": "marker", "at": [1, 2], "style": {"grey": 300}}]}"#).contains("grey 300"))
        #expect(Self.failure(head + #"{"type": "marker", "at": [1, 2], "style": {"colour": "red"}}]}"#).contains("#RRGGBB"))
        #expect(Self.failure(head + #"{"type": "tooth", "at": [1, 2], "tooth": 19}]}"#).contains("'19' is not a FDI tooth number"))
    }
}

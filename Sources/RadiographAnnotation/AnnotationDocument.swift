/// What a dentist marked on one image, kept beside it as JSON: shapes in image pixel coordinates,
/// their style, and the image they belong to (its SOP Instance UID), so the marks travel with the
/// image and can be burned in or written as a presentation state.
///
/// ```json
/// {
///   "version": 1,
///   "sopInstanceUID": "2.25.1234",
///   "reference": {"from": [100, 200], "to": [640, 200], "millimetres": 10},
///   "annotations": [
///     {"type": "ruler", "from": [812, 403], "to": [851, 1204], "label": "working length"},
///     {"type": "angle", "a": [10, 0], "vertex": [0, 0], "b": [0, 10], "style": {"grey": 255, "width": 3}},
///     {"type": "tooth", "at": [700, 300], "tooth": 36}
///   ]
/// }
/// ```
/// Points are `[x, y]`. Unknown types and keys are refused by name.
public struct AnnotationDocument: Sendable, Hashable, Codable {
    /// The format's version (1).
    public var version: Int
    /// The image the marks belong to.
    public var sopInstanceUID: String
    /// A manual calibration on an object of known length, overriding the file's spacing.
    public var reference: Reference?
    public var annotations: [Annotation]

    public init(sopInstanceUID: String, reference: Reference? = nil, annotations: [Annotation]) {
        version = 1
        self.sopInstanceUID = sopInstanceUID
        self.reference = reference
        self.annotations = annotations
    }

    /// A segment of known length.
    public struct Reference: Sendable, Hashable, Codable {
        public var from: Point
        public var to: Point
        public var millimetres: Double

        public init(from: Point, to: Point, millimetres: Double) {
            self.from = from
            self.to = to
            self.millimetres = millimetres
        }
    }

    /// The calibration measurements use: the reference when there is one, else `file`'s.
    public func calibration(file: Calibration, aspect: Double = 1) throws(MeasurementError) -> Calibration {
        guard let reference else { return file }
        let ratio = file.isCalibrated ? file.rowSpacing / file.columnSpacing : aspect
        return try Calibration.reference(from: reference.from, to: reference.to, millimetres: reference.millimetres, aspect: ratio)
    }

    /// Every measurable annotation measured: rulers and lines (length), polylines and freehand
    /// paths (length), angles, rectangles, ellipses and polygons (area).
    public func measurements(_ calibration: Calibration) throws(MeasurementError) -> [MeasurementRecord] {
        var records: [MeasurementRecord] = []
        for (index, annotation) in annotations.enumerated() {
            let m: ImageMeasurement?
            switch annotation.shape {
            case .ruler(let a, let b), .line(let a, let b): m = try calibration.length([a, b])
            case .polyline(let points), .freehand(let points): m = try calibration.length(points)
            case .angle(let a, let vertex, let b): m = try calibration.angle(a, vertex: vertex, b)
            case .rectangle(let a, let b):
                m = try calibration.area(polygon: [a, Point(x: b.x, y: a.y), b, Point(x: a.x, y: b.y)])
            case .ellipse(let a, let b): m = calibration.area(ellipseIn: a, b)
            case .polygon(let points): m = try calibration.area(polygon: points)
            case .text, .arrow, .marker, .tooth: m = nil
            }
            if let m {
                records.append(MeasurementRecord(index: index, type: annotation.shape.type, label: annotation.label, measurement: m))
            }
        }
        return records
    }
}

/// One measured annotation, for reports.
public struct MeasurementRecord: Sendable, Hashable, Codable {
    /// Its position in the document's `annotations`.
    public var index: Int
    public var type: Annotation.ShapeType
    public var label: String?
    public var measurement: ImageMeasurement
}

/// One mark: a shape, its style and an optional label.
public struct Annotation: Sendable, Hashable {
    public enum Shape: Sendable, Hashable {
        case text(at: Point, String)
        case arrow(from: Point, to: Point)
        /// A line that shows its length.
        case ruler(from: Point, to: Point)
        case line(from: Point, to: Point)
        case angle(a: Point, vertex: Point, b: Point)
        case polyline([Point])
        case freehand([Point])
        case rectangle(Point, Point)
        case ellipse(Point, Point)
        case polygon([Point])
        case marker(Point)
        case tooth(at: Point, Tooth)

        public var type: ShapeType {
            switch self {
            case .text: .text
            case .arrow: .arrow
            case .ruler: .ruler
            case .line: .line
            case .angle: .angle
            case .polyline: .polyline
            case .freehand: .freehand
            case .rectangle: .rectangle
            case .ellipse: .ellipse
            case .polygon: .polygon
            case .marker: .marker
            case .tooth: .tooth
            }
        }
    }

    public enum ShapeType: String, Sendable, Hashable, Codable, CaseIterable {
        case text, arrow, ruler, line, angle, polyline, freehand, rectangle, ellipse, polygon, marker, tooth
    }

    public var shape: Shape
    public var style: Style
    public var label: String?

    public init(_ shape: Shape, style: Style = Style(), label: String? = nil) {
        self.shape = shape
        self.style = style
        self.label = label
    }
}

/// How a mark is drawn.
public struct Style: Sendable, Hashable, Codable {
    /// Line width in image pixels (0.5 to 50).
    public var width: Double
    /// Grey level 0–255 on gray outputs.
    public var grey: Int
    /// `#RRGGBB` on colour outputs (nil: the grey level).
    public var colour: String?
    /// Text height in image pixels (4 to 400).
    public var fontSize: Double
    /// 0 (invisible) to 1 (opaque).
    public var opacity: Double

    public init(width: Double = 2, grey: Int = 255, colour: String? = nil, fontSize: Double = 24, opacity: Double = 1) {
        self.width = width
        self.grey = grey
        self.colour = colour
        self.fontSize = fontSize
        self.opacity = opacity
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case width, grey, colour, fontSize, opacity }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Style()
        width = try c.decodeIfPresent(Double.self, forKey: .width) ?? d.width
        grey = try c.decodeIfPresent(Int.self, forKey: .grey) ?? d.grey
        colour = try c.decodeIfPresent(String.self, forKey: .colour)
        fontSize = try c.decodeIfPresent(Double.self, forKey: .fontSize) ?? d.fontSize
        opacity = try c.decodeIfPresent(Double.self, forKey: .opacity) ?? d.opacity
        if let problem = problem {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: problem))
        }
    }

    /// What is out of range, if anything.
    public var problem: String? {
        if !(0.5...50).contains(width) { return "width \(width) must be 0.5 to 50 pixels" }
        if !(0...255).contains(grey) { return "grey \(grey) must be 0 to 255" }
        if !(4...400).contains(fontSize) { return "fontSize \(fontSize) must be 4 to 400 pixels" }
        if !(0...1).contains(opacity) { return "opacity \(opacity) must be 0 to 1" }
        if let colour, !(colour.count == 7 && colour.first == "#" && colour.dropFirst().allSatisfy(\.isHexDigit)) {
            return "colour '\(colour)' must look like #RRGGBB"
        }
        return nil
    }
}

import Foundation
import RadiographAnnotation
import RadiographCodecs
import RadiographCore
import RadiographDICOM

/// Where a point of the stored image lands on the display image: through the file's Field of
/// View Rotation and Horizontal Flip, then the pipeline's rotate, flip, crop and resize steps, in
/// their order. Points are a document's: pixel centres at integers.
public struct DisplayGeometry: Sendable, Hashable {
    enum Operation: Sendable, Hashable {
        case turn(QuarterTurn, width: Double, height: Double)
        case flipHorizontal(width: Double)
        case flipVertical(height: Double)
        case translate(dx: Double, dy: Double)
        case scale(sx: Double, sy: Double)
    }

    var operations: [Operation] = []
    /// The display image's size.
    public private(set) var width: Int
    public private(set) var height: Int

    /// The identity on a `width × height` image.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Stored image → display image for `image` rendered with `options`.
    public init(_ image: DICOMImage, options: RenderOptions) throws(RadiographError) {
        self.init(width: image.pixels.width, height: image.pixels.height)
        if options.applyFieldOfView {
            let (turn, flip) = try fieldOfView(image)
            turned(turn)
            if flip { flipped(.horizontal) }
        }
        following(options.pipeline(forModality: image.metadata.modality))
    }

    /// Adds the pipeline's geometric steps.
    public mutating func following(_ pipeline: EnhancementPipeline) {
        for step in pipeline.steps {
            switch step {
            case .rotate(let turn): turned(turn)
            case .flip(let axis): flipped(axis)
            case .crop(let r):
                operations.append(.translate(dx: -Double(r.x), dy: -Double(r.y)))
                width = r.width
                height = r.height
            case .resize(let w, let h, _):
                let (nw, nh) = EnhancementPipeline.resizeTarget(width, height, w, h)
                operations.append(.scale(sx: Double(nw) / Double(width), sy: Double(nh) / Double(height)))
                width = nw
                height = nh
            default: break
            }
        }
    }

    mutating func turned(_ turn: QuarterTurn) {
        guard turn != .none else { return }
        operations.append(.turn(turn, width: Double(width), height: Double(height)))
        if turn != .clockwise180 { swap(&width, &height) }
    }

    mutating func flipped(_ axis: FlipAxis) {
        operations.append(axis == .horizontal ? .flipHorizontal(width: Double(width)) : .flipVertical(height: Double(height)))
    }

    /// The display position of stored-image point `p`.
    public func map(_ p: Point) -> Point {
        // Continuous coordinates (the image from (0, 0) to (width, height)) for the arithmetic.
        var (x, y) = (p.x + 0.5, p.y + 0.5)
        for operation in operations {
            switch operation {
            case .turn(let turn, let w, let h):
                switch turn {
                case .none: break
                case .clockwise90: (x, y) = (h - y, x)
                case .clockwise180: (x, y) = (w - x, h - y)
                case .clockwise270: (x, y) = (y, w - x)
                }
            case .flipHorizontal(let w): x = w - x
            case .flipVertical(let h): y = h - y
            case .translate(let dx, let dy): (x, y) = (x + dx, y + dy)
            case .scale(let sx, let sy): (x, y) = (x * sx, y * sy)
            }
        }
        return Point(x: x - 0.5, y: y - 0.5)
    }

    /// How much lengths grow from the stored image to the display (the geometric mean of the
    /// resize factors; 1 without resizing).
    public var scale: Double {
        operations.reduce(1.0) { s, op in
            if case .scale(let sx, let sy) = op { return s * (sx * sy).squareRoot() }
            return s
        }
    }

    /// `document` moved onto the display image (widths and text sizes follow the scale).
    public func map(_ document: AnnotationDocument) -> AnnotationDocument {
        var out = document
        let scale = self.scale
        out.annotations = document.annotations.map { $0.mapped(self.map, scale: scale) }
        return out
    }
}

/// An annotated display image: its pixels (gray, or colour when marks have colours to show), and
/// every measurement with the calibration behind it.
public struct AnnotatedImage: Sendable {
    public enum Pixels: Sendable, Equatable {
        case gray(GrayImage<UInt8>)
        case rgb(RGBImage)
    }

    public var pixels: Pixels
    public var measurements: [MeasurementRecord]
    /// The teeth the document labels (in its order, each once).
    public var teeth: [Tooth]
    public var calibration: Calibration
    /// How the display image under the marks was made.
    public var rendered: RenderedImage
}

/// Options for burning a document into a display image.
public struct AnnotateOptions: Sendable {
    public var render: RenderOptions
    /// RGB output (marks in their colours) rather than gray (marks in their grey levels).
    public var colour: Bool
    public var notation: ToothNotation
    /// Draw a document made for another image (its SOP Instance UID differs from the file's).
    public var allowOtherImage: Bool

    public init(render: RenderOptions = RenderOptions(), colour: Bool = false, notation: ToothNotation = .fdi, allowOtherImage: Bool = false) {
        self.render = render
        self.colour = colour
        self.notation = notation
        self.allowOtherImage = allowOtherImage
    }
}

/// Burned-in annotation: render the display image, move the marks onto it, draw them.
public enum Annotator {
    /// The font annotations are drawn with: DejaVu Sans Bold (Debian's fonts-dejavu-core).
    public static func defaultText() throws(RadiographError) -> any TextRasterizer {
        do {
            return try Font.dejaVuSans(bold: true)
        } catch {
            throw .invalidRequest("annotation font: \(error)")
        }
    }

    /// Draws `document` on the display image of `image`. Measurements use the document's
    /// reference object when it has one, else the file's spacing (``Calibration/init(_:)``); they
    /// are made on the stored image, whatever the display orientation and size.
    public static func annotate(
        _ image: DICOMImage, document: AnnotationDocument, options: AnnotateOptions = AnnotateOptions(),
        text: (any TextRasterizer)? = nil, schedule: Schedule = .serial
    ) throws(RadiographError) -> AnnotatedImage {
        try annotate(image, document: document, options: options, text: text, measurementLabels: true, schedule: schedule)
    }

    static func annotate(
        _ image: DICOMImage, document: AnnotationDocument, options: AnnotateOptions, text: (any TextRasterizer)?,
        measurementLabels: Bool, schedule: Schedule
    ) throws(RadiographError) -> AnnotatedImage {
        if !options.allowOtherImage, let uid = image.metadata.sopInstanceUID, uid != document.sopInstanceUID {
            throw .invalidRequest(
                "\(image.source): the annotations are for another image (SOP Instance UID \(document.sopInstanceUID)); "
                    + "use --any-image to draw them anyway")
        }
        var render = options.render
        render.outputBits = 8
        guard !render.raw else { throw .invalidRequest("\(image.source): raw stored values cannot be annotated") }
        let rendered = try Renderer.render(image, options: render, schedule: schedule)
        let geometry = try DisplayGeometry(image, options: render)
        let pixels: Pixels
        let calibration: Calibration
        let measurements: [MeasurementRecord]
        do {
            calibration = try document.calibration(file: Calibration(image.metadata))
            measurements = try document.measurements(calibration)
        } catch {
            throw .invalidRequest("\(image.source): \(error)")
        }
        guard case .uint8(let gray) = rendered.image else {
            throw .invalidRequest("\(image.source): annotation needs an 8-bit display image")
        }
        let rasterizer: any TextRasterizer
        if let text { rasterizer = text } else { rasterizer = try defaultText() }
        let renderer = AnnotationRenderer(
            layout: AnnotationLayout(calibration: calibration, notation: options.notation, showsMeasurements: measurementLabels),
            text: rasterizer)
        let onDisplay = geometry.map(document)
        do {
            if options.colour {
                var rgb = RGBImage(gray)
                try renderer.draw(onDisplay, onto: &rgb, measuring: document)
                pixels = .rgb(rgb)
            } else {
                var out = gray
                try renderer.draw(onDisplay, onto: &out, measuring: document)
                pixels = .gray(out)
            }
        } catch {
            throw .invalidRequest("\(image.source): \(error)")
        }
        var teeth: [Tooth] = []
        for case .tooth(_, let t) in document.annotations.map(\.shape) where !teeth.contains(t) { teeth.append(t) }
        return AnnotatedImage(pixels: pixels, measurements: measurements, teeth: teeth, calibration: calibration, rendered: rendered)
    }

    typealias Pixels = AnnotatedImage.Pixels
}

extension CodedConcept {
    /// The tooth's SNOMED CT code (CID 4018/4019) for the Primary Anatomic Structure Sequence.
    public init(_ tooth: Tooth) {
        self.init(value: tooth.snomed.code, scheme: "SCT", meaning: tooth.snomed.meaning)
    }
}

/// Reading annotation documents from disk.
public enum AnnotationFile {
    /// The document in the JSON file at `path`; a clear error naming the file and the problem.
    public static func read(_ path: String) throws(RadiographError) -> AnnotationDocument {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .io(path: path, operation: "read the annotation document", reason: (error as NSError).localizedDescription)
        }
        do {
            return try JSONDecoder().decode(AnnotationDocument.self, from: data)
        } catch let DecodingError.dataCorrupted(c) {
            throw .invalidRequest("\(path): not an annotation document: \(Self.where(c.codingPath))\(c.debugDescription)")
        } catch let DecodingError.keyNotFound(key, c) {
            throw .invalidRequest("\(path): not an annotation document: \(Self.where(c.codingPath))missing \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, c), let DecodingError.valueNotFound(_, c) {
            throw .invalidRequest("\(path): not an annotation document: \(Self.where(c.codingPath))\(c.debugDescription)")
        } catch {
            throw .invalidRequest("\(path): not an annotation document: \(error)")
        }
    }

    static func `where`(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "" : path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".") + ": "
    }
}

/// What `annotate --report` writes: the calibration used and every measurement.
public struct AnnotationReport: Sendable, Codable {
    public struct Entry: Sendable, Codable {
        public var index: Int
        public var type: String
        public var label: String?
        public var value: Double
        public var unit: String
        public var approximate: Bool
        /// As printed on the image ("≈ 12.34 mm").
        public var text: String
    }

    public struct CalibrationInfo: Sendable, Codable {
        public var calibrated: Bool
        public var rowSpacingMM: Double?
        public var columnSpacingMM: Double?
        public var approximate: Bool
        public var source: String
    }

    public var input: String
    public var output: String
    public var presentationState: String?
    public var sopInstanceUID: String
    public var calibration: CalibrationInfo
    public var measurements: [Entry]

    public init(input: String, output: String, presentationState: String?, document: AnnotationDocument, annotated: AnnotatedImage) {
        self.input = input
        self.output = output
        self.presentationState = presentationState
        sopInstanceUID = document.sopInstanceUID
        let c = annotated.calibration
        calibration = CalibrationInfo(
            calibrated: c.isCalibrated, rowSpacingMM: c.isCalibrated ? c.rowSpacing : nil,
            columnSpacingMM: c.isCalibrated ? c.columnSpacing : nil, approximate: c.isApproximate, source: c.explanation)
        measurements = annotated.measurements.map {
            Entry(
                index: $0.index, type: $0.type.rawValue, label: $0.label, value: $0.measurement.value,
                unit: $0.measurement.unit.rawValue, approximate: $0.measurement.isApproximate, text: $0.measurement.description)
        }
    }

    /// Pretty-printed JSON with sorted keys (stable for diffs).
    public func json() throws(RadiographError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do { return try encoder.encode(self) + Data("\n".utf8) } catch { throw .invalidRequest("report: \(error)") }
    }
}

extension OutputOptions {
    /// Encodes an annotated image: gray as any format (DICOM: a derived image with Burned In
    /// Annotation YES), colour as PNG, TIFF or JPEG.
    public func encode(
        _ annotated: AnnotatedImage, path: String, metadata: DICOMMetadata?, source: String?, derivation: String
    ) throws(RadiographError) -> [UInt8] {
        switch annotated.pixels {
        case .gray(let gray):
            if format == .dicom {
                guard let source else { throw .invalidRequest("\(path): DICOM output needs the original file") }
                do {
                    return try DICOMWriter.derived(
                        fromFile: source, pixels: .uint8(gray), derivationDescription: derivation, burnedInAnnotation: true,
                        teeth: annotated.teeth.map(CodedConcept.init), encoding: dicomEncoding)
                } catch {
                    throw .dicom(error)
                }
            }
            return try encode(.uint8(gray), path: path, metadata: metadata, source: source, derivation: derivation)
        case .rgb(let rgb):
            guard let imageFormat = format.imageFormat else {
                throw .invalidRequest("\(path): colour output is PNG, TIFF or JPEG, not DICOM")
            }
            let options = ImageCodec.EncodeOptions(
                png: png, tiff: TIFFCodec.Options(pixelSpacing: metadata.flatMap(Self.spacing)), jpegQuality: jpegQuality)
            do {
                return try ImageCodec.encode(rgb, as: imageFormat, options: options)
            } catch {
                throw .codec(path: path, error)
            }
        }
    }
}

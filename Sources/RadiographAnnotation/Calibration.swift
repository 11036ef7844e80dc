/// How many millimetres a pixel spans, and where that figure comes from: what turns a ruler drawn
/// in pixels into a length a dentist can trust.
///
/// The DICOM rules (PS3.3 §10.7.1.3 and the DX/intraoral modules), in order:
/// 1. **Pixel Spacing** (0028,0030) is the spacing *in the patient* — calibrated by geometry or by a
///    fiducial, as Pixel Spacing Calibration Type (0028,0A02) says — and is used when present.
/// 2. Otherwise **Imager Pixel Spacing** (0018,1164) is the spacing *at the detector*; divided by the
///    **Estimated Radiographic Magnification Factor** (0018,1114) it estimates the patient plane.
/// 3. Imager Pixel Spacing without a magnification factor is used as it is, labelled as measured at
///    the detector (objects are magnified: lengths read slightly long).
/// 4. With no spacing at all, measurements are in pixels, said so.
///
/// A practice can also calibrate by hand on an object of known length (a 10 mm ball, an
/// endodontic file) with ``Calibration/reference(from:to:millimetres:aspect:)``.
/// Panoramic lengths are always flagged approximate: magnification varies across the image.
///
/// Spacing follows DICOM's order: `rowSpacing` is the distance between rows (vertical), and
/// `columnSpacing` the distance between columns (horizontal).
public struct Calibration: Sendable, Hashable, Codable {
    public enum Source: Sendable, Hashable, Codable {
        /// Pixel Spacing, with its Pixel Spacing Calibration Type when stored (GEOMETRY, FIDUCIAL).
        case pixelSpacing(calibrationType: String?)
        /// Imager Pixel Spacing divided by the Estimated Radiographic Magnification Factor.
        case imagerSpacingCorrected(magnification: Double)
        /// Imager Pixel Spacing at the detector, no magnification factor known.
        case imagerSpacingAtDetector
        /// Calibrated by hand on a reference of known length.
        case reference(millimetres: Double)
        /// No spacing known: measurements in pixels.
        case uncalibrated
    }

    /// Millimetres between the centres of adjacent rows (0 when uncalibrated).
    public let rowSpacing: Double
    /// Millimetres between the centres of adjacent columns (0 when uncalibrated).
    public let columnSpacing: Double
    public let source: Source
    /// Lengths are estimates (panoramic images: magnification varies across the image).
    public let isApproximate: Bool

    public static let uncalibrated = Calibration(rowSpacing: 0, columnSpacing: 0, source: .uncalibrated, isApproximate: false)

    init(rowSpacing: Double, columnSpacing: Double, source: Source, isApproximate: Bool) {
        self.rowSpacing = rowSpacing
        self.columnSpacing = columnSpacing
        self.source = source
        self.isApproximate = isApproximate
    }

    /// Whether lengths can be given in millimetres.
    public var isCalibrated: Bool { rowSpacing > 0 && columnSpacing > 0 }

    /// The calibration the DICOM attributes give (see the rules above). Values that are not two
    /// positive numbers, or a magnification factor that is not positive, are ignored as absent.
    ///
    /// - Parameter modality: `PX` marks lengths as approximate.
    public static func fromDICOM(
        pixelSpacing: [Double]?, imagerPixelSpacing: [Double]?, magnification: Double?, calibrationType: String?,
        modality: String?
    ) -> Calibration {
        let approximate = modality == "PX"
        func pair(_ v: [Double]?) -> (Double, Double)? {
            guard let v, v.count == 2, v[0] > 0, v[1] > 0, v[0].isFinite, v[1].isFinite else { return nil }
            return (v[0], v[1])
        }
        if let (row, column) = pair(pixelSpacing) {
            return Calibration(
                rowSpacing: row, columnSpacing: column, source: .pixelSpacing(calibrationType: calibrationType),
                isApproximate: approximate)
        }
        if let (row, column) = pair(imagerPixelSpacing) {
            if let m = magnification, m > 0, m.isFinite {
                return Calibration(
                    rowSpacing: row / m, columnSpacing: column / m, source: .imagerSpacingCorrected(magnification: m),
                    isApproximate: approximate)
            }
            return Calibration(rowSpacing: row, columnSpacing: column, source: .imagerSpacingAtDetector, isApproximate: approximate)
        }
        return .uncalibrated
    }

    /// A calibration from a reference object: the segment `from`–`to` (image pixels) measures
    /// `millimetres`. `aspect` is the row spacing over the column spacing (1 for square pixels; a
    /// file's own ratio when it has one), kept while the scale is set by the reference.
    /// - Throws: ``MeasurementError`` when the segment is empty or the length is not positive.
    public static func reference(
        from a: Point, to b: Point, millimetres: Double, aspect: Double = 1
    ) throws(MeasurementError) -> Calibration {
        guard millimetres.isFinite, millimetres > 0 else {
            throw .invalid("the reference length must be above 0 mm, not \(millimetres)")
        }
        guard aspect.isFinite, aspect > 0 else { throw .invalid("the pixel aspect must be above 0, not \(aspect)") }
        // In units of the column spacing c: length = c · √(dx² + (aspect·dy)²).
        let dx = b.x - a.x
        let dy = (b.y - a.y) * aspect
        let pixels = (dx * dx + dy * dy).squareRoot()
        guard pixels > 0 else { throw .invalid("the reference segment has no length") }
        let column = millimetres / pixels
        return Calibration(
            rowSpacing: column * aspect, columnSpacing: column, source: .reference(millimetres: millimetres),
            isApproximate: false)
    }

    /// How the figure was obtained, for reports: "Pixel Spacing (GEOMETRY)", "Imager Pixel Spacing ÷
    /// magnification 1.08", ….
    public var explanation: String {
        let base: String
        switch source {
        case .pixelSpacing(let type): base = "Pixel Spacing" + (type.map { " (\($0))" } ?? "")
        case .imagerSpacingCorrected(let m): base = "Imager Pixel Spacing ÷ magnification factor \(m)"
        case .imagerSpacingAtDetector: base = "Imager Pixel Spacing at the detector (no magnification factor: lengths read long)"
        case .reference(let mm): base = "reference object of \(mm) mm"
        case .uncalibrated: base = "uncalibrated: pixels"
        }
        return base + (isApproximate ? "; approximate (panoramic magnification varies across the image)" : "")
    }
}

/// A point in image pixel coordinates (x to the right, y down; pixel centres at integers). JSON:
/// `[x, y]`.
public struct Point: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public init(from decoder: any Decoder) throws {
        let values = try decoder.singleValueContainer().decode([Double].self)
        guard values.count == 2, values[0].isFinite, values[1].isFinite else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "a point is [x, y] with two finite numbers, not \(values)"))
        }
        x = values[0]
        y = values[1]
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(x)
        try c.encode(y)
    }
}

/// A measurement that cannot be made.
public enum MeasurementError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let why): "cannot measure: \(why)"
        }
    }
}

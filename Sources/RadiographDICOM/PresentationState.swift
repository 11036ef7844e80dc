internal import CRadiographDCMTK

#if canImport(Glibc)
    import Glibc
#endif

/// A Grayscale Softcopy Presentation State (GSPS, PS3.3 A.33.1): how one image is to be shown —
/// a window, a displayed area — and the vector graphics and text drawn over it, kept apart from
/// the image's pixels. Written and read through DCMTK's dcmpstat (`DcmPresentationState`).
///
/// ## Coordinates
///
/// Points are in Radiograph's image coordinates: pixel (i, j) covers [i, i+1) × [j, j+1), x to the
/// right (columns), y down (rows), so the centre of the top left pixel is (0.5, 0.5). DICOM's
/// PIXEL annotation units are the same space: PS3.3 C.10.5 (Graphic Annotation Module, Bounding
/// Box / Anchor Point / Graphic Annotation Units) puts "the origin at the Top Left Hand Corner
/// (TLHC) of the TLHC pixel" at 0.0\0.0, the bottom right corner of that pixel at 1.0\1.0 and the
/// bottom right corner of the bottom right pixel at Columns\Rows, values given column\row (x\y).
/// Points are therefore written unchanged — but as 32-bit floats (VR FL), so they come back
/// rounded to `Float`; ``write(forImageAt:to:)`` returns the state as stored, rounding included.
///
/// The displayed area is different: PS3.3 C.10.4 gives its corners as whole pixels, column\row,
/// with the top left pixel of the image being 1\1 (``DisplayedArea``).
public struct PresentationState: Sendable, Hashable {
    /// The image a presentation state applies to.
    public struct ImageReference: Sendable, Hashable {
        public var sopClassUID: String
        public var sopInstanceUID: String
        public var seriesInstanceUID: String

        public init(sopClassUID: String, sopInstanceUID: String, seriesInstanceUID: String) {
            self.sopClassUID = sopClassUID
            self.sopInstanceUID = sopInstanceUID
            self.seriesInstanceUID = seriesInstanceUID
        }
    }

    /// A point in image coordinates (see the type's documentation: (0.5, 0.5) is the centre of
    /// the top left pixel).
    public struct Point: Sendable, Hashable {
        public var x: Double
        public var y: Double

        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// The Softcopy VOI LUT window (PS3.3 C.11.8): applied to the modality values instead of any
    /// window stored in the image.
    public struct SoftcopyWindow: Sendable, Hashable {
        public var center: Double
        /// At least 1.
        public var width: Double
        /// Window Center & Width Explanation (LO, at most 64 characters).
        public var explanation: String?

        public init(center: Double, width: Double, explanation: String? = nil) {
            self.center = center
            self.width = width
            self.explanation = explanation
        }
    }

    /// The part of the image shown, scaled to fit the viewport (PS3.3 C.10.4, SCALE TO FIT).
    ///
    /// Corners are 1-based pixel indices, column then row, both inclusive: the whole of an image
    /// of `w` × `h` pixels is `(1, 1)`–`(w, h)`. In image coordinates the area covers
    /// [left − 1, right) × [top − 1, bottom).
    public struct DisplayedArea: Sendable, Hashable {
        public var topLeft: (column: Int, row: Int)
        public var bottomRight: (column: Int, row: Int)

        public init(topLeft: (column: Int, row: Int), bottomRight: (column: Int, row: Int)) {
            self.topLeft = topLeft
            self.bottomRight = bottomRight
        }

        public static func == (a: Self, b: Self) -> Bool {
            a.topLeft == b.topLeft && a.bottomRight == b.bottomRight
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(topLeft.column)
            hasher.combine(topLeft.row)
            hasher.combine(bottomRight.column)
            hasher.combine(bottomRight.row)
        }
    }

    /// A graphic layer (PS3.3 C.10.7): objects are drawn layer by layer, lowest order first.
    public struct GraphicLayer: Sendable, Hashable {
        /// Graphic Layer (CS): 1 to 16 of A–Z, 0–9, space and underscore.
        public var name: String
        /// Graphic Layer Order: lower values are drawn first (underneath).
        public var order: Int
        /// Graphic Layer Description (LO, at most 64 characters).
        public var description: String?

        public init(name: String, order: Int, description: String? = nil) {
            self.name = name
            self.order = order
            self.description = description
        }
    }

    /// A vector graphic (PS3.3 C.10.5.1.2).
    public struct GraphicObject: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            /// One point.
            case point = "POINT"
            /// Two or more points joined by straight segments; closed when the last point repeats the first.
            case polyline = "POLYLINE"
            /// Two or more points joined by a smooth curve; closed when the last point repeats the first.
            case interpolated = "INTERPOLATED"
            /// Two points: the centre, then a point on the circle.
            case circle = "CIRCLE"
            /// Four points: the end points of the major axis, then those of the minor axis.
            case ellipse = "ELLIPSE"
        }

        /// The name of one of the state's layers.
        public var layer: String
        public var kind: Kind
        public var points: [Point]
        /// Graphic Filled: only for closed shapes (circle, ellipse, closed polyline or curve).
        public var filled: Bool

        public init(layer: String, kind: Kind, points: [Point], filled: Bool = false) {
            self.layer = layer
            self.kind = kind
            self.points = points
            self.filled = filled
        }

        /// A circle, an ellipse, or a polyline or curve whose last point is its first.
        public var isClosed: Bool {
            switch kind {
            case .circle, .ellipse: true
            case .point: false
            case .polyline, .interpolated: points.count > 2 && points.first == points.last
            }
        }
    }

    /// A text annotation (PS3.3 C.10.5.1.1): placed by a bounding box, an anchor point, or both.
    public struct TextObject: Sendable, Hashable {
        /// The name of one of the state's layers.
        public var layer: String
        /// Unformatted Text Value (ST, at most 1024 characters).
        public var text: String
        /// The box the text is rendered in, from its top left to its bottom right corner.
        public var boundingBox: (topLeft: Point, bottomRight: Point)?
        /// A point the text refers to (a viewer may draw a line from the text to it).
        public var anchor: Point?
        /// Whether the anchor point is drawn (only with an anchor).
        public var anchorVisible: Bool

        public init(
            layer: String, text: String, boundingBox: (topLeft: Point, bottomRight: Point)? = nil, anchor: Point? = nil,
            anchorVisible: Bool = false
        ) {
            self.layer = layer
            self.text = text
            self.boundingBox = boundingBox
            self.anchor = anchor
            self.anchorVisible = anchorVisible
        }

        public static func == (a: Self, b: Self) -> Bool {
            a.layer == b.layer && a.text == b.text && a.anchor == b.anchor && a.anchorVisible == b.anchorVisible
                && a.boundingBox?.topLeft == b.boundingBox?.topLeft
                && a.boundingBox?.bottomRight == b.boundingBox?.bottomRight
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(layer)
            hasher.combine(text)
            hasher.combine(boundingBox?.topLeft)
            hasher.combine(boundingBox?.bottomRight)
            hasher.combine(anchor)
            hasher.combine(anchorVisible)
        }
    }

    // MARK: Identification (set by writing or reading)

    /// The image the state applies to; nil until written or read.
    public internal(set) var referencedImage: ImageReference?
    /// The state's own SOP Instance UID; nil until written or read.
    public internal(set) var sopInstanceUID: String?
    /// The state's own series; nil until written or read.
    public internal(set) var seriesInstanceUID: String?
    /// The study (the image's); nil until written or read.
    public internal(set) var studyInstanceUID: String?

    // MARK: Content

    /// Content Label (CS): 1 to 16 of A–Z, 0–9, space and underscore.
    public var contentLabel: String
    /// Content Description (LO, at most 64 characters).
    public var contentDescription: String?
    /// Content Creator's Name (PN, at most 64 characters).
    public var creatorName: String?
    /// The window to show the image with. Nil writes no Softcopy VOI LUT module: a conforming
    /// viewer then applies no window at all — the image's own window is not used (PS3.4 N.2.1.3).
    public var window: SoftcopyWindow?
    /// Nil when writing shows the whole image; reading returns the stored area (always present in
    /// a valid GSPS).
    public var displayedArea: DisplayedArea?
    public var layers: [GraphicLayer]
    /// Reading returns graphics grouped by layer, in the order of ``layers``, then as stored.
    public var graphics: [GraphicObject]
    /// Reading returns texts grouped by layer, in the order of ``layers``, then as stored.
    public var texts: [TextObject]

    public init(
        contentLabel: String, contentDescription: String? = nil, creatorName: String? = nil,
        window: SoftcopyWindow? = nil, displayedArea: DisplayedArea? = nil, layers: [GraphicLayer] = [],
        graphics: [GraphicObject] = [], texts: [TextObject] = []
    ) {
        self.contentLabel = contentLabel
        self.contentDescription = contentDescription
        self.creatorName = creatorName
        self.window = window
        self.displayedArea = displayedArea
        self.layers = layers
        self.graphics = graphics
        self.texts = texts
    }
}

// MARK: - Writing

extension PresentationState {
    /// Encodes this content as a new GSPS for the DICOM image at `imagePath` (explicit VR little
    /// endian): patient, study and equipment copied from the image, the image referenced, a new
    /// SOP Instance UID and a new series (``DICOMUID``).
    ///
    /// - Returns: the Part 10 bytes, and the state as stored (UIDs, reference, points rounded to
    ///   `Float`), equal to what ``read(path:)`` returns for those bytes.
    /// - Throws: ``DICOMError/invalidAttribute(source:attribute:reason:)`` naming the offending
    ///   value (a content label that is not a DICOM CS, a graphic with the wrong number of
    ///   points, …); the image's read errors.
    public func encoded(forImageAt imagePath: String) throws(DICOMError) -> (bytes: [UInt8], stored: PresentationState)
    {
        var stored = try validated(source: imagePath)
        stored.sopInstanceUID = DICOMUID.make()
        stored.seriesInstanceUID = DICOMUID.make()
        let image = try DICOMDataSet.open(path: imagePath)
        stored.referencedImage = ImageReference(
            sopClassUID: image.string(.sopClassUID).map(trimmed) ?? "",
            sopInstanceUID: image.string(.sopInstanceUID).map(trimmed) ?? "",
            seriesInstanceUID: image.string(.seriesInstanceUID).map(trimmed) ?? "")
        stored.studyInstanceUID = image.string(.studyInstanceUID).map(trimmed)
        if stored.displayedArea == nil, let rows = image.words([DICOMTag.rows.packed])?.first,
            let columns = image.words([DICOMTag.columns.packed])?.first
        {
            // What dcmpstat stores without an explicit area: the whole image.
            stored.displayedArea = DisplayedArea(topLeft: (1, 1), bottomRight: (Int(columns), Int(rows)))
        }
        let bytes = try stored.withContent { content throws(DICOMError) -> [UInt8] in
            var out: UnsafeMutablePointer<UInt8>?
            var size = 0
            var message = [CChar](repeating: 0, count: 1024)
            let status = image.withHandle { h in rgd_gsps_encode(h, &content, &out, &size, &message, message.count) }
            defer { rgd_free(out) }
            guard status == RGD_OK, let out else {
                let reason = cText(message)
                throw status == RGD_BAD_ARGUMENT
                    ? .invalidAttribute(source: imagePath, attribute: "presentation state", reason: reason)
                    : .internalFailure(source: imagePath, reason: reason)
            }
            return Array(UnsafeBufferPointer(start: out, count: size))
        }
        return (bytes, stored)
    }

    /// Writes this content as a new GSPS for the image at `imagePath` to `outputPath` (see
    /// ``encoded(forImageAt:)``). The file is written to a temporary name in the same folder,
    /// flushed and renamed into place, so it is never seen half-written; an existing file is
    /// replaced.
    ///
    /// - Returns: the state as stored.
    @discardableResult
    public func write(forImageAt imagePath: String, to outputPath: String) throws(DICOMError) -> PresentationState {
        let (bytes, stored) = try encoded(forImageAt: imagePath)
        try writeReplacing(bytes, to: outputPath)
        return stored
    }

    /// Checks every value against its DICOM VR and the graphic rules, and rounds points to `Float`.
    func validated(source: String) throws(DICOMError) -> PresentationState {
        func fail(_ attribute: String, _ reason: String) -> DICOMError {
            .invalidAttribute(source: source, attribute: attribute, reason: reason)
        }
        func checkCS(_ value: String, _ attribute: String) throws(DICOMError) {
            let allowed = value.unicodeScalars.allSatisfy {
                ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == " " || $0 == "_"
            }
            // Leading and trailing spaces are not significant in a CS, so they would not survive.
            guard !value.isEmpty, value.unicodeScalars.count <= 16, allowed, value.first != " ", value.last != " "
            else {
                throw fail(
                    attribute,
                    "\"\(value)\" is not a DICOM code string (1 to 16 of A-Z, 0-9, space, _; no leading or trailing space)")
            }
        }
        func checkText(_ value: String?, _ attribute: String, maximum: Int, backslash: Bool = false) throws(DICOMError)
        {
            guard let value else { return }
            guard value.count <= maximum else { throw fail(attribute, "longer than \(maximum) characters") }
            let bad = value.unicodeScalars.contains {
                ($0.value < 0x20 && !(backslash && ($0 == "\n" || $0 == "\r" || $0 == "\t")))
                    || (!backslash && $0 == "\\")
            }
            if bad { throw fail(attribute, "contains a control character\(backslash ? "" : " or a backslash")") }
        }
        func rounded(_ p: Point, _ attribute: String) throws(DICOMError) -> Point {
            let x = Float(p.x)
            let y = Float(p.y)
            guard x.isFinite, y.isFinite else { throw fail(attribute, "a point is not a finite 32-bit float") }
            return Point(x: Double(x), y: Double(y))
        }

        // An empty optional text is stored as absent, and so reads back as nil.
        var s = self
        func absentIfEmpty(_ v: String?) -> String? { v?.isEmpty == true ? nil : v }
        s.contentDescription = absentIfEmpty(contentDescription)
        s.creatorName = absentIfEmpty(creatorName)
        s.window?.explanation = absentIfEmpty(window?.explanation)
        for i in s.layers.indices { s.layers[i].description = absentIfEmpty(layers[i].description) }
        try checkCS(contentLabel, "Content Label")
        try checkText(contentDescription, "Content Description", maximum: 64)
        try checkText(creatorName, "Content Creator's Name", maximum: 64)
        if let w = window {
            guard w.center.isFinite, w.width.isFinite, w.width >= 1 else {
                throw fail("window", "center \(w.center), width \(w.width): the width must be at least 1")
            }
            try checkText(w.explanation, "Window Center & Width Explanation", maximum: 64)
        }
        if let a = displayedArea {
            let values = [a.topLeft.column, a.topLeft.row, a.bottomRight.column, a.bottomRight.row]
            guard values.allSatisfy({ Int(Int32.min) <= $0 && $0 <= Int(Int32.max) }),
                a.topLeft.column <= a.bottomRight.column, a.topLeft.row <= a.bottomRight.row
            else { throw fail("displayed area", "the top left corner must be above and left of the bottom right one") }
        }
        var names = Set<String>()
        for layer in layers {
            try checkCS(layer.name, "Graphic Layer")
            guard names.insert(layer.name).inserted else {
                throw fail("Graphic Layer", "\"\(layer.name)\" appears twice")
            }
            guard Int(Int32.min) <= layer.order && layer.order <= Int(Int32.max) else {
                throw fail("Graphic Layer Order", "\(layer.order) is out of range")
            }
            try checkText(layer.description, "Graphic Layer Description", maximum: 64)
        }
        for (i, g) in graphics.enumerated() {
            let attribute = "graphic \(i) (\(g.kind.rawValue))"
            guard names.contains(g.layer) else { throw fail(attribute, "layer \"\(g.layer)\" is not among the layers") }
            let count = g.points.count
            let ok =
                switch g.kind {
                case .point: count == 1
                case .circle: count == 2
                case .ellipse: count == 4
                case .polyline, .interpolated: (2...32767).contains(count)
                }
            guard ok else { throw fail(attribute, "\(count) points do not make a \(g.kind.rawValue)") }
            var points: [Point] = []
            for p in g.points { points.append(try rounded(p, attribute)) }
            s.graphics[i].points = points
            if g.filled && !s.graphics[i].isClosed {
                throw fail(
                    attribute, "only closed shapes can be filled (a polyline closes by repeating its first point)")
            }
        }
        for (i, t) in texts.enumerated() {
            let attribute = "text \(i)"
            guard names.contains(t.layer) else { throw fail(attribute, "layer \"\(t.layer)\" is not among the layers") }
            guard !t.text.isEmpty else { throw fail(attribute, "the text is empty") }
            try checkText(t.text, attribute, maximum: 1024, backslash: true)
            guard t.boundingBox != nil || t.anchor != nil else {
                throw fail(attribute, "a text needs a bounding box, an anchor point, or both")
            }
            if t.anchorVisible && t.anchor == nil { throw fail(attribute, "a visible anchor needs an anchor point") }
            if let b = t.boundingBox {
                s.texts[i].boundingBox = (try rounded(b.topLeft, attribute), try rounded(b.bottomRight, attribute))
            }
            if let a = t.anchor { s.texts[i].anchor = try rounded(a, attribute) }
        }
        return s
    }

    /// Calls `body` with the C view of this (validated) state; every pointer lives until it returns.
    private func withContent<R>(_ body: (inout rgd_gsps_content) throws(DICOMError) -> R) throws(DICOMError) -> R {
        // Strings are kept as NUL-terminated byte arrays, addressed through one stable buffer each.
        var storage: [UnsafeMutablePointer<CChar>] = []
        defer { for p in storage { p.deallocate() } }
        func c(_ s: String?) -> UnsafePointer<CChar>? {
            guard let s else { return nil }
            let utf8 = Array(s.utf8CString)
            let p = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count)
            p.initialize(from: utf8, count: utf8.count)
            storage.append(p)
            return UnsafePointer(p)
        }
        let layerIndex = Dictionary(uniqueKeysWithValues: layers.enumerated().map { ($1.name, $0) })
        let cLayers = layers.map {
            rgd_gsps_layer(name: c($0.name), order: Int32($0.order), description: c($0.description))
        }
        let pointArrays: [[Float]] = graphics.map { g in g.points.flatMap { [Float($0.x), Float($0.y)] } }
        var content = rgd_gsps_content()
        content.sop_instance_uid = c(sopInstanceUID)
        content.series_instance_uid = c(seriesInstanceUID)
        content.content_label = c(contentLabel)
        content.content_description = c(contentDescription)
        content.creator_name = c(creatorName)
        if let w = window {
            content.has_window = 1
            content.window_center = w.center
            content.window_width = w.width
            content.window_explanation = c(w.explanation)
        }
        if let a = displayedArea {
            content.has_displayed_area = 1
            content.displayed_area = (
                Int32(a.topLeft.column), Int32(a.topLeft.row),
                Int32(a.bottomRight.column), Int32(a.bottomRight.row)
            )
        }
        let cTexts = texts.map { t in
            var x = rgd_gsps_text()
            x.layer = layerIndex[t.layer]!
            x.text = c(t.text)
            if let b = t.boundingBox {
                x.has_bounding_box = 1
                x.bounding_box_units = RGD_UNITS_PIXEL
                x.bounding_box = (
                    Float(b.topLeft.x), Float(b.topLeft.y), Float(b.bottomRight.x), Float(b.bottomRight.y)
                )
            }
            if let a = t.anchor {
                x.has_anchor = 1
                x.anchor_units = RGD_UNITS_PIXEL
                x.anchor = (Float(a.x), Float(a.y))
                x.anchor_visible = t.anchorVisible ? 1 : 0
            }
            return x
        }
        return try withPointers(pointArrays) { pointers throws(DICOMError) -> R in
            let cGraphics = graphics.enumerated().map { i, g in
                rgd_gsps_graphic(
                    layer: layerIndex[g.layer]!, type: g.kind.cType, units: RGD_UNITS_PIXEL,
                    points: pointers[i], point_count: g.points.count, filled: g.filled ? 1 : 0)
            }
            return try cLayers.withUnsafeBufferPointer { l throws(DICOMError) -> R in
                try cGraphics.withUnsafeBufferPointer { g throws(DICOMError) -> R in
                    try cTexts.withUnsafeBufferPointer { t throws(DICOMError) -> R in
                        content.layers = l.baseAddress
                        content.layer_count = l.count
                        content.graphics = g.baseAddress
                        content.graphic_count = g.count
                        content.texts = t.baseAddress
                        content.text_count = t.count
                        return try body(&content)
                    }
                }
            }
        }
    }
}

/// Calls `body` with stable pointers to the arrays' elements.
private func withPointers<R>(
    _ arrays: [[Float]], _ body: ([UnsafePointer<Float>?]) throws(DICOMError) -> R
) throws(DICOMError) -> R {
    var buffers: [UnsafeMutableBufferPointer<Float>] = []
    defer { for b in buffers { b.deallocate() } }
    for a in arrays {
        let b = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(a.count, 1))
        _ = b.initialize(from: a)
        buffers.append(b)
    }
    return try body(buffers.map { UnsafePointer($0.baseAddress) })
}

// MARK: - Reading

extension PresentationState {
    /// Reads the GSPS at `path`.
    ///
    /// Objects in DISPLAY units (relative to the displayed area) are converted to image
    /// coordinates through the displayed area: u ∈ [0, 1] maps to [left − 1, right] (and likewise
    /// for rows), which ignores any rotation or flip the state may carry.
    ///
    /// - Throws: ``DICOMError/invalidAttribute(source:attribute:reason:)`` (attribute "SOP Class
    ///   UID" or "presentation state") when the file is DICOM but not a valid GSPS; the other
    ///   cases when it cannot be read at all. The error names the file.
    public static func read(path: String) throws(DICOMError) -> PresentationState {
        try read(DICOMDataSet.open(path: path))
    }

    /// Reads a GSPS held in memory; `source` names it in errors.
    public static func read(bytes: [UInt8], source: String = "<memory>") throws(DICOMError) -> PresentationState {
        try read(DICOMDataSet.open(bytes: bytes, source: source))
    }

    private static func read(_ data: DICOMDataSet) throws(DICOMError) -> PresentationState {
        var handle: OpaquePointer?
        var message = [CChar](repeating: 0, count: 1024)
        let status = data.withHandle { rgd_gsps_read($0, &handle, &message, message.count) }
        guard status == RGD_OK, let handle else {
            let reason = cText(message)
            if status == RGD_READ_FAILED {
                let attribute = reason.hasPrefix("not a Grayscale") ? "SOP Class UID" : "presentation state"
                throw .invalidAttribute(source: data.source, attribute: attribute, reason: reason)
            }
            throw .internalFailure(source: data.source, reason: reason)
        }
        defer { rgd_gsps_free(handle) }
        return PresentationState(rgd_gsps_content_of(handle)!.pointee)
    }

    private init(_ c: rgd_gsps_content) {
        func s(_ p: UnsafePointer<CChar>?) -> String? { p.map { trimmed(String(cString: $0)) } }
        contentLabel = s(c.content_label) ?? ""
        contentDescription = s(c.content_description)
        creatorName = s(c.creator_name)
        sopInstanceUID = s(c.sop_instance_uid)
        seriesInstanceUID = s(c.series_instance_uid)
        studyInstanceUID = s(c.study_instance_uid)
        referencedImage = ImageReference(
            sopClassUID: s(c.referenced_sop_class_uid) ?? "", sopInstanceUID: s(c.referenced_sop_instance_uid) ?? "",
            seriesInstanceUID: s(c.referenced_series_uid) ?? "")
        window =
            c.has_window != 0
            ? SoftcopyWindow(center: c.window_center, width: c.window_width, explanation: s(c.window_explanation)) : nil
        let a = c.displayed_area
        let area: DisplayedArea? =
            c.has_displayed_area != 0
            ? DisplayedArea(topLeft: (Int(a.0), Int(a.1)), bottomRight: (Int(a.2), Int(a.3))) : nil
        displayedArea = area
        /// PIXEL points as they are; DISPLAY points through the displayed area.
        func point(_ x: Float, _ y: Float, _ units: rgd_annotation_units) -> Point {
            guard units == RGD_UNITS_DISPLAY, let area else { return Point(x: Double(x), y: Double(y)) }
            let left = Double(area.topLeft.column - 1)
            let top = Double(area.topLeft.row - 1)
            let width = Double(area.bottomRight.column) - left
            let height = Double(area.bottomRight.row) - top
            return Point(x: left + Double(x) * width, y: top + Double(y) * height)
        }
        let cLayers = UnsafeBufferPointer(start: c.layers, count: c.layer_count)
        layers = cLayers.map {
            GraphicLayer(name: s($0.name) ?? "", order: Int($0.order), description: s($0.description))
        }
        let names = layers.map(\.name)
        graphics = UnsafeBufferPointer(start: c.graphics, count: c.graphic_count).map { g in
            let raw = UnsafeBufferPointer(start: g.points, count: 2 * g.point_count)
            let points = stride(from: 0, to: raw.count, by: 2).map { point(raw[$0], raw[$0 + 1], g.units) }
            return GraphicObject(
                layer: names[g.layer], kind: GraphicObject.Kind(g.type), points: points, filled: g.filled != 0)
        }
        texts = UnsafeBufferPointer(start: c.texts, count: c.text_count).map { t in
            let b = t.bounding_box
            return TextObject(
                layer: names[t.layer], text: t.text.map { String(cString: $0) } ?? "",
                boundingBox: t.has_bounding_box != 0
                    ? (point(b.0, b.1, t.bounding_box_units), point(b.2, b.3, t.bounding_box_units)) : nil,
                anchor: t.has_anchor != 0 ? point(t.anchor.0, t.anchor.1, t.anchor_units) : nil,
                anchorVisible: t.has_anchor != 0 && t.anchor_visible != 0)
        }
    }
}

extension PresentationState.GraphicObject.Kind {
    var cType: rgd_graphic_type {
        switch self {
        case .point: RGD_GRAPHIC_POINT
        case .polyline: RGD_GRAPHIC_POLYLINE
        case .interpolated: RGD_GRAPHIC_INTERPOLATED
        case .circle: RGD_GRAPHIC_CIRCLE
        case .ellipse: RGD_GRAPHIC_ELLIPSE
        }
    }

    init(_ t: rgd_graphic_type) {
        switch t {
        case RGD_GRAPHIC_POINT: self = .point
        case RGD_GRAPHIC_INTERPOLATED: self = .interpolated
        case RGD_GRAPHIC_CIRCLE: self = .circle
        case RGD_GRAPHIC_ELLIPSE: self = .ellipse
        default: self = .polyline
        }
    }
}

private func cText(_ m: [CChar]) -> String {
    String(decoding: m.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Writes `bytes` over `path` durably (``DurableFile``: temporary file, fsync, rename, folder fsync).
private func writeReplacing(_ bytes: [UInt8], to path: String) throws(DICOMError) {
    do { try DurableFile.write(bytes, to: path, replacing: true) } catch {
        switch error {
        case .exists: throw .unwritable(source: path, reason: "exists")
        case .failed(_, let operation, let reason): throw .unwritable(source: path, reason: "\(operation): \(reason)")
        }
    }
}

import Foundation
import RadiographAnnotation
import RadiographCore
import RadiographDICOM

/// A capture's display image, ready to mount.
public struct MountCapture: Sendable {
    public var image: GrayImage<UInt8>
    /// Where it came from (a path, or a name the caller chooses), for the mount's description.
    public var source: String
    public var sopInstanceUID: String?
    public var sopClassUID: String?
    /// Whose image it is: a mount shows one patient's images unless told otherwise.
    public var patientID: String?

    public init(image: GrayImage<UInt8>, source: String, sopInstanceUID: String? = nil, sopClassUID: String? = nil, patientID: String? = nil) {
        self.image = image
        self.source = source
        self.sopInstanceUID = sopInstanceUID
        self.sopClassUID = sopClassUID
        self.patientID = patientID
    }

    /// The DICOM file at `path`, displayed with `render` (8-bit).
    public init(path: String, render: RenderOptions = RenderOptions()) throws(RadiographError) {
        let image: DICOMImage
        do { image = try DICOMReader.read(contentsOf: path) } catch { throw .dicom(error) }
        var options = render
        options.outputBits = 8
        options.raw = false
        guard case .uint8(let shown) = try Renderer.render(image, options: options).image else {
            throw .invalidRequest("\(path): the display image is not 8-bit")
        }
        self.init(
            image: shown, source: path, sopInstanceUID: image.metadata.sopInstanceUID, sopClassUID: image.metadata.sopClassUID,
            patientID: image.metadata.patientID)
    }
}

/// How a mount is rendered.
public struct MountOptions: Sendable {
    /// How each capture is displayed (window, preset…) before it is placed.
    public var render: RenderOptions
    /// Pixels per template unit (a periapical slot is 1 unit wide).
    public var cellSize: Int
    public var notation: ToothNotation
    /// Slot labels (name and teeth) drawn over the top of each slot.
    public var labels: Bool
    /// Mount captures of different patients (Patient ID) together: refused by default, since a
    /// mount is read as one patient's series.
    public var allowMixedPatients = false

    public init(render: RenderOptions = RenderOptions(), cellSize: Int = 400, notation: ToothNotation = .fdi, labels: Bool = true) {
        self.render = render
        self.cellSize = cellSize
        self.notation = notation
        self.labels = labels
    }
}

/// One slot of a rendered mount: what went in and how it was turned.
public struct MountPlacement: Sendable, Hashable, Codable {
    public var slot: String
    public var teeth: [Int]
    /// The capture placed (nil: the slot is empty).
    public var input: String?
    public var sopInstanceUID: String?
    /// The clockwise turn applied (orientation, then the slot's own turn) and the mirror.
    public var rotate: Int
    public var flip: Bool
    /// The slot's rectangle in the mount image (pixels).
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
}

/// A rendered mount and its description (saved beside it as JSON).
public struct RenderedMount: Sendable {
    public var image: GrayImage<UInt8>
    public var template: MountTemplate
    public var placements: [MountPlacement]
    /// The captures placed, in slot order.
    public var captures: [MountCapture]

    /// The mount as a derived DICOM image of its first capture (patient and study kept, new
    /// UIDs), every capture referenced in the Source Image Sequence. One patient only.
    public func derivedDICOM(encoding: DICOMEncoding = .explicitLittleEndian) throws(RadiographError) -> [UInt8] {
        guard let first = captures.first else { throw .invalidRequest("an empty mount has no DICOM form") }
        guard Set(captures.compactMap(\.patientID)).count <= 1 else {
            throw .invalidRequest("a mount of several patients cannot be written as one patient's DICOM image")
        }
        let others = captures.dropFirst().compactMap { c in
            c.sopClassUID.flatMap { cls in c.sopInstanceUID.map { (sopClassUID: cls, sopInstanceUID: $0) } }
        }
        let filled = placements.filter { $0.input != nil }.count
        do {
            return try DICOMWriter.derived(
                fromFile: first.source, pixels: .uint8(image),
                derivationDescription: "Radiograph \(RadiographVersion.current): mount \(template.name), \(filled) of \(template.slots.count) slots",
                otherSources: others, encoding: encoding)
        } catch {
            throw .dicom(error)
        }
    }

    /// The mount as JSON: the template and every placement.
    public func json() throws(RadiographError) -> Data {
        struct Document: Codable {
            var version = 1
            var template: MountTemplate
            var width: Int
            var height: Int
            var placements: [MountPlacement]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(Document(template: template, width: image.width, height: image.height, placements: placements))
                + Data("\n".utf8)
        } catch {
            throw .invalidRequest("mount: \(error)")
        }
    }
}

/// Mounts: captures placed into a template's slots, turned to the slot's orientation, scaled to
/// fit, labelled, on one 8-bit image.
public enum MountRenderer {
    /// Renders `template` with `inputs` in slot order (nil, or fewer inputs than slots, leaves
    /// slots empty). Captures are read and displayed in parallel; any failure fails the mount,
    /// naming the file (a mount never silently drops an image).
    public static func render(
        _ template: MountTemplate, inputs: [String?], options: MountOptions = MountOptions(), text: (any TextRasterizer)? = nil,
        schedule: Schedule = .automatic
    ) throws(RadiographError) -> RenderedMount {
        guard inputs.count <= template.slots.count else {
            throw .invalidRequest(
                "mount template '\(template.name)' has \(template.slots.count) slots: \(inputs.count) images do not fit")
        }
        // Each capture: read and displayed, in parallel; results by index.
        let displays = SlotResults<Result<MountCapture, RadiographError>>(count: inputs.count)
        schedule.forEachIndex(inputs.count) { i in
            guard let path = inputs[i] else { return }
            displays[i] = Result { () throws(RadiographError) -> MountCapture in try MountCapture(path: path, render: options.render) }
        }
        var captures: [MountCapture?] = []
        for i in 0..<inputs.count { captures.append(try displays[i]?.get()) }
        return try compose(template, captures: captures, options: options, text: text, schedule: schedule)
    }

    /// Renders `template` with display images already made (the acquisition station's case, and
    /// the composition alone for benchmarks): each scaled to fit its slot, then turned (turning
    /// the small image is cheaper), in parallel.
    public static func compose(
        _ template: MountTemplate, captures: [MountCapture?], options: MountOptions = MountOptions(), text: (any TextRasterizer)? = nil,
        schedule: Schedule = .automatic
    ) throws(RadiographError) -> RenderedMount {
        if let problem = template.problem { throw .invalidRequest("mount template '\(template.name)': \(problem)") }
        let patients = Set(captures.compactMap { $0?.patientID })
        if patients.count > 1 && !options.allowMixedPatients {
            // The files are named, the patients are not (their IDs stay out of messages).
            throw .invalidRequest(
                "the captures belong to \(patients.count) different patients (\(captures.compactMap { $0?.source }.joined(separator: ", "))); "
                    + "a mount shows one patient's images (--allow-mixed-patients to mount them anyway)")
        }
        guard captures.count <= template.slots.count else {
            throw .invalidRequest(
                "mount template '\(template.name)' has \(template.slots.count) slots: \(captures.count) images do not fit")
        }
        guard (50...4000).contains(options.cellSize) else {
            throw .invalidRequest("mount cell size must be 50 to 4000 pixels, not \(options.cellSize)")
        }
        let cell = Double(options.cellSize)
        let margin = Int((0.1 * cell).rounded())
        let extent = template.extent
        let width = Int((extent.width * cell).rounded()) + 2 * margin
        let height = Int((extent.height * cell).rounded()) + 2 * margin
        guard width * height <= 1 << 28 else { throw .invalidRequest("mount of \(width)x\(height) pixels is too large") }
        let rects = template.slots.map { s in
            let x0 = margin + Int((s.x * cell).rounded()), y0 = margin + Int((s.y * cell).rounded())
            let x1 = margin + Int(((s.x + s.width) * cell).rounded()), y1 = margin + Int(((s.y + s.height) * cell).rounded())
            return (x: x0, y: y0, width: max(1, x1 - x0), height: max(1, y1 - y0))
        }
        typealias Placed = (image: GrayImage<UInt8>, turn: QuarterTurn, flip: Bool)
        let results = SlotResults<Result<Placed, RadiographError>>(count: captures.count)
        schedule.forEachIndex(captures.count) { i in
            guard let capture = captures[i] else { return }
            results[i] = Result { () throws(RadiographError) -> Placed in
                try fit(capture, slot: template.slots[i], rect: rects[i])
            }
        }
        var canvas = GrayImage<UInt8>(width: width, height: height, repeating: 0)
        var placements: [MountPlacement] = []
        for (i, slot) in template.slots.enumerated() {
            let r = rects[i]
            fill(&canvas, x: r.x, y: r.y, width: r.width, height: r.height, value: 28)
            var placement = MountPlacement(
                slot: slot.label, teeth: slot.teeth.map(\.fdi), input: nil, sopInstanceUID: nil, rotate: 0, flip: false, x: r.x,
                y: r.y, width: r.width, height: r.height)
            if i < captures.count, let capture = captures[i], let outcome = results[i] {
                let placed = try outcome.get()
                paste(placed.image, into: &canvas, x: r.x + (r.width - placed.image.width) / 2, y: r.y + (r.height - placed.image.height) / 2)
                placement.input = capture.source
                placement.sopInstanceUID = capture.sopInstanceUID
                placement.rotate = placed.turn.rawValue
                placement.flip = placed.flip
            }
            placements.append(placement)
        }
        if options.labels {
            try drawLabels(template, rects: rects, on: &canvas, cell: cell, notation: options.notation, text: text)
        }
        return RenderedMount(image: canvas, template: template, placements: placements, captures: captures.compactMap { $0 })
    }

    static func fit(
        _ capture: MountCapture, slot: MountTemplate.Slot, rect: (x: Int, y: Int, width: Int, height: Int)
    ) throws(RadiographError) -> (image: GrayImage<UInt8>, turn: QuarterTurn, flip: Bool) {
        let shown = capture.image
        // The orientation's quarter turn, then the slot's own.
        let portrait = shown.height >= shown.width
        var degrees = slot.rotate
        if (slot.orientation == .portrait && !portrait) || (slot.orientation == .landscape && portrait) { degrees += 90 }
        let turn = QuarterTurn(degrees: Double(degrees)) ?? .none
        let quarter = turn == .clockwise90 || turn == .clockwise270
        // Fit the turned image into the slot, scaling the unturned one.
        let (tw, th) = quarter ? (shown.height, shown.width) : (shown.width, shown.height)
        let scale = min(Double(rect.width) / Double(tw), Double(rect.height) / Double(th), 1)
        let fw = max(1, Int((Double(shown.width) * scale).rounded())), fh = max(1, Int((Double(shown.height) * scale).rounded()))
        var small = shown
        if fw != shown.width || fh != shown.height {
            do { small = try shown.resized(width: fw, height: fh, filter: .area) } catch { throw .parameter(path: capture.source, error) }
        }
        small = small.rotated(turn)
        if slot.flip { small = small.flippedHorizontally() }
        return (small, turn, slot.flip)
    }

    static func fill(_ image: inout GrayImage<UInt8>, x: Int, y: Int, width: Int, height: Int, value: UInt8) {
        let w = image.width
        image.withUnsafeMutableBufferPointer { dst in
            for row in y..<(y + height) {
                let start = row * w + x
                for i in start..<(start + width) { dst[i] = value }
            }
        }
    }

    static func paste(_ small: GrayImage<UInt8>, into canvas: inout GrayImage<UInt8>, x: Int, y: Int) {
        let w = canvas.width
        small.withUnsafeBufferPointer { src in
            canvas.withUnsafeMutableBufferPointer { dst in
                for row in 0..<small.height {
                    let from = row * small.width, to = (y + row) * w + x
                    UnsafeMutableRawPointer(dst.baseAddress! + to).copyMemory(from: src.baseAddress! + from, byteCount: small.width)
                }
            }
        }
    }

    static func drawLabels(
        _ template: MountTemplate, rects: [(x: Int, y: Int, width: Int, height: Int)], on canvas: inout GrayImage<UInt8>,
        cell: Double, notation: ToothNotation, text: (any TextRasterizer)?
    ) throws(RadiographError) {
        let rasterizer: any TextRasterizer
        if let text { rasterizer = text } else { rasterizer = try Annotator.defaultText() }
        let size = max(9, (cell * 0.055).rounded())
        for (slot, r) in zip(template.slots, rects) {
            let teeth = slot.teeth.map { notation.label($0) }.joined(separator: " ")
            let label = teeth.isEmpty ? slot.label : "\(slot.label) · \(teeth)"
            let masks: RasterizedText
            do {
                masks = try rasterizer.rasterize(label, pixelSize: size, halo: AnnotationRenderer.haloWidth(fontSize: size))
            } catch {
                throw .invalidRequest("mount labels: \(error)")
            }
            let inset = Int(size / 3)
            masks.halo.paint(0, opacity: 0.85, at: r.x + inset, r.y + inset, into: &canvas)
            masks.ink.paint(255, at: r.x + inset, r.y + inset, into: &canvas)
        }
    }
}

/// Results written by parallel slots, one index each.
final class SlotResults<Value>: @unchecked Sendable {
    private var values: [Value?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    subscript(i: Int) -> Value? {
        get { lock.withLock { values[i] } }
        set { lock.withLock { values[i] = newValue } }
    }
}

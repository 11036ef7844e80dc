import RadiographCore

/// A string rasterized for drawing: its ink and its halo (the ink grown by the halo radius), both
/// the same size, the text's box being the masks' box.
public struct RasterizedText: Sendable, Hashable {
    public var ink: AlphaMask
    public var halo: AlphaMask

    public init(ink: AlphaMask, halo: AlphaMask) {
        precondition(ink.width == halo.width && ink.height == halo.height, "RasterizedText: masks of different sizes")
        self.ink = ink
        self.halo = halo
    }
}

/// Something that turns text into coverage masks (FreeType's ``Font`` in this module).
public protocol TextRasterizer: Sendable {
    /// `text` (lines split at "\n") at `pixelSize` pixels per em, with a halo `halo` pixels wide.
    func rasterize(_ text: String, pixelSize: Double, halo: Double) throws(AnnotationRenderError) -> RasterizedText
}

/// Why a document could not be drawn.
public enum AnnotationRenderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text could not be rasterized (the font is missing or unreadable).
    case text(String)
    /// An annotation's style is out of range (a document built in code, not decoded).
    case style(index: Int, String)

    public var description: String {
        switch self {
        case .text(let reason): "text: \(reason)"
        case .style(let index, let reason): "annotation \(index): \(reason)"
        }
    }
}

/// Burns an annotation document into a display image: every mark anti-aliased with its style's
/// width, grey level (gray output) or colour (RGB output, the grey when no colour is given) and
/// opacity; text and labels with a halo of the contrasting shade (black under light text, white
/// under dark) so they read on bone and on soft tissue alike.
///
/// The layout (``AnnotationLayout``) decides what is drawn where; measurements in labels use its
/// calibration. Drawing is deterministic: the same document on the same image gives the same bytes.
public struct AnnotationRenderer: Sendable {
    public var layout: AnnotationLayout
    public var text: any TextRasterizer

    public init(layout: AnnotationLayout, text: any TextRasterizer) {
        self.layout = layout
        self.text = text
    }

    /// The halo's width for text of `size` pixels: an eighth of it, at least 1.5 px.
    public static func haloWidth(fontSize size: Double) -> Double { max(1.5, size / 8) }

    /// Draws `document` into `image`; labels measure `original`'s marks when given (see
    /// ``AnnotationLayout/commands(for:measuring:)``; both documents list the same marks).
    public func draw(
        _ document: AnnotationDocument, onto image: inout GrayImage<UInt8>, measuring original: AnnotationDocument? = nil
    ) throws(AnnotationRenderError) {
        let (width, height) = (image.width, image.height)
        try forEachMark(document, original) { (style: Style, mark: Mark) in
            let value = UInt8(style.grey)
            switch mark {
            case .contours(let contours):
                guard var coverage = Coverage.covering(contours, imageWidth: width, imageHeight: height) else { return }
                coverage.add(contours: contours)
                coverage.paint(value, opacity: style.opacity, into: &image)
            case .text(let t, let x, let y):
                t.halo.paint(Self.contrasting(value), opacity: style.opacity * 0.85, at: x, y, into: &image)
                t.ink.paint(value, opacity: style.opacity, at: x, y, into: &image)
            }
        }
    }

    public func draw(
        _ document: AnnotationDocument, onto image: inout RGBImage, measuring original: AnnotationDocument? = nil
    ) throws(AnnotationRenderError) {
        let (width, height) = (image.width, image.height)
        try forEachMark(document, original) { (style: Style, mark: Mark) in
            let colour = style.colour.flatMap(RGBColor.init(hex:)) ?? RGBColor(grey: UInt8(style.grey))
            switch mark {
            case .contours(let contours):
                guard var coverage = Coverage.covering(contours, imageWidth: width, imageHeight: height) else { return }
                coverage.add(contours: contours)
                coverage.paint(colour, opacity: style.opacity, into: &image)
            case .text(let t, let x, let y):
                t.halo.paint(RGBColor(grey: Self.contrasting(colour.luma)), opacity: style.opacity * 0.85, at: x, y, into: &image)
                t.ink.paint(colour, opacity: style.opacity, at: x, y, into: &image)
            }
        }
    }

    enum Mark {
        case contours([[DrawPoint]])
        case text(RasterizedText, x: Int, y: Int)
    }

    private func forEachMark(
        _ document: AnnotationDocument, _ original: AnnotationDocument?, _ body: (Style, Mark) -> Void
    ) throws(AnnotationRenderError) {
        for (index, annotation) in document.annotations.enumerated() {
            if let problem = annotation.style.problem { throw .style(index: index, problem) }
            let measured = original.flatMap { index < $0.annotations.count ? $0.annotations[index] : nil }
            for command in layout.commands(for: annotation, measuring: measured) {
                switch command {
                case .fill(let contours):
                    if !contours.isEmpty { body(annotation.style, .contours(contours)) }
                case .text(let string, let anchor, let placement, let size):
                    let t = try text.rasterize(string, pixelSize: size, halo: Self.haloWidth(fontSize: size))
                    guard t.ink.width > 0, t.ink.height > 0 else { continue }
                    let (x, y) = Self.origin(width: t.ink.width, height: t.ink.height, anchor: anchor, placement)
                    body(annotation.style, .text(t, x: x, y: y))
                }
            }
        }
    }

    /// The top-left pixel of a `width × height` box placed on `anchor`.
    public static func origin(width: Int, height: Int, anchor: DrawPoint, _ placement: TextPlacement) -> (Int, Int) {
        let x: Double
        switch placement.horizontal {
        case .left: x = anchor.x
        case .centre: x = anchor.x - Double(width) / 2
        case .right: x = anchor.x - Double(width)
        }
        let y: Double
        switch placement.vertical {
        case .top: y = anchor.y
        case .middle: y = anchor.y - Double(height) / 2
        case .bottom: y = anchor.y - Double(height)
        }
        // The pixel whose square holds the corner. Clamped so a box far outside cannot overflow;
        // parts outside the image are skipped.
        let limit = 1e9
        return (Int(min(max(x, -limit), limit).rounded(.down)), Int(min(max(y, -limit), limit).rounded(.down)))
    }

    /// Black under light marks, white under dark ones.
    static func contrasting(_ value: UInt8) -> UInt8 { value >= 128 ? 0 : 255 }
}

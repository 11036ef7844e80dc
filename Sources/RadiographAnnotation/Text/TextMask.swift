/// Where a string lands in its mask, in whole pixels (x to the right, y downwards).
///
/// The mask spans the *layout box* — every line from the face's ascender to its descender, from the
/// pen's start to its end — grown to hold any ink that overhangs it, then by the halo radius
/// (rounded up) on every side. The box depends on the text, size and halo only, so a label keeps
/// its place whatever its glyphs' shapes.
public struct TextMetrics: Sendable, Hashable {
    /// Mask size; 0 × 0 for an empty string.
    public let width: Int
    public let height: Int
    /// Columns from the mask's left edge to the first line's pen origin.
    public let originX: Int
    /// Rows from the mask's top edge to the first line's baseline.
    public let baseline: Int
    /// Distance between successive baselines (the face's line spacing at this size).
    public let lineHeight: Int
    /// The face's ascender above and descender below the baseline (both positive) at this size.
    public let ascender: Int
    public let descender: Int
    /// Lines in the text ('\n' separates them; 0 for an empty string).
    public let lineCount: Int
    /// The widest line's pen travel (advances and kerning), without ink overhang or halo.
    public let advance: Int

    public init(
        width: Int, height: Int, originX: Int, baseline: Int, lineHeight: Int, ascender: Int, descender: Int,
        lineCount: Int, advance: Int
    ) {
        self.width = width
        self.height = height
        self.originX = originX
        self.baseline = baseline
        self.lineHeight = lineHeight
        self.ascender = ascender
        self.descender = descender
        self.lineCount = lineCount
        self.advance = advance
    }
}

/// A rendered string: two 8-bit masks of the same size, ready to burn into an image.
///
/// Paint the halo colour through ``halo`` first, then the text colour through ``coverage``: the
/// text then reads on bone (light) and on soft tissue (dark) alike. ``halo`` is the union of the
/// ink and an outside stroke of the requested radius around every glyph outline, so it covers
/// every inked pixel; with a halo of 0 it equals ``coverage``.
public struct TextMask: Sendable, Hashable {
    public let metrics: TextMetrics
    /// Anti-aliased ink, row-major, `width` bytes per row, 0 (none) … 255 (full).
    public let coverage: [UInt8]
    /// Ink united with its stroked halo, same layout as ``coverage``.
    public let halo: [UInt8]

    public var width: Int { metrics.width }
    public var height: Int { metrics.height }
    /// Rows from the mask's top to the first line's baseline.
    public var baseline: Int { metrics.baseline }
    /// Columns from the mask's left to the first line's pen origin.
    public var originX: Int { metrics.originX }
    /// Distance between successive baselines.
    public var lineHeight: Int { metrics.lineHeight }

    public init(metrics: TextMetrics, coverage: [UInt8], halo: [UInt8]) {
        precondition(coverage.count == metrics.width * metrics.height && halo.count == coverage.count)
        self.metrics = metrics
        self.coverage = coverage
        self.halo = halo
    }
}

import Synchronization

/// A font face opened with FreeType, ready to render annotation text.
///
/// Rendering is anti-aliased and hinted (whole-pixel advances, kerning from the face's `kern`
/// table), one glyph per character with no complex-script shaping. Characters the font lacks are
/// drawn as its `.notdef` glyph (a hollow box in DejaVu) rather than dropped, so a missing glyph is
/// visible. '\n' starts a new line; other control characters draw nothing.
///
/// Each face keeps a cache of rendered glyphs per (pixel size, halo) pair — the last 8 pairs used —
/// so labels after the first cost only their composition (tens of microseconds for 50 short labels
/// in a release build). FreeType faces are not thread-safe: a lock serialises every call on one
/// `Font`, so share a font freely but expect calls on it to queue; open one font per thread for
/// parallel rendering.
public final class Font: Sendable {
    /// Pixel sizes (em height) accepted by ``render(_:pixelSize:halo:)``.
    public static let pixelSizes: ClosedRange<Double> = FreeTypeShim.pixelSizes
    /// Halo radii, in pixels, accepted by ``render(_:pixelSize:halo:)``.
    public static let haloRadii: ClosedRange<Double> = FreeTypeShim.haloRadii

    /// Where Debian's `fonts-dejavu-core` installs DejaVu Sans.
    public static let dejaVuDirectory = "/usr/share/fonts/truetype/dejavu"

    /// The font file this face was opened from.
    public let path: String
    private let face: Mutex<OpaquePointer>

    /// Opens the first face of the font file at `path` (TrueType, OpenType/CFF, Type 1: any
    /// scalable font FreeType reads). The corresponding C function is `rgf_face_open`.
    public init(path: String) throws(TextError) {
        self.path = path
        self.face = Mutex(try FreeTypeShim.open(path: path))
    }

    deinit {
        face.withLock { FreeTypeShim.close($0) }
    }

    /// DejaVu Sans (or DejaVu Sans Bold), from Debian's `fonts-dejavu-core`.
    public static func dejaVuSans(bold: Bool = false) throws(TextError) -> Font {
        try Font(path: dejaVuDirectory + (bold ? "/DejaVuSans-Bold.ttf" : "/DejaVuSans.ttf"))
    }

    private static func validate(pixelSize: Double, halo: Double) throws(TextError) {
        guard pixelSizes.contains(pixelSize) else { throw .invalidSize(pixelSize) }
        guard haloRadii.contains(halo) else { throw .invalidHalo(halo) }
    }

    /// Renders `text` at `pixelSize` pixels per em with a halo of radius `halo` pixels (0 for none).
    /// An empty string gives a 0 × 0 mask. Prefer whole pixel sizes: DejaVu (like most TrueType
    /// fonts) asks FreeType for whole-pixel glyphs, so 11.5 draws like 12 while its line height
    /// stays 11.5-based. The corresponding C function is `rgf_render`.
    public func render(_ text: String, pixelSize: Double, halo: Double = 0) throws(TextError) -> TextMask {
        try Self.validate(pixelSize: pixelSize, halo: halo)
        return try face.withLock { (face) throws(TextError) -> TextMask in
            try FreeTypeShim.setSize(face, pixelSize: pixelSize, halo: halo)
            return try FreeTypeShim.render(face, text)
        }
    }

    /// The geometry ``render(_:pixelSize:halo:)`` would give `text`, without composing the masks.
    /// The corresponding C function is `rgf_measure`.
    public func measure(_ text: String, pixelSize: Double, halo: Double = 0) throws(TextError) -> TextMetrics {
        try Self.validate(pixelSize: pixelSize, halo: halo)
        return try face.withLock { (face) throws(TextError) -> TextMetrics in
            try FreeTypeShim.setSize(face, pixelSize: pixelSize, halo: halo)
            return try FreeTypeShim.measure(face, text)
        }
    }
}

/// Why text could not be rendered: a font that cannot be opened, a size out of range, a text too
/// large for one mask, or a FreeType failure (its message is kept).
public enum TextError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No file at this path (or a directory on the path does not exist).
    case fontNotFound(path: String)
    /// The file exists but is not a font FreeType can open as outlines (unreadable, corrupt,
    /// bitmap-only, a directory). `reason` is FreeType's or the system's message.
    case fontUnreadable(path: String, reason: String)
    /// A pixel size outside ``Font/pixelSizes`` (or not a number).
    case invalidSize(Double)
    /// A halo radius outside ``Font/haloRadii`` (or not a number).
    case invalidHalo(Double)
    /// The text's mask would exceed 32,767 pixels per side or 2^26 pixels in all.
    case textTooLarge(reason: String)
    /// FreeType failed while loading, stroking or rasterizing a glyph, or memory ran out.
    case renderingFailed(reason: String)

    public var description: String {
        switch self {
        case .fontNotFound(let path):
            "font not found: \(path) (on Debian, `fonts-dejavu-core` provides DejaVu; see scripts/setup.sh)"
        case .fontUnreadable(let path, let reason):
            "font unreadable: \(path): \(reason)"
        case .invalidSize(let size):
            "invalid text size \(size) px: must be \(Font.pixelSizes.lowerBound)...\(Font.pixelSizes.upperBound) px"
        case .invalidHalo(let halo):
            "invalid halo radius \(halo) px: must be \(Font.haloRadii.lowerBound)...\(Font.haloRadii.upperBound) px"
        case .textTooLarge(let reason):
            "text too large: \(reason)"
        case .renderingFailed(let reason):
            "text rendering failed: \(reason)"
        }
    }
}

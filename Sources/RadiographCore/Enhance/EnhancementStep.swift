/// One operation of an ``EnhancementPipeline``, applied to display values after the window.
///
/// Point operations (``gamma(_:)``, ``invert``, ``brightnessContrast(brightness:contrast:)``,
/// ``equalize``) act on each value alone and are fused into one lookup table with their
/// neighbours; neighbourhood operations (CLAHE, unsharp mask, median, denoise, resize) need the
/// image; ``rotate(_:)``, ``flip(_:)`` and ``crop(_:)`` only move pixels.
public enum EnhancementStep: Sendable, Hashable {
    /// Contrast Limited Adaptive Histogram Equalization (OpenCV's clip-limit units and tile grid).
    /// `histogramBins` nil: 256 on 8-bit data, `2^min(bits stored, 12)` on 16-bit data.
    case clahe(CLAHEParameters, histogramBins: Int? = nil)
    /// Unsharp mask; the threshold is in 8-bit display levels (0...255) whatever the working depth.
    case unsharpMask(UnsharpMaskParameters)
    /// Median of the 3×3 or 5×5 neighbourhood.
    case median(size: Int)
    /// Edge-preserving denoise (see ``DenoiseParameters``).
    case denoise(DenoiseParameters)
    /// `y = x^(1/gamma)` on values scaled to 0...1: above 1 brightens the mid-tones.
    /// `gamma(1/g)` is the exact inverse of `gamma(g)`.
    case gamma(Double)
    /// Global histogram equalization (OpenCV's `equalizeHist` rule, on every working level).
    case equalize
    /// `y = 1 - x`.
    case invert
    /// `y = (x - 0.5) * contrast + 0.5 + brightness`, clamped to 0...1.
    case brightnessContrast(brightness: Double, contrast: Double)
    /// A clockwise quarter turn.
    case rotate(QuarterTurn)
    /// A mirror image.
    case flip(FlipAxis)
    /// Keeps a rectangle of the image (coordinates of the image as it is at this step).
    case crop(CropRectangle)
    /// A new size; 0 for one side keeps the aspect ratio. `filter` nil: area when shrinking both
    /// sides, Lanczos otherwise.
    case resize(width: Int, height: Int, filter: ResizeFilter? = nil)

    /// Which operation a step is, in the order the command line applies them.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case crop, rotate, flip, median, denoise, clahe
        case unsharp, equalize, gamma
        case brightnessContrast = "brightness-contrast"
        case invert, resize

        public static func < (a: Kind, b: Kind) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    public var kind: Kind {
        switch self {
        case .clahe: .clahe
        case .unsharpMask: .unsharp
        case .median: .median
        case .denoise: .denoise
        case .gamma: .gamma
        case .equalize: .equalize
        case .invert: .invert
        case .brightnessContrast: .brightnessContrast
        case .rotate: .rotate
        case .flip: .flip
        case .crop: .crop
        case .resize: .resize
        }
    }

    /// Acts on each value alone (fusable into a lookup table).
    public var isPointOperation: Bool {
        switch self {
        case .gamma, .equalize, .invert, .brightnessContrast: true
        default: false
        }
    }

    /// Only moves pixels (commutes with every point operation).
    public var isPermutation: Bool {
        switch self {
        case .rotate, .flip, .crop: true
        default: false
        }
    }

    /// Checks the parameters that do not depend on the image (those that do are checked when the
    /// step runs).
    public func validate() throws(RadiographCoreError) {
        switch self {
        case .clahe(let p, let bins):
            guard p.clipLimit.isFinite, p.clipLimit > 0 else {
                throw .invalidParameter(name: "CLAHE clip limit", reason: "\(p.clipLimit) must be above 0")
            }
            guard p.tilesX >= 1, p.tilesY >= 1, p.tilesX <= 1024, p.tilesY <= 1024 else {
                throw .invalidParameter(
                    name: "CLAHE tile grid", reason: "\(p.tilesX)x\(p.tilesY) must be 1x1 to 1024x1024")
            }
            if let bins, bins < 2 || bins > 65536 || bins & (bins - 1) != 0 {
                throw .invalidParameter(name: "CLAHE bins", reason: "\(bins) must be a power of two from 2 to 65536")
            }
        case .unsharpMask(let p): try p.validate()
        case .median(let size):
            guard size == 3 || size == 5 else {
                throw .invalidParameter(name: "median size", reason: "\(size) must be 3 or 5")
            }
        case .denoise(let p): try p.validate()
        case .gamma(let g):
            guard g.isFinite, g > 0 else { throw .invalidParameter(name: "gamma", reason: "\(g) must be above 0") }
        case .equalize, .invert, .rotate, .flip: break
        case .brightnessContrast(let b, let c):
            guard b.isFinite, (-1...1).contains(b) else {
                throw .invalidParameter(name: "brightness", reason: "\(b) must be in -1...1")
            }
            guard c.isFinite, c >= 0, c <= 100 else {
                throw .invalidParameter(name: "contrast", reason: "\(c) must be in 0...100")
            }
        case .crop(let r):
            guard r.x >= 0, r.y >= 0, r.width >= 1, r.height >= 1 else {
                throw .invalidParameter(
                    name: "crop", reason: "\(r.x),\(r.y),\(r.width),\(r.height) needs x, y >= 0 and a size of at least 1x1")
            }
        case .resize(let w, let h, _):
            guard w >= 0, h >= 0, w <= 65536, h <= 65536, w + h > 0 else {
                throw .invalidParameter(name: "resize", reason: "\(w)x\(h) must be 1 to 65536 a side (0 keeps the aspect ratio)")
            }
        }
    }
}

/// The axis a ``EnhancementStep/flip(_:)`` mirrors about.
public enum FlipAxis: String, Sendable, Hashable, Codable, CaseIterable {
    /// Left ↔ right.
    case horizontal
    /// Top ↔ bottom.
    case vertical
}

import RadiographCore
import RadiographDICOM

/// How a radiograph becomes a display image.
public struct RenderOptions: Sendable, Hashable, Codable {
    /// Which VOI stage to use. Default: the file's first window, else its VOI LUT, else auto.
    public var window: WindowSelection
    /// Overrides the VOI LUT Function (LINEAR, LINEAR_EXACT, SIGMOID).
    public var function: VOIFunction?
    /// 8- or 16-bit display values.
    public var outputBits: Int
    /// Skip the display pipeline: write the stored values unchanged, 16-bit (signed values as
    /// their two's-complement bit pattern). For checking decoders.
    public var raw: Bool
    /// How a fractional rescale is evaluated (`.standard` by default).
    public var rescaleArithmetic: RescaleArithmetic
    public var autoWindow: AutoWindow
    /// Turn the image by Field of View Rotation (0018,7032) and mirror it when Field of View
    /// Horizontal Flip (0018,7034) is YES, so it shows as the sensor saw it (sensors store 90 and
    /// 270). On by default; never applied to raw output.
    public var applyFieldOfView: Bool
    /// Enhancement steps after the display transform (empty: the plain, DCMTK-exact rendering).
    public var pipeline: EnhancementPipeline
    /// Used instead of `pipeline` for panoramic images (Modality PX) when set: what
    /// `--preset auto` sets, so that one batch enhances intraoral and panoramic captures each
    /// with its own preset.
    public var panoramicPipeline: EnhancementPipeline?

    public init(
        window: WindowSelection = .default, function: VOIFunction? = nil, outputBits: Int = 8, raw: Bool = false,
        rescaleArithmetic: RescaleArithmetic = .standard, autoWindow: AutoWindow = .default,
        applyFieldOfView: Bool = true, pipeline: EnhancementPipeline = EnhancementPipeline()
    ) {
        self.window = window
        self.function = function
        self.outputBits = outputBits
        self.raw = raw
        self.rescaleArithmetic = rescaleArithmetic
        self.autoWindow = autoWindow
        self.applyFieldOfView = applyFieldOfView
        self.pipeline = pipeline
    }

    /// The steps for an image of `modality`.
    public func pipeline(forModality modality: String?) -> EnhancementPipeline {
        modality == "PX" ? panoramicPipeline ?? pipeline : pipeline
    }
}

/// A display image and how it was made.
public struct RenderedImage: Sendable {
    public var image: AnyGrayImage
    /// The transform applied; nil for raw output.
    public var transform: DisplayTransform?
    /// The enhancement steps applied after it.
    public var pipeline = EnhancementPipeline()
}

/// DICOM image → display image.
public enum Renderer {
    /// Applies the modality, VOI and presentation stages of `image` (or copies raw stored values).
    public static func render(
        _ image: DICOMImage, options: RenderOptions = RenderOptions(), schedule: Schedule = .serial
    ) throws(RadiographError) -> RenderedImage {
        var options = options
        options.pipeline = options.pipeline(forModality: image.metadata.modality)
        if options.raw && !options.pipeline.isEmpty {
            throw .invalidRequest("\(image.source): raw output writes stored values; it cannot be enhanced")
        }
        if options.raw {
            switch image.pixels {
            case .int16(let signed):
                let pattern = signed.withUnsafeBufferPointer { src in
                    GrayImage<UInt16>(width: signed.width, height: signed.height, overwritingWith: { dst in
                        for i in 0..<src.count { dst[i] = UInt16(bitPattern: src[i]) }
                    })
                }
                return RenderedImage(image: .uint16(pattern), transform: nil)
            case .uint8(let i): return RenderedImage(image: .uint8(i), transform: nil)
            case .uint16(let i): return RenderedImage(image: .uint16(i), transform: nil)
            }
        }
        let transform: DisplayTransform
        do {
            transform = try image.displayTransform(
                window: options.window, function: options.function, rescaleArithmetic: options.rescaleArithmetic,
                autoWindow: options.autoWindow, schedule: schedule)
        } catch {
            throw .dicom(error)
        }
        var pixels = image.pixels
        if options.applyFieldOfView {
            // Turned first, so that crop coordinates and the steps see the image as the sensor saw it.
            let (turn, flip) = try fieldOfView(image)
            if turn != QuarterTurn.none || flip {
                pixels = pixels.oriented(turn, flippedHorizontally: flip, schedule: schedule)
            }
        }
        return try render(pixels, transform: transform, options: options, source: image.source, schedule: schedule)
    }

    /// Renders a PNG, TIFF or JPEG image's values as stored values (8 or 16 bits, unsigned): no
    /// window by default (the values are shown as they are), or `auto`, or an explicit `C,W`.
    /// For comparing results with other tools on the same input.
    public static func render(
        image: AnyGrayImage, source: String, options: RenderOptions = RenderOptions(), schedule: Schedule = .serial
    ) throws(RadiographError) -> RenderedImage {
        if options.raw { return RenderedImage(image: image, transform: nil) }
        let transform: DisplayTransform
        do {
            let stored = try StoredValueRange(bitsStored: image.format == .uint8 ? 8 : 16, isSigned: image.format == .int16)
            var t = DisplayTransform(stored: stored, voi: .none)
            switch options.window {
            case .file, .none: break
            case .auto:
                t.voi = .window(options.autoWindow.window(for: image.patternHistogram(schedule: schedule), transform: t))
            case .explicit(let c, let w):
                let window = try Window(center: c, width: w, function: options.function ?? .linear)
                t.voi = .window(window)
            case .voiLUT:
                throw RadiographError.invalidRequest("\(source): an image file has no VOI LUT")
            }
            transform = t
        } catch let e as RadiographCoreError {
            throw .parameter(path: source, e)
        } catch let e as RadiographError {
            throw e
        } catch {
            throw .invalidRequest("\(source): \(error)")
        }
        return try render(image, transform: transform, options: options, source: source, schedule: schedule)
    }

    static func render(
        _ pixels: AnyGrayImage, transform: DisplayTransform, options: RenderOptions, source: String, schedule: Schedule
    ) throws(RadiographError) -> RenderedImage {
        guard options.outputBits == 8 || options.outputBits == 16 else {
            throw .invalidRequest("output bits must be 8 or 16, not \(options.outputBits)")
        }
        do {
            let display = try options.pipeline.render(
                pixels, transform: transform, outputBits: options.outputBits, schedule: schedule)
            return RenderedImage(image: display, transform: transform, pipeline: options.pipeline)
        } catch {
            throw .parameter(path: source, error)
        }
    }
}

/// The display orientation a file asks for: Field of View Rotation as a clockwise quarter turn,
/// and Field of View Horizontal Flip.
func fieldOfView(_ image: DICOMImage) throws(RadiographError) -> (QuarterTurn, Bool) {
    let flip = image.metadata.fieldOfViewHorizontalFlip ?? false
    guard let degrees = image.metadata.fieldOfViewRotation else { return (QuarterTurn.none, flip) }
    guard let turn = QuarterTurn(degrees: degrees) else {
        throw .dicom(.invalidAttribute(
            source: image.source, attribute: "Field of View Rotation (0018,7032)",
            reason: "\(degrees) is not a multiple of 90 degrees"))
    }
    return (turn, flip)
}

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

    public init(
        window: WindowSelection = .default, function: VOIFunction? = nil, outputBits: Int = 8, raw: Bool = false,
        rescaleArithmetic: RescaleArithmetic = .standard, autoWindow: AutoWindow = .default,
        applyFieldOfView: Bool = true
    ) {
        self.window = window
        self.function = function
        self.outputBits = outputBits
        self.raw = raw
        self.rescaleArithmetic = rescaleArithmetic
        self.autoWindow = autoWindow
        self.applyFieldOfView = applyFieldOfView
    }
}

/// A display image and how it was made.
public struct RenderedImage: Sendable {
    public var image: AnyGrayImage
    /// The transform applied; nil for raw output.
    public var transform: DisplayTransform?
}

/// DICOM image → display image.
public enum Renderer {
    /// Applies the modality, VOI and presentation stages of `image` (or copies raw stored values).
    public static func render(
        _ image: DICOMImage, options: RenderOptions = RenderOptions(), schedule: Schedule = .serial
    ) throws(RadiographError) -> RenderedImage {
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
        guard options.outputBits == 8 || options.outputBits == 16 else {
            throw .invalidRequest("output bits must be 8 or 16, not \(options.outputBits)")
        }
        let transform: DisplayTransform
        do {
            transform = try image.displayTransform(
                window: options.window, function: options.function, rescaleArithmetic: options.rescaleArithmetic,
                autoWindow: options.autoWindow, schedule: schedule)
        } catch {
            throw .dicom(error)
        }
        let count = image.pixels.width * image.pixels.height
        let display: AnyGrayImage
        do {
            if options.outputBits == 8 {
                display = .uint8(image.pixels.applying(try transform.makeLUT8(pixelCount: count), schedule: schedule))
            } else {
                display = .uint16(image.pixels.applying(try transform.makeLUT16(pixelCount: count), schedule: schedule))
            }
        } catch {
            throw .parameter(path: image.source, error)
        }
        guard options.applyFieldOfView else { return RenderedImage(image: display, transform: transform) }
        let (turn, flip) = try fieldOfView(image)
        guard turn != QuarterTurn.none || flip else { return RenderedImage(image: display, transform: transform) }
        return RenderedImage(image: display.oriented(turn, flippedHorizontally: flip, schedule: schedule), transform: transform)
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

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

    public init(
        window: WindowSelection = .default, function: VOIFunction? = nil, outputBits: Int = 8, raw: Bool = false,
        rescaleArithmetic: RescaleArithmetic = .standard, autoWindow: AutoWindow = .default
    ) {
        self.window = window
        self.function = function
        self.outputBits = outputBits
        self.raw = raw
        self.rescaleArithmetic = rescaleArithmetic
        self.autoWindow = autoWindow
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
        do {
            if options.outputBits == 8 {
                let lut = try transform.makeLUT8(pixelCount: count)
                return RenderedImage(image: .uint8(image.pixels.applying(lut, schedule: schedule)), transform: transform)
            } else {
                let lut = try transform.makeLUT16(pixelCount: count)
                return RenderedImage(image: .uint16(image.pixels.applying(lut, schedule: schedule)), transform: transform)
            }
        } catch {
            throw .parameter(path: image.source, error)
        }
    }
}

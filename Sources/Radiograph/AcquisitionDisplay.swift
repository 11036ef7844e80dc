import RadiographCore
import RadiographDICOM

/// A display-ready capture: 8-bit pixels (orientation, window and presentation applied) and the
/// metadata they came from.
public struct DisplayImage: Sendable {
    public var pixels: GrayImage<UInt8>
    public var metadata: DICOMMetadata
    /// The display transform that made `pixels` (window or VOI LUT, polarity).
    public var transform: DisplayTransform
}

/// The acquisition station's entry point: the sensor's DICOM bytes in memory to a displayable
/// image in one call, no temporary file.
///
/// ```swift
/// let shown = try AcquisitionDisplay.displayImage(from: bytes)   // [UInt8] from the sensor driver
/// show(shown.pixels)                                               // GrayImage<UInt8>, row-major
/// ```
///
/// The window is the file's own, else its VOI LUT, else the auto-window (For Processing captures);
/// MONOCHROME1 and Presentation LUT Shape INVERSE are honoured; Field of View Rotation and
/// Horizontal Flip are applied. Values are `Sendable`; the call is safe from any thread.
public enum AcquisitionDisplay {
    /// Decodes `bytes` (a DICOM Part 10 stream) and renders it for display.
    ///
    /// - Parameters:
    ///   - source: a label for errors (never a patient attribute).
    ///   - schedule: threads for the pixel kernels; all cores by default.
    public static func displayImage(
        from bytes: [UInt8], source: String = "<capture>", options: RenderOptions = RenderOptions(),
        schedule: Schedule = .automatic
    ) throws(RadiographError) -> DisplayImage {
        let image: DICOMImage
        do { image = try DICOMReader.read(bytes: bytes, source: source) } catch { throw .dicom(error) }
        var options = options
        options.outputBits = 8
        options.raw = false
        let rendered = try Renderer.render(image, options: options, schedule: schedule)
        guard case .uint8(let pixels) = rendered.image, let transform = rendered.transform else {
            throw .invalidRequest("\(source): the display pipeline did not produce 8-bit pixels")
        }
        return DisplayImage(pixels: pixels, metadata: image.metadata, transform: transform)
    }
}

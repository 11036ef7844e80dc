import RadiographCodecs
import RadiographCore
import RadiographDICOM

/// What a rendered image is written as.
public enum OutputFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case png, tiff, jpeg
    /// A derived DICOM image referencing its original (``DICOMWriter/derived(fromFile:pixels:derivationDescription:lossy:encoding:)``).
    case dicom

    /// `png`; `tif`/`tiff`; `jpg`/`jpeg`; `dcm`/`dicom` (any case).
    public init?(pathExtension: String) {
        if let image = ImageFileFormat(pathExtension: pathExtension) {
            self.init(image)
        } else if ["dcm", "dicom"].contains(pathExtension.lowercased()) {
            self = .dicom
        } else {
            return nil
        }
    }

    init(_ image: ImageFileFormat) {
        switch image {
        case .png: self = .png
        case .tiff: self = .tiff
        case .jpeg: self = .jpeg
        }
    }

    var imageFormat: ImageFileFormat? {
        switch self {
        case .png: .png
        case .tiff: .tiff
        case .jpeg: .jpeg
        case .dicom: nil
        }
    }

    /// The extension outputs get.
    public var fileExtension: String { imageFormat?.fileExtension ?? "dcm" }
}

/// How rendered images are written.
public struct OutputOptions: Sendable, Hashable {
    public var format: OutputFormat
    /// JPEG quality, 1...100.
    public var jpegQuality: Int
    /// PNG compression: fast by default (see BENCHMARKS.md for the size/speed trade-off).
    public var png: PNGCodec.Options
    /// Transfer syntax of derived DICOM output.
    public var dicomEncoding: DICOMEncoding

    public init(
        format: OutputFormat = .png, jpegQuality: Int = 90, png: PNGCodec.Options = .fast,
        dicomEncoding: DICOMEncoding = .explicitLittleEndian
    ) {
        self.format = format
        self.jpegQuality = jpegQuality
        self.png = png
        self.dicomEncoding = dicomEncoding
    }

    /// Encodes `image` rendered from `source`. Image formats go through
    /// ``ImageCodec/encode(_:as:options:)`` (TIFF carries the pixel spacing as its resolution);
    /// DICOM output is a derived image of `source` describing `derivation`.
    public func encode(
        _ image: AnyGrayImage, path: String, metadata: DICOMMetadata?, source: String? = nil, originalBytes: [UInt8]? = nil,
        derivation: String = "Radiograph display rendering"
    ) throws(RadiographError) -> [UInt8] {
        guard let imageFormat = format.imageFormat else {
            do {
                if let originalBytes {
                    return try DICOMWriter.derived(
                        fromBytes: originalBytes, source: source ?? "<memory>", pixels: image, derivationDescription: derivation,
                        encoding: dicomEncoding)
                }
                guard let source else { throw RadiographError.invalidRequest("\(path): DICOM output needs the original file") }
                return try DICOMWriter.derived(
                    fromFile: source, pixels: image, derivationDescription: derivation, encoding: dicomEncoding)
            } catch let e as RadiographError {
                throw e
            } catch let e as DICOMError {
                throw .dicom(e)
            } catch {
                throw .invalidRequest("\(path): \(error)")
            }
        }
        let spacing = metadata.flatMap(Self.spacing)
        let options = ImageCodec.EncodeOptions(
            png: png, tiff: TIFFCodec.Options(pixelSpacing: spacing), jpegQuality: jpegQuality)
        do {
            return try ImageCodec.encode(image, as: imageFormat, options: options)
        } catch {
            throw .codec(path: path, error)
        }
    }

    static func spacing(_ m: DICOMMetadata) -> TIFFCodec.PixelSpacing? {
        guard let s = m.pixelSpacing ?? m.imagerPixelSpacing, s.count == 2, s[0] > 0, s[1] > 0 else { return nil }
        return TIFFCodec.PixelSpacing(row: s[0], column: s[1])
    }
}

/// A one-line description of how a display image was made (Derivation Description of derived DICOM).
public func describeRendering(_ rendered: RenderedImage, options: RenderOptions) -> String {
    guard let transform = rendered.transform else { return "Radiograph \(RadiographVersion.current): stored values" }
    // Derivation Description (0008,2111) is ST: at most 1,024 characters.
    let text = "Radiograph \(RadiographVersion.current): \(describeVOI(transform))"
        + (transform.inverted ? ", inverted" : "")
        + (rendered.pipeline.isEmpty ? "" : ", enhanced: \(rendered.pipeline)")
        + ", \(options.outputBits)-bit display values"
    return String(text.prefix(1024))
}

import ArgumentParser
import Foundation
import Radiograph
import RadiographCodecs
import RadiographDICOM

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render one DICOM file (or a PNG, TIFF or JPEG image) to a display image, optionally enhanced.",
        discussion: """
            The format follows the output's extension (.png, .tif, .tiff, .jpg, .jpeg, or .dcm for a derived DICOM \
            image that references the original). An 8- or 16-bit PNG, TIFF or JPEG input is taken as stored values \
            with no window (--window auto or C,W apply one), so results can be compared with other tools. \
            Enhancement steps (--preset and the options below) run after the window, at 16 bits until the \
            output. The output is written \
            to a temporary file, flushed and renamed into place: it is never left half-written, and an existing \
            file is only replaced with --overwrite.
            """)

    @Argument(help: "The DICOM file, or a PNG, TIFF or JPEG image.")
    var input: String

    @Option(name: .shortAndLong, help: "The output image: .png, .tif/.tiff, .jpg/.jpeg or .dcm (derived DICOM).")
    var output: String

    @OptionGroup var display: DisplayOptions

    @OptionGroup(title: "Enhancement") var enhancement: EnhancementOptions

    @Flag(help: "Write the stored pixel values unchanged as 16-bit (for checking decoders).")
    var raw = false

    @Option(help: "JPEG quality, 1 to 100.")
    var quality: Int = 90

    @Flag(help: "Replace the output if it exists.")
    var overwrite = false

    func validate() throws {
        guard let format = OutputFormat(pathExtension: (output as NSString).pathExtension) else {
            throw ValidationError("--output must end in .png, .tif, .tiff, .jpg, .jpeg or .dcm: \(output)")
        }
        guard (1...100).contains(quality) else { throw ValidationError("--quality must be 1 to 100, not \(quality)") }
        if format == .jpeg && (raw || display.bits == 16) {
            throw ValidationError("JPEG output is 8-bit only; use PNG or TIFF for 16-bit or --raw output")
        }
        var steps = RenderOptions()
        try enhancement.apply(to: &steps)
        if raw && (!steps.pipeline.isEmpty || steps.panoramicPipeline != nil) {
            throw ValidationError("--raw writes the stored values; it cannot be combined with enhancement options")
        }
    }

    func run() throws {
        let format = OutputFormat(pathExtension: (output as NSString).pathExtension)!
        let outputOptions = OutputOptions(format: format, jpegQuality: quality)
        do throws(RadiographError) {
            if AtomicFile.sameFile(input, output) {
                throw .invalidRequest("\(output): the output would replace its input")
            }
            if !overwrite && AtomicFile.exists(output) { throw .outputExists(path: output) }
            var options = display.renderOptions(raw: raw)
            do { try enhancement.apply(to: &options) } catch { throw .invalidRequest("\(error)") }
            let bytes: [UInt8]
            if let picture = try InputImage.readIfImage(input) {
                if format == .dicom {
                    throw .invalidRequest("\(input): DICOM output needs a DICOM input (use `radiograph dicomize` for images)")
                }
                let rendered = try Renderer.render(image: picture, source: input, options: options, schedule: .automatic)
                bytes = try outputOptions.encode(rendered.image, path: output, metadata: nil)
            } else {
                let image: DICOMImage
                do { image = try DICOMReader.read(contentsOf: input) } catch { throw .dicom(error) }
                let rendered = try Renderer.render(image, options: options, schedule: .automatic)
                bytes = try outputOptions.encode(
                    rendered.image, path: output, metadata: image.metadata, source: input,
                    derivation: describeRendering(rendered, options: options))
            }
            try AtomicFile.write(bytes, to: output, overwrite: overwrite)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}

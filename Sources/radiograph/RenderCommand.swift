import ArgumentParser
import Foundation
import Radiograph
import RadiographCodecs
import RadiographDICOM

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render one DICOM file to a display image (PNG, TIFF or JPEG).",
        discussion: """
            The format follows the output's extension (.png, .tif, .tiff, .jpg, .jpeg, or .dcm for a derived DICOM \
            image that references the original). The output is written \
            to a temporary file, flushed and renamed into place: it is never left half-written, and an existing \
            file is only replaced with --overwrite.
            """)

    @Argument(help: "The DICOM file.")
    var input: String

    @Option(name: .shortAndLong, help: "The output image: .png, .tif/.tiff, .jpg/.jpeg or .dcm (derived DICOM).")
    var output: String

    @OptionGroup var display: DisplayOptions

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
    }

    func run() throws {
        let format = OutputFormat(pathExtension: (output as NSString).pathExtension)!
        let outputOptions = OutputOptions(format: format, jpegQuality: quality)
        do throws(RadiographError) {
            if AtomicFile.sameFile(input, output) {
                throw .invalidRequest("\(output): the output would replace its input")
            }
            if !overwrite && AtomicFile.exists(output) { throw .outputExists(path: output) }
            let image: DICOMImage
            do { image = try DICOMReader.read(contentsOf: input) } catch { throw .dicom(error) }
            let options = display.renderOptions(raw: raw)
            let rendered = try Renderer.render(image, options: options, schedule: .automatic)
            let bytes = try outputOptions.encode(
                rendered.image, path: output, metadata: image.metadata, source: input,
                derivation: describeRendering(rendered, options: options))
            try AtomicFile.write(bytes, to: output, overwrite: overwrite)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}

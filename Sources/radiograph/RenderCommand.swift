import ArgumentParser
import Foundation
import Radiograph
import RadiographCodecs
import RadiographArchive
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

    @Argument(help: "The DICOM file, or a PNG, TIFF or JPEG image (with --archive: the SOP Instance UID of an archived image).")
    var input: String

    @Option(name: .shortAndLong, help: "The output image: .png, .tif/.tiff, .jpg/.jpeg or .dcm (derived DICOM).")
    var output: String

    @Option(help: "Read the input from this archive (INPUT is a SOP Instance UID; the read is audited).")
    var archive: String?

    @Option(help: "Also ingest the derived DICOM output (.dcm) into this archive.")
    var intoArchive: String?

    @OptionGroup(title: "Archive access (with --archive or --into-archive)") var access: ArchiveAccess

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
        if intoArchive != nil && format != .dicom { throw ValidationError("--into-archive takes a derived DICOM output: -o FILE.dcm") }
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
            if let archiveRoot = archive {
                let (store, actor) = try openArchive(archiveRoot)
                let original: [UInt8]
                do { original = Array(try store.read(sopInstanceUID: input, actor: actor)) } catch {
                    throw .invalidRequest("\(archiveRoot): \(error)")
                }
                let image: DICOMImage
                do { image = try DICOMReader.read(bytes: original, source: "archived image") } catch { throw .dicom(error) }
                let rendered = try Renderer.render(image, options: options, schedule: .automatic)
                bytes = try outputOptions.encode(
                    rendered.image, path: output, metadata: image.metadata, source: "archived image", originalBytes: original,
                    derivation: describeRendering(rendered, options: options))
            } else if let picture = try InputImage.readIfImage(input) {
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
            if let intoArchive {
                let (store, actor) = try openArchive(intoArchive)
                do { try store.ingest(bytes: bytes, source: output, actor: actor) } catch {
                    throw .invalidRequest("\(intoArchive): \(error)")
                }
            }
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}

extension Render {
    func openArchive(_ root: String) throws(RadiographError) -> (Archive, RadiographArchive.Actor) {
        do {
            let (key, actor) = try access.resolved()
            do { return (try Archive.open(root: root, key: key), actor) } catch { throw RadiographError.invalidRequest("\(root): \(error)") }
        } catch let e as RadiographError {
            throw e
        } catch {
            throw .invalidRequest("\(error)")
        }
    }
}

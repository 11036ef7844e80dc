import ArgumentParser
import Foundation
import Radiograph
import RadiographAnnotation
import RadiographDICOM

struct Annotate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Burn an annotation document (JSON) into a display image, and report its measurements.",
        discussion: """
            The document's points are in the stored image's pixels (pixel centres at integers), as a viewer \
            shows them; the marks follow the display orientation (Field of View Rotation/Flip) and the \
            pipeline's rotate, flip, crop and resize steps, and text stays upright. Measurements use the \
            document's reference object when it has one, else the file's spacing (Pixel Spacing, else \
            Imager Pixel Spacing corrected by the magnification factor); panoramic lengths are approximate. \
            The output format follows its extension: .png, .tif/.tiff, .jpg/.jpeg (gray, or colour with \
            --colour) or .dcm (a derived image with Burned In Annotation YES). --gsps also writes the marks \
            as a Grayscale Softcopy Presentation State referencing the original image, without touching \
            its pixels. The document must be for the input image (same SOP Instance UID) unless --any-image. \
            --from-gsps draws a presentation state instead of a document: its window, graphics and texts.
            """)

    @Argument(help: "The DICOM file.")
    var input: String

    @Option(name: .shortAndLong, help: "The annotation document (JSON).")
    var annotations: String?

    @Option(name: .customLong("from-gsps"), help: "Draw this presentation state (GSPS .dcm) instead of a document.")
    var fromGSPS: String?

    @Option(name: .shortAndLong, help: "The annotated image: .png, .tif/.tiff, .jpg/.jpeg or .dcm.")
    var output: String

    @Option(help: "Also write the marks as a presentation state (GSPS) to this .dcm file.")
    var gsps: String?

    @Option(help: "Write the measurements (mm, or px when uncalibrated) as JSON to this file.")
    var report: String?

    @Flag(help: "Colour output: marks in their style's colour (PNG, TIFF, JPEG).")
    var colour = false

    @Option(help: "Tooth label notation: fdi, universal or palmer.")
    var notation: ToothNotation = .fdi

    @Flag(help: "Draw a document made for another image (its SOP Instance UID differs).")
    var anyImage = false

    @OptionGroup var display: DisplayOptions

    @OptionGroup(title: "Enhancement") var enhancement: EnhancementOptions

    @Option(help: "JPEG quality, 1 to 100.")
    var quality: Int = 90

    @Flag(help: "Replace the outputs if they exist.")
    var overwrite = false

    func validate() throws {
        guard let format = OutputFormat(pathExtension: (output as NSString).pathExtension) else {
            throw ValidationError("--output must end in .png, .tif, .tiff, .jpg, .jpeg or .dcm: \(output)")
        }
        if format == .dicom && colour { throw ValidationError("DICOM output is gray: drop --colour or write PNG, TIFF or JPEG") }
        if display.bits != 8 { throw ValidationError("annotated images are 8-bit: drop --bits") }
        guard (1...100).contains(quality) else { throw ValidationError("--quality must be 1 to 100, not \(quality)") }
        if let gsps, (gsps as NSString).pathExtension.lowercased() != "dcm" {
            throw ValidationError("--gsps must end in .dcm: \(gsps)")
        }
        guard (annotations == nil) != (fromGSPS == nil) else {
            throw ValidationError("give either --annotations (a JSON document) or --from-gsps (a presentation state)")
        }
        if fromGSPS != nil && (gsps != nil || report != nil) {
            throw ValidationError("--from-gsps draws a presentation state: --gsps and --report need --annotations")
        }
        var steps = RenderOptions()
        try enhancement.apply(to: &steps)
    }

    func run() throws {
        let format = OutputFormat(pathExtension: (output as NSString).pathExtension)!
        do throws(RadiographError) {
            let inputs = [input, annotations, fromGSPS].compactMap { $0 }
            for path in [output, gsps, report].compactMap({ $0 }) {
                if inputs.contains(where: { AtomicFile.sameFile($0, path) }) {
                    throw .invalidRequest("\(path): the output would replace an input")
                }
                if !overwrite && AtomicFile.exists(path) { throw .outputExists(path: path) }
            }
            let image: DICOMImage
            do { image = try DICOMReader.read(contentsOf: input) } catch { throw .dicom(error) }
            var options = AnnotateOptions(render: display.renderOptions(raw: false), colour: colour, notation: notation)
            options.allowOtherImage = anyImage
            do { try enhancement.apply(to: &options.render) } catch { throw .invalidRequest("\(error)") }
            let outputOptions = OutputOptions(format: format, jpegQuality: quality)
            if let fromGSPS {
                let state: PresentationState
                do { state = try PresentationState.read(path: fromGSPS) } catch { throw .dicom(error) }
                let annotated = try Annotator.apply(state, to: image, options: options, schedule: .automatic)
                let bytes = try outputOptions.encode(
                    annotated, path: output, metadata: image.metadata, source: input,
                    derivation: describeRendering(annotated.rendered, options: options.render) + ", presentation state burned in")
                try AtomicFile.write(bytes, to: output, overwrite: overwrite)
                return
            }
            let document = try AnnotationFile.read(annotations!)
            let annotated = try Annotator.annotate(image, document: document, options: options, schedule: .automatic)
            let bytes = try outputOptions.encode(
                annotated, path: output, metadata: image.metadata, source: input,
                derivation: describeRendering(annotated.rendered, options: options.render) + ", annotations burned in")
            // The presentation state first: a failure there leaves no half-finished set of outputs.
            if let gsps {
                let state = try Annotator.presentationState(for: image, document: document, options: options)
                let encoded: [UInt8]
                do { encoded = try state.encoded(forImageAt: input).bytes } catch { throw .dicom(error) }
                try AtomicFile.write(encoded, to: gsps, overwrite: overwrite)
            }
            try AtomicFile.write(bytes, to: output, overwrite: overwrite)
            if let report {
                let r = AnnotationReport(input: input, output: output, presentationState: gsps, document: document, annotated: annotated)
                try AtomicFile.write(Array(try r.json()), to: report, overwrite: overwrite)
            }
            for m in annotated.measurements {
                print("\(m.index)\t\(m.type.rawValue)\t\(m.label ?? "")\t\(m.measurement)")
            }
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}

extension ToothNotation: ExpressibleByArgument {}

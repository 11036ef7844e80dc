import ArgumentParser
import Foundation
import Radiograph
import RadiographAnnotation
import RadiographCodecs

struct Mount: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Place captures into a mount template's slots and render the mount as one image.",
        discussion: """
            Captures fill the slots in the template's order (pass fewer to leave the last slots empty). Each is \
            displayed (window, preset), turned to its slot's orientation (a landscape capture in a portrait \
            slot turns a quarter clockwise) and by the slot's own turn (upper-jaw slots 180°), mirrored if the \
            slot says so, scaled to fit and labelled with the slot's name and teeth. Templates are JSON: \
            --list names the built-in ones, --show-template NAME prints one to start a practice's own from. \
            --json also writes the mount's description (template, and which capture went where, turned how). \
            A .dcm output is a derived image of the first capture referencing every capture. Captures of \
            different patients are refused unless --allow-mixed-patients (never for .dcm output).
            """)

    @Argument(help: "The captures (DICOM), in slot order.")
    var inputs: [String] = []

    @Option(name: .shortAndLong, help: "A built-in template name or a template JSON file.")
    var template: String?

    @Option(name: .shortAndLong, help: "The mount image: .png, .tif/.tiff, .jpg/.jpeg or .dcm (derived DICOM).")
    var output: String?

    @Option(help: "Also write the mount's description as JSON to this file.")
    var json: String?

    @Option(help: "Pixels per template unit (a periapical slot is one unit wide).")
    var cell: Int = 400

    @Option(help: "Tooth label notation: fdi, universal or palmer.")
    var notation: ToothNotation = .fdi

    @Flag(help: "No slot labels.")
    var noLabels = false

    @Flag(help: "Mount captures of different patients together (teaching, demonstrations).")
    var allowMixedPatients = false

    @Flag(help: "List the built-in templates.")
    var list = false

    @Option(help: "Print a built-in template's JSON.")
    var showTemplate: String?

    @OptionGroup var display: DisplayOptions

    @OptionGroup(title: "Enhancement") var enhancement: EnhancementOptions

    @Option(help: "JPEG quality, 1 to 100.")
    var quality: Int = 90

    @Flag(help: "Replace the outputs if they exist.")
    var overwrite = false

    func validate() throws {
        if list || showTemplate != nil { return }
        guard template != nil else { throw ValidationError("--template is required (see --list)") }
        guard let output else { throw ValidationError("--output is required") }
        guard let format = OutputFormat(pathExtension: (output as NSString).pathExtension) else {
            throw ValidationError("--output must end in .png, .tif, .tiff, .jpg, .jpeg or .dcm: \(output)")
        }
        if format == .dicom && allowMixedPatients {
            throw ValidationError("a DICOM mount is one patient's image: drop --allow-mixed-patients or write PNG, TIFF or JPEG")
        }
        guard !inputs.isEmpty else { throw ValidationError("give the captures to mount") }
        guard (50...4000).contains(cell) else { throw ValidationError("--cell must be 50 to 4000 pixels") }
        if display.bits != 8 { throw ValidationError("mounts are 8-bit: drop --bits") }
        var steps = RenderOptions()
        try enhancement.apply(to: &steps)
    }

    func run() throws {
        if list {
            for t in MountTemplate.builtIn { print("\(t.name): \(t.description) (\(t.slots.count) slots)") }
            return
        }
        if let showTemplate {
            guard let t = MountTemplate.builtIn.first(where: { $0.name == showTemplate }) else {
                printError("unknown mount template '\(showTemplate)' (see --list)")
                throw ExitCode.failure
            }
            print(t.json())
            return
        }
        let output = self.output!
        do throws(RadiographError) {
            for path in [output, json].compactMap({ $0 }) {
                if inputs.contains(where: { AtomicFile.sameFile($0, path) }) {
                    throw .invalidRequest("\(path): the output would replace an input")
                }
                if !overwrite && AtomicFile.exists(path) { throw .outputExists(path: path) }
            }
            let t = try MountTemplate.load(template!)
            var options = MountOptions(render: display.renderOptions(raw: false), cellSize: cell, notation: notation, labels: !noLabels)
            options.allowMixedPatients = allowMixedPatients
            do { try enhancement.apply(to: &options.render) } catch { throw .invalidRequest("\(error)") }
            let mount = try MountRenderer.render(t, inputs: inputs, options: options)
            let format = OutputFormat(pathExtension: (output as NSString).pathExtension)!
            let bytes = format == .dicom
                ? try mount.derivedDICOM()
                : try OutputOptions(format: format, jpegQuality: quality).encode(.uint8(mount.image), path: output, metadata: nil)
            try AtomicFile.write(bytes, to: output, overwrite: overwrite)
            if let json { try AtomicFile.write(Array(try mount.json()), to: json, overwrite: overwrite) }
            print("\(t.name): \(inputs.count) of \(t.slots.count) slots filled, \(mount.image.width)x\(mount.image.height) → \(output)")
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}

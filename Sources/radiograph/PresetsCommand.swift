import ArgumentParser
import Radiograph
import RadiographCore

struct Presets: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the dental enhancement presets, or print one as JSON to start a preset file of your own.",
        discussion: """
            A preset file is JSON: {"name": …, "description": …, "steps": [{"op": "clahe", "clipLimit": 2, \\
            "tilesX": 8, "tilesY": 8}, …]}. Operations: clahe (clipLimit, tilesX, tilesY, bins), unsharp (sigma, \\
            amount, threshold), median (size), denoise (strength), gamma (gamma), equalize, invert, \\
            brightness-contrast (brightness, contrast), rotate (degrees), flip (axis), crop (x, y, width, height), \\
            resize (width, height, filter). Use it with --preset FILE on render and enhance.
            """)

    @Argument(help: "A preset name or file: print it as JSON.")
    var name: String?

    func run() throws {
        if let name, name.lowercased() == "auto" {
            print("auto: the intraoral preset for intraoral images, the panoramic preset for panoramic images (Modality PX);")
            print("  see `radiograph presets intraoral` and `radiograph presets panoramic`")
            return
        }
        if let name {
            do throws(RadiographError) {
                print(try EnhancementPreset.resolve(name).json)
            } catch {
                printError(error.description)
                throw ExitCode.validationFailure
            }
            return
        }
        for preset in EnhancementPreset.builtIn {
            print("\(preset.name): \(preset.description)")
            print("  steps: \(preset.pipeline)")
        }
        print("auto: intraoral for intraoral images, panoramic for panoramic images (Modality PX)")
    }
}

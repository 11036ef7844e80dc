import ArgumentParser
import Foundation
import Radiograph

@main
struct RadiographCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "radiograph",
        abstract: "Dental radiographs from DICOM to display-ready, enhanced images.",
        discussion: """
            Exit status: 0 when everything succeeded, 1 when any file failed, 64 on bad usage.
            """,
        version: RadiographVersion.current,
        subcommands: [
            Info.self, Render.self, Enhance.self, Annotate.self, Mount.self, ArchiveCommand.self, Anonymize.self, Presets.self,
            Dicomize.self, Teeth.self,
        ]
    )
}

/// Prints one line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("radiograph: \(message)\n".utf8))
}

import ArgumentParser
import Foundation
import Radiograph
import RadiographCodecs
import Synchronization

struct Enhance: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render and enhance many DICOM files (files and folders, recursively) into an output folder.",
        discussion: """
            Each input gives one output below --output, keeping the folders' layout. Enhancement (--preset and \
            the step options) runs after the window, at 16 bits until the output. Files are processed in \
            parallel (--jobs), each output is written atomically, and an existing output is skipped (so an \
            interrupted batch resumes) unless --overwrite is given. Files in folders are taken when they carry \
            the DICM marker or a .dcm extension; every other file is listed as passed over. A failing file is \
            reported and the batch goes on. Exit status: 0 when every input was processed, 1 otherwise.
            """)

    @Argument(help: "DICOM files and folders.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "The output folder (created if needed).")
    var output: String

    @OptionGroup var display: DisplayOptions

    @OptionGroup(title: "Enhancement") var enhancement: EnhancementOptions

    @Option(help: "Output format: png, tiff, jpeg, or dicom (derived images referencing their originals).")
    var format: OutputFormat = .png

    @Option(help: "JPEG quality, 1 to 100.")
    var quality: Int = 90

    @Option(help: "Files processed at once (default: one per core).")
    var jobs: Int = 0

    @Flag(help: "Replace outputs that exist.")
    var overwrite = false

    @Flag(help: "Print a JSON report (every file and a summary) on standard output.")
    var json = false

    @Flag(help: "No progress bar, even on a terminal.")
    var quiet = false

    @Option(help: ArgumentHelp(
        "Also write a PNG of thumbnails of every result, in report order (replaces an earlier contact sheet).",
        valueName: "file.png"))
    var contactSheet: String?

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("name at least one DICOM file or folder") }
        guard jobs >= 0 else { throw ValidationError("--jobs must be 0 (automatic) or more, not \(jobs)") }
        guard (1...100).contains(quality) else { throw ValidationError("--quality must be 1 to 100, not \(quality)") }
        if format == .jpeg && display.bits == 16 { throw ValidationError("JPEG output is 8-bit only") }
        if let contactSheet, (contactSheet as NSString).pathExtension.lowercased() != "png" {
            throw ValidationError("--contact-sheet must be a .png file, not \(contactSheet)")
        }
    }

    func run() throws {
        do throws(RadiographError) {
            try AtomicFile.createFolder(output)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
        var render = display.renderOptions()
        try enhancement.apply(to: &render)
        let request = BatchRequest(
            inputs: inputs, outputFolder: output, output: OutputOptions(format: format, jpegQuality: quality),
            render: render, jobs: jobs, overwrite: overwrite, contactSheet: contactSheet)
        let bar = ProgressBar(enabled: !quiet && isatty(STDERR_FILENO) == 1)
        let (results, summary) = BatchRunner.run(request) { progress in
            let r = progress.latest
            if r.status == .failed || r.status == .passedOver {
                bar.clear()
                printError("\(r.input): \(r.status == .failed ? "" : "passed over: ")\(stripPath(r.error ?? "", r.input))")
            }
            bar.show(progress)
        }
        bar.finish()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            struct Report: Encodable { var files: [BatchFileResult]; var summary: BatchSummary }
            let data = (try? encoder.encode(Report(files: results, summary: summary))) ?? Data()
            print(String(decoding: data, as: UTF8.self))
        }
        let line = "\(summary.written) written, \(summary.skippedExisting) skipped (output exists), "
            + "\(summary.passedOver) passed over, \(summary.failed) failed in "
            + String(format: "%.2f s", summary.seconds)
        FileHandle.standardError.write(Data((line + "\n").utf8))
        if let sheet = summary.contactSheet { printError("contact sheet: \(sheet)") }
        if let problem = summary.contactSheetError { printError("contact sheet not written: \(problem)") }
        if !summary.succeeded || summary.contactSheetError != nil { throw ExitCode.failure }
    }

    /// Errors already name their file; the line starts with it, so drop the repetition.
    private func stripPath(_ message: String, _ path: String) -> String {
        message.hasPrefix(path + ": ") ? String(message.dropFirst(path.count + 2)) : message
    }
}

extension OutputFormat: ExpressibleByArgument {}

/// A one-line progress bar with ETA on standard error, redrawn in place.
final class ProgressBar: Sendable {
    let enabled: Bool
    private let lastWidth = Mutex(0)

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ p: BatchProgress) {
        guard enabled else { return }
        let width = 30
        let filled = p.total == 0 ? width : width * p.done / p.total
        let eta = p.estimatedSecondsLeft.map { String(format: "ETA %.0fs", $0.rounded(.up)) } ?? "ETA --"
        let rate = p.elapsedSeconds > 0 ? String(format: "%.1f img/s", Double(p.done) / p.elapsedSeconds) : ""
        let line = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            + "] \(p.done)/\(p.total) \(rate) \(eta)"
        lastWidth.withLock { $0 = line.count }
        FileHandle.standardError.write(Data(("\r" + line).utf8))
    }

    func clear() {
        guard enabled else { return }
        let n = lastWidth.withLock { $0 }
        FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: n) + "\r").utf8))
    }

    func finish() {
        guard enabled else { return }
        clear()
    }
}

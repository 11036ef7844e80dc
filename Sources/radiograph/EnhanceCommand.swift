import ArgumentParser
import Foundation
import Radiograph
import RadiographArchive
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

            With --archive ROOT the inputs are archived images: the SOP Instance UIDs given, and those the \
            selection (--patient-id, --from/--to, …) matches; one of the two is required. Each is read \
            through the archive (one audited read per image) and written as OUTPUT/<SOP Instance UID>.<ext>; \
            messages and the report name it by that UID, never by patient data. --into-archive ROOT (with \
            --format dicom) also ingests every derived DICOM output, a skipped existing one included (the \
            archive keeps one copy per SOP Instance UID, so that is a no-op when it is there).
            """)

    @Argument(help: "DICOM files and folders (with --archive: SOP Instance UIDs).")
    var inputs: [String] = []

    @Option(name: .shortAndLong, help: "The output folder (created if needed).")
    var output: String

    @Option(help: "Read the inputs from this archive: INPUTS are SOP Instance UIDs, and/or the selection picks images.")
    var archive: String?

    @Option(help: "Also ingest each derived DICOM output (--format dicom) into this archive.")
    var intoArchive: String?

    @OptionGroup(title: "Archive selection (with --archive; every criterion given must match)") var selection: ArchiveSelection

    @OptionGroup(title: "Archive access (with --archive or --into-archive)") var access: ArchiveAccess

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
        if archive == nil {
            guard !inputs.isEmpty else { throw ValidationError("name at least one DICOM file or folder") }
            guard selection.isEmpty else {
                throw ValidationError("--patient-id, --name, --from, … select archived images: add --archive ROOT")
            }
        } else if inputs.isEmpty && selection.isEmpty {
            throw ValidationError(
                "with --archive, name at least one SOP Instance UID or give a selection "
                    + "(--patient-id, --from/--to, --modality, --tooth, …)")
        }
        if intoArchive != nil && format != .dicom {
            throw ValidationError("--into-archive takes derived DICOM outputs: --format dicom")
        }
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
        var request = BatchRequest(
            inputs: archive == nil ? inputs : [], outputFolder: output,
            output: OutputOptions(format: format, jpegQuality: quality), render: render, jobs: jobs, overwrite: overwrite,
            contactSheet: contactSheet)
        // One Archive for both roles when they are the same archive.
        let source = try archive.map { try access.open($0) }
        let target = try intoArchive.map { root in
            if let source, let archive, Self.sameRoot(archive, root) { return source }
            return try access.open(root)
        }
        if let (store, actor) = source {
            request.prepared = try radiograph.run { () throws(ArchiveError) in
                try InputDiscovery.archived(
                    inputs, matching: selection.isEmpty ? nil : selection.query, in: store, actor: actor, outputFolder: output,
                    outputExtension: format.fileExtension)
            }
            if request.prepared.inputs.isEmpty && request.prepared.passedOver.isEmpty {
                printError("no archived image matches the selection")
            }
        }
        if let (store, actor) = target { request.ingestOutputs(into: store, actor: actor) }
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
        if let intoArchive {
            let stored = results.filter { $0.archived == .stored }.count
            let present = results.filter { $0.archived == .alreadyPresent }.count
            printError("\(intoArchive): \(stored) stored, \(present) already present")
        }
        if let sheet = summary.contactSheet { printError("contact sheet: \(sheet)") }
        if let problem = summary.contactSheetError { printError("contact sheet not written: \(problem)") }
        if !summary.succeeded || summary.contactSheetError != nil { throw ExitCode.failure }
    }

    /// The same folder (`--archive` and `--into-archive` then share one open archive).
    static func sameRoot(_ a: String, _ b: String) -> Bool {
        func resolved(_ path: String) -> URL { URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath() }
        return resolved(a) == resolved(b)
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

import Dispatch
import Foundation
import RadiographCodecs
import RadiographCore
import RadiographDICOM
import Synchronization

/// What a batch does with each input.
public struct BatchRequest: Sendable {
    /// Files and folders, walked by ``InputDiscovery/discover(_:outputFolder:outputExtension:)``.
    public var inputs: [String]
    /// Inputs made by the caller, processed after those found in `inputs`; archived images come
    /// from ``InputDiscovery/archived(_:matching:in:actor:outputFolder:outputExtension:)``.
    public var prepared = InputDiscovery()
    public var outputFolder: String
    public var output: OutputOptions
    public var render: RenderOptions
    /// Files processed at once (each holds one image in memory at a time).
    public var jobs: Int
    /// Replace outputs that exist; otherwise they are skipped and reported (so a batch can resume).
    public var overwrite: Bool
    /// Where to write a PNG of thumbnails of every result, in report order (nil: none).
    public var contactSheet: String?
    /// Called with each output's bytes once written, and with an existing output's bytes when it
    /// is skipped (so a rerun completes an interrupted one): ingests it into an archive
    /// (``BatchRequest/ingestOutputs(into:actor:)``). Its answer is the result's `archived`; a
    /// throw fails that file with the error's text.
    public var ingest: (@Sendable (_ bytes: [UInt8], _ outputPath: String) throws(RadiographError) -> BatchFileResult.Archived)?

    public init(
        inputs: [String], outputFolder: String, output: OutputOptions = OutputOptions(),
        render: RenderOptions = RenderOptions(), jobs: Int = 0, overwrite: Bool = false, contactSheet: String? = nil
    ) {
        self.inputs = inputs
        self.outputFolder = outputFolder
        self.output = output
        self.render = render
        self.jobs = jobs
        self.overwrite = overwrite
        self.contactSheet = contactSheet
    }
}

/// The outcome of one input.
public struct BatchFileResult: Sendable, Codable, Hashable {
    public enum Status: String, Sendable, Codable {
        case written
        /// The output existed and `overwrite` was off.
        case skippedExisting = "skipped-existing"
        /// A file met in a folder that is not DICOM, or a derived image a selection picked
        /// (``BatchInput/skipsDerived``): listed, not processed, not a failure.
        case passedOver = "passed-over"
        case failed
    }

    /// What the archive did with the output (``BatchRequest/ingest``).
    public enum Archived: String, Sendable, Codable {
        /// Stored as a new object.
        case stored
        /// The same bytes were archived already: nothing written.
        case alreadyPresent = "already-present"
    }

    public var input: String
    public var output: String?
    public var status: Status
    /// The VOI stage used ("C 9065 W 14636", "auto: C … W …", "VOI LUT", "raw").
    public var window: String?
    /// The enhancement steps applied after the window ("clahe 2 8x8 > unsharp 1,0.5"), nil when none.
    public var operations: String?
    public var milliseconds: Double?
    public var error: String?
    /// Set when the output was also ingested into an archive (``BatchRequest/ingest``).
    public var archived: Archived?
}

/// Counts of a finished batch.
public struct BatchSummary: Sendable, Codable, Hashable {
    public var written = 0
    public var skippedExisting = 0
    public var passedOver = 0
    public var failed = 0
    public var seconds = 0.0
    /// The contact sheet written, if one was asked for.
    public var contactSheet: String?
    /// Why the contact sheet could not be written (the outputs themselves are not affected).
    public var contactSheetError: String?

    /// No input failed (skipped outputs count as done; non-DICOM files met in folders are listed
    /// as passed over and do not fail the batch).
    public var succeeded: Bool { failed == 0 }
    public var total: Int { written + skippedExisting + passedOver + failed }
}

/// Progress after each file.
public struct BatchProgress: Sendable {
    public var done: Int
    public var total: Int
    public var elapsedSeconds: Double
    public var latest: BatchFileResult

    /// Seconds left at the current rate (nil before the first file).
    public var estimatedSecondsLeft: Double? {
        done == 0 ? nil : elapsedSeconds / Double(done) * Double(total - done)
    }
}

/// Runs a batch: discover inputs, then read → render → encode → write atomically, `jobs` files at a
/// time. Per-file failures are recorded and the batch goes on.
public enum BatchRunner {
    public static func run(
        _ request: BatchRequest, progress: @escaping @Sendable (BatchProgress) -> Void = { _ in }
    ) -> (results: [BatchFileResult], summary: BatchSummary) {
        let start = DispatchTime.now()
        let discovery = InputDiscovery.discover(
            request.inputs, outputFolder: request.outputFolder, outputExtension: request.output.format.fileExtension
        ).merged(with: request.prepared)
        var results = [BatchFileResult?](repeating: nil, count: discovery.inputs.count)
        let sheet = request.contactSheet.map { _ in ContactSheet(count: discovery.inputs.count) }
        let passed = discovery.passedOver.map {
            BatchFileResult(
                input: $0.path, output: nil, status: $0.isFailure ? .failed : .passedOver, window: nil,
                milliseconds: nil, error: $0.reason)
        }
        let jobs = request.jobs > 0 ? request.jobs : Schedule.automatic.maxThreads
        let total = discovery.inputs.count + passed.count
        let state = Mutex((next: 0, done: 0))
        let collected = Mutex([(Int, BatchFileResult)]())
        for p in passed {
            let done = state.withLock { s in s.done += 1; return s.done }
            progress(BatchProgress(done: done, total: total, elapsedSeconds: seconds(since: start), latest: p))
        }
        let worker: @Sendable () -> Void = {
            while true {
                let index: Int? = state.withLock { s in
                    guard s.next < discovery.inputs.count else { return nil }
                    defer { s.next += 1 }
                    return s.next
                }
                guard let index else { return }
                let result = process(discovery.inputs[index], request, thumbnail: sheet.map { s in { s.place($0, at: index) } })
                collected.withLock { $0.append((index, result)) }
                let done = state.withLock { s in s.done += 1; return s.done }
                progress(BatchProgress(done: done, total: total, elapsedSeconds: seconds(since: start), latest: result))
            }
        }
        // One thread per job: Dispatch's global queue on Linux grows its pool lazily and was seen
        // running two workers on one core; plain threads give exactly `jobs` workers.
        let group = DispatchGroup()
        for _ in 0..<min(jobs, max(1, discovery.inputs.count)) {
            group.enter()
            let thread = Thread {
                worker()
                group.leave()
            }
            thread.stackSize = 1 << 22
            thread.start()
        }
        group.wait()
        for (i, r) in collected.withLock({ $0 }) { results[i] = r }
        let all = results.compactMap { $0 } + passed
        var summary = BatchSummary()
        for r in all {
            switch r.status {
            case .written: summary.written += 1
            case .skippedExisting: summary.skippedExisting += 1
            case .passedOver: summary.passedOver += 1
            case .failed: summary.failed += 1
            }
        }
        if let path = request.contactSheet, let sheet {
            do throws(RadiographError) {
                try sheet.write(to: path, png: request.output.png)
                summary.contactSheet = path
            } catch {
                summary.contactSheetError = error.description
            }
        }
        summary.seconds = seconds(since: start)
        return (all, summary)
    }

    /// One file, start to end. Never throws: a failure becomes a result.
    static func process(
        _ input: BatchInput, _ request: BatchRequest, thumbnail: ((AnyGrayImage) -> Void)? = nil
    ) -> BatchFileResult {
        let start = DispatchTime.now()
        var result = BatchFileResult(input: input.path, output: input.outputPath, status: .failed)
        if case .file = input.source, AtomicFile.sameFile(input.path, input.outputPath) {
            // Never write over an original, even with --overwrite (an output folder equal to the input).
            result.error = "\(input.outputPath): the output would replace its input"
            return result
        }
        if !request.overwrite && AtomicFile.exists(input.outputPath) {
            result.status = .skippedExisting
            if let thumbnail, let existing = ContactSheet.readOutput(input.outputPath) { thumbnail(existing) }
            ingestExisting(input.outputPath, request, into: &result)
            return result
        }
        do throws(RadiographError) {
            let image: DICOMImage
            var original: [UInt8]?
            switch input.source {
            case .file:
                do { image = try DICOMReader.read(contentsOf: input.path) } catch { throw .dicom(error) }
            case .bytes(let load):
                let bytes = try load()
                original = bytes
                do { image = try DICOMReader.read(bytes: bytes, source: input.path) } catch { throw .dicom(error) }
            }
            if input.skipsDerived && image.metadata.imageType.first?.uppercased() == "DERIVED" {
                result.status = .passedOver
                result.output = nil
                result.error = "a derived image (a selection takes originals; name its UID to enhance it)"
                return result
            }
            let rendered = try Renderer.render(image, options: request.render)
            result.window = rendered.transform.map(describeVOI) ?? "raw"
            if !rendered.pipeline.isEmpty { result.operations = rendered.pipeline.description }
            let bytes = try request.output.encode(
                rendered.image, path: input.outputPath, metadata: image.metadata, source: input.path, originalBytes: original,
                derivation: describeRendering(rendered, options: request.render))
            try AtomicFile.createFolder(AtomicFile.parentFolder(of: input.outputPath))
            try AtomicFile.write(bytes, to: input.outputPath, overwrite: request.overwrite)
            result.status = .written
            thumbnail?(rendered.image)
            result.archived = try request.ingest?(bytes, input.outputPath)
        } catch {
            if case .outputExists = error {
                result.status = .skippedExisting
                ingestExisting(input.outputPath, request, into: &result)
            } else {
                result.status = .failed
                result.error = error.description
            }
        }
        result.milliseconds = seconds(since: start) * 1000
        return result
    }

    /// A skipped output is ingested too: a no-op when the archive has it (ingest is idempotent by
    /// SOP Instance UID), the completion of an interrupted batch when it does not.
    static func ingestExisting(_ path: String, _ request: BatchRequest, into result: inout BatchFileResult) {
        guard let ingest = request.ingest else { return }
        do throws(RadiographError) {
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw .io(path: path, operation: "read", reason: "unreadable")
            }
            result.archived = try ingest(Array(bytes), path)
        } catch {
            result.status = .failed
            result.error = error.description
        }
    }
}

/// A short description of the VOI stage of `transform`.
public func describeVOI(_ transform: DisplayTransform) -> String {
    switch transform.voi {
    case .window(let w): (w.explanation == "AUTO" ? "auto " : "") + w.description
    case .lookupTable(let lut): "VOI LUT" + (lut.explanation.map { " \($0)" } ?? "")
    case .none: "none"
    }
}

func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

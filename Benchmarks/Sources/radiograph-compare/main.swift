// Times Radiograph on the peers' inputs the way ../shared/peers/bench_peers.py times the peers:
// median of N runs after one warm-up, in-process, input already decoded. One JSON object a line.
//
//   radiograph-compare window RUNS FILE...      16 → 8-bit window with the file's window
//   radiograph-compare decode RUNS FILE...      DICOM file → stored pixels
//   radiograph-compare acquire RUNS FILE...     bytes in memory → display-ready 8-bit (all cores)
//   radiograph-compare enhance RUNS FILE...     CLAHE, unsharp, median, denoise, resize on the windowed image
//   radiograph-compare acquire-preset RUNS FILE...  bytes → window → intraoral preset → 8-bit (all cores)
//   radiograph-compare annotate RUNS FILE...    50 annotations with text burned into the display image
//   radiograph-compare mount RUNS FILE...       an 18-image full-mouth mount from the files (repeated to 18)
//   radiograph-compare archive-ingest N FILE    N captures of FILE's pixels (new UIDs) ingested into an
//                                               archive under $TMPDIR by 1 and 2 threads: images/s
//   radiograph-compare archive-query N FOLDER   an archive of N tiny instances (10 per patient) built in
//                                               FOLDER, then patient, name and tooth query latency
import BenchmarkSupport
import Dispatch
import Foundation
import RadiographAnnotation
import RadiographArchive
import RadiographCodecs
import RadiographCore
import Radiograph
import RadiographDICOM

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func measure(runs: Int, _ body: () -> Void) -> (median: Double, min: Double) {
    body()
    var times: [Double] = []
    for _ in 0..<runs {
        let t = now()
        body()
        times.append(Double(now() - t) / 1e9)
    }
    times.sort()
    return (times[times.count / 2], times[0])
}

func emit(_ fields: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

let arguments = CommandLine.arguments
guard arguments.count >= 4, let runs = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: radiograph-compare window|decode|acquire|enhance|acquire-preset RUNS FILE...\n".utf8))
    exit(64)
}
let stem = { (path: String) in ((path as NSString).lastPathComponent as NSString).deletingPathExtension }

if arguments[1] == "archive-ingest" || arguments[1] == "archive-query" {
    archiveBenchmark(mode: arguments[1], count: runs, path: arguments[3])
    exit(0)
}

if arguments[1] == "mount" {
    let files = Array(arguments[3...])
    let inputs: [String?] = (0..<18).map { files[$0 % files.count] }
    let template = MountTemplate.named("fmx-18")!
    let font = try! Font.dejaVuSans(bold: true)
    var options = MountOptions()
    options.allowMixedPatients = true  // the samples are three synthetic patients
    for (label, schedule) in [("1 thr", Schedule.serial), ("all cores", Schedule.automatic)] {
        let t = measure(runs: runs) { _ = try! MountRenderer.render(template, inputs: inputs, options: options, text: font, schedule: schedule) }
        emit(["section": "mount", "input": files.map(stem).joined(separator: "+"), "peer": "Radiograph fmx-18 mount from files, \(label)",
              "median_s": t.median, "min_s": t.min])
        let captures = inputs.map { try! MountCapture(path: $0!) }
        let c = measure(runs: runs) {
            _ = try! MountRenderer.compose(template, captures: captures, options: options, text: font, schedule: schedule)
        }
        emit(["section": "mount", "input": files.map(stem).joined(separator: "+"),
              "peer": "Radiograph fmx-18 mount from display images (fit, turn, label), \(label)", "median_s": c.median, "min_s": c.min])
    }
    exit(0)
}

for path in arguments[3...] {
    let image: DICOMImage
    do { image = try DICOMReader.read(contentsOf: path) } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
    let pixels = Double(image.metadata.rows * image.metadata.columns)
    switch arguments[1] {
    case "window":
        let transform = try! image.displayTransform()
        let lut = try! transform.makeLUT8(pixelCount: Int(pixels))
        let build = measure(runs: runs) { _ = try! transform.makeLUT8(pixelCount: Int(pixels)) }
        emit(["section": "window", "input": stem(path), "peer": "Radiograph LUT build", "median_s": build.median,
              "min_s": build.min, "ns_per_px": build.median * 1e9 / pixels])
        for (label, schedule) in [("1 thr", Schedule.serial), ("2 thr", Schedule(maxThreads: 2))] {
            let apply = measure(runs: runs) { _ = image.pixels.applying(lut, schedule: schedule) }
            emit(["section": "window", "input": stem(path), "peer": "Radiograph window (LUT apply, new image), \(label)",
                  "median_s": apply.median, "min_s": apply.min, "ns_per_px": apply.median * 1e9 / pixels])
            if case .uint16(let stored) = image.pixels {
                var output = GrayImage<UInt8>(width: stored.width, height: stored.height)
                let into = measure(runs: runs) { stored.apply(lut, into: &output, schedule: schedule) }
                emit(["section": "window", "input": stem(path), "peer": "Radiograph window (LUT apply into buffer), \(label)",
                      "median_s": into.median, "min_s": into.min, "ns_per_px": into.median * 1e9 / pixels])
            }
        }
    case "decode":
        let decode = measure(runs: runs) { _ = try! DICOMReader.read(contentsOf: path) }
        emit(["section": "decode", "input": stem(path), "peer": "Radiograph DICOMReader (in-process)",
              "transfer_syntax": image.metadata.transferSyntaxName, "median_s": decode.median, "min_s": decode.min,
              "ns_per_px": decode.median * 1e9 / pixels])
    case "acquire":
        let bytes = Array(FileManager.default.contents(atPath: path)!)
        let acquire = measure(runs: runs) { _ = try! AcquisitionDisplay.displayImage(from: bytes) }
        emit(["section": "acquire", "input": stem(path), "peer": "Radiograph AcquisitionDisplay (bytes → 8-bit), all cores",
              "transfer_syntax": image.metadata.transferSyntaxName, "median_s": acquire.median, "min_s": acquire.min,
              "ns_per_px": acquire.median * 1e9 / pixels])
    case "annotate":
        let font = try! Font.dejaVuSans(bold: true)
        let rendered = try! Renderer.render(image)
        guard case .uint8(let display) = rendered.image else { fatalError("8-bit display expected") }
        let document = fiftyAnnotations(width: display.width, height: display.height, sopInstanceUID: image.metadata.sopInstanceUID ?? "")
        let renderer = AnnotationRenderer(layout: AnnotationLayout(calibration: Calibration(image.metadata)), text: font)
        for (label, colour) in [("gray", false), ("RGB", true)] {
            let t = measure(runs: runs) {
                if colour {
                    var rgb = RGBImage(display)
                    try! renderer.draw(document, onto: &rgb)
                } else {
                    var copy = display
                    try! renderer.draw(document, onto: &copy)
                }
            }
            emit(["section": "annotate", "input": stem(path), "peer": "Radiograph 50 annotations with text, \(label) (incl. image copy)",
                  "median_s": t.median, "min_s": t.min, "ns_per_px": t.median * 1e9 / pixels])
        }
        let copyOnly = measure(runs: runs) { var copy = display; copy[x: 0, y: 0] = 1 }
        emit(["section": "annotate", "input": stem(path), "peer": "image copy alone (baseline)", "median_s": copyOnly.median,
              "min_s": copyOnly.min])
        let whole = measure(runs: runs) { _ = try! Annotator.annotate(image, document: document, text: font, schedule: .automatic) }
        emit(["section": "annotate", "input": stem(path), "peer": "Radiograph annotate: display + 50 annotations, all cores",
              "median_s": whole.median, "min_s": whole.min])
    case "enhance":
        enhance(image, name: stem(path), runs: runs, pixels: pixels)
    case "acquire-preset":
        let bytes = Array(FileManager.default.contents(atPath: path)!)
        let options = RenderOptions(pipeline: EnhancementPreset.intraoral.pipeline)
        let acquire = measure(runs: runs) { _ = try! AcquisitionDisplay.displayImage(from: bytes, options: options) }
        emit(["section": "acquire", "input": stem(path),
              "peer": "Radiograph AcquisitionDisplay + intraoral preset (bytes → 8-bit), all cores",
              "transfer_syntax": image.metadata.transferSyntaxName, "median_s": acquire.median, "min_s": acquire.min,
              "ns_per_px": acquire.median * 1e9 / pixels])
    default:
        FileHandle.standardError.write(Data("unknown mode \(arguments[1])\n".utf8))
        exit(64)
    }
}

/// The enhancement kernels on the file's windowed image, as the peers time theirs (input decoded
/// and windowed beforehand; 16-bit display values, 8-bit where the row says so).
func enhance(_ image: DICOMImage, name: String, runs: Int, pixels: Double) {
    let transform = try! image.displayTransform()
    guard case .uint16(let display16) = try! EnhancementPipeline().render(image.pixels, transform: transform, outputBits: 16),
        case .uint8(let display8) = try! EnhancementPipeline().render(image.pixels, transform: transform, outputBits: 8),
        case .uint16(let stored) = image.pixels
    else { fatalError("\(name): expected an unsigned 16-bit image") }
    let bins = 1 << min(transform.stored.bitsStored, 12)
    let clahe = CLAHEParameters(clipLimit: 2, tilesX: 8, tilesY: 8)
    let unsharp = UnsharpMaskParameters(sigma: 2, amount: 1)
    func row(_ section: String, _ peer: String, _ body: () -> Void) {
        let t = measure(runs: runs, body)
        emit(["section": section, "input": name, "peer": peer, "median_s": t.median, "min_s": t.min,
              "ns_per_px": t.median * 1e9 / pixels])
    }
    for (label, schedule) in [("1 thr", Schedule.serial), ("2 thr", Schedule(maxThreads: 2))] {
        for b in Set([256, 1024, bins]).sorted() {
            row("clahe", "Radiograph CLAHE 16-bit windowed (\(b) bins\(b == bins ? ", the default" : "")), \(label)") {
                _ = try! display16.clahe(clahe, valueBits: 16, histogramBins: b, schedule: schedule)
            }
        }
        row("clahe", "Radiograph CLAHE 8-bit (after window), \(label)") { _ = try! display8.clahe(clahe, schedule: schedule) }
        row("clahe", "Radiograph CLAHE 16-bit stored values (\(transform.stored.bitsStored)-bit bins), \(label)") {
            _ = try! stored.clahe(
                clahe, valueBits: transform.stored.bitsStored, histogramBins: 1 << transform.stored.bitsStored,
                schedule: schedule)
        }
        row("unsharp", "Radiograph unsharp σ2 16-bit, \(label)") { _ = try! display16.unsharpMasked(unsharp, schedule: schedule) }
        row("median", "Radiograph median 3x3 16-bit, \(label)") { _ = try! stored.medianFiltered(size: 3, schedule: schedule) }
        row("median", "Radiograph median 5x5 16-bit, \(label)") { _ = try! stored.medianFiltered(size: 5, schedule: schedule) }
        row("denoise", "Radiograph denoise 0.1 16-bit, \(label)") {
            _ = try! display16.denoised(DenoiseParameters(strength: 0.1), schedule: schedule)
        }
        let thumb = display8.fittingSize(maxWidth: 256, maxHeight: 256)
        row("resize", "Radiograph resize area → \(thumb.width)x\(thumb.height) 8-bit, \(label)") {
            _ = try! display8.resized(width: thumb.width, height: thumb.height, filter: .area, schedule: schedule)
        }
        row("resize", "Radiograph resize lanczos → half 16-bit, \(label)") {
            _ = try! display16.resized(width: display16.width / 2, height: display16.height / 2, filter: .lanczos, schedule: schedule)
        }
    }
    for preset in EnhancementPreset.builtIn {
        let options = RenderOptions(pipeline: preset.pipeline)
        row("preset", "Radiograph render + preset \(preset.name) → 8-bit, all cores") {
            _ = try! Renderer.render(image, options: options, schedule: .automatic)
        }
    }
}


/// Archive throughput (ingest of full-size captures, encrypted, durable) and query latency at scale.
func archiveBenchmark(mode: String, count: Int, path: String) {
    let admin = Actor(name: "bench", role: .administrator)
    func captures(_ n: Int, pixels: GrayImage<UInt16>, bits: Int, patients: Int) -> [[UInt8]] {
        (0..<n).map { i in
            var d = CaptureDescription(kind: .intraoral, patientID: "BENCH-\(i % patients)", patientName: "BENCH^PATIENT\(i % patients)",
                                       forProcessing: false)
            d.teeth = [CodedConcept(value: "866005003", scheme: "SCT", meaning: "Mandibular right first molar tooth")]
            d.window = try! Window(center: 8000, width: 16000)
            return try! DICOMWriter.capture(pixels: pixels, bitsStored: bits, description: d, encoding: .explicitLittleEndian,
                                            date: ("20261203", "120000"))
        }
    }
    let folder = mode == "archive-ingest" ? NSTemporaryDirectory() + "radiograph-bench-\(UUID().uuidString)" : path
    if mode == "archive-ingest" {
        let image = try! DICOMReader.read(contentsOf: path)
        guard case .uint16(let pixels) = image.pixels else { fatalError("16-bit capture expected") }
        for threads in [1, 2] {
            let root = folder + "-\(threads)"
            let archive = try! Archive.create(root: root, keyFile: root + ".key", actor: admin)
            let items = captures(count, pixels: pixels, bits: image.metadata.bitsStored, patients: 10)
            let start = now()
            DispatchQueue.concurrentPerform(iterations: threads) { t in
                for i in stride(from: t, to: items.count, by: threads) { _ = try! archive.ingest(bytes: items[i], actor: admin) }
            }
            let seconds = Double(now() - start) / 1e9
            emit(["section": "archive", "peer": "Radiograph archive ingest, \(threads) thread(s), \(items[0].count / 1_000_000) MB captures",
                  "images": count, "seconds": seconds, "images_per_s": Double(count) / seconds])
            try? FileManager.default.removeItem(atPath: root)
            try? FileManager.default.removeItem(atPath: root + ".key")
        }
        return
    }
    // archive-query: build (or reuse) an archive of `count` tiny instances in `folder`.
    let root = folder + "/archive", key = folder + "/master.key"
    let archive: Archive
    if FileManager.default.fileExists(atPath: root + "/index.sqlite") {
        archive = try! Archive.open(root: root, keyFile: key)
    } else {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        archive = try! Archive.create(root: root, keyFile: key, actor: admin)
        let tiny = GrayImage<UInt16>(width: 16, height: 16, repeating: 1000)
        let start = now()
        var done = 0
        while done < count {
            let batch = captures(min(1000, count - done), pixels: tiny, bits: 14, patients: 1_000_000).enumerated().map { _, b in b }
            DispatchQueue.concurrentPerform(iterations: 2) { t in
                for i in stride(from: t, to: batch.count, by: 2) { _ = try! archive.ingest(bytes: batch[i], actor: admin) }
            }
            done += batch.count
        }
        emit(["section": "archive", "peer": "building the \(count)-instance archive (16×16 captures, 2 threads)",
              "seconds": Double(now() - start) / 1e9])
    }
    let patients = min(count, 1000)
    func latency(_ label: String, _ q: (Int) -> ArchiveQuery) {
        var times: [Double] = []
        var found = 0
        for i in 0..<101 {
            let query = q((i * 7919) % patients)
            let t = now()
            let records = try! archive.query(query, actor: admin).count
            if i > 0 {
                times.append(Double(now() - t) / 1e6)
                found += records
            }
        }
        times.sort()
        // Records per query: a query that found nothing would be fast for the wrong reason.
        emit(["section": "archive", "peer": "query by \(label) at \(count) instances", "median_ms": times[times.count / 2],
              "p95_ms": times[times.count * 95 / 100], "records_per_query": Double(found) / Double(times.count)])
    }
    latency("patient id") { ArchiveQuery(patientID: "BENCH-\($0)") }
    latency("name word") { ArchiveQuery(name: "PATIENT\($0)") }
    latency("patient id + tooth 46") { ArchiveQuery(patientID: "BENCH-\($0)", tooth: 46) }
}

import Benchmark
import BenchmarkSupport
import Foundation
import RadiographAnnotation
import Radiograph
import RadiographCodecs
import RadiographCore
import RadiographDICOM

/// The two sample sizes: the 1500×2000 14-bit periapical and the 2900×1450 12-bit panoramic.
let samples: [(name: String, path: String)] = [
    ("periapical", "SampleImages/io_periapical.dcm"),
    ("panoramic", "SampleImages/px_panoramic.dcm"),
]

/// The repository root: the benchmark runs from Benchmarks/.
let root: String = {
    let here = FileManager.default.currentDirectoryPath
    return FileManager.default.fileExists(atPath: here + "/SampleImages") ? here : here + "/.."
}()

func load(_ path: String) -> DICOMImage {
    do {
        return try DICOMReader.read(contentsOf: root + "/" + path)
    } catch {
        fatalError("benchmark input: \(error)")
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .microseconds, warmupIterations: 3, maxDuration: .seconds(3), maxIterations: 200)

    for sample in samples {
        let image = load(sample.path)
        let pixels = image.metadata.rows * image.metadata.columns
        guard case .uint16(let stored) = image.pixels, let transform = try? image.displayTransform(),
            let lut = try? transform.makeLUT8(pixelCount: pixels)
        else { fatalError("\(sample.path): not an unsigned image with a window") }

        // Windowing 16 → 8 through the 64 K table: the kernel alone.
        Benchmark("Window16to8/\(sample.name)/serial") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(stored.applying(lut, schedule: .serial)) }
        }
        Benchmark("Window16to8/\(sample.name)/all-cores") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(stored.applying(lut, schedule: .automatic)) }
        }
        // Building the table (once per image).
        Benchmark("WindowLUTBuild/\(sample.name)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try? transform.makeLUT8(pixelCount: pixels)) }
        }
        // The whole in-memory render: auto/file window, table, apply.
        Benchmark("Render8/\(sample.name)/all-cores") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try? Renderer.render(image, options: RenderOptions(), schedule: .automatic))
            }
        }
        // Decode from the committed (compressed) file.
        Benchmark("DecodeFile/\(sample.name)", configuration: .init(maxIterations: 20)) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(load(sample.path)) }
        }
        // Enhancement kernels on the windowed 16-bit image (what the pipeline feeds them).
        if case .uint16(let display) = try? EnhancementPipeline().render(image.pixels, transform: transform, outputBits: 16) {
            let bins = 1 << min(transform.stored.bitsStored, 12)
            let clahe = CLAHEParameters(clipLimit: 2, tilesX: 8, tilesY: 8)
            for (label, schedule) in [("serial", Schedule.serial), ("2-threads", Schedule(maxThreads: 2))] {
                Benchmark("CLAHE16/\(sample.name)/\(label)", configuration: .init(maxIterations: 50)) { benchmark in
                    for _ in benchmark.scaledIterations {
                        blackHole(try? display.clahe(clahe, valueBits: 16, histogramBins: bins, schedule: schedule))
                    }
                }
                Benchmark("UnsharpSigma2/\(sample.name)/\(label)", configuration: .init(maxIterations: 50)) { benchmark in
                    for _ in benchmark.scaledIterations {
                        blackHole(try? display.unsharpMasked(UnsharpMaskParameters(sigma: 2, amount: 1), schedule: schedule))
                    }
                }
                Benchmark("Median3/\(sample.name)/\(label)", configuration: .init(maxIterations: 50)) { benchmark in
                    for _ in benchmark.scaledIterations { blackHole(try? stored.medianFiltered(size: 3, schedule: schedule)) }
                }
            }
        }
        // The acquisition path with the intraoral preset, from the bytes of the file.
        if let bytes = FileManager.default.contents(atPath: root + "/" + sample.path).map(Array.init) {
            let options = RenderOptions(pipeline: EnhancementPreset.intraoral.pipeline)
            Benchmark("AcquireIntraoralPreset/\(sample.name)/all-cores", configuration: .init(maxIterations: 30)) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(try? AcquisitionDisplay.displayImage(from: bytes, options: options))
                }
            }
        }
        // PNG encoding of the 8-bit result with the batch defaults.
        if let rendered = try? Renderer.render(image), case .uint8(let eight) = rendered.image {
            Benchmark("PNGEncode8/\(sample.name)/fast", configuration: .init(maxIterations: 30)) { benchmark in
                for _ in benchmark.scaledIterations { blackHole(try? PNGCodec.encode(eight, options: .fast)) }
            }
        }
    }
    // Issue 5: 50 annotations with text burned into the periapical's display image, and an
    // 18-image full-mouth mount composed from display images (the intra-oral samples, repeated).
    let font = try? Font.dejaVuSans(bold: true)
    let periapical = load(samples[0].path)
    if let font, let rendered = try? Renderer.render(periapical), case .uint8(let display) = rendered.image {
        let document = fiftyAnnotations(width: display.width, height: display.height, sopInstanceUID: "")
        let renderer = AnnotationRenderer(layout: AnnotationLayout(calibration: Calibration(periapical.metadata)), text: font)
        Benchmark("Annotate50/periapical/gray", configuration: .init(maxIterations: 100)) { benchmark in
            for _ in benchmark.scaledIterations {
                var copy = display
                try? renderer.draw(document, onto: &copy)
                blackHole(copy)
            }
        }
        let intraoral = ["SampleImages/io_periapical.dcm", "SampleImages/io_bitewing_mono1.dcm", "SampleImages/io_for_processing.dcm"]
        let captures = (0..<18).compactMap { try? MountCapture(path: root + "/" + intraoral[$0 % 3]) }
        var options = MountOptions()
        options.allowMixedPatients = true
        if let template = MountTemplate.named("fmx-18") {
            Benchmark("MountFMX18/compose/all-cores", configuration: .init(maxIterations: 50)) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(try? MountRenderer.compose(template, captures: captures, options: options, text: font))
                }
            }
        }
    }
}

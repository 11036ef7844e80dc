import RadiographCore

/// Which VOI stage to use when displaying an image.
public enum WindowSelection: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file's stored window number `index` (0-based); without one, its VOI LUT; without
    /// either, the auto-window. The default.
    case file(index: Int)
    /// The histogram-based auto-window (``AutoWindow``), whatever the file stores.
    case auto
    /// An explicit center and width, in modality units.
    case explicit(center: Double, width: Double)
    /// The file's VOI LUT number `index` (0-based).
    case voiLUT(index: Int)
    /// No VOI stage: the whole modality range spans the output range.
    case none

    public static let `default` = WindowSelection.file(index: 0)

    public var description: String {
        switch self {
        case .file(let i): i == 0 ? "file" : "file #\(i + 1)"
        case .auto: "auto"
        case .explicit(let c, let w): "\(c.formattedForDICOM),\(w.formattedForDICOM)"
        case .voiLUT(let i): "VOI LUT #\(i + 1)"
        case .none: "none"
        }
    }
}

extension DICOMImage {
    /// Whether display output is inverted, as DCMTK decides it (dimoimg.cc, DiMonoImage::getData):
    /// Presentation LUT Shape INVERSE inverts; without a shape, MONOCHROME1 inverts; a stored
    /// IDENTITY shape means no inversion even on MONOCHROME1. Never twice (DX stores MONOCHROME1
    /// with INVERSE, and that inverts once).
    public var isDisplayInverted: Bool {
        switch metadata.presentationLUTShape {
        case "INVERSE": true
        case "IDENTITY": false
        default: metadata.photometricInterpretation == "MONOCHROME1"
        }
    }

    /// For a For Processing capture, whether dense tissue (less X-ray beam intensity) is stored as
    /// low values while the photometric interpretation would show low values dark, so that bone
    /// and teeth would look black: Pixel Intensity Relationship Sign +1 means lower values = less
    /// intensity (PS3.3 C.8.11.3.1.2). Such captures carry no display intent of their own, so the
    /// default display inverts them. Nil when the file does not say.
    public var forProcessingNeedsInversion: Bool? {
        guard metadata.presentationIntentType == "FOR PROCESSING", let sign = metadata.pixelIntensityRelationshipSign
        else { return nil }
        let denseIsLow = sign > 0
        // MONOCHROME2 shows low values dark; MONOCHROME1 shows them bright.
        let lowIsDark = !isDisplayInverted
        return denseIsLow == lowIsDark
    }

    /// The modality stage the file asks for: its Modality LUT, else its rescale (default 1/0).
    public var modalityTransform: ModalityTransform {
        if let lut = metadata.modalityLUT { return .lookupTable(lut) }
        return .rescale(slope: metadata.rescaleSlope ?? 1, intercept: metadata.rescaleIntercept ?? 0)
    }

    /// The display transform for `selection`.
    ///
    /// - Parameters:
    ///   - function: overrides the VOI LUT Function of the chosen window.
    ///   - rescaleArithmetic: `.standard` (PS3.3) or `.dcmtk` (DCMTK 3.6.7's integer intermediate).
    ///   - autoWindow: the auto-window's parameters.
    public func displayTransform(
        window selection: WindowSelection = .default,
        function: VOIFunction? = nil,
        rescaleArithmetic: RescaleArithmetic = .standard,
        autoWindow: AutoWindow = .default,
        schedule: Schedule = .serial
    ) throws(DICOMError) -> DisplayTransform {
        var transform = DisplayTransform(
            stored: metadata.storedRange, modality: modalityTransform, voi: .none,
            inverted: isDisplayInverted, rescaleArithmetic: rescaleArithmetic)
        func withFunction(_ w: Window) throws(DICOMError) -> Window {
            guard let function, function != w.function else { return w }
            do {
                return try Window(center: w.center, width: w.width, function: function, explanation: w.explanation)
            } catch {
                throw .invalidAttribute(source: source, attribute: "window", reason: error.description)
            }
        }
        /// The auto-window, with the For Processing polarity rule (the only place it applies).
        func useAutoWindow() throws(DICOMError) {
            transform.voi = .window(try withFunction(autoWindowFor(transform, autoWindow, schedule)))
            if forProcessingNeedsInversion == true { transform.inverted.toggle() }
        }
        switch selection {
        case .file(let index):
            if !metadata.windows.isEmpty {
                guard metadata.windows.indices.contains(index) else {
                    throw .invalidAttribute(source: source, attribute: "window selection",
                                            reason: "window \(index + 1) requested, the file stores \(metadata.windows.count)")
                }
                transform.voi = .window(try withFunction(metadata.windows[index]))
            } else if !metadata.voiLUTs.isEmpty {
                guard metadata.voiLUTs.indices.contains(index) else {
                    throw .invalidAttribute(source: source, attribute: "window selection",
                                            reason: "VOI LUT \(index + 1) requested, the file stores \(metadata.voiLUTs.count)")
                }
                transform.voi = .lookupTable(metadata.voiLUTs[index])
            } else if let vendor = metadata.privateWindow, index == 0 {
                transform.voi = .window(try withFunction(vendor))
            } else {
                try useAutoWindow()
            }
        case .auto:
            try useAutoWindow()
        case .explicit(let center, let width):
            do {
                transform.voi = .window(try Window(center: center, width: width, function: function ?? .linear))
            } catch {
                throw .invalidAttribute(source: source, attribute: "window", reason: error.description)
            }
        case .voiLUT(let index):
            guard metadata.voiLUTs.indices.contains(index) else {
                throw .invalidAttribute(source: source, attribute: "VOI LUT selection",
                                        reason: "VOI LUT \(index + 1) requested, the file stores \(metadata.voiLUTs.count)")
            }
            transform.voi = .lookupTable(metadata.voiLUTs[index])
        case .none:
            transform.voi = .none
        }
        return transform
    }

    private func autoWindowFor(_ transform: DisplayTransform, _ auto: AutoWindow, _ schedule: Schedule) -> Window {
        let histogram: PatternHistogram
        switch pixels {
        case .uint16(let i): histogram = i.patternHistogram(schedule: schedule)
        case .int16(let i): histogram = i.patternHistogram(schedule: schedule)
        case .uint8(let i): histogram = i.patternHistogram(schedule: schedule)
        }
        return auto.window(for: histogram, transform: transform)
    }
}

extension EnhancementPipeline {
    /// The size a `.resize(w, h)` step gives a `width`×`height` image: `w`×`h`, with a 0 side following the aspect ratio (at least 1 pixel).
    public static func resizeTarget(_ width: Int, _ height: Int, _ w: Int, _ h: Int) -> (Int, Int) {
        if w > 0 && h > 0 { return (w, h) }
        if w > 0 { return (w, max(1, Int((Double(height) * Double(w) / Double(width)).rounded()))) }
        return (max(1, Int((Double(width) * Double(h) / Double(height)).rounded())), h)
    }


    /// Renders stored values through `transform` and then the steps, to `outputBits` (8 or 16)
    /// display values.
    ///
    /// The working depth is 8 bits for 8-bit sources (so 8-bit results match 8-bit tools) and 16
    /// bits otherwise; CLAHE on 16-bit data sizes its histogram from the transform's Bits Stored
    /// (see ``EnhancementStep/clahe(_:histogramBins:)``).
    /// - Throws: a parameter error naming the step (tiles or crop larger than the image, …).
    public func render(
        _ source: AnyGrayImage, transform: DisplayTransform, outputBits: Int, schedule: Schedule = .serial
    ) throws(RadiographCoreError) -> AnyGrayImage {
        guard outputBits == 8 || outputBits == 16 else {
            throw .invalidParameter(name: "output bits", reason: "\(outputBits) must be 8 or 16")
        }
        try validate()
        var run = PipelineRun(
            source: source, transform: transform, schedule: schedule,
            workingBits: source.format == .uint8 ? 8 : 16)
        for step in steps {
            if step.isPointOperation {
                run.pending.steps.append(step)
            } else if step.isPermutation {
                try run.permute(step)
            } else {
                try run.materialize()
                try run.neighbourhood(step)
            }
        }
        return try run.finish(outputBits: outputBits)
    }
}

/// The state of one ``EnhancementPipeline/render(_:transform:outputBits:schedule:)`` call.
struct PipelineRun {
    /// Stored values, possibly turned, flipped or cropped.
    var source: AnyGrayImage
    let transform: DisplayTransform
    let schedule: Schedule
    let workingBits: Int
    /// Display values at the working depth once a neighbourhood step needed them.
    var working: AnyGrayImage?
    /// Point steps not yet applied.
    var pending = PointChain()

    init(source: AnyGrayImage, transform: DisplayTransform, schedule: Schedule, workingBits: Int) {
        self.source = source
        self.transform = transform
        self.schedule = schedule
        self.workingBits = workingBits
    }

    var levels: Int { (1 << workingBits) - 1 }

    mutating func permute(_ step: EnhancementStep) throws(RadiographCoreError) {
        if let w = working {
            working = try Self.permuted(w, step, schedule)
        } else {
            source = try Self.permuted(source, step, schedule)
        }
    }

    static func permuted(_ image: AnyGrayImage, _ step: EnhancementStep, _ schedule: Schedule) throws(RadiographCoreError) -> AnyGrayImage {
        switch step {
        case .rotate(let turn): return image.oriented(turn, flippedHorizontally: false, schedule: schedule)
        case .flip(.horizontal): return image.oriented(.none, flippedHorizontally: true, schedule: schedule)
        case .flip(.vertical):
            switch image {
            case .uint8(let i): return .uint8(i.flippedVertically(schedule: schedule))
            case .uint16(let i): return .uint16(i.flippedVertically(schedule: schedule))
            case .int16(let i): return .int16(i.flippedVertically(schedule: schedule))
            }
        case .crop(let r):
            switch image {
            case .uint8(let i): return .uint8(try i.cropped(to: r))
            case .uint16(let i): return .uint16(try i.cropped(to: r))
            case .int16(let i): return .int16(try i.cropped(to: r))
            }
        default: preconditionFailure("\(step) does not only move pixels")
        }
    }

    /// Display values at the working depth, with the pending point steps applied.
    mutating func materialize() throws(RadiographCoreError) {
        if working != nil && pending.isEmpty { return }
        working = try mapped(toBits: workingBits)
        pending = PointChain()
    }

    /// The current image through the pending point steps, at `bits`: one table lookup per pixel.
    func mapped(toBits bits: Int) throws(RadiographCoreError) -> AnyGrayImage {
        let image = working ?? source
        var values: [Double]
        if working != nil {
            // Levels of the working image → 0...1.
            let top = Double(levels)
            values = (0..<65536).map { Double(min($0, levels)) / top }
        } else if pending.isEmpty {
            // The plain display transform, straight to the output depth: exact DCMTK windowing.
            let count = image.width * image.height
            return bits == 8
                ? .uint8(image.applying(try transform.makeLUT8(pixelCount: count), schedule: schedule))
                : .uint16(image.applying(try transform.makeLUT16(pixelCount: count), schedule: schedule))
        } else {
            let count = image.width * image.height
            if workingBits == 8 {
                let lut = try transform.makeLUT8(pixelCount: count)
                values = lut.entries.map { Double($0) / 255 }
            } else {
                let lut = try transform.makeLUT16(pixelCount: count)
                values = lut.entries.map { Double($0) / 65535 }
            }
        }
        pending.evaluate(&values, levels: levels) { image.patternHistogram(schedule: schedule).counts }
        return bits == 8
            ? .uint8(image.applying(PointChain.table(values, as: UInt8.self), schedule: schedule))
            : .uint16(image.applying(PointChain.table(values, as: UInt16.self), schedule: schedule))
    }

    mutating func finish(outputBits: Int) throws(RadiographCoreError) -> AnyGrayImage {
        if let working, pending.isEmpty, workingBits == outputBits { return working }
        return try mapped(toBits: outputBits)
    }

    /// Runs a neighbourhood step on the working image.
    mutating func neighbourhood(_ step: EnhancementStep) throws(RadiographCoreError) {
        guard let image = working else { preconditionFailure("materialize() first") }
        switch (step, image) {
        case (.clahe(let p, _), .uint8(let i)):
            working = .uint8(try i.clahe(p, schedule: schedule))
        case (.clahe(let p, let bins), .uint16(let i)):
            let histogramBins = bins ?? 1 << min(transform.stored.bitsStored, 12)
            working = .uint16(try i.clahe(p, valueBits: 16, histogramBins: histogramBins, schedule: schedule))
        case (.unsharpMask(let p), .uint8(let i)):
            working = .uint8(try i.unsharpMasked(p, schedule: schedule))
        case (.unsharpMask(var p), .uint16(let i)):
            p.threshold *= 257  // 8-bit display levels → 16-bit levels
            working = .uint16(try i.unsharpMasked(p, schedule: schedule))
        case (.median(let size), .uint8(let i)): working = .uint8(try i.medianFiltered(size: size, schedule: schedule))
        case (.median(let size), .uint16(let i)): working = .uint16(try i.medianFiltered(size: size, schedule: schedule))
        case (.denoise(let p), .uint8(let i)): working = .uint8(try i.denoised(p, schedule: schedule))
        case (.denoise(let p), .uint16(let i)): working = .uint16(try i.denoised(p, schedule: schedule))
        case (.resize(let w, let h, let f), .uint8(let i)):
            let (width, height) = EnhancementPipeline.resizeTarget(i.width, i.height, w, h)
            let filter = f ?? Self.defaultFilter(i.width, i.height, width, height)
            working = .uint8(try i.resized(width: width, height: height, filter: filter, schedule: schedule))
        case (.resize(let w, let h, let f), .uint16(let i)):
            let (width, height) = EnhancementPipeline.resizeTarget(i.width, i.height, w, h)
            let filter = f ?? Self.defaultFilter(i.width, i.height, width, height)
            working = .uint16(try i.resized(width: width, height: height, filter: filter, schedule: schedule))
        default:
            preconditionFailure("\(step) on \(image.format)")
        }
    }

    /// Area averaging when both sides shrink (no aliasing in thumbnails), Lanczos otherwise.
    static func defaultFilter(_ width: Int, _ height: Int, _ w: Int, _ h: Int) -> ResizeFilter {
        w <= width && h <= height ? .area : .lanczos
    }
}

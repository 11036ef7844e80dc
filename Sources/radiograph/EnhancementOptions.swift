import ArgumentParser
import Foundation
import Radiograph
import RadiographCore

/// The enhancement options `render` and `enhance` share. Explicit options win over the preset's
/// steps of the same kind; steps the preset lacks are added in the order of ``EnhancementStep/Kind``
/// (crop, rotate, flip, median, denoise, clahe, unsharp, equalize, gamma, brightness-contrast,
/// invert, resize).
struct EnhancementOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "A dental preset (intraoral, endodontic, periodontal, caries, panoramic), auto (intraoral, or panoramic for Modality PX), or a preset JSON file; see `radiograph presets`.",
        valueName: "name|file"))
    var preset: String?

    @Option(help: ArgumentHelp("CLAHE: clip limit (OpenCV units) and optional tile grid, e.g. 2 or 2,8x8.", valueName: "clip[,TXxTY]"))
    var clahe: String?

    @Option(help: ArgumentHelp(
        "Unsharp mask: Gaussian sigma (px), amount, optional threshold (8-bit grey levels), e.g. 2,1 or 1,0.5,2.",
        valueName: "sigma,amount[,threshold]"))
    var unsharp: String?

    @Option(help: ArgumentHelp("Median filter of 3x3 or 5x5 pixels.", valueName: "3|5"))
    var median: Int?

    @Option(help: ArgumentHelp("Edge-preserving denoise (guided filter), strength 0 to 1.", valueName: "strength"))
    var denoise: Double?

    @Option(help: ArgumentHelp("Gamma: above 1 brightens the mid-tones; 1/G undoes G.", valueName: "G"))
    var gamma: Double?

    @Flag(help: "Global histogram equalization.")
    var equalize = false

    @Flag(help: "Invert the grey scale (applied after the window and polarity).")
    var invert = false

    @Option(help: ArgumentHelp("Brightness, -1 to 1 (a fraction of the grey range).", valueName: "B"))
    var brightness: Double?

    @Option(help: ArgumentHelp("Contrast factor around mid-grey, 0 to 100 (1: unchanged).", valueName: "C"))
    var contrast: Double?

    @Option(help: ArgumentHelp("Rotate clockwise by 90, 180 or 270 degrees.", valueName: "degrees"))
    var rotate: Int?

    @Option(help: ArgumentHelp("Mirror: h (left-right) or v (top-bottom).", valueName: "h|v"))
    var flip: String?

    @Option(help: ArgumentHelp("Keep a rectangle: x,y,width,height in pixels of the displayed image.", valueName: "x,y,w,h"))
    var crop: String?

    @Option(help: ArgumentHelp("Resize to WxH pixels; 0 for one side keeps the aspect ratio, e.g. 750x0.", valueName: "WxH"))
    var resize: String?

    @Option(help: ArgumentHelp(
        "Resize filter: area, bilinear or lanczos (default: area when shrinking, else lanczos).", valueName: "filter"))
    var resizeFilter: String?

    func validate() throws {
        var options = RenderOptions()
        try apply(to: &options)
    }

    /// Sets the steps of `options`: the preset's with the explicit options applied (for `auto`,
    /// the intraoral preset, and the panoramic one for panoramic images).
    func apply(to options: inout RenderOptions) throws {
        if preset?.lowercased() == "auto" {
            options.pipeline = try pipeline(base: EnhancementPreset.intraoral.pipeline)
            options.panoramicPipeline = try pipeline(base: EnhancementPreset.panoramic.pipeline)
        } else {
            options.pipeline = try pipeline()
            options.panoramicPipeline = nil
        }
    }

    /// The preset's pipeline with the explicit options applied; a usage error names the option.
    func pipeline(base given: EnhancementPipeline? = nil) throws -> EnhancementPipeline {
        var base = given ?? EnhancementPipeline()
        if given == nil, let preset {
            do throws(RadiographError) {
                base = try EnhancementPreset.resolve(preset).pipeline
            } catch {
                throw ValidationError("--preset: \(error.description)")
            }
        }
        let result = base.overriding(with: try explicitSteps())
        do throws(RadiographCoreError) {
            try result.validate()
        } catch {
            throw ValidationError(error.description)
        }
        return result
    }

    func explicitSteps() throws -> [EnhancementStep] {
        var steps: [EnhancementStep] = []
        if let crop {
            let v = try numbers(crop, option: "--crop", count: 4...4).map { Int($0) }
            steps.append(.crop(CropRectangle(x: v[0], y: v[1], width: v[2], height: v[3])))
        }
        if let rotate {
            guard let turn = QuarterTurn(degrees: Double(rotate)), [90, 180, 270].contains(rotate) else {
                throw ValidationError("--rotate must be 90, 180 or 270, not \(rotate)")
            }
            steps.append(.rotate(turn))
        }
        if let flip {
            switch flip.lowercased() {
            case "h", "horizontal": steps.append(.flip(.horizontal))
            case "v", "vertical": steps.append(.flip(.vertical))
            default: throw ValidationError("--flip must be h or v, not '\(flip)'")
            }
        }
        if let median { steps.append(.median(size: median)) }
        if let denoise { steps.append(.denoise(DenoiseParameters(strength: denoise))) }
        if let clahe {
            let parts = clahe.split(separator: ",", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let clip = Double(parts[0]) else {
                throw ValidationError("--clahe takes CLIP or CLIP,TXxTY (e.g. 2,8x8), not '\(clahe)'")
            }
            var tiles = (8, 8)
            if parts.count == 2 {
                guard let t = size(String(parts[1])) else {
                    throw ValidationError("--clahe tile grid must look like 8x8, not '\(parts[1])'")
                }
                tiles = t
            }
            steps.append(.clahe(CLAHEParameters(clipLimit: clip, tilesX: tiles.0, tilesY: tiles.1)))
        }
        if let unsharp {
            let v = try numbers(unsharp, option: "--unsharp", count: 2...3)
            steps.append(.unsharpMask(UnsharpMaskParameters(sigma: v[0], amount: v[1], threshold: v.count > 2 ? v[2] : 0)))
        }
        if equalize { steps.append(.equalize) }
        if let gamma { steps.append(.gamma(gamma)) }
        if brightness != nil || contrast != nil {
            steps.append(.brightnessContrast(brightness: brightness ?? 0, contrast: contrast ?? 1))
        }
        if invert { steps.append(.invert) }
        if let resize {
            guard let s = size(resize) else {
                throw ValidationError("--resize must look like WxH (e.g. 750x1000, or 750x0 to keep the aspect ratio), not '\(resize)'")
            }
            var filter: ResizeFilter?
            if let resizeFilter {
                guard let f = ResizeFilter(rawValue: resizeFilter.lowercased()) else {
                    throw ValidationError("--resize-filter must be area, bilinear or lanczos, not '\(resizeFilter)'")
                }
                filter = f
            }
            steps.append(.resize(width: s.0, height: s.1, filter: filter))
        } else if resizeFilter != nil {
            throw ValidationError("--resize-filter needs --resize")
        }
        return steps
    }

    private func numbers(_ text: String, option: String, count: ClosedRange<Int>) throws -> [Double] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        let values = parts.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count == parts.count, count.contains(values.count), values.allSatisfy(\.isFinite) else {
            let shape = count.lowerBound == count.upperBound ? "\(count.lowerBound)" : "\(count.lowerBound) or \(count.upperBound)"
            throw ValidationError("\(option) takes \(shape) comma-separated numbers, not '\(text)'")
        }
        if option == "--crop", values.contains(where: { $0 != $0.rounded() }) {
            throw ValidationError("--crop takes whole pixels, not '\(text)'")
        }
        return values
    }

    private func size(_ text: String) -> (Int, Int)? {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]) else { return nil }
        return (a, b)
    }
}

import ArgumentParser
import Radiograph
import RadiographCore
import RadiographDICOM

/// `--window file|auto|none|C,W|file:N|lut:N`.
extension WindowSelection: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument.lowercased() {
        case "file": self = .file(index: 0)
        case "auto": self = .auto
        case "none": self = .none
        default:
            let lower = argument.lowercased()
            if lower.hasPrefix("file:"), let n = Int(lower.dropFirst(5)), n >= 1 {
                self = .file(index: n - 1)
                return
            }
            if lower.hasPrefix("lut:"), let n = Int(lower.dropFirst(4)), n >= 1 {
                self = .voiLUT(index: n - 1)
                return
            }
            let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2, let c = Double(parts[0]), let w = Double(parts[1]), c.isFinite, w.isFinite else {
                return nil
            }
            self = .explicit(center: c, width: w)
        }
    }

    public static var defaultCompletionKind: CompletionKind { .list(["file", "auto", "none"]) }
}

/// `--voi-function linear|linear-exact|sigmoid`.
enum VOIFunctionArgument: String, ExpressibleByArgument, CaseIterable {
    case linear
    case linearExact = "linear-exact"
    case sigmoid

    var function: VOIFunction {
        switch self {
        case .linear: .linear
        case .linearExact: .linearExact
        case .sigmoid: .sigmoid
        }
    }
}

/// The display options `render` and `enhance` share.
struct DisplayOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "VOI window: file (the stored window, else auto), auto, none, C,W (center,width), file:N, lut:N.",
            valueName: "file|auto|C,W"))
    var window: WindowSelection = .default

    @Option(help: "VOI LUT function, overriding the file's.")
    var voiFunction: VOIFunctionArgument?

    @Option(help: "Output bits per pixel: 8 or 16.")
    var bits: Int = 8

    @Flag(help: "Evaluate a fractional rescale as DCMTK 3.6.7 does (integer intermediate) instead of exactly.")
    var dcmtkRescale = false

    @Flag(help: "Do not turn or mirror the image by its Field of View Rotation and Horizontal Flip.")
    var ignoreFieldOfView = false

    func validate() throws {
        guard bits == 8 || bits == 16 else { throw ValidationError("--bits must be 8 or 16, not \(bits)") }
        if case .explicit(_, let w) = window {
            let minimum = voiFunction == nil || voiFunction == .linear ? 1.0 : 0.0
            guard w > minimum || (minimum == 1 && w == 1) else {
                throw ValidationError("--window width must be \(minimum == 1 ? "at least 1" : "above 0"), not \(w)")
            }
        }
    }

    func renderOptions(raw: Bool = false) -> RenderOptions {
        RenderOptions(
            window: window, function: voiFunction?.function, outputBits: bits, raw: raw,
            rescaleArithmetic: dcmtkRescale ? .dcmtk : .standard, applyFieldOfView: !ignoreFieldOfView)
    }
}

/// A chain of enhancement steps applied after the display transform (modality → VOI → polarity).
///
/// Execution keeps the data at 16 bits (8 bits for 8-bit sources) until the final output and
/// does as few passes over the pixels as it can:
/// - point operations are fused with their neighbours into one lookup table — with the window
///   itself when they come before any neighbourhood operation (window + gamma + invert is one
///   table lookup per pixel), and with the final conversion to the output depth at the end;
/// - rotations, flips and crops only move pixels, so they commute with point operations: met
///   before any neighbourhood operation they run on the stored values (a crop then spares the
///   window its cut-away pixels);
/// - neighbourhood operations (CLAHE, unsharp mask, median, denoise, resize) run on the working
///   image in the order given.
/// An empty pipeline is the plain display transform, bit-exact with DCMTK.
public struct EnhancementPipeline: Sendable, Hashable, Codable, CustomStringConvertible {
    public var steps: [EnhancementStep]

    public init(_ steps: [EnhancementStep] = []) { self.steps = steps }

    public var isEmpty: Bool { steps.isEmpty }

    /// Checks every step's parameters that do not depend on the image.
    public func validate() throws(RadiographCoreError) {
        for step in steps { try step.validate() }
    }

    /// This pipeline with `explicit` steps winning: each explicit step replaces the steps of the
    /// same kind (at the first one's place); the others are inserted in command-line order
    /// (``EnhancementStep/Kind``), before the first step of a later kind.
    public func overriding(with explicit: [EnhancementStep]) -> EnhancementPipeline {
        var result = steps
        for step in explicit {
            if let first = result.firstIndex(where: { $0.kind == step.kind }) {
                result[first] = step
                var i = result.count - 1
                while i > first {
                    if result[i].kind == step.kind { result.remove(at: i) }
                    i -= 1
                }
            } else {
                let at = result.firstIndex(where: { $0.kind > step.kind }) ?? result.endIndex
                result.insert(step, at: at)
            }
        }
        return EnhancementPipeline(result)
    }

    /// `clahe 2 8x8 > unsharp 2,1 > gamma 1.2` (ASCII: it goes into DICOM Derivation Description), or `none`.
    public var description: String {
        steps.isEmpty ? "none" : steps.map(\.description).joined(separator: " > ")
    }
}

extension EnhancementStep: CustomStringConvertible {
    public var description: String {
        switch self {
        case .clahe(let p, let bins):
            "clahe \(p.clipLimit.formattedShort) \(p.tilesX)x\(p.tilesY)" + (bins.map { " \($0) bins" } ?? "")
        case .unsharpMask(let p):
            "unsharp \(p.sigma.formattedShort),\(p.amount.formattedShort)" + (p.threshold > 0 ? ",\(p.threshold.formattedShort)" : "")
        case .median(let size): "median \(size)x\(size)"
        case .denoise(let p): "denoise \(p.strength.formattedShort)"
        case .gamma(let g): "gamma \(g.formattedShort)"
        case .equalize: "equalize"
        case .invert: "invert"
        case .brightnessContrast(let b, let c): "brightness \(b.formattedShort) contrast \(c.formattedShort)"
        case .rotate(let t): "rotate \(t.rawValue)"
        case .flip(let a): "flip \(a.rawValue)"
        case .crop(let r): "crop \(r.x),\(r.y),\(r.width),\(r.height)"
        case .resize(let w, let h, let f): "resize \(w)x\(h)" + (f.map { " \($0.rawValue)" } ?? "")
        }
    }
}

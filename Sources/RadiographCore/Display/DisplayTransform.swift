/// Rescale Slope/Intercept (0028,1053/1052) or a Modality LUT Sequence (0028,3000).
public enum ModalityTransform: Sendable, Hashable, Codable {
    case rescale(slope: Double, intercept: Double)
    case lookupTable(LookupTable)

    /// Slope 1, intercept 0.
    public static let identity = ModalityTransform.rescale(slope: 1, intercept: 0)
}

/// The VOI stage: a window, a VOI LUT, or none (the full modality range maps to the output range).
public enum VOITransform: Sendable, Hashable, Codable {
    case window(Window)
    case lookupTable(LookupTable)
    case none
}

/// How a fractional Rescale Slope/Intercept is evaluated.
public enum RescaleArithmetic: String, Sendable, Hashable, Codable {
    /// PS3.3 C.11.1: `stored * slope + intercept` exactly (in Double). The default.
    case standard
    /// DCMTK 3.6.7: the rescaled value is truncated to an integer, and (for images larger than
    /// three times the value range) its optimisation LUT shifts every entry by the fractional part
    /// of the smallest rescaled value. Only differs from `.standard` for a fractional rescale.
    case dcmtk
}

/// Everything that turns stored pixel values into display values: modality stage, VOI stage,
/// polarity. Built once per image; applied through a 64 K-entry lookup table.
public struct DisplayTransform: Sendable, Hashable, Codable {
    public var stored: StoredValueRange
    public var modality: ModalityTransform
    public var voi: VOITransform
    /// Invert the output: MONOCHROME1, or Presentation LUT Shape INVERSE on MONOCHROME2.
    public var inverted: Bool
    public var rescaleArithmetic: RescaleArithmetic

    public init(
        stored: StoredValueRange,
        modality: ModalityTransform = .identity,
        voi: VOITransform,
        inverted: Bool = false,
        rescaleArithmetic: RescaleArithmetic = .standard
    ) {
        self.stored = stored
        self.modality = modality
        self.voi = voi
        self.inverted = inverted
        self.rescaleArithmetic = rescaleArithmetic
    }

    /// The modality value of every storable value, lowest to highest stored value.
    ///
    /// - Parameter pixelCount: the image's pixel count (`.dcmtk` arithmetic depends on it).
    public func modalityValues(pixelCount: Int = .max) -> [Double] {
        let lo = stored.minimum
        let hi = stored.maximum
        switch modality {
        case .lookupTable(let lut):
            return (lo...hi).map { Double(lut.output(for: $0)) }
        case .rescale(let slope, let intercept):
            if slope == 1 && intercept == 0 { return (lo...hi).map(Double.init) }
            switch rescaleArithmetic {
            case .standard:
                return (lo...hi).map { Double($0) * slope + intercept }
            case .dcmtk:
                return dcmtkRescaledValues(lo: lo, hi: hi, slope: slope, intercept: intercept, pixelCount: pixelCount)
            }
        }
    }

    /// The smallest and largest modality value any stored value can take.
    public var modalityRange: ClosedRange<Double> {
        switch modality {
        case .lookupTable(let lut):
            let outs = lut.values
            return Double(outs.min()!)...Double(outs.max()!)
        case .rescale(let slope, let intercept):
            let a = Double(stored.minimum) * slope + intercept
            let b = Double(stored.maximum) * slope + intercept
            return min(a, b)...max(a, b)
        }
    }

    private func dcmtkRescaledValues(lo: Int, hi: Int, slope: Double, intercept: Double, pixelCount: Int) -> [Double] {
        // dimomod.cc keeps the rescaled value in an integer buffer (C cast truncates toward 0).
        func rescale(_ v: Double) -> Double {
            if slope == 1 { return v + intercept }
            if intercept == 0 { return v * slope }
            return v * slope + intercept
        }
        let a = rescale(Double(lo))
        let b = rescale(Double(hi))
        let absMin = min(a, b)
        let absMax = max(a, b)
        // dimoopxt.h: the optimisation LUT (used when the image has more than 3x as many pixels as
        // the LUT has entries, and the intermediate type is at most 16 bits) evaluates entry v at
        // v + (absMin - trunc(absMin)).
        let entries = absMax - absMin + 1
        let smallType = (absMin >= -32768 && absMax <= 32767) || (absMin >= 0 && absMax <= 65535)
        let shift = smallType && entries > 0 && entries <= 10_000_000 && Double(pixelCount) > 3 * entries
            ? absMin - absMin.rounded(.towardZero) : 0
        return (lo...hi).map { rescale(Double($0)).rounded(.towardZero) + shift }
    }
}

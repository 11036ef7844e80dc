/// VOI LUT Function (0028,1056), PS3.3 C.11.2.1.2 and C.11.2.1.3.
public enum VOIFunction: String, Sendable, Hashable, Codable, CaseIterable {
    /// The default: `((x - (c - 0.5)) / (w - 1) + 0.5)`, width at least 1.
    case linear = "LINEAR"
    /// `((x - c) / w + 0.5)`, width above 0 (C.11.2.1.3.2).
    case linearExact = "LINEAR_EXACT"
    /// `1 / (1 + exp(-4 (x - c) / w))`, width above 0 (C.11.2.1.3.1).
    case sigmoid = "SIGMOID"
}

/// A VOI window: Window Center (0028,1050), Window Width (0028,1051) and its function.
///
/// Center and width are in modality units (after Rescale Slope/Intercept or the Modality LUT).
public struct Window: Sendable, Hashable, Codable, CustomStringConvertible {
    public let center: Double
    public let width: Double
    public let function: VOIFunction
    /// Window Center & Width Explanation (0028,1055), when stored.
    public let explanation: String?

    /// - Throws: ``RadiographCoreError/invalidWindow(center:width:function:)`` when the width is not
    ///   allowed for `function` (LINEAR: below 1; LINEAR_EXACT and SIGMOID: 0 or below) or not finite.
    public init(
        center: Double, width: Double, function: VOIFunction = .linear, explanation: String? = nil
    ) throws(RadiographCoreError) {
        let minimumOK = function == .linear ? width >= 1 : width > 0
        guard center.isFinite, width.isFinite, minimumOK else {
            throw .invalidWindow(center: center, width: width, function: function)
        }
        self.center = center
        self.width = width
        self.function = function
        self.explanation = explanation
    }

    public var description: String {
        "C \(center.formattedShort) W \(width.formattedShort)" + (function == .linear ? "" : " \(function.rawValue)")
    }
}

extension Double {
    /// `12.0` prints as `12`, `12.5` as `12.5`.
    @usableFromInline var formattedShort: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}

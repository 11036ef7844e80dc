/// Unsharp mask parameters.
public struct UnsharpMaskParameters: Sendable, Hashable, Codable {
    /// Gaussian sigma in pixels, above 0.
    public var sigma: Double
    /// How much of the detail (`source − blur`) is added back, 0 or more (1: once).
    public var amount: Double
    /// Details smaller than this (in the image's own value units) are left alone, 0 or more.
    public var threshold: Double

    public init(sigma: Double, amount: Double, threshold: Double = 0) {
        self.sigma = sigma
        self.amount = amount
        self.threshold = threshold
    }

    public func validate() throws(RadiographCoreError) {
        guard sigma.isFinite, sigma > 0, sigma <= 100 else {
            throw .invalidParameter(name: "unsharp sigma", reason: "\(sigma) must be above 0 and at most 100")
        }
        guard amount.isFinite, amount >= 0, amount <= 100 else {
            throw .invalidParameter(name: "unsharp amount", reason: "\(amount) must be 0 to 100")
        }
        guard threshold.isFinite, threshold >= 0 else {
            throw .invalidParameter(name: "unsharp threshold", reason: "\(threshold) must be 0 or more")
        }
    }
}

extension GrayImage {
    /// `source + amount·(source − blur)` where `|source − blur| ≥ threshold`, else the source;
    /// rounded and clamped to the pixel range. The blur is ``gaussianBlurred(sigma:schedule:)``'s,
    /// unrounded: within 1 of OpenCV's `GaussianBlur` + `addWeighted(src, 1+a, blur, −a, 0)`.
    public func unsharpMasked(_ p: UnsharpMaskParameters, schedule: Schedule = .serial) throws(RadiographCoreError) -> GrayImage {
        try p.validate()
        return withConcretePixels(
            uint8: { $0.unsharpImage(p, schedule) }, uint16: { $0.unsharpImage(p, schedule) },
            other: { $0.unsharpImage(p, schedule) })
    }

    func unsharpImage(_ p: UnsharpMaskParameters, _ schedule: Schedule) -> GrayImage {
        filteredWithGaussian(
            sigma: p.sigma, amount: Float(p.amount), threshold: Float(p.threshold), sharpen: true, schedule: schedule)
    }
}

/// JSON form of a step: an object naming the operation in `"op"` with its parameters beside it,
/// e.g. `{"op": "clahe", "clipLimit": 2, "tilesX": 8, "tilesY": 8}`. Unknown keys are refused
/// (a misspelt parameter must not be silently ignored).
extension EnhancementStep: Codable {
    struct Key: CodingKey, Hashable {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The parameters each operation takes (besides `"op"`).
    static func keys(of kind: Kind) -> [String] {
        switch kind {
        case .clahe: ["clipLimit", "tilesX", "tilesY", "bins"]
        case .unsharp: ["sigma", "amount", "threshold"]
        case .median: ["size"]
        case .denoise: DenoiseParameters.codingKeyNames
        case .gamma: ["gamma"]
        case .equalize, .invert: []
        case .brightnessContrast: ["brightness", "contrast"]
        case .rotate: ["degrees"]
        case .flip: ["axis"]
        case .crop: ["x", "y", "width", "height"]
        case .resize: ["width", "height", "filter"]
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let name = try c.decode(String.self, forKey: Key("op"))
        guard let kind = Kind(rawValue: name) else {
            throw DecodingError.dataCorruptedError(
                forKey: Key("op"), in: c,
                debugDescription: "unknown operation '\(name)' (one of \(Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let allowed = Set(Self.keys(of: kind) + ["op"])
        if let stray = c.allKeys.first(where: { !allowed.contains($0.stringValue) }) {
            let expected = Self.keys(of: kind)
            throw DecodingError.dataCorruptedError(
                forKey: stray, in: c,
                debugDescription: "unknown parameter '\(stray.stringValue)' for \(name)"
                    + (expected.isEmpty ? " (it takes none)" : " (it takes \(expected.joined(separator: ", ")))"))
        }
        func required<T: Decodable>(_ key: String, _ type: T.Type = T.self) throws -> T {
            try c.decode(T.self, forKey: Key(key))
        }
        func optional<T: Decodable>(_ key: String, _ type: T.Type = T.self) throws -> T? {
            try c.decodeIfPresent(T.self, forKey: Key(key))
        }
        switch kind {
        case .clahe:
            self = .clahe(
                CLAHEParameters(
                    clipLimit: try optional("clipLimit") ?? 2, tilesX: try optional("tilesX") ?? 8,
                    tilesY: try optional("tilesY") ?? 8),
                histogramBins: try optional("bins"))
        case .unsharp:
            self = .unsharpMask(
                UnsharpMaskParameters(
                    sigma: try required("sigma"), amount: try required("amount"),
                    threshold: try optional("threshold") ?? 0))
        case .median: self = .median(size: try required("size"))
        case .denoise: self = .denoise(try DenoiseParameters(from: decoder))
        case .gamma: self = .gamma(try required("gamma"))
        case .equalize: self = .equalize
        case .invert: self = .invert
        case .brightnessContrast:
            self = .brightnessContrast(
                brightness: try optional("brightness") ?? 0, contrast: try optional("contrast") ?? 1)
        case .rotate:
            let degrees: Int = try required("degrees")
            guard let turn = QuarterTurn(degrees: Double(degrees)) else {
                throw DecodingError.dataCorruptedError(
                    forKey: Key("degrees"), in: c, debugDescription: "\(degrees) is not 0, 90, 180 or 270")
            }
            self = .rotate(turn)
        case .flip:
            let axis: String = try required("axis")
            guard let a = FlipAxis(rawValue: axis) else {
                throw DecodingError.dataCorruptedError(
                    forKey: Key("axis"), in: c, debugDescription: "'\(axis)' is not horizontal or vertical")
            }
            self = .flip(a)
        case .crop:
            self = .crop(
                CropRectangle(
                    x: try required("x"), y: try required("y"), width: try required("width"),
                    height: try required("height")))
        case .resize:
            var filter: ResizeFilter?
            if let f: String = try optional("filter") {
                guard let parsed = ResizeFilter(rawValue: f) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: Key("filter"), in: c,
                        debugDescription: "'\(f)' is not one of \(ResizeFilter.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                filter = parsed
            }
            self = .resize(width: try optional("width") ?? 0, height: try optional("height") ?? 0, filter: filter)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(kind.rawValue, forKey: Key("op"))
        switch self {
        case .clahe(let p, let bins):
            try c.encode(p.clipLimit, forKey: Key("clipLimit"))
            try c.encode(p.tilesX, forKey: Key("tilesX"))
            try c.encode(p.tilesY, forKey: Key("tilesY"))
            try c.encodeIfPresent(bins, forKey: Key("bins"))
        case .unsharpMask(let p):
            try c.encode(p.sigma, forKey: Key("sigma"))
            try c.encode(p.amount, forKey: Key("amount"))
            try c.encode(p.threshold, forKey: Key("threshold"))
        case .median(let size): try c.encode(size, forKey: Key("size"))
        case .denoise(let p): try p.encode(to: encoder)
        case .gamma(let g): try c.encode(g, forKey: Key("gamma"))
        case .equalize, .invert: break
        case .brightnessContrast(let b, let k):
            try c.encode(b, forKey: Key("brightness"))
            try c.encode(k, forKey: Key("contrast"))
        case .rotate(let t): try c.encode(t.rawValue, forKey: Key("degrees"))
        case .flip(let a): try c.encode(a.rawValue, forKey: Key("axis"))
        case .crop(let r):
            try c.encode(r.x, forKey: Key("x"))
            try c.encode(r.y, forKey: Key("y"))
            try c.encode(r.width, forKey: Key("width"))
            try c.encode(r.height, forKey: Key("height"))
        case .resize(let w, let h, let f):
            try c.encode(w, forKey: Key("width"))
            try c.encode(h, forKey: Key("height"))
            try c.encodeIfPresent(f?.rawValue, forKey: Key("filter"))
        }
    }
}

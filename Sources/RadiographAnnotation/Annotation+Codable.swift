/// JSON form: `{"type": "ruler", "from": [x, y], "to": [x, y], "style": {…}, "label": "…"}`.
/// Each type takes its own keys (below); anything else is refused by name.
extension Annotation: Codable {
    struct Key: CodingKey, Hashable {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static func keys(of type: ShapeType) -> [String] {
        switch type {
        case .text: ["at", "text"]
        case .arrow, .ruler, .line, .rectangle, .ellipse: ["from", "to"]
        case .angle: ["a", "vertex", "b"]
        case .polyline, .freehand, .polygon: ["points"]
        case .marker: ["at"]
        case .tooth: ["at", "tooth"]
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let name = try c.decode(String.self, forKey: Key("type"))
        guard let type = ShapeType(rawValue: name) else {
            throw DecodingError.dataCorruptedError(
                forKey: Key("type"), in: c,
                debugDescription: "unknown annotation type '\(name)' (one of \(ShapeType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let allowed = Set(Self.keys(of: type) + ["type", "style", "label"])
        if let stray = c.allKeys.first(where: { !allowed.contains($0.stringValue) }) {
            throw DecodingError.dataCorruptedError(
                forKey: stray, in: c,
                debugDescription: "unknown key '\(stray.stringValue)' for \(name) (it takes \(Self.keys(of: type).joined(separator: ", ")), style, label)")
        }
        func point(_ k: String) throws -> Point { try c.decode(Point.self, forKey: Key(k)) }
        func points(minimum: Int) throws -> [Point] {
            let p = try c.decode([Point].self, forKey: Key("points"))
            guard p.count >= minimum else {
                throw DecodingError.dataCorruptedError(
                    forKey: Key("points"), in: c, debugDescription: "\(name) needs at least \(minimum) points, not \(p.count)")
            }
            return p
        }
        switch type {
        case .text: shape = .text(at: try point("at"), try c.decode(String.self, forKey: Key("text")))
        case .arrow: shape = .arrow(from: try point("from"), to: try point("to"))
        case .ruler: shape = .ruler(from: try point("from"), to: try point("to"))
        case .line: shape = .line(from: try point("from"), to: try point("to"))
        case .angle: shape = .angle(a: try point("a"), vertex: try point("vertex"), b: try point("b"))
        case .polyline: shape = .polyline(try points(minimum: 2))
        case .freehand: shape = .freehand(try points(minimum: 2))
        case .polygon: shape = .polygon(try points(minimum: 3))
        case .rectangle: shape = .rectangle(try point("from"), try point("to"))
        case .ellipse: shape = .ellipse(try point("from"), try point("to"))
        case .marker: shape = .marker(try point("at"))
        case .tooth: shape = .tooth(at: try point("at"), try c.decode(Tooth.self, forKey: Key("tooth")))
        }
        style = try c.decodeIfPresent(Style.self, forKey: Key("style")) ?? Style()
        label = try c.decodeIfPresent(String.self, forKey: Key("label"))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(shape.type.rawValue, forKey: Key("type"))
        switch shape {
        case .text(let at, let text):
            try c.encode(at, forKey: Key("at"))
            try c.encode(text, forKey: Key("text"))
        case .arrow(let a, let b), .ruler(let a, let b), .line(let a, let b), .rectangle(let a, let b), .ellipse(let a, let b):
            try c.encode(a, forKey: Key("from"))
            try c.encode(b, forKey: Key("to"))
        case .angle(let a, let vertex, let b):
            try c.encode(a, forKey: Key("a"))
            try c.encode(vertex, forKey: Key("vertex"))
            try c.encode(b, forKey: Key("b"))
        case .polyline(let p), .freehand(let p), .polygon(let p): try c.encode(p, forKey: Key("points"))
        case .marker(let at): try c.encode(at, forKey: Key("at"))
        case .tooth(let at, let tooth):
            try c.encode(at, forKey: Key("at"))
            try c.encode(tooth, forKey: Key("tooth"))
        }
        if style != Style() { try c.encode(style, forKey: Key("style")) }
        try c.encodeIfPresent(label, forKey: Key("label"))
    }
}

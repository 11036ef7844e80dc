import Foundation
import RadiographCore

/// A named enhancement pipeline with the reason for its parameters.
///
/// Built-in presets are in ``EnhancementPreset/builtIn``; a practice can keep its own as JSON:
///
/// ```json
/// {
///   "name": "our-endo",
///   "description": "Endodontic, a little stronger than the built-in one",
///   "steps": [
///     {"op": "denoise", "strength": 0.15},
///     {"op": "clahe", "clipLimit": 3, "tilesX": 8, "tilesY": 8},
///     {"op": "unsharp", "sigma": 0.8, "amount": 1.2}
///   ]
/// }
/// ```
public struct EnhancementPreset: Sendable, Hashable, Codable {
    public var name: String
    /// One line: what it is for.
    public var description: String
    /// Why these steps and parameters (for the README and `radiograph presets`).
    public var rationale: String?
    public var pipeline: EnhancementPipeline

    public init(name: String, description: String, rationale: String? = nil, steps: [EnhancementStep]) {
        self.name = name
        self.description = description
        self.rationale = rationale
        self.pipeline = EnhancementPipeline(steps)
    }

    enum CodingKeys: String, CodingKey { case name, description, rationale, steps }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        rationale = try c.decodeIfPresent(String.self, forKey: .rationale)
        pipeline = EnhancementPipeline(try c.decode([EnhancementStep].self, forKey: .steps))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(description, forKey: .description)
        try c.encodeIfPresent(rationale, forKey: .rationale)
        try c.encode(pipeline.steps, forKey: .steps)
    }
}

extension EnhancementPreset {
    /// Looks `nameOrPath` up among the built-in presets, else reads it as a JSON preset file.
    /// - Throws: ``RadiographError/invalidRequest(_:)`` naming the preset or file and the reason
    ///   (unknown name, unreadable file, malformed JSON, a step out of range).
    public static func resolve(_ nameOrPath: String) throws(RadiographError) -> EnhancementPreset {
        if let preset = builtIn.first(where: { $0.name == nameOrPath.lowercased() }) { return preset }
        guard FileManager.default.fileExists(atPath: nameOrPath) else {
            throw .invalidRequest(
                "unknown preset '\(nameOrPath)': not a built-in preset (\(builtIn.map(\.name).joined(separator: ", "))) "
                    + "nor a preset file")
        }
        guard let data = FileManager.default.contents(atPath: nameOrPath) else {
            throw .io(path: nameOrPath, operation: "read", reason: "the preset file cannot be read")
        }
        let preset: EnhancementPreset
        do {
            preset = try JSONDecoder().decode(EnhancementPreset.self, from: data)
        } catch let error as DecodingError {
            throw .invalidRequest("\(nameOrPath): malformed preset: \(describe(error))")
        } catch {
            throw .invalidRequest("\(nameOrPath): malformed preset: \(error)")
        }
        do {
            try preset.pipeline.validate()
        } catch {
            throw .parameter(path: nameOrPath, error)
        }
        return preset
    }

    /// The preset as pretty JSON (a starting point for a practice's own).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }
}

/// `steps[2].clipLimit: expected a number` rather than Foundation's debug dump.
func describe(_ error: DecodingError) -> String {
    func path(_ keys: [any CodingKey]) -> String {
        var out = ""
        for key in keys {
            if let i = key.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
        }
        return out.isEmpty ? "top level" : out
    }
    switch error {
    case .typeMismatch(let type, let c): return "\(path(c.codingPath)): expected \(typeName(type))"
    case .valueNotFound(let type, let c): return "\(path(c.codingPath)): missing \(typeName(type))"
    case .keyNotFound(let key, let c): return "\(path(c.codingPath + [key])): missing"
    case .dataCorrupted(let c):
        if let underlying = c.underlyingError as NSError?, c.codingPath.isEmpty {
            return "not valid JSON (\(underlying.localizedDescription))"
        }
        return "\(path(c.codingPath)): \(c.debugDescription)"
    @unknown default: return "\(error)"
    }
}

private func typeName(_ type: Any.Type) -> String {
    switch type {
    case is Double.Type, is Int.Type: "a number"
    case is String.Type: "a string"
    case is [EnhancementStep].Type, is [Any].Type: "a list"
    default: "\(type)"
    }
}

import Foundation
import RadiographAnnotation

extension MountTemplate {
    /// The built-in templates: full-mouth series of 18 and 20, four and two bitewings, anterior
    /// and posterior periapicals. Upper-jaw slots turn their images 180° (crowns toward the
    /// occlusal plane, as mounts show them); a practice whose sensor habits differ keeps its own
    /// template (``load(_:)``).
    public static let builtIn: [MountTemplate] = builtInJSON.map { json in
        do {
            return try JSONDecoder().decode(MountTemplate.self, from: Data(json.utf8))
        } catch {
            preconditionFailure("built-in mount template does not decode: \(error)")
        }
    }

    /// The built-in template called `name`.
    public static func named(_ name: String) -> MountTemplate? { builtIn.first { $0.name == name } }

    /// Looks `nameOrPath` up among the built-in templates, else reads it as a JSON template file.
    public static func load(_ nameOrPath: String) throws(RadiographError) -> MountTemplate {
        if let t = builtIn.first(where: { $0.name == nameOrPath.lowercased() }) { return t }
        guard FileManager.default.fileExists(atPath: nameOrPath) else {
            throw .invalidRequest(
                "unknown mount template '\(nameOrPath)': not a built-in template (\(builtIn.map(\.name).joined(separator: ", "))) "
                    + "and not a file")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: nameOrPath)) } catch {
            throw .io(path: nameOrPath, operation: "read the mount template", reason: (error as NSError).localizedDescription)
        }
        do {
            return try JSONDecoder().decode(MountTemplate.self, from: data)
        } catch let DecodingError.dataCorrupted(c) {
            throw .invalidRequest("\(nameOrPath): not a mount template: \(c.debugDescription)")
        } catch let DecodingError.keyNotFound(key, _) {
            throw .invalidRequest("\(nameOrPath): not a mount template: missing \"\(key.stringValue)\"")
        } catch {
            throw .invalidRequest("\(nameOrPath): not a mount template: \(error)")
        }
    }

    /// The template as JSON, as a user template file holds it.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    static let builtInJSON: [String] = [
        #"""
        {"name": "fmx-18", "description": "Full-mouth series of 18: 7 upper periapicals, 4 bitewings, 7 lower periapicals", "slots": [
          {"label": "UR molars", "x": 0.0, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [18, 17, 16], "rotate": 180},
          {"label": "UR premolars", "x": 1.1, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [15, 14], "rotate": 180},
          {"label": "UR canine", "x": 2.2, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [13, 12], "rotate": 180},
          {"label": "U centrals", "x": 3.3, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [11, 21], "rotate": 180},
          {"label": "UL canine", "x": 4.4, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [22, 23], "rotate": 180},
          {"label": "UL premolars", "x": 5.5, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [24, 25], "rotate": 180},
          {"label": "UL molars", "x": 6.6, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [26, 27, 28], "rotate": 180},
          {"label": "R molar BW", "x": 0.99, "y": 1.43, "width": 1.33, "height": 1.0, "orientation": "landscape", "teeth": [17, 16, 47, 46]},
          {"label": "R premolar BW", "x": 2.42, "y": 1.43, "width": 1.33, "height": 1.0, "orientation": "landscape", "teeth": [15, 14, 45, 44]},
          {"label": "L premolar BW", "x": 3.85, "y": 1.43, "width": 1.33, "height": 1.0, "orientation": "landscape", "teeth": [24, 25, 34, 35]},
          {"label": "L molar BW", "x": 5.28, "y": 1.43, "width": 1.33, "height": 1.0, "orientation": "landscape", "teeth": [26, 27, 36, 37]},
          {"label": "LR molars", "x": 0.0, "y": 2.53, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [48, 47, 46]},
          {"label": "LR premolars", "x": 1.1, "y": 2.53, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [45, 44]},
          {"label": "LR canine", "x": 2.2, "y": 2.53, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [43, 42]},
          {"label": "L centrals", "x": 3.3, "y": 2.53, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [41, 31]},
          {"label": "LL canine", "x": 4.4, "y": 2.53, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [32, 33]},
          {"label": "LL premolars", "x": 5.5, "y": 2.53, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [34, 35]},
          {"label": "LL molars", "x": 6.6, "y": 2.53, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [36, 37, 38]}
        ]}
        """#,
        #"""
        {"name": "fmx-20", "description": "Full-mouth series of 20: 8 upper periapicals, 4 bitewings, 8 lower periapicals", "slots": [
          {"label": "UR molars", "x": 0.0, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [18, 17, 16], "rotate": 180},
          {"label": "UR premolars", "x": 1.1, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [15, 14], "rotate": 180},
          {"label": "UR canine", "x": 2.2, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [13], "rotate": 180},
          {"label": "UR incisors", "x": 3.3, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [12, 11], "rotate": 180},
          {"label": "UL incisors", "x": 4.4, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [21, 22], "rotate": 180},
          {"label": "UL canine", "x": 5.5, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [23], "rotate": 180},
          {"label": "UL premolars", "x": 6.6, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [24, 25], "rotate": 180},
          {"label": "UL molars", "x": 7.7, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [26, 27, 28], "rotate": 180},
          {"label": "R molar BW", "x": 1.54, "y": 1.43, "width": 1.33, "height": 1.0, "orientation": "landscape", "teeth": [17, 16, 47, 46]},
          {"label": "R premolar BW", "x": 2.97, "y": 1.43, "width": 1.33, "height": 1.0, "orientation": "landscape", "teeth": [15, 14, 45, 44]},
          {"label": "L premolar BW", "x": 4.4, "y": 1.43, "width": 1.33, "height": 1.0, "orientation": "landscape", "teeth": [24, 25, 34, 35]},
          {"label": "L molar BW", "x": 5.83, "y": 1.43, "width": 1.33, "height": 1.0, "orientation": "landscape", "teeth": [26, 27, 36, 37]},
          {"label": "LR molars", "x": 0.0, "y": 2.53, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [48, 47, 46]},
          {"label": "LR premolars", "x": 1.1, "y": 2.53, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [45, 44]},
          {"label": "LR canine", "x": 2.2, "y": 2.53, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [43]},
          {"label": "LR incisors", "x": 3.3, "y": 2.53, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [42, 41]},
          {"label": "LL incisors", "x": 4.4, "y": 2.53, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [31, 32]},
          {"label": "LL canine", "x": 5.5, "y": 2.53, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [33]},
          {"label": "LL premolars", "x": 6.6, "y": 2.53, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [34, 35]},
          {"label": "LL molars", "x": 7.7, "y": 2.53, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [36, 37, 38]}
        ]}
        """#,
        #"""
        {"name": "bitewings-4", "description": "Four bitewings: right molar and premolar, left premolar and molar", "slots": [
          {"label": "R molar BW", "x": 0.0, "y": 0, "width": 1.33, "height": 1.0, "orientation": "landscape", "teeth": [17, 16, 47, 46]},
          {"label": "R premolar BW", "x": 1.43, "y": 0, "width": 1.33, "height": 1.0, "orientation": "landscape", "teeth": [15, 14, 45, 44]},
          {"label": "L premolar BW", "x": 2.86, "y": 0, "width": 1.33, "height": 1.0, "orientation": "landscape", "teeth": [24, 25, 34, 35]},
          {"label": "L molar BW", "x": 4.29, "y": 0, "width": 1.33, "height": 1.0, "orientation": "landscape", "teeth": [26, 27, 36, 37]}
        ]}
        """#,
        #"""
        {"name": "bitewings-2", "description": "Two bitewings: right and left", "slots": [
          {"label": "R BW", "x": 0.0, "y": 0, "width": 1.33, "height": 1.0, "orientation": "landscape", "teeth": [16, 15, 46, 45]},
          {"label": "L BW", "x": 1.43, "y": 0, "width": 1.33, "height": 1.0, "orientation": "landscape", "teeth": [25, 26, 35, 36]}
        ]}
        """#,
        #"""
        {"name": "anterior-periapicals", "description": "Six anterior periapicals: upper and lower canines and incisors", "slots": [
          {"label": "UR canine", "x": 0.0, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [13, 12], "rotate": 180},
          {"label": "U incisors", "x": 1.1, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [11, 21], "rotate": 180},
          {"label": "UL canine", "x": 2.2, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [22, 23], "rotate": 180},
          {"label": "LR canine", "x": 0.0, "y": 1.43, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [43, 42]},
          {"label": "L incisors", "x": 1.1, "y": 1.43, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [41, 31]},
          {"label": "LL canine", "x": 2.2, "y": 1.43, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [32, 33]}
        ]}
        """#,
        #"""
        {"name": "posterior-periapicals", "description": "Eight posterior periapicals: molars and premolars of each quadrant", "slots": [
          {"label": "UR molars", "x": 0.0, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [18, 17, 16], "rotate": 180},
          {"label": "UR premolars", "x": 1.1, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [15, 14], "rotate": 180},
          {"label": "UL premolars", "x": 2.2, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [24, 25], "rotate": 180},
          {"label": "UL molars", "x": 3.3, "y": 0, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [26, 27, 28], "rotate": 180},
          {"label": "LR molars", "x": 0.0, "y": 1.43, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [48, 47, 46]},
          {"label": "LR premolars", "x": 1.1, "y": 1.43, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [45, 44]},
          {"label": "LL premolars", "x": 2.2, "y": 1.43, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [34, 35]},
          {"label": "LL molars", "x": 3.3, "y": 1.43, "width": 1.0, "height": 1.33, "orientation": "portrait", "teeth": [36, 37, 38]}
        ]}
        """#,
    ]
}

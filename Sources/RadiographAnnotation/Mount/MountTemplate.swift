/// A mount: where the images of a series go, as data. Slots are rectangles in grid units (one unit
/// is a cell of the rendered mount), each with a label, the teeth it shows, the orientation its
/// image should have, and a turn or flip the practice wants for it.
///
/// ```json
/// {"name": "bitewings-2", "description": "Two bitewings",
///  "slots": [
///    {"label": "R BW", "x": 0, "y": 0, "width": 1.3, "height": 1, "orientation": "landscape", "teeth": [16, 15, 46, 45]},
///    {"label": "L BW", "x": 1.4, "y": 0, "width": 1.3, "height": 1, "orientation": "landscape", "teeth": [25, 26, 35, 36]}
///  ]}
/// ```
///
/// Templates are laid out as seen from the front of the patient (labial mounting): the patient's
/// right on the viewer's left, the upper jaw on top.
public struct MountTemplate: Sendable, Hashable, Codable {
    public var name: String
    public var description: String
    public var slots: [Slot]

    public struct Slot: Sendable, Hashable, Codable {
        public enum Orientation: String, Sendable, Hashable, Codable {
            /// Taller than wide: a landscape capture is turned a quarter clockwise first.
            case portrait
            /// Wider than tall: a portrait capture is turned a quarter clockwise first.
            case landscape
            /// As captured.
            case any
        }

        public var label: String
        public var x: Double
        public var y: Double
        public var width: Double
        public var height: Double
        public var orientation: Orientation
        /// A further clockwise turn (0, 90, 180, 270), after the orientation's: upper-jaw slots
        /// turn 180° so crowns face the occlusal plane, as mounts show them.
        public var rotate: Int
        /// Mirror left–right after turning.
        public var flip: Bool
        /// The teeth the slot shows (FDI), shown in the label.
        public var teeth: [Tooth]

        public init(
            label: String, x: Double, y: Double, width: Double, height: Double, orientation: Orientation = .any,
            rotate: Int = 0, flip: Bool = false, teeth: [Tooth] = []
        ) {
            self.label = label
            self.x = x
            self.y = y
            self.width = width
            self.height = height
            self.orientation = orientation
            self.rotate = rotate
            self.flip = flip
            self.teeth = teeth
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case label, x, y, width, height, orientation, rotate, flip, teeth }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let unknown = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
                .filter { key in !CodingKeys.allCases.contains { $0.rawValue == key } }
            if let key = unknown.first {
                throw DecodingError.dataCorruptedError(forKey: .label, in: c, debugDescription: "unknown key \"\(key)\" in a slot")
            }
            label = try c.decode(String.self, forKey: .label)
            x = try c.decode(Double.self, forKey: .x)
            y = try c.decode(Double.self, forKey: .y)
            width = try c.decode(Double.self, forKey: .width)
            height = try c.decode(Double.self, forKey: .height)
            orientation = try c.decodeIfPresent(Orientation.self, forKey: .orientation) ?? .any
            rotate = try c.decodeIfPresent(Int.self, forKey: .rotate) ?? 0
            flip = try c.decodeIfPresent(Bool.self, forKey: .flip) ?? false
            teeth = try c.decodeIfPresent([Tooth].self, forKey: .teeth) ?? []
            if let problem {
                throw DecodingError.dataCorruptedError(forKey: .label, in: c, debugDescription: "slot \"\(label)\": \(problem)")
            }
        }

        /// What is wrong with the slot, if anything.
        public var problem: String? {
            guard [x, y, width, height].allSatisfy(\.isFinite), x >= 0, y >= 0 else { return "position must be finite and not negative" }
            guard width > 0, height > 0, width <= 100, height <= 100 else { return "size must be above 0 and at most 100 units" }
            guard [0, 90, 180, 270].contains(rotate) else { return "rotate must be 0, 90, 180 or 270, not \(rotate)" }
            return nil
        }
    }

    public init(name: String, description: String, slots: [Slot]) {
        self.name = name
        self.description = description
        self.slots = slots
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        slots = try c.decode([Slot].self, forKey: .slots)
        if let problem {
            throw DecodingError.dataCorruptedError(forKey: .slots, in: c, debugDescription: problem)
        }
    }

    enum CodingKeys: String, CodingKey { case name, description, slots }

    /// What is wrong with the template, if anything: no slots, a bad slot, or two slots overlapping.
    public var problem: String? {
        guard !slots.isEmpty, slots.count <= 64 else { return "a template has 1 to 64 slots" }
        for s in slots { if let p = s.problem { return "slot \"\(s.label)\": \(p)" } }
        for (i, a) in slots.enumerated() {
            for b in slots[(i + 1)...] where a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height {
                return "slots \"\(a.label)\" and \"\(b.label)\" overlap"
            }
        }
        return nil
    }

    /// The grid's extent in units.
    public var extent: (width: Double, height: Double) {
        (slots.map { $0.x + $0.width }.max() ?? 0, slots.map { $0.y + $0.height }.max() ?? 0)
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

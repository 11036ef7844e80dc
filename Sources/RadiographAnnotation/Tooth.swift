/// A tooth, in the three numbering systems dentists use: FDI (ISO 3950), the Universal system
/// (ADA, common in the USA) and Palmer.
///
/// | | FDI | Universal | Palmer |
/// |---|---|---|---|
/// | upper right third molar | 18 | 1 | `UR8` / `8┘` |
/// | upper left central incisor | 21 | 9 | `UL1` / `└1` |
/// | lower left first molar | 36 | 19 | `LL6` / `┌6` |
/// | lower right second premolar | 45 | 29 | `LR5` / `5┐` |
/// | upper right second deciduous molar | 55 | A | `URE` / `E┘` |
/// | lower right deciduous central incisor | 81 | P | `LRA` / `A┐` |
///
/// Quadrants are the patient's: upper right is the patient's right. All 52 teeth (32 permanent,
/// 20 deciduous) are ``Tooth/permanent`` and ``Tooth/deciduous``.
public struct Tooth: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The patient's quadrant, in FDI order.
    public enum Quadrant: Int, Sendable, Hashable, Codable, CaseIterable {
        case upperRight = 1, upperLeft, lowerLeft, lowerRight

        var isUpper: Bool { self == .upperRight || self == .upperLeft }
        var isRight: Bool { self == .upperRight || self == .lowerRight }
        var palmerPrefix: String {
            switch self {
            case .upperRight: "UR"
            case .upperLeft: "UL"
            case .lowerLeft: "LL"
            case .lowerRight: "LR"
            }
        }
    }

    public let quadrant: Quadrant
    /// 1 (central incisor) to 8 (third molar) for permanent teeth, 1 to 5 (second molar) for
    /// deciduous ones: the distance from the midline.
    public let position: Int
    public let isDeciduous: Bool

    /// - Throws: ``ToothNumberError`` when the position is outside the dentition.
    public init(quadrant: Quadrant, position: Int, deciduous: Bool = false) throws(ToothNumberError) {
        guard (1...(deciduous ? 5 : 8)).contains(position) else {
            throw ToothNumberError(text: "\(position)", system: .fdi,
                                   reason: "a \(deciduous ? "deciduous" : "permanent") quadrant has teeth 1 to \(deciduous ? 5 : 8)")
        }
        self.quadrant = quadrant
        self.position = position
        self.isDeciduous = deciduous
    }

    // MARK: FDI

    /// From an FDI number: quadrant 1–4 (permanent) or 5–8 (deciduous), then the position.
    public init(fdi: Int) throws(ToothNumberError) {
        let q = fdi / 10
        let p = fdi % 10
        guard (1...8).contains(q), let quadrant = Quadrant(rawValue: (q - 1) % 4 + 1) else {
            throw ToothNumberError(text: "\(fdi)", system: .fdi, reason: "the quadrant digit must be 1 to 8")
        }
        let deciduous = q >= 5
        guard (1...(deciduous ? 5 : 8)).contains(p) else {
            throw ToothNumberError(
                text: "\(fdi)", system: .fdi,
                reason: "quadrant \(q) has teeth \(q)1 to \(q)\(deciduous ? 5 : 8)")
        }
        self.quadrant = quadrant
        self.position = p
        self.isDeciduous = deciduous
    }

    /// The FDI number, e.g. 36.
    public var fdi: Int { ((isDeciduous ? 4 : 0) + quadrant.rawValue) * 10 + position }

    // MARK: Universal

    /// From a Universal number: 1–32 for permanent teeth, A–T for deciduous ones (clockwise from
    /// the upper right, as the dentist faces the patient).
    public init(universal text: String) throws(ToothNumberError) {
        let t = text.trimmingWhitespace.uppercased()
        if let n = Int(t) {
            guard (1...32).contains(n) else {
                throw ToothNumberError(text: text, system: .universal, reason: "permanent teeth are 1 to 32")
            }
            let (quadrant, position) = Self.fromClockwise(n - 1, perQuadrant: 8)
            try self.init(quadrant: quadrant, position: position)
            return
        }
        guard t.count == 1, let scalar = t.unicodeScalars.first, ("A"..."T").contains(Character(scalar)) else {
            throw ToothNumberError(text: text, system: .universal, reason: "deciduous teeth are A to T, permanent 1 to 32")
        }
        let (quadrant, position) = Self.fromClockwise(Int(scalar.value) - 65, perQuadrant: 5)
        try self.init(quadrant: quadrant, position: position, deciduous: true)
    }

    /// The Universal number: "1" … "32", or "A" … "T".
    public var universal: String {
        let perQuadrant = isDeciduous ? 5 : 8
        let index: Int
        switch quadrant {
        case .upperRight: index = perQuadrant - position
        case .upperLeft: index = perQuadrant + position - 1
        case .lowerLeft: index = 3 * perQuadrant - position
        case .lowerRight: index = 3 * perQuadrant + position - 1
        }
        return isDeciduous ? String(UnicodeScalar(UInt8(65 + index))) : String(index + 1)
    }

    /// Quadrant and position of the `index`-th tooth (from 0) counted clockwise from the upper
    /// right's last tooth.
    static func fromClockwise(_ index: Int, perQuadrant n: Int) -> (Quadrant, Int) {
        switch index / n {
        case 0: (.upperRight, n - index)
        case 1: (.upperLeft, index - n + 1)
        case 2: (.lowerLeft, 3 * n - index)
        default: (.lowerRight, index - 3 * n + 1)
        }
    }

    // MARK: Palmer

    /// From Palmer notation, as text (`UR6`, `LLE`) or with the quadrant symbols (`6┘`, `└6`,
    /// `6┐`, `┌6`): numbers 1–8 are permanent teeth, letters A–E deciduous ones.
    public init(palmer text: String) throws(ToothNumberError) {
        let t = text.trimmingWhitespace.uppercased()
        var quadrant: Quadrant?
        var tooth = ""
        for (prefix, q) in [("UR", Quadrant.upperRight), ("UL", .upperLeft), ("LL", .lowerLeft), ("LR", .lowerRight)]
        where t.hasPrefix(prefix) {
            quadrant = q
            tooth = String(t.dropFirst(2))
        }
        if quadrant == nil {
            // Symbols: the bracket stands where the midline and the occlusal plane cross.
            let symbols: [(Character, Quadrant, Bool)] = [
                ("┘", .upperRight, true), ("└", .upperLeft, false), ("┐", .lowerRight, true), ("┌", .lowerLeft, false),
            ]
            for (symbol, q, after) in symbols where (after ? t.last : t.first) == symbol {
                quadrant = q
                tooth = after ? String(t.dropLast()) : String(t.dropFirst())
            }
        }
        guard let quadrant, tooth.count == 1, let c = tooth.unicodeScalars.first else {
            throw ToothNumberError(text: text, system: .palmer, reason: "expected UR/UL/LL/LR or ┘ └ ┐ ┌ with 1–8 or A–E")
        }
        if let n = Int(tooth) {
            try self.init(quadrant: quadrant, position: n)
        } else if ("A"..."E").contains(Character(c)) {
            try self.init(quadrant: quadrant, position: Int(c.value) - 64, deciduous: true)
        } else {
            throw ToothNumberError(text: text, system: .palmer, reason: "the tooth must be 1–8 (permanent) or A–E (deciduous)")
        }
    }

    /// Palmer notation as text: `UR6`, `LLE`.
    public var palmer: String { quadrant.palmerPrefix + toothSymbol }

    /// Palmer notation with its quadrant bracket: `6┘`, `└6`, `6┐`, `┌6`.
    public var palmerSymbol: String {
        switch quadrant {
        case .upperRight: toothSymbol + "┘"
        case .upperLeft: "└" + toothSymbol
        case .lowerRight: toothSymbol + "┐"
        case .lowerLeft: "┌" + toothSymbol
        }
    }

    private var toothSymbol: String {
        isDeciduous ? String(UnicodeScalar(UInt8(64 + position))) : String(position)
    }

    // MARK: Names and lists

    /// "lower left first molar", "upper right deciduous canine".
    public var name: String {
        let permanentNames = [
            "central incisor", "lateral incisor", "canine", "first premolar", "second premolar", "first molar",
            "second molar", "third molar",
        ]
        let deciduousNames = ["central incisor", "lateral incisor", "canine", "first molar", "second molar"]
        let side = (quadrant.isUpper ? "upper " : "lower ") + (quadrant.isRight ? "right" : "left")
        return side + (isDeciduous ? " deciduous " + deciduousNames[position - 1] : " " + permanentNames[position - 1])
    }

    public var description: String { "\(fdi)" }

    /// The 32 permanent teeth in FDI order (11…18, 21…28, 31…38, 41…48).
    public static let permanent: [Tooth] = Quadrant.allCases.flatMap { q in
        (1...8).map { try! Tooth(quadrant: q, position: $0) }
    }

    /// The 20 deciduous teeth in FDI order (51…55, …, 81…85).
    public static let deciduous: [Tooth] = Quadrant.allCases.flatMap { q in
        (1...5).map { try! Tooth(quadrant: q, position: $0, deciduous: true) }
    }

    public static func < (a: Tooth, b: Tooth) -> Bool { a.fdi < b.fdi }

    /// JSON holds the FDI number (`36`), the form annotation documents use.
    public init(from decoder: any Decoder) throws {
        let number = try decoder.singleValueContainer().decode(Int.self)
        do {
            try self.init(fdi: number)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(fdi)
    }
}

/// A tooth number that names no tooth in its system.
public struct ToothNumberError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum System: String, Sendable, Hashable, Codable, CaseIterable {
        case fdi = "FDI", universal = "Universal", palmer = "Palmer"
    }

    public var text: String
    public var system: System
    public var reason: String

    public init(text: String, system: System, reason: String) {
        self.text = text
        self.system = system
        self.reason = reason
    }

    public var description: String { "'\(text)' is not a \(system.rawValue) tooth number: \(reason)" }
}

extension String {
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}

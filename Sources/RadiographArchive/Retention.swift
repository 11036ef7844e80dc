import Foundation

/// A calendar date, YYYYMMDD as DICOM writes it.
public struct DayDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Parses `YYYYMMDD`; nil when it is not a real date.
    public init?(_ text: String) {
        let digits = text.trimmingCharacters(in: .whitespaces)
        guard digits.count == 8, digits.allSatisfy(\.isASCIIDigit), let v = Int(digits) else { return nil }
        self.init(year: v / 10000, month: v / 100 % 100, day: v % 100)
    }

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...Self.days(year, month)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Today in UTC.
    public static func today() -> DayDate {
        DayDate(Archive.today())!
    }

    public var description: String {
        String(format: "%04d%02d%02d", year, month, day)
    }

    public static func < (a: DayDate, b: DayDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    static func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }

    static func days(_ y: Int, _ m: Int) -> Int {
        [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    }

    /// The same day `years` later; 29 February becomes 28 February in a common year (an
    /// anniversary falls on the last day of February).
    public func adding(years: Int) -> DayDate {
        let y = min(max(year + years, 1), 9999)
        return DayDate(year: y, month: month, day: min(day, Self.days(y, month)))!
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// How long a patient's records are kept: a versioned rule set, the French dental rule by default.
public struct RetentionRule: Sendable, Hashable, Codable {
    public var name: String
    public var version: Int
    /// Years kept after the last contact (visit, consultation).
    public var yearsAfterLastContact: Int
    /// Records of a patient treated as a minor are kept at least until this birthday.
    public var keptUntilAge: Int?
    /// When the patient dies less than this many years after the last contact, records are kept
    /// this many years after the death (and no longer).
    public var yearsAfterDeath: Int?

    public init(name: String, version: Int, yearsAfterLastContact: Int, keptUntilAge: Int?, yearsAfterDeath: Int?) {
        self.name = name
        self.version = version
        self.yearsAfterLastContact = yearsAfterLastContact
        self.keptUntilAge = keptUntilAge
        self.yearsAfterDeath = yearsAfterDeath
    }

    /// France, Code de la santé publique art. R1112-7 as applied to dental records: 20 years from
    /// the last contact; for a patient treated as a minor, at least until their 28th birthday; if
    /// the patient dies less than 10 years after the last contact, 10 years from the death.
    public static let frenchDental = RetentionRule(
        name: "FR-CSP-R1112-7-dental", version: 1, yearsAfterLastContact: 20, keptUntilAge: 28, yearsAfterDeath: 10)

    /// The first day the records may be destroyed.
    ///
    /// `expiry = lastContact + 20 y`; with a birth date, at least `birth + 28 y`; with a death
    /// less than 10 years after the last contact, `death + 10 y` instead (the death rule is the
    /// law's exception to both).
    public func expiry(lastContact: DayDate, birth: DayDate?, death: DayDate?) -> DayDate {
        var end = lastContact.adding(years: yearsAfterLastContact)
        if let birth, let age = keptUntilAge { end = max(end, birth.adding(years: age)) }
        if let death, let years = yearsAfterDeath, death < lastContact.adding(years: years) {
            end = death.adding(years: years)
        }
        return end
    }
}

/// Date arithmetic for the Retain Longitudinal Temporal Information with Modified Dates Option:
/// every date moves by the same whole number of days, so intervals between a patient's studies
/// stay true while the calendar dates do not.
enum DateShift {
    /// A DA value (YYYYMMDD) moved by `days`; nil when it is not a valid date or leaves years 1–9999.
    static func shiftDA(_ value: String, days: Int) -> String? {
        let digits = Array(value.utf8)
        guard digits.count == 8, digits.allSatisfy({ (48...57).contains($0) }) else { return nil }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(digits[$1] - 48) } }
        let (y, m, d) = (number(0..<4), number(4..<6), number(6..<8))
        guard (1...12).contains(m), d >= 1, d <= daysIn(month: m, year: y) else { return nil }
        let (ny, nm, nd) = civil(dayNumber(year: y, month: m, day: d) + days)
        guard (1...9999).contains(ny) else { return nil }
        return pad(ny, 4) + pad(nm, 2) + pad(nd, 2)
    }

    /// A DT value (YYYYMMDDHHMMSS.FFFFFF&ZZXX) with its date moved by `days` and the rest kept;
    /// nil when it holds no full date.
    static func shiftDT(_ value: String, days: Int) -> String? {
        guard value.utf8.count >= 8 else { return nil }
        let date = String(value.prefix(8))
        guard let shifted = shiftDA(date, days: days) else { return nil }
        return shifted + value.dropFirst(8)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 0000-03-01 in the proleptic Gregorian calendar. Years are counted from March, so
    /// that the leap day is the last day of a year; a 400-year era has 146,097 days.
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra
    }

    /// The inverse of ``dayNumber(year:month:day:)``.
    static func civil(_ n: Int) -> (year: Int, month: Int, day: Int) {
        let era = (n >= 0 ? n : n - 146_096) / 146_097
        let dayOfEra = n - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

/// The "clean" action (C) for descriptors and patient characteristics: text is kept only as far as
/// it is known not to identify anyone. Free text cannot be proven clean, so the cleaner keeps words
/// from a closed vocabulary of dental radiography (views, regions, sides, tooth numbers of one or
/// two digits) and drops everything else: "Bitewing left 46 47 — Dr Smith, 2024-03-01" becomes
/// "Bitewing left 46 47". When nothing is left, the Basic Profile's action applies instead.
enum DescriptorCleaner {
    static let vocabulary: Set<String> = [
        // Views and image kinds
        "BITEWING", "BITEWINGS", "BW", "BWX", "PERIAPICAL", "PERIAPICALS", "PA", "PAN", "PANO", "PANORAMIC", "OPG",
        "OPT", "DPT", "CEPH", "CEPHALOMETRIC", "LATERAL", "FRONTAL", "POSTEROANTERIOR", "OCCLUSAL", "FMX", "FMS",
        "FULL", "MOUTH", "SERIES", "SURVEY", "INTRAORAL", "EXTRAORAL", "INTRA", "EXTRA", "ORAL", "DENTAL",
        "RADIOGRAPH", "RADIOGRAPHS", "RADIOGRAPHY", "XRAY", "X", "RAY", "IMAGE", "IMAGES", "VIEW", "CBCT", "TMJ",
        "SINUS", "SINUSES", "VERTICAL", "HORIZONTAL", "IO", "PX", "DX", "CR", "DERIVED", "ENHANCED", "MOUNT",
        "ANNOTATED", "PROCESSING", "PRESENTATION", "FOR", "LOSSLESS", "LOSSY", "JPEG", "RLE", "CLAHE", "WINDOW",
        // Regions and teeth
        "TOOTH", "TEETH", "MOLAR", "MOLARS", "PREMOLAR", "PREMOLARS", "BICUSPID", "BICUSPIDS", "CANINE", "CANINES",
        "INCISOR", "INCISORS", "ANTERIOR", "POSTERIOR", "LEFT", "RIGHT", "L", "R", "UPPER", "LOWER", "MAXILLA",
        "MAXILLARY", "MANDIBLE", "MANDIBULAR", "QUADRANT", "QUADRANTS", "JAW", "JAWS", "ARCH", "ARCHES", "ROOT",
        "ROOTS", "CROWN", "IMPLANT", "IMPLANTS", "ENDO", "ENDODONTIC", "CARIES", "BONE", "PERIODONTAL", "CHECKUP",
        "RECALL", "FOLLOW", "UP", "PRE", "POST", "OP", "INITIAL", "FINAL", "AND", "OF", "WITH", "THE", "TO", "IN",
        "ON", "NO",
    ]

    /// The longest value of each text VR (PS3.5 6.2, in characters).
    static func maximumLength(of vr: String) -> Int? {
        switch vr {
        case "CS", "SH": 16
        case "LO": 64
        case "ST": 1024
        case "LT": 10240
        case "UT", "UC": 65_536
        default: nil
        }
    }

    /// The allowed words of one value, in order. A chunk between spaces that holds a digit survives
    /// only as a one- or two-digit number (a tooth): "2024-03-01", "46-47" or "MRN123" go whole,
    /// so no piece of a date or an identifier is left. Other chunks keep their vocabulary words
    /// ("X-ray" gives "X ray").
    static func words(of value: Substring) -> [Substring] {
        var result: [Substring] = []
        let separators: Set<Character> = [" ", ",", ";", "(", ")", "[", "]", "\"", "'", "\t", "\n", "\r"]
        for chunk in value.split(whereSeparator: { separators.contains($0) }) {
            if chunk.contains(where: \.isNumber) {
                if chunk.count <= 2 && chunk.allSatisfy({ $0.isASCII && $0.isNumber }) { result.append(chunk) }
                continue
            }
            for word in chunk.split(whereSeparator: { !($0.isASCII && $0.isLetter) })
            where vocabulary.contains(word.uppercased()) {
                result.append(word)
            }
        }
        return result
    }

    /// The cleaned value (multiple values kept apart), or nil when nothing is left or `vr` is not
    /// a free-text VR.
    static func clean(_ raw: String, vr: String) -> String? {
        guard let limit = maximumLength(of: vr) else { return nil }
        var kept: [String] = []
        for value in raw.split(separator: "\\", omittingEmptySubsequences: false) {
            var words: [Substring] = []
            var length = 0
            for word in Self.words(of: value) {
                let added = word.count + (words.isEmpty ? 0 : 1)
                if length + added > limit { break }
                words.append(vr == "CS" ? Substring(word.uppercased()) : word)
                length += added
            }
            if !words.isEmpty { kept.append(words.joined(separator: " ")) }
        }
        return kept.isEmpty ? nil : kept.joined(separator: "\\")
    }
}

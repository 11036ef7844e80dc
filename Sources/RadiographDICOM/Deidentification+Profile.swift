/// The Basic Application Level Confidentiality Profile (PS3.15 E.2) resolved for a set of options:
/// which action each attribute of Table E.1-1 gets, and how the values it replaces are computed.
enum DeidentificationProfile {
    /// An action code of Table E.1-1.
    enum Code: Sendable {
        /// D: a dummy value; Z: zero length; X: removed; K: kept; C: cleaned; U: a new UID.
        case d, z, x, k, c, u
        /// X/Z, X/D, Z/D, X/Z/D: X (or Z) unless the IOD needs the element, and X/Z/U*: X unless
        /// the IOD needs the element or its referenced UIDs.
        case xz, xd, zd, xzd, xzu
    }

    /// A row of Table E.1-1. `mask` selects the bits of the tag that must match (`50XX,XXXX`).
    struct Attribute: Sendable {
        var tag: UInt32
        var mask: UInt32
        var basic: Code
        /// The Retain Patient Characteristics, Retain Longitudinal Temporal Information with
        /// Modified Dates and Clean Descriptors columns (nil: the option does not change the action).
        var characteristics: Code?
        var dates: Code?
        var descriptors: Code?

        init(
            _ tag: UInt32, mask: UInt32 = 0xFFFF_FFFF, _ basic: Code, characteristics: Code? = nil, dates: Code? = nil,
            descriptors: Code? = nil
        ) {
            self.tag = tag
            self.mask = mask
            self.basic = basic
            self.characteristics = characteristics
            self.dates = dates
            self.descriptors = descriptors
        }
    }

    /// How a replaced value is computed.
    enum Replacement: Sendable, Equatable {
        /// Each UID mapped through the ``UIDRemapper``.
        case uid
        /// Dates shifted by the options' days (DA; the date of a DT), times kept; `fallback` for
        /// other VRs and for values that are not dates.
        case shiftDate(fallback: Code)
        /// Text kept only as far as ``DescriptorCleaner`` knows it cannot identify anyone;
        /// `fallback` when nothing is left.
        case clean(fallback: Code)
    }

    /// The profile as rules for the shim, with the computation of each REPLACE rule (same index).
    struct Resolved {
        var rules: [(tag: UInt32, mask: UInt32, action: Action, sequenceAction: Action)]
        var replacements: [Int: Replacement]
    }

    /// The shim's actions (`rgd_deid_action`), kept free of C types here.
    enum Action: UInt32, Sendable {
        case keep = 0, remove, empty, dummy, replace, removeGroup
    }

    /// Attributes rewritten after the walk (Patient Identity Removed, De-identification Method and
    /// its Code Sequence, Longitudinal Temporal Information Modified): removed first wherever
    /// they are, so that earlier values never survive.
    static let rewritten: [UInt32] = [0x0012_0062, 0x0012_0063, 0x0012_0064, 0x0028_0303]

    /// Overlay Data: the overlay's other attributes go with it (an overlay without data is invalid).
    static let overlayData: UInt32 = 0x6000_3000

    /// The X/Z sequences that are Type 2 where they occur: emptied, not removed. The table's two
    /// X/Z sequences are Acquisition Context Sequence (Type 2 in the Acquisition Context Module of
    /// every DX and intra-oral image) and Referenced Study Sequence (Type 3 in General Study, where
    /// an empty one is an error: removed).
    static let type2Sequences: Set<UInt32> = [0x0040_0555]

    /// Type 1C attributes the table keeps (as a dummy) while it removes the attribute their
    /// condition depends on: Clinical Trial Protocol Ethics Committee Name is required if the
    /// Approval Number is present (PS3.3 C.7.1.3), and the Approval Number is X.
    static let conditional: [(attribute: UInt32, condition: UInt32)] = [(0x0012_0081, 0x0012_0082)]

    /// Annotation Group UID is D in the table; a dummy UID would be a fake identity, so it is
    /// replaced like the U attributes.
    static let dummyUIDs: Set<UInt32> = [0x006A_0003]

    /// Where the table leaves a choice (X/Z, X/D, Z/D, X/Z/D), an element that is present keeps its
    /// place, so the object stays valid whatever its IOD: X/Z becomes zero length, the others a
    /// dummy. A sequence cannot hold a dummy and an empty one is invalid where items are required,
    /// so those sequences are removed (Z alone empties one, and X/Z one that is Type 2, see
    /// ``type2Sequences``). X/Z/U* sequences are kept
    /// and their items de-identified.
    static func resolve(_ options: DeidentificationOptions) -> Resolved {
        var rules: [(tag: UInt32, mask: UInt32, action: Action, sequenceAction: Action)] =
            rewritten.map { ($0, 0xFFFF_FFFF, .remove, .remove) }
        var replacements: [Int: Replacement] = [:]
        for row in table {
            let (code, column) = effectiveCode(row, options)
            let action: Action
            let sequenceAction: Action
            var replacement: Replacement?
            switch code {
            case .k, .xzu: (action, sequenceAction) = (.keep, .keep)
            case .x: (action, sequenceAction) = (row.tag == overlayData ? .removeGroup : .remove, .remove)
            case .z: (action, sequenceAction) = (.empty, .empty)
            case .xz: (action, sequenceAction) = (.empty, type2Sequences.contains(row.tag) ? .empty : .remove)
            case .d, .xd, .zd, .xzd:
                if dummyUIDs.contains(row.tag) {
                    (action, sequenceAction) = (.replace, .remove)
                    replacement = .uid
                } else {
                    (action, sequenceAction) = (.dummy, .remove)
                }
            case .u:
                (action, sequenceAction) = (.replace, .keep)
                replacement = .uid
            case .c:
                (action, sequenceAction) = (.replace, .keep)
                replacement = column == .dates ? .shiftDate(fallback: row.basic) : .clean(fallback: row.basic)
            }
            if let replacement { replacements[rules.count] = replacement }
            rules.append((row.tag, row.mask, action, sequenceAction))
        }
        return Resolved(rules: rules, replacements: replacements)
    }

    enum Column { case basic, characteristics, dates, descriptors }

    /// The action of a row under the options: an option's column applies when the option is on; when
    /// two options name the row (Allergies: characteristics and descriptors), keeping wins over
    /// cleaning, which wins over the Basic Profile.
    static func effectiveCode(_ row: Attribute, _ o: DeidentificationOptions) -> (Code, Column) {
        var candidates: [(Code, Column)] = []
        if o.retainLongitudinalDatesModified, let c = row.dates { candidates.append((c, .dates)) }
        if o.retainPatientCharacteristics, let c = row.characteristics { candidates.append((c, .characteristics)) }
        if o.cleanDescriptors, let c = row.descriptors { candidates.append((c, .descriptors)) }
        if let keep = candidates.first(where: { $0.0 == .k }) { return keep }
        if let clean = candidates.first(where: { $0.0 == .c }) { return clean }
        return (row.basic, .basic)
    }
}

extension DeidentificationProfile.Code {
    /// What a value that cannot be computed (not a date, nothing clean left) becomes instead: the
    /// same choice the walk makes for the code.
    var fallbackOutcome: DeidentificationProfile.Outcome {
        switch self {
        case .k, .c, .xzu: .keep
        case .x: .remove
        case .z, .xz: .empty
        case .d, .xd, .zd, .xzd: .dummy
        case .u: .remove
        }
    }
}

extension DeidentificationProfile {
    /// The new value of one element (`rgd_deid_outcome`, plus keeping the old value).
    enum Outcome: Equatable {
        case set(String), empty, remove, dummy, keep
    }

    /// Computes the new value of an element whose rule is REPLACE.
    static func outcome(
        for replacement: Replacement, vr: String, value raw: String, options: DeidentificationOptions, uids: UIDRemapper
    ) -> Outcome {
        switch replacement {
        case .uid:
            guard vr == "UI" else { return .remove }
            let values = raw.split(separator: "\\", omittingEmptySubsequences: false).map { trimmed(String($0)) }
            if values.allSatisfy(\.isEmpty) { return .empty }
            return .set(values.map { $0.isEmpty ? "" : uids.newUID(for: $0) }.joined(separator: "\\"))
        case .shiftDate(let fallback):
            switch vr {
            case "DA", "DT":
                let days = options.dateShiftDays
                var shifted: [String] = []
                for value in raw.split(separator: "\\", omittingEmptySubsequences: false) {
                    let v = trimmed(String(value))
                    if v.isEmpty {
                        shifted.append("")
                        continue
                    }
                    let new = vr == "DA" ? DateShift.shiftDA(v, days: days) : DateShift.shiftDT(v, days: days)
                    guard let new else { return fallback.fallbackOutcome }
                    shifted.append(new)
                }
                return .set(shifted.joined(separator: "\\"))
            case "TM", "SH":
                // Whole days leave the time of day (and Timezone Offset From UTC) as it was.
                return .keep
            default:
                return fallback.fallbackOutcome
            }
        case .clean(let fallback):
            guard let cleaned = DescriptorCleaner.clean(raw, vr: vr) else { return fallback.fallbackOutcome }
            return .set(cleaned)
        }
    }
}

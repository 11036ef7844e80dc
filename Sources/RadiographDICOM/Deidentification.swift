internal import CRadiographDCMTK
import Synchronization

/// The options of PS3.15 Annex E's Basic Application Level Confidentiality Profile that Radiograph
/// implements. Without any, the Basic Profile alone applies: identifying attributes are removed,
/// emptied or replaced by dummies, UIDs replaced, dates removed or replaced by dummies, and
/// descriptions removed.
public struct DeidentificationOptions: Sendable, Hashable {
    /// Retain Longitudinal Temporal Information with Modified Dates Option (DCM 113107): every date
    /// (DA, and the date of a DT) moves by ``dateShiftDays``; times are kept.
    public var retainLongitudinalDatesModified: Bool
    /// The shift for ``retainLongitudinalDatesModified``, in days (not 0; at most
    /// ``maximumDateShiftDays`` either way). Use one shift per patient, kept secret.
    public var dateShiftDays: Int
    /// Retain Patient Characteristics Option (DCM 113108): Patient's Sex, Age, Size and Weight (and
    /// the table's other characteristics: ethnic group, smoking, pregnancy) are kept; free-text
    /// characteristics (allergies, pre-medication, special needs) are cleaned.
    public var retainPatientCharacteristics: Bool
    /// Clean Descriptors Option (DCM 113105): Study and Series Description, Protocol Name, Image
    /// Comments and the table's other descriptors are cleaned instead of removed: only words of a
    /// closed dental vocabulary (views, regions, sides, tooth numbers) survive.
    public var cleanDescriptors: Bool
    /// Patient ID of the output (a pseudonym); empty: the profile's dummy.
    public var newPatientID: String
    /// Patient's Name of the output (a pseudonym, DICOM style FAMILY^GIVEN); empty: zero length.
    public var newPatientName: String
    /// De-identify even when Burned In Annotation is YES. The pixels are never changed, so text
    /// burned into them stays; the output says so in De-identification Method.
    public var forceBurnedIn: Bool

    /// One hundred years.
    public static let maximumDateShiftDays = 36_525

    public init(
        retainLongitudinalDatesModified: Bool = false, dateShiftDays: Int = 0,
        retainPatientCharacteristics: Bool = false,
        cleanDescriptors: Bool = false, newPatientID: String = "", newPatientName: String = "",
        forceBurnedIn: Bool = false
    ) {
        self.retainLongitudinalDatesModified = retainLongitudinalDatesModified
        self.dateShiftDays = dateShiftDays
        self.retainPatientCharacteristics = retainPatientCharacteristics
        self.cleanDescriptors = cleanDescriptors
        self.newPatientID = newPatientID
        self.newPatientName = newPatientName
        self.forceBurnedIn = forceBurnedIn
    }

    /// Why the options cannot be used, or nil.
    public var problem: String? {
        if retainLongitudinalDatesModified {
            if dateShiftDays == 0 { return "a date shift of 0 days would keep the dates (modified dates need a shift)" }
            if abs(dateShiftDays) > Self.maximumDateShiftDays {
                return "a date shift is at most \(Self.maximumDateShiftDays) days either way"
            }
        }
        if let p = Self.textProblem(newPatientID, limit: 64) { return "the new patient ID \(p)" }
        if let p = Self.textProblem(newPatientName, limit: 64) { return "the new patient name \(p)" }
        return nil
    }

    private static func textProblem(_ s: String, limit: Int) -> String? {
        if s.utf8.count > limit { return "is longer than \(limit) characters" }
        if !s.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) && $0 != "\\" }) {
            return "must be printable ASCII without a backslash"
        }
        return nil
    }
}

/// Maps original UIDs to new ones (`2.25.` UUID-derived, from ``DICOMUID/make()``), the same
/// original always to the same new UID, so that a patient's files keep their study, series and
/// references consistent. Thread-safe. Export ``mapping`` and load it into a new remapper
/// (``init(mapping:)``) to keep later files consistent with earlier runs; the mapping links
/// original and new UIDs, so it must be kept as confidential as the originals.
public final class UIDRemapper: Sendable {
    private let table: Mutex<[String: String]>

    public init() { table = Mutex([:]) }

    /// A remapper that continues an earlier mapping (original UID → new UID). Throws when a UID in
    /// it is not a valid UID or two originals share a new UID.
    public init(mapping: [String: String]) throws(DICOMError) {
        for (old, new) in mapping where !Self.isValid(old) || !Self.isValid(new) {
            throw .invalidAttribute(
                source: "UID mapping", attribute: "UID", reason: "not a valid UID: \(Self.isValid(old) ? new : old)")
        }
        if Set(mapping.values).count != mapping.count {
            throw .invalidAttribute(
                source: "UID mapping", attribute: "UID", reason: "two original UIDs share a new UID")
        }
        table = Mutex(mapping)
    }

    /// The new UID for `old` (made on first use).
    public func newUID(for old: String) -> String {
        table.withLock { map in
            if let known = map[old] { return known }
            let new = DICOMUID.make()
            map[old] = new
            return new
        }
    }

    /// Every original UID met so far, with its new UID.
    public var mapping: [String: String] { table.withLock { $0 } }

    /// 1 to 64 characters, digits in dot-separated components without leading zeros (PS3.5 9.1).
    static func isValid(_ uid: String) -> Bool {
        guard (1...64).contains(uid.utf8.count) else { return false }
        return uid.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { c in
            !c.isEmpty && c.utf8.allSatisfy { (48...57).contains($0) } && (c.count == 1 || c.first != "0")
        }
    }
}

/// De-identifies DICOM objects with PS3.15 Annex E's Basic Application Level Confidentiality
/// Profile (Table E.1-1, DICOM 2024b) and the options of ``DeidentificationOptions``, through DCMTK.
///
/// Every attribute the table names gets its action at the top level and inside every sequence
/// item; every private element (odd group) is removed; UIDs go through the ``UIDRemapper``; the
/// file meta information is rebuilt. Pixel Data is not touched: an image with Burned In
/// Annotation YES is refused unless ``DeidentificationOptions/forceBurnedIn``. The output records
/// what was done: Patient Identity Removed YES, De-identification Method, and its Code Sequence
/// (CID 7050: 113100 and one code per option), Longitudinal Temporal Information Modified.
///
/// Where the table leaves a choice (X/Z, X/D, Z/D, X/Z/D: remove unless the IOD needs the
/// element), an element that is present keeps its place: X/Z becomes zero length and the others
/// a dummy, so the object stays valid for any IOD; such sequences are removed (an empty one is
/// invalid where items are required). X/Z/U* sequences are kept and their items de-identified
/// (their references get the new UIDs). Type 1C attributes the profile dummies while removing
/// their condition are removed too (Clinical Trial Protocol Ethics Committee Name without its
/// Approval Number).
public enum Deidentifier {
    /// De-identifies the file at `path` and returns the new Part 10 stream, in the transfer syntax
    /// the file was written in.
    public static func deidentify(fileAt path: String, options: DeidentificationOptions, uids: UIDRemapper)
        throws(DICOMError) -> [UInt8]
    {
        try run(DICOMDataSet.open(path: path), options: options, uids: uids).bytes
    }

    /// De-identifies a Part 10 stream held in memory. `source` names it in errors.
    public static func deidentify(
        bytes: [UInt8], source: String = "<memory>", options: DeidentificationOptions, uids: UIDRemapper
    ) throws(DICOMError) -> [UInt8] {
        try run(DICOMDataSet.open(bytes: bytes, source: source), options: options, uids: uids).bytes
    }

    /// A de-identified object and its new SOP Instance UID (to name its file by).
    public struct Output: Sendable {
        public var bytes: [UInt8]
        /// Nil when the original had no SOP Instance UID.
        public var sopInstanceUID: String?
    }

    /// ``deidentify(fileAt:options:uids:)``, with the new SOP Instance UID.
    public static func deidentifyObject(fileAt path: String, options: DeidentificationOptions, uids: UIDRemapper)
        throws(DICOMError) -> Output
    {
        try run(DICOMDataSet.open(path: path), options: options, uids: uids)
    }

    /// The code of the profile and of each option in use (CID 7050, scheme DCM).
    public static func methodCodes(_ options: DeidentificationOptions) -> [CodedConcept] {
        var codes = [CodedConcept(value: "113100", scheme: "DCM", meaning: "Basic Application Confidentiality Profile")]
        if options.retainLongitudinalDatesModified {
            codes.append(
                CodedConcept(
                    value: "113107", scheme: "DCM",
                    meaning: "Retain Longitudinal Temporal Information Modified Dates Option"))
        }
        if options.retainPatientCharacteristics {
            codes.append(CodedConcept(value: "113108", scheme: "DCM", meaning: "Retain Patient Characteristics Option"))
        }
        if options.cleanDescriptors {
            codes.append(CodedConcept(value: "113105", scheme: "DCM", meaning: "Clean Descriptors Option"))
        }
        return codes
    }

    private static func run(_ data: DICOMDataSet, options: DeidentificationOptions, uids: UIDRemapper)
        throws(DICOMError) -> Output
    {
        let source = data.source
        if let problem = options.problem {
            throw .invalidAttribute(source: source, attribute: "de-identification options", reason: problem)
        }
        let burnedIn = data.string(.burnedInAnnotation).map { trimmed($0).uppercased() } == "YES"
        if burnedIn && !options.forceBurnedIn {
            throw .invalidAttribute(
                source: source, attribute: "Burned In Annotation",
                reason: "YES: text in the pixels may identify the patient, and de-identification leaves pixels "
                    + "as they are (forceBurnedIn, radiograph anonymize --force-burned-in, to go on)")
        }
        let profile = DeidentificationProfile.resolve(options)
        var rules = profile.rules.map {
            rgd_deid_rule(
                tag: $0.tag, mask: $0.mask, action: rgd_deid_action($0.action.rawValue),
                sequence_action: rgd_deid_action($0.sequenceAction.rawValue))
        }

        // First pass: the values to compute.
        var records: UnsafeMutablePointer<rgd_deid_record>?
        var count = 0
        var text: UnsafeMutablePointer<CChar>?
        var message = [CChar](repeating: 0, count: 512)
        let collected = data.withHandle { h in
            rgd_deid_collect(h, &rules, rules.count, &records, &count, &text, &message, message.count)
        }
        defer {
            rgd_free(records)
            rgd_free(text)
        }
        guard collected == RGD_OK, let text else { throw .internalFailure(source: source, reason: string(message)) }
        var outcomes: [DeidentificationProfile.Outcome] = []
        outcomes.reserveCapacity(count)
        for i in 0..<count {
            let r = records![i]
            let value = String(decoding: UnsafeRawBufferPointer(start: text + r.offset, count: r.length), as: UTF8.self)
            let vr = withUnsafeBytes(of: r.vr) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let replacement = profile.replacements[Int(r.rule)] else {
                throw .internalFailure(source: source, reason: "no replacement for rule \(r.rule)")
            }
            outcomes.append(
                DeidentificationProfile.outcome(for: replacement, vr: vr, value: value, options: options, uids: uids))
        }

        // Second pass: apply. The C strings live until the call returns.
        let status: rgd_status = withCValues(outcomes) { values in
            data.withHandle { h in
                rgd_deid_apply(h, &rules, rules.count, values.baseAddress, values.count, &message, message.count)
            }
        }
        guard status == RGD_OK else { throw .internalFailure(source: source, reason: string(message)) }

        // Type 1C attributes whose condition the profile removed.
        var orphans = DeidentificationProfile.conditional.filter { pair in
            data.string([pair.condition]) == nil && data.string([pair.attribute]) != nil
        }.map {
            rgd_deid_rule(
                tag: $0.attribute, mask: 0xFFFF_FFFF, action: RGD_DEID_REMOVE, sequence_action: RGD_DEID_REMOVE)
        }
        if !orphans.isEmpty {
            let removed = data.withHandle { h in
                rgd_deid_apply(h, &orphans, orphans.count, nil, 0, &message, message.count)
            }
            guard removed == RGD_OK else { throw .internalFailure(source: source, reason: string(message)) }
        }

        // What was done.
        var method = ["Basic Application Confidentiality Profile", "PS3.15 2024b Table E.1-1 (Radiograph)"]
        if options.retainLongitudinalDatesModified { method.append("Retain Longitudinal Temporal Info Modified Dates") }
        if options.retainPatientCharacteristics { method.append("Retain Patient Characteristics") }
        if options.cleanDescriptors { method.append("Clean Descriptors") }
        if burnedIn { method.append("Burned In Annotation not removed from pixels") }
        if !options.newPatientID.isEmpty { try set(data, [DICOMTag.patientID.packed], options.newPatientID) }
        if !options.newPatientName.isEmpty { try set(data, [DICOMTag.patientName.packed], options.newPatientName) }
        try set(data, [0x0012_0062], "YES")
        try set(data, [0x0012_0063], method.joined(separator: "\\"))
        for (i, code) in methodCodes(options).enumerated() {
            let item: [UInt32] = [0x0012_0064, UInt32(i)]
            try set(data, item + [DICOMTag.codeValue.packed], code.value)
            try set(data, item + [DICOMTag.codingSchemeDesignator.packed], code.scheme)
            try set(data, item + [DICOMTag.codeMeaning.packed], code.meaning)
        }
        try set(data, [0x0028_0303], options.retainLongitudinalDatesModified ? "MODIFIED" : "REMOVED")
        let instance = data.string(.sopInstanceUID).map(trimmed).flatMap { $0.isEmpty ? nil : $0 }

        var out: UnsafeMutablePointer<UInt8>?
        var size = 0
        let encoded = data.withHandle { h in rgd_deid_encode(h, &out, &size, &message, message.count) }
        defer { rgd_free(out) }
        guard encoded == RGD_OK, let out else {
            throw .internalFailure(source: source, reason: "cannot encode: " + string(message))
        }
        return Output(bytes: Array(UnsafeBufferPointer(start: out, count: size)), sopInstanceUID: instance)
    }

    private static func set(_ data: DICOMDataSet, _ path: [UInt32], _ value: String) throws(DICOMError) {
        var message = [CChar](repeating: 0, count: 512)
        let status = data.withHandle { h in
            path.withUnsafeBufferPointer { p in
                rgd_deid_set_string(h, p.baseAddress, p.count, value, &message, message.count)
            }
        }
        guard status == RGD_OK else {
            let tag = DICOMTag(UInt16(path.last! >> 16), UInt16(path.last! & 0xFFFF))
            throw .invalidAttribute(source: data.source, attribute: "\(tag)", reason: string(message))
        }
    }

    /// Calls `body` with the outcomes as `rgd_deid_value`s whose strings stay valid during the call.
    private static func withCValues<R>(
        _ outcomes: [DeidentificationProfile.Outcome], _ body: (UnsafeBufferPointer<rgd_deid_value>) -> R
    ) -> R {
        // One NUL-terminated blob holds every string; pointers into it are made once it is final.
        var blob: [CChar] = []
        var offsets: [Int?] = []
        for outcome in outcomes {
            if case .set(let s) = outcome {
                offsets.append(blob.count)
                blob.append(contentsOf: s.utf8.map { CChar(bitPattern: $0) })
                blob.append(0)
            } else {
                offsets.append(nil)
            }
        }
        blob.append(0)
        return blob.withUnsafeBufferPointer { b in
            let values = zip(outcomes, offsets).map { outcome, offset -> rgd_deid_value in
                switch outcome {
                case .set: rgd_deid_value(outcome: RGD_DEID_SET, value: b.baseAddress! + offset!)
                case .empty: rgd_deid_value(outcome: RGD_DEID_SET_EMPTY, value: nil)
                case .remove: rgd_deid_value(outcome: RGD_DEID_SET_REMOVE, value: nil)
                case .dummy: rgd_deid_value(outcome: RGD_DEID_SET_DUMMY, value: nil)
                case .keep: rgd_deid_value(outcome: RGD_DEID_SET_KEEP, value: nil)
                }
            }
            return values.withUnsafeBufferPointer { body($0) }
        }
    }

    private static func string(_ m: [CChar]) -> String {
        String(decoding: m.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

import Foundation

/// Where the archive's index lives. The archive does every piece of cryptography itself and
/// hands the store only what may be stored: keyed hashes for lookups, sealed blobs, and the few
/// fields kept in clear (study dates, modality, FDI tooth numbers, sizes, pseudonymous patient
/// references, random object names). A store never sees a patient identifier, name or UID.
///
/// The embedded store is ``SQLiteIndexStore`` (`ROOT/index.sqlite`). A shared index for a
/// practice with several workstations (PostgreSQL, say) implements this protocol with the same
/// guarantees:
///
/// - ``write(_:)`` runs its body as one transaction, all or nothing, durable when it returns,
///   and serialised with every other write transaction of every process and machine using the
///   index (the audit chain is appended inside them, one entry after the other). Waiting for the
///   lock is the store's business: a busy error must not reach the caller.
/// - ``read(_:)`` sees one consistent, committed state.
/// - Errors thrown by a body pass through unchanged; the store's own errors are any `Error`
///   (the archive reports them as index errors), except the typed ``IndexStoreError`` cases.
public protocol ArchiveIndexStore: Sendable {
    func read<T>(_ body: (any ArchiveIndexReader) throws -> T) throws -> T
    func write<T>(_ body: (any ArchiveIndexWriter) throws -> T) throws -> T
    /// The store's own consistency check (empty: sound).
    func integrityProblems() throws -> [String]
    /// A consistent copy of the whole index, taken while others may write, as an embedded
    /// (``SQLiteIndexStore``) index file at `path`: a backup is then a self-contained archive
    /// that opens and restores without the shared server.
    func backup(toPath path: String) throws
    /// Makes deleted data physically gone where the store keeps old copies (a WAL, free pages).
    func purgeOldVersions() throws
}

/// Reads within a transaction.
public protocol ArchiveIndexReader {
    func meta(_ key: String) throws -> Data?
    func patient(idHash: Data) throws -> IndexPatient?
    func patient(ref: String) throws -> IndexPatient?
    /// Every patient, in the order they were created.
    func allPatients() throws -> [IndexPatient]
    /// The number of instances of every patient that has any.
    func instanceCounts() throws -> [Int64: Int]
    func study(uidHash: Data) throws -> IndexStudy?
    /// The instance whose SOP Instance UID hashes to `sopHash`, with its patient.
    func instance(sopHash: Data) throws -> (instance: IndexInstance, patient: IndexPatient)?
    /// The instances matching every criterion of `query`, with their study and patient, ordered
    /// by study date, study, then ingest order.
    func instances(matching query: IndexQuery) throws -> [IndexMatch]
    /// Every object name the index holds.
    func objectNames() throws -> Set<String>
    /// The patient's sealed rectification records, oldest first.
    func rectifications(patient: Int64) throws -> [Data]
    /// The last audit entry's sequence number and MAC (nil: the trail is empty).
    func lastAuditEntry() throws -> (sequence: Int, mac: Data)?
    func auditEntryCount() throws -> Int
    /// Calls `body` with every audit entry and its stored MAC in sequence order (one patient's
    /// only when `patientRef` is given), without loading the whole trail.
    func forEachAuditEntry(patientRef: String?, _ body: (AuditEntry, Data) throws -> Void) throws
}

/// Writes within a transaction (and reads that see them).
public protocol ArchiveIndexWriter: ArchiveIndexReader {
    func setMeta(_ key: String, _ value: Data) throws
    /// Adds a patient (its `id` is ignored) and returns the id assigned.
    func insertPatient(_ patient: IndexPatient) throws -> Int64
    /// Replaces every field of the patient `patient.id`.
    func updatePatient(_ patient: IndexPatient) throws
    /// The patient's name lookup tokens (keyed hashes), replacing any earlier ones.
    func setNameTokens(patient: Int64, _ tokens: [Data]) throws
    /// Adds a study (its `id` is ignored) and returns the id assigned.
    func insertStudy(_ study: IndexStudy) throws -> Int64
    /// Adds an instance (its `id` is ignored). Throws ``IndexStoreError/duplicateInstance`` when
    /// an instance with the same SOP hash exists (another process may have committed it).
    func insertInstance(_ instance: IndexInstance) throws
    func appendRectification(patient: Int64, time: String, actor: String, sealed: Data) throws
    /// Destroys the patient: their wrapped key overwritten first, then every row of theirs
    /// (instances, studies, name tokens, rectifications, the patient). Audit entries stay.
    func destroyPatient(_ id: Int64) throws
    /// Appends an audit entry with its MAC (the caller chains it to ``lastAuditEntry()``).
    func appendAuditEntry(_ entry: AuditEntry, mac: Data) throws
}

/// Errors a store reports by kind, because the archive acts on them.
public enum IndexStoreError: Error, Sendable, Equatable {
    /// An instance with this SOP hash is already indexed.
    case duplicateInstance
}

/// A patient row. Identifying values are keyed hashes or sealed with the patient's data key.
public struct IndexPatient: Sendable, Hashable {
    public var id: Int64
    /// Random and pseudonymous: what audit entries name.
    public var ref: String
    /// HMAC(index key, patient ID).
    public var idHash: Data
    /// HMAC(index key, birth date).
    public var birthHash: Data?
    /// The patient's data key, wrapped by the master key; zeroed when destroyed.
    public var wrappedKey: Data
    /// ``PatientDemographics`` as JSON, sealed with the patient's key.
    public var demographics: Data
    /// YYYYMMDD.
    public var lastContact: String
    public var restricted: Bool
    public var legalHold: Bool

    public init(
        id: Int64 = 0, ref: String, idHash: Data, birthHash: Data?, wrappedKey: Data, demographics: Data, lastContact: String,
        restricted: Bool = false, legalHold: Bool = false
    ) {
        self.id = id
        self.ref = ref
        self.idHash = idHash
        self.birthHash = birthHash
        self.wrappedKey = wrappedKey
        self.demographics = demographics
        self.lastContact = lastContact
        self.restricted = restricted
        self.legalHold = legalHold
    }
}

/// A study row.
public struct IndexStudy: Sendable, Hashable {
    public var id: Int64
    public var patient: Int64
    /// HMAC(index key, Study Instance UID).
    public var uidHash: Data
    /// YYYYMMDD, in clear for date ranges.
    public var studyDate: String?
    /// Sealed: UID, description, accession number.
    public var details: Data

    public init(id: Int64 = 0, patient: Int64, uidHash: Data, studyDate: String?, details: Data) {
        self.id = id
        self.patient = patient
        self.uidHash = uidHash
        self.studyDate = studyDate
        self.details = details
    }
}

/// An instance row.
public struct IndexInstance: Sendable, Hashable {
    public var id: Int64
    public var study: Int64
    public var patient: Int64
    /// HMAC(index key, SOP Instance UID).
    public var sopHash: Data
    /// HMAC(index key, the DICOM bytes).
    public var contentMAC: Data
    /// The object's random file name under `objects/`.
    public var object: String
    public var size: Int
    public var modality: String?
    /// FDI tooth numbers.
    public var teeth: [Int]
    /// ISO 8601.
    public var ingested: String
    /// Sealed: SOP class and instance UIDs, series UID.
    public var details: Data

    public init(
        id: Int64 = 0, study: Int64, patient: Int64, sopHash: Data, contentMAC: Data, object: String, size: Int, modality: String?,
        teeth: [Int], ingested: String, details: Data
    ) {
        self.id = id
        self.study = study
        self.patient = patient
        self.sopHash = sopHash
        self.contentMAC = contentMAC
        self.object = object
        self.size = size
        self.modality = modality
        self.teeth = teeth
        self.ingested = ingested
        self.details = details
    }
}

/// One instance of a query's answer.
public struct IndexMatch: Sendable, Hashable {
    public var patient: IndexPatient
    public var study: IndexStudy
    public var instance: IndexInstance

    public init(patient: IndexPatient, study: IndexStudy, instance: IndexInstance) {
        self.patient = patient
        self.study = study
        self.instance = instance
    }
}

/// Instance criteria, every one given must match. Identifying criteria arrive hashed.
public struct IndexQuery: Sendable, Hashable {
    public var patient: Int64?
    public var patientIDHash: Data?
    public var birthHash: Data?
    /// Name tokens (keyed hashes): the patient must have every one.
    public var nameTokens: [Data] = []
    public var studyDateFrom: String?
    public var studyDateTo: String?
    public var modality: String?
    public var tooth: Int?
    /// Restricted patients are left out unless this is set.
    public var includeRestricted = false

    public init() {}
}

import Foundation
import GRDB

/// The embedded index: one SQLite database (WAL, `synchronous=FULL`, `secure_delete`), shared by
/// every process using the archive through SQLite's locking. Write transactions are IMMEDIATE
/// (the write lock taken at once, so concurrent writers queue on the busy timeout instead of
/// failing on a lock upgrade).
///
/// Identifying values never appear in clear: patient identifiers, names and birth dates are keyed
/// hashes (for lookups) plus fields sealed with the patient's data key; UIDs are keyed hashes plus
/// sealed values. In clear: study dates (for range queries), modality, FDI tooth numbers, sizes,
/// and the pseudonymous patient reference the audit trail uses.
public final class SQLiteIndexStore: ArchiveIndexStore {
    let queue: DatabaseQueue

    /// Opens (creating when missing) the index at `path`; `create` makes its tables.
    public init(path: String, create: Bool = false) throws {
        var config = Configuration()
        config.busyMode = .timeout(60)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        Self.createPrivately(path)
        queue = try DatabaseQueue(path: path, configuration: config)
        if create { try queue.write { db in try Schema.create(db) } }
    }

    public func read<T>(_ body: (any ArchiveIndexReader) throws -> T) throws -> T {
        try queue.read { db in try body(Transaction(db: db)) }
    }

    public func write<T>(_ body: (any ArchiveIndexWriter) throws -> T) throws -> T {
        try queue.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(Transaction(db: db))
                return .commit
            }
            return result!
        }
    }

    public func integrityProblems() throws -> [String] {
        let lines = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        return lines == ["ok"] ? [] : lines
    }

    public func backup(toPath path: String) throws {
        Self.createPrivately(path)
        let copy = try DatabaseQueue(path: path)
        try queue.backup(to: copy)
        try copy.close()
    }

    public func purgeOldVersions() throws {
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// A missing database file is created empty with mode 0600 first: SQLite then gives its WAL
    /// and shared-memory files the same mode.
    static func createPrivately(_ path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 { Glibc.close(fd) }
    }

    /// Closes the database (the value must not be used after).
    public func close() throws { try queue.close() }
}

extension SQLiteIndexStore {
    /// The reader and writer over one open transaction.
    struct Transaction: ArchiveIndexWriter {
        let db: Database

        func meta(_ key: String) throws -> Data? {
            try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
        }

        func setMeta(_ key: String, _ value: Data) throws {
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: [key, value])
        }

        // MARK: Patients

        static let patientColumns = "p.id, p.ref, p.id_hash, p.birth_hash, p.wrapped_key, p.demographics, p.last_contact, p.restricted, p.legal_hold"

        // Rows are read by position (patientColumns, then matchSQL's): GRDB's lookup by name
        // lower-cases the name on every access, which showed in query profiles.
        static func patient(_ row: Row) -> IndexPatient {
            IndexPatient(
                id: row[0], ref: row[1], idHash: row[2], birthHash: row[3], wrappedKey: row[4], demographics: row[5],
                lastContact: row[6], restricted: (row[7] as Int) != 0, legalHold: (row[8] as Int) != 0)
        }

        func patient(idHash: Data) throws -> IndexPatient? {
            try Row.fetchOne(db, sql: "SELECT \(Self.patientColumns) FROM patients p WHERE id_hash = ?", arguments: [idHash]).map(Self.patient)
        }

        func patient(ref: String) throws -> IndexPatient? {
            try Row.fetchOne(db, sql: "SELECT \(Self.patientColumns) FROM patients p WHERE ref = ?", arguments: [ref]).map(Self.patient)
        }

        func allPatients() throws -> [IndexPatient] {
            try Row.fetchAll(db, sql: "SELECT \(Self.patientColumns) FROM patients p ORDER BY id").map(Self.patient)
        }

        func instanceCounts() throws -> [Int64: Int] {
            var counts: [Int64: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT patient, count(*) AS n FROM instances GROUP BY patient") {
                counts[row["patient"]] = row["n"]
            }
            return counts
        }

        func insertPatient(_ p: IndexPatient) throws -> Int64 {
            try db.execute(
                sql: """
                    INSERT INTO patients(ref, id_hash, birth_hash, wrapped_key, demographics, last_contact, restricted, legal_hold)
                    VALUES (?,?,?,?,?,?,?,?)
                    """,
                arguments: [p.ref, p.idHash, p.birthHash, p.wrappedKey, p.demographics, p.lastContact, p.restricted, p.legalHold])
            return db.lastInsertedRowID
        }

        func updatePatient(_ p: IndexPatient) throws {
            try db.execute(
                sql: """
                    UPDATE patients SET ref = ?, id_hash = ?, birth_hash = ?, wrapped_key = ?, demographics = ?, last_contact = ?,
                                        restricted = ?, legal_hold = ? WHERE id = ?
                    """,
                arguments: [p.ref, p.idHash, p.birthHash, p.wrappedKey, p.demographics, p.lastContact, p.restricted, p.legalHold, p.id])
        }

        func setNameTokens(patient: Int64, _ tokens: [Data]) throws {
            try db.execute(sql: "DELETE FROM patient_names WHERE patient = ?", arguments: [patient])
            for token in tokens {
                try db.execute(sql: "INSERT OR IGNORE INTO patient_names(patient, token) VALUES (?, ?)", arguments: [patient, token])
            }
        }

        func destroyPatient(_ id: Int64) throws {
            // The key goes first (secure_delete overwrites the freed pages).
            try db.execute(sql: "UPDATE patients SET wrapped_key = zeroblob(length(wrapped_key)), demographics = x'' WHERE id = ?", arguments: [id])
            for table in ["instances", "studies", "patient_names", "rectifications"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE patient = ?", arguments: [id])
            }
            try db.execute(sql: "DELETE FROM patients WHERE id = ?", arguments: [id])
        }

        // MARK: Studies and instances

        func study(uidHash: Data) throws -> IndexStudy? {
            try Row.fetchOne(db, sql: "SELECT id, patient, uid_hash, study_date, details FROM studies WHERE uid_hash = ?", arguments: [uidHash])
                .map { IndexStudy(id: $0["id"], patient: $0["patient"], uidHash: $0["uid_hash"], studyDate: $0["study_date"], details: $0["details"]) }
        }

        func insertStudy(_ s: IndexStudy) throws -> Int64 {
            try db.execute(sql: "INSERT INTO studies(patient, uid_hash, study_date, details) VALUES (?,?,?,?)",
                           arguments: [s.patient, s.uidHash, s.studyDate, s.details])
            return db.lastInsertedRowID
        }

        func insertInstance(_ i: IndexInstance) throws {
            do {
                try db.execute(
                    sql: """
                        INSERT INTO instances(study, patient, sop_hash, content_mac, object, size, modality, teeth, ingested, details)
                        VALUES (?,?,?,?,?,?,?,?,?,?)
                        """,
                    arguments: [i.study, i.patient, i.sopHash, i.contentMAC, i.object, i.size, i.modality, Self.teeth(i.teeth), i.ingested,
                                i.details])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
                && error.message?.contains("instances.sop_hash") == true
            {
                throw IndexStoreError.duplicateInstance
            }
        }

        /// Teeth as " 46 47 ": a LIKE '% 46 %' finds one.
        static func teeth(_ teeth: [Int]) -> String { " " + teeth.map(String.init).joined(separator: " ") + " " }

        static let matchSQL = """
            SELECT \(patientColumns),
                   s.id, s.uid_hash, s.study_date, s.details,
                   i.id, i.sop_hash, i.content_mac, i.object, i.size, i.modality, i.teeth, i.ingested, i.details
            FROM instances i JOIN studies s ON s.id = i.study JOIN patients p ON p.id = i.patient
            """

        static func match(_ row: Row) -> IndexMatch {
            let patient = Self.patient(row)
            let study = IndexStudy(id: row[9], patient: patient.id, uidHash: row[10], studyDate: row[11], details: row[12])
            let instance = IndexInstance(
                id: row[13], study: study.id, patient: patient.id, sopHash: row[14], contentMAC: row[15], object: row[16], size: row[17],
                modality: row[18], teeth: (row[19] as String).split(separator: " ").compactMap { Int($0) }, ingested: row[20],
                details: row[21])
            return IndexMatch(patient: patient, study: study, instance: instance)
        }

        func instance(sopHash: Data) throws -> (instance: IndexInstance, patient: IndexPatient)? {
            try Row.fetchOne(db, sql: Self.matchSQL + " WHERE i.sop_hash = ?", arguments: [sopHash]).map(Self.match).map { ($0.instance, $0.patient) }
        }

        func instances(matching q: IndexQuery) throws -> [IndexMatch] {
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let patient = q.patient { conditions.append("p.id = ?"); arguments.append(patient) }
            if let hash = q.patientIDHash { conditions.append("p.id_hash = ?"); arguments.append(hash) }
            if let hash = q.birthHash { conditions.append("p.birth_hash = ?"); arguments.append(hash) }
            for token in q.nameTokens {
                conditions.append("p.id IN (SELECT patient FROM patient_names WHERE token = ?)")
                arguments.append(token)
            }
            if let from = q.studyDateFrom { conditions.append("s.study_date >= ?"); arguments.append(from) }
            if let to = q.studyDateTo { conditions.append("s.study_date <= ?"); arguments.append(to) }
            if let modality = q.modality { conditions.append("i.modality = ?"); arguments.append(modality) }
            if let tooth = q.tooth { conditions.append("i.teeth LIKE ?"); arguments.append("% \(tooth) %") }
            if !q.includeRestricted { conditions.append("p.restricted = 0") }
            let sql = Self.matchSQL + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
                + " ORDER BY s.study_date, s.id, i.id"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(Self.match)
        }

        func objectNames() throws -> Set<String> {
            Set(try String.fetchAll(db, sql: "SELECT object FROM instances"))
        }

        // MARK: Rectifications and audit

        func rectifications(patient: Int64) throws -> [Data] {
            try Data.fetchAll(db, sql: "SELECT change FROM rectifications WHERE patient = ? ORDER BY id", arguments: [patient])
        }

        func appendRectification(patient: Int64, time: String, actor: String, sealed: Data) throws {
            try db.execute(sql: "INSERT INTO rectifications(patient, time, actor, change) VALUES (?,?,?,?)",
                           arguments: [patient, time, actor, sealed])
        }

        func lastAuditEntry() throws -> (sequence: Int, mac: Data)? {
            try Row.fetchOne(db, sql: "SELECT seq, mac FROM audit ORDER BY seq DESC LIMIT 1").map { ($0["seq"], $0["mac"]) }
        }

        func auditEntryCount() throws -> Int {
            try Int.fetchOne(db, sql: "SELECT count(*) FROM audit") ?? 0
        }

        func forEachAuditEntry(patientRef: String?, _ body: (AuditEntry, Data) throws -> Void) throws {
            let cursor = patientRef == nil
                ? try Row.fetchCursor(db, sql: "SELECT * FROM audit ORDER BY seq")
                : try Row.fetchCursor(db, sql: "SELECT * FROM audit WHERE patient_ref = ? ORDER BY seq", arguments: [patientRef])
            while let row = try cursor.next() {
                let entry = AuditEntry(
                    sequence: row["seq"], time: row["time"], actor: row["actor"], role: row["role"], action: row["action"],
                    event: row["event"], patientRef: row["patient_ref"], objects: row["objects"], outcome: row["outcome"],
                    detail: row["detail"])
                try body(entry, row["mac"])
            }
        }

        func appendAuditEntry(_ e: AuditEntry, mac: Data) throws {
            try db.execute(
                sql: "INSERT INTO audit(seq, time, actor, role, action, event, patient_ref, objects, outcome, detail, mac) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                arguments: [e.sequence, e.time, e.actor, e.role, e.action, e.event, e.patientRef, e.objects, e.outcome, e.detail, mac])
        }
    }
}

/// The tables.
enum Schema {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
            CREATE TABLE patients (
                id INTEGER PRIMARY KEY,
                ref TEXT NOT NULL UNIQUE,            -- random, pseudonymous: what audit entries name
                id_hash BLOB NOT NULL UNIQUE,        -- HMAC(index key, patient id)
                birth_hash BLOB,                     -- HMAC(index key, birth date)
                wrapped_key BLOB NOT NULL,           -- the patient's data key, sealed by the master key
                demographics BLOB NOT NULL,          -- JSON sealed with the patient's key
                last_contact TEXT NOT NULL,          -- YYYYMMDD
                restricted INTEGER NOT NULL DEFAULT 0,
                legal_hold INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE patient_names (patient INTEGER NOT NULL REFERENCES patients(id), token BLOB NOT NULL,
                                        PRIMARY KEY (patient, token));
            CREATE INDEX patient_names_token ON patient_names(token);
            CREATE TABLE studies (
                id INTEGER PRIMARY KEY,
                patient INTEGER NOT NULL REFERENCES patients(id),
                uid_hash BLOB NOT NULL UNIQUE,
                study_date TEXT,                     -- YYYYMMDD, for date ranges
                details BLOB NOT NULL                -- sealed: UID, description, accession
            );
            CREATE INDEX studies_patient ON studies(patient);
            CREATE INDEX studies_date ON studies(study_date);
            CREATE TABLE instances (
                id INTEGER PRIMARY KEY,
                study INTEGER NOT NULL REFERENCES studies(id),
                patient INTEGER NOT NULL REFERENCES patients(id),
                sop_hash BLOB NOT NULL UNIQUE,
                content_mac BLOB NOT NULL,           -- HMAC(index key, the DICOM bytes)
                object TEXT NOT NULL UNIQUE,         -- random file name under objects/
                size INTEGER NOT NULL,
                modality TEXT,
                teeth TEXT NOT NULL,                 -- " 46 47 " (FDI), for tooth queries
                ingested TEXT NOT NULL,
                details BLOB NOT NULL                -- sealed: SOP class and instance, series UID
            );
            CREATE INDEX instances_patient ON instances(patient);
            CREATE INDEX instances_study ON instances(study);
            CREATE TABLE audit (
                seq INTEGER PRIMARY KEY,
                time TEXT NOT NULL,
                actor TEXT NOT NULL,
                role TEXT NOT NULL,
                action TEXT NOT NULL,
                event TEXT NOT NULL,                 -- DICOM audit event code (PS3.15 A.5.3)
                patient_ref TEXT,
                objects TEXT NOT NULL,
                outcome TEXT NOT NULL,
                detail TEXT NOT NULL,
                mac BLOB NOT NULL                    -- HMAC(audit key, previous mac ‖ this entry)
            );
            CREATE INDEX audit_patient ON audit(patient_ref);
            CREATE TABLE rectifications (
                id INTEGER PRIMARY KEY,
                patient INTEGER NOT NULL REFERENCES patients(id),
                time TEXT NOT NULL,
                actor TEXT NOT NULL,
                change BLOB NOT NULL                 -- sealed JSON: before, after, reason
            );
            """)
    }
}

import GRDB

/// The index. Identifying values never appear in clear: patient identifiers, names and birth
/// dates are keyed hashes (for lookups) plus fields sealed with the patient's data key; UIDs are
/// keyed hashes plus sealed values. In clear: study dates (for range queries), modality, FDI
/// tooth numbers, sizes, and the pseudonymous patient reference the audit trail uses.
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

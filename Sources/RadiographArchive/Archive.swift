import Crypto
import Foundation
import Synchronization
import RadiographDICOM

/// A patient-indexed archive under one root: an index (by default ``SQLiteIndexStore``,
/// `index.sqlite`, WAL, `synchronous=FULL`) and an object store (`objects/`), every object AES-256-GCM encrypted with
/// its patient's data key, every identifying index field encrypted or reduced to a keyed hash,
/// every operation appended to a tamper-evident audit trail in the same transaction.
///
/// Several processes may use one archive at once (SQLite's locking, immediate transactions, a
/// busy timeout). An `Archive` value is thread-safe.
public final class Archive: Sendable {
    public let root: String
    let index: any ArchiveIndexStore
    let master: MasterKey
    let lookup: LookupHasher
    let auditKey: SymmetricKey
    /// A shared `flock` on `ROOT/.lock` for this value's lifetime: every process using the
    /// archive holds one, so a process that can take it exclusively knows no ingest is in flight.
    let lockDescriptor: Int32
    /// Ingests of this value in flight (between writing their object and committing its row);
    /// orphan collection holds this lock, so it never runs beside one.
    let ingestsInFlight = Mutex<Int>(0)

    static let format = "radiograph-archive 1"

    var indexPath: String { root + "/index.sqlite" }
    var objectsPath: String { root + "/objects" }
    var temporaryPath: String { root + "/tmp" }

    /// Creates an archive at `root` (an empty or missing folder) with the master key in `keyFile`,
    /// creating the key file when it does not exist.
    @discardableResult
    public static func create(root: String, keyFile: String, actor: Actor) throws(ArchiveError) -> Archive {
        try create(root: root, key: .file(keyFile), actor: actor)
    }

    /// Creates an archive at `root` whose master key comes from `key`: a key file (created when
    /// missing) or a passphrase (scrypt with a random salt kept in `ROOT/kdf.json`).
    @discardableResult
    public static func create(root: String, key: KeySource, actor: Actor) throws(ArchiveError) -> Archive {
        try create(root: root, key: key, index: nil, actor: actor)
    }

    /// Creates an archive whose objects live under `root` and whose index is `index`, a store
    /// with no archive in it yet (a shared database, say); see ``ArchiveIndexStore``.
    @discardableResult
    public static func create(root: String, key: KeySource, index: any ArchiveIndexStore, actor: Actor) throws(ArchiveError) -> Archive {
        try create(root: root, key: key, index: .some(index), actor: actor)
    }

    static func create(root: String, key: KeySource, index given: (any ArchiveIndexStore)?, actor: Actor) throws(ArchiveError) -> Archive {
        guard Permissions.allows(actor.role, .initialize) else { throw .forbidden(actor: actor.name, role: actor.role, action: "create an archive") }
        let fm = FileManager.default
        if fm.fileExists(atPath: root) {
            let contents = (try? fm.contentsOfDirectory(atPath: root)) ?? ["?"]
            guard contents.isEmpty else { throw .archive(root: root, reason: "not empty: an archive is created in an empty or new folder") }
        }
        for folder in [root, root + "/objects", root + "/tmp"] {
            do { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) } catch {
                throw .io(path: folder, operation: "create the folder", reason: "\(error.localizedDescription)")
            }
        }
        let master: MasterKey
        switch key {
        case .file(let keyFile):
            master = fm.fileExists(atPath: keyFile) ? try MasterKey.load(path: keyFile) : try MasterKey.create(path: keyFile)
        case .passphrase(let passphrase):
            master = try MasterKey.fromPassphrase(passphrase, root: root, create: true)
        }
        let index: any ArchiveIndexStore
        if let given { index = given } else { index = try openIndex(root + "/index.sqlite", create: true) }
        let indexKey = SymmetricKey(size: .bits256), auditKey = SymmetricKey(size: .bits256)
        let wrappedIndex = try master.wrap(indexKey, context: "secret:index")
        let wrappedAudit = try master.wrap(auditKey, context: "secret:audit")
        do {
            try index.write { index in
                guard try index.meta("format") == nil else {
                    throw ArchiveError.archive(root: root, reason: "the index already holds an archive")
                }
                try index.setMeta("format", Data(format.utf8))
                try index.setMeta("secret.index", wrappedIndex)
                try index.setMeta("secret.audit", wrappedAudit)
            }
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw .index(reason: "cannot create the index: \(error)")
        }
        let archive = Archive(root: root, index: index, master: master, indexKey: indexKey, auditKey: auditKey)
        try archive.audit(actor, .initialize, outcome: .success, detail: "archive created")
        return archive
    }

    /// Opens the archive at `root` with the master key in `keyFile`. Collects what a crash left
    /// behind (``collectOrphans()``).
    public static func open(root: String, keyFile: String) throws(ArchiveError) -> Archive {
        try open(root: root, key: .file(keyFile))
    }

    /// Opens the archive at `root` with the master key from `key`.
    public static func open(root: String, key: KeySource) throws(ArchiveError) -> Archive {
        try open(root: root, key: key, index: nil)
    }

    /// Opens the archive whose objects live under `root` and whose index is `index`.
    public static func open(root: String, key: KeySource, index: any ArchiveIndexStore) throws(ArchiveError) -> Archive {
        try open(root: root, key: key, index: .some(index))
    }

    static func open(root: String, key: KeySource, index given: (any ArchiveIndexStore)?) throws(ArchiveError) -> Archive {
        guard given != nil || FileManager.default.fileExists(atPath: root + "/index.sqlite") else {
            throw .archive(root: root, reason: "not an archive (no index.sqlite): create one with `radiograph archive init`")
        }
        // Every operation writes (its audit entry at least): a root that cannot be written is
        // refused up front, with the system's reason (a read-only file system, permissions).
        guard access(root, W_OK) == 0, given != nil || access(root + "/index.sqlite", W_OK) == 0 else {
            throw .archive(root: root, reason: "cannot be written (\(String(cString: strerror(errno)))): every operation, "
                + "reads included, records itself in the audit trail, so nothing is done")
        }
        let master: MasterKey
        let keyName: String
        switch key {
        case .file(let keyFile):
            master = try MasterKey.load(path: keyFile)
            keyName = keyFile
        case .passphrase(let passphrase):
            master = try MasterKey.fromPassphrase(passphrase, root: root, create: false)
            keyName = "passphrase"
        }
        let index: any ArchiveIndexStore
        if let given { index = given } else { index = try openIndex(root + "/index.sqlite") }
        let archive = try open(root: root, index: index, master: master, keyName: keyName)
        archive.collectOrphans()
        return archive
    }

    /// The archive whose index is `index` and whose master key is `master`: the format and the
    /// wrapped secrets are read from the index and unwrapped (`keyName` names the key in errors).
    static func open(root: String, index: any ArchiveIndexStore, master: MasterKey, keyName: String) throws(ArchiveError) -> Archive {
        let (format, wrappedIndex, wrappedAudit): (Data?, Data?, Data?)
        do {
            (format, wrappedIndex, wrappedAudit) = try index.read { index in
                (try index.meta("format"), try index.meta("secret.index"), try index.meta("secret.audit"))
            }
        } catch {
            throw .index(reason: "cannot read the index: \(error)")
        }
        guard format == Data(Self.format.utf8), let wrappedIndex, let wrappedAudit else {
            throw .archive(root: root, reason: "unknown archive format")
        }
        let indexKey: SymmetricKey, auditKey: SymmetricKey
        do {
            indexKey = try master.unwrap(wrappedIndex, context: "secret:index")
            auditKey = try master.unwrap(wrappedAudit, context: "secret:audit")
        } catch {
            throw .key(path: keyName, reason: "not this archive's key")
        }
        return Archive(root: root, index: index, master: master, indexKey: indexKey, auditKey: auditKey)
    }

    init(root: String, index: any ArchiveIndexStore, master: MasterKey, indexKey: SymmetricKey, auditKey: SymmetricKey) {
        self.root = root
        self.index = index
        self.master = master
        self.lookup = LookupHasher(key: indexKey)
        self.auditKey = auditKey
        lockDescriptor = Glibc.open(root + "/.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if lockDescriptor >= 0 { _ = flock(lockDescriptor, LOCK_SH) }
    }

    deinit {
        if lockDescriptor >= 0 { close(lockDescriptor) }
    }

    /// Runs `body` with `true` when no other process has the archive open (this one's shared
    /// lock upgraded to exclusive for the time of `body`), `false` otherwise.
    func whileAlone<T>(_ body: (Bool) -> T) -> T {
        ingestsInFlight.withLock { inFlight in
            guard inFlight == 0, lockDescriptor >= 0 else { return body(false) }
            guard flock(lockDescriptor, LOCK_EX | LOCK_NB) == 0 else {
                // A failed conversion may have dropped the shared lock (flock(2): conversions are
                // not atomic): take it again before going on.
                _ = flock(lockDescriptor, LOCK_SH)
                return body(false)
            }
            defer { _ = flock(lockDescriptor, LOCK_SH) }
            return body(true)
        }
    }

    /// The embedded index at `path`.
    static func openIndex(_ path: String, create: Bool = false) throws(ArchiveError) -> any ArchiveIndexStore {
        do {
            return try SQLiteIndexStore(path: path, create: create)
        } catch {
            throw .index(reason: "cannot open \(path): \(error)")
        }
    }

    /// Runs `body` in one write transaction of the index (serialised with every other writer).
    func write<T>(_ body: (any ArchiveIndexWriter) throws -> T) throws(ArchiveError) -> T {
        do {
            return try index.write(body)
        } catch {
            throw Self.indexError(error)
        }
    }

    /// Runs `body` on a consistent state of the index.
    func read<T>(_ body: (any ArchiveIndexReader) throws -> T) throws(ArchiveError) -> T {
        do {
            return try index.read(body)
        } catch {
            throw Self.indexError(error)
        }
    }

    static func indexError(_ error: any Error) -> ArchiveError {
        (error as? ArchiveError) ?? .index(reason: "\(error)")
    }

    func require(_ actor: Actor, _ action: ArchiveAction, _ what: String, patientRef: String? = nil) throws(ArchiveError) {
        guard Permissions.allows(actor.role, action) else {
            // Refusals are recorded too; if even that fails, the refusal stands.
            try? audit(actor, action, outcome: .refused, patientRef: patientRef, detail: "not permitted for the role")
            throw .forbidden(actor: actor.name, role: actor.role, action: what)
        }
    }

    // MARK: - Objects on disk

    func objectPath(_ name: String) -> String { objectsPath + "/" + name.prefix(2) + "/" + name }

    /// Writes `bytes` to `objects/xx/name`: a temporary file in `tmp/`, fsync, into place, fsync
    /// of the folder.
    func storeObject(_ bytes: Data, name: String) throws(ArchiveError) {
        let folder = objectsPath + "/" + name.prefix(2)
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try DurableFile.archive(bytes, to: objectPath(name), temporaryFolder: temporaryPath)
    }

    func loadObject(_ name: String) throws(ArchiveError) -> Data {
        guard let data = FileManager.default.contents(atPath: objectPath(name)) else {
            throw .integrity(reason: "object \(name) is missing")
        }
        return data
    }

    /// Removes what interrupted ingests left: temporary files, and object files no index row
    /// names. All of them when no other process has the archive open; otherwise only those older
    /// than 15 minutes (a younger one may be another process's ingest in flight).
    func collectOrphans() {
        whileAlone { alone in _ = collectOrphans(olderThan: alone ? -1 : 15 * 60) }
    }

    @discardableResult
    func collectOrphans(olderThan seconds: TimeInterval) -> Int {
        var removed = 0
        let fm = FileManager.default
        let cutoff = Date().addingTimeInterval(-seconds)
        func old(_ path: String) -> Bool {
            ((try? fm.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()) < cutoff
        }
        for name in (try? fm.contentsOfDirectory(atPath: temporaryPath)) ?? [] where old(temporaryPath + "/" + name) {
            if unlink(temporaryPath + "/" + name) == 0 { removed += 1 }
        }
        guard let known = try? read({ index in try index.objectNames() }) else { return removed }
        for folder in (try? fm.contentsOfDirectory(atPath: objectsPath)) ?? [] {
            for name in (try? fm.contentsOfDirectory(atPath: objectsPath + "/" + folder)) ?? [] where !known.contains(name) {
                let path = objectsPath + "/" + folder + "/" + name
                if old(path), unlink(path) == 0 { removed += 1 }
            }
        }
        return removed
    }
}

extension ArchiveError {
    /// A durable write's failure.
    init(_ failure: DurableFile.Failure) {
        switch failure {
        case .exists(let path): self = .io(path: path, operation: "create", reason: "a file of that name exists")
        case .failed(let path, let operation, let reason): self = .io(path: path, operation: operation, reason: reason)
        }
    }
}

extension DurableFile {
    /// ``write(_:to:replacing:permissions:temporaryFolder:)`` for archive files: mode 0600, errors as ``ArchiveError``.
    static func archive(_ data: Data, to path: String, replacing: Bool = false, temporaryFolder: String? = nil) throws(ArchiveError) {
        do { try write(data, to: path, replacing: replacing, permissions: 0o600, temporaryFolder: temporaryFolder) } catch {
            throw ArchiveError(error)
        }
    }
}

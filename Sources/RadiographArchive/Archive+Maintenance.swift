import Crypto
import Foundation
import RadiographDICOM

extension Archive {
    /// Rewraps the archive's secrets and every patient's key under a new master key (created at
    /// `newKeyFile`, mode 0600, when it does not exist), in one transaction: no image is
    /// re-encrypted. Returns the archive opened with the new key; the old key no longer opens
    /// it (destroy the old key file, and keep the new one apart from the backups).
    public func rotateKey(newKeyFile: String, actor: Actor) throws(ArchiveError) -> Archive {
        try require(actor, .rotateKey, "rotate the master key")
        let fresh = FileManager.default.fileExists(atPath: newKeyFile) ? try MasterKey.load(path: newKeyFile) : try MasterKey.create(path: newKeyFile)
        let master = self.master
        try write { index in
            for name in ["secret.index", "secret.audit"] {
                guard let wrapped = try index.meta(name) else {
                    throw ArchiveError.archive(root: self.root, reason: "the index has no \(name)")
                }
                let context = name == "secret.index" ? "secret:index" : "secret:audit"
                let secret = try master.unwrap(wrapped, context: context)
                try index.setMeta(name, try fresh.wrap(secret, context: context))
            }
            let patients = try index.allPatients()
            for var p in patients {
                let key = try master.unwrap(p.wrappedKey, context: "patient:" + p.ref)
                p.wrappedKey = try fresh.wrap(key, context: "patient:" + p.ref)
                try index.updatePatient(p)
            }
            try self.appendAudit(index, actor, .rotateKey, outcome: .success, detail: "master key rotated: \(patients.count) patient keys rewrapped")
        }
        // Old copies of the pages (the keys wrapped by the old master key) leave the WAL too.
        try? index.purgeOldVersions()
        return try Archive.open(root: root, keyFile: newKeyFile)
    }

    /// An online backup into `destination` (an empty or missing folder, or an earlier backup of
    /// this archive): the index through SQLite's backup API (consistent while others write), then
    /// the objects it names, copied unless already there with the same size, flushed. The
    /// backup holds the wrapped keys, not the master key. It is verified before this returns.
    public func backup(to destination: String, actor: Actor) throws(ArchiveError) -> VerificationReport {
        try require(actor, .backup, "back up the archive")
        let (objects, copied) = try copy(to: destination)
        try audit(actor, .backup, outcome: .success, objects: [], detail: "backup: \(objects) objects, \(copied) copied")
        let copy = try Archive.openWithKey(root: destination, master: master)
        return try copy.verify(actor: actor)
    }

    /// Copies the index (backup API) and the objects it names into `destination`.
    func copy(to destination: String) throws(ArchiveError) -> (objects: Int, copied: Int) {
        let fm = FileManager.default
        for folder in [destination, destination + "/objects", destination + "/tmp"] {
            do { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) } catch {
                throw .io(path: folder, operation: "create the folder", reason: error.localizedDescription)
            }
        }
        let target = destination + "/index.sqlite"
        let staging = destination + "/tmp/index.sqlite.partial"
        unlink(staging)
        do {
            try index.backup(toPath: staging)
        } catch {
            throw .io(path: staging, operation: "back up the index", reason: "\(error)")
        }
        let objects = try Self.objects(inIndex: staging)
        var copied = 0
        for object in objects {
            let from = objectPath(object)
            let folder = destination + "/objects/" + object.prefix(2)
            let to = folder + "/" + object
            let size = (try? fm.attributesOfItem(atPath: from)[.size] as? Int) ?? -1
            if let existing = try? fm.attributesOfItem(atPath: to)[.size] as? Int, existing == size { continue }
            try? fm.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try DurableFile.archive(try loadObject(object), to: to, replacing: true, temporaryFolder: destination + "/tmp")
            copied += 1
        }
        // The passphrase's scrypt parameters (not secret) travel with the backup.
        if let kdf = FileManager.default.contents(atPath: root + "/kdf.json") {
            try DurableFile.archive(kdf, to: destination + "/kdf.json", replacing: true)
        }
        // The index last, so a backup interrupted midway still opens on its previous index.
        unlink(target + "-wal")
        unlink(target + "-shm")
        guard rename(staging, target) == 0 else { throw .io(path: target, operation: "move into place", reason: String(cString: strerror(errno))) }
        do { try DurableFile.syncFolder(destination) } catch { throw ArchiveError(error) }
        return (objects.count, copied)
    }

    /// Restores the backup at `backup` into `root` (empty or missing), then verifies it; the
    /// restore is audited in the restored archive.
    public static func restore(backup: String, to root: String, keyFile: String, actor: Actor) throws(ArchiveError) -> VerificationReport {
        try restore(backup: backup, to: root, key: .file(keyFile), actor: actor)
    }

    /// Restores with the master key from `key` (a passphrase archive's backup carries its `kdf.json`).
    public static func restore(backup: String, to root: String, key: KeySource, actor: Actor) throws(ArchiveError) -> VerificationReport {
        guard Permissions.allows(actor.role, .restore) else { throw .forbidden(actor: actor.name, role: actor.role, action: "restore an archive") }
        let source = try Archive.open(root: backup, key: key)
        if FileManager.default.fileExists(atPath: root), !((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? ["?"]).isEmpty {
            throw .archive(root: root, reason: "not empty: restore into an empty or new folder")
        }
        _ = try source.copy(to: root)  // the backup itself is left as it was
        let restored = try Archive.open(root: root, key: key)
        try restored.audit(actor, .restore, outcome: .success, detail: "restored from a backup")
        return try restored.verify(actor: actor)
    }

    static func openWithKey(root: String, master: MasterKey) throws(ArchiveError) -> Archive {
        try open(root: root, index: try openIndex(root + "/index.sqlite"), master: master, keyName: "the archive's key")
    }

    static func objects(inIndex path: String) throws(ArchiveError) -> [String] {
        do {
            let store = try SQLiteIndexStore(path: path)
            defer { try? store.close() }
            return Array(try store.read { index in try index.objectNames() })
        } catch {
            throw .index(reason: "\(error)")
        }
    }
}

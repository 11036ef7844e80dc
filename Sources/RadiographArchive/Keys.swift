import Crypto
import Foundation

/// The master key: 32 random bytes in a file only its owner can read (mode 0600). It never
/// encrypts data itself: it wraps the archive's secrets and each patient's data key, so rotating
/// it rewraps a few hundred bytes per patient and re-encrypts no image.
public struct MasterKey: Sendable {
    let key: SymmetricKey

    init(_ key: SymmetricKey) { self.key = key }

    /// Reads the key file at `path`: exactly 32 bytes, not readable or writable by group or others.
    public static func load(path: String) throws(ArchiveError) -> MasterKey {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .key(path: path, reason: errno == ENOENT ? "not found" : String(cString: strerror(errno)))
        }
        guard info.st_mode & 0o077 == 0 else {
            throw .key(path: path, reason: "readable by others (mode \(String(info.st_mode & 0o777, radix: 8))): chmod 600 it")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw .key(path: path, reason: "unreadable") }
        guard data.count == 32 else { throw .key(path: path, reason: "\(data.count) bytes, not 32") }
        return MasterKey(SymmetricKey(data: data))
    }

    /// Creates a new random key file at `path` (mode 0600); refuses to replace an existing file.
    @discardableResult
    public static func create(path: String) throws(ArchiveError) -> MasterKey {
        let key = SymmetricKey(size: .bits256)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw .key(path: path, reason: errno == EEXIST ? "already exists" : String(cString: strerror(errno)))
        }
        defer { close(fd) }
        let bytes = key.withUnsafeBytes { Array($0) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == 32, fsync(fd) == 0 else { throw .key(path: path, reason: "cannot write: \(String(cString: strerror(errno)))") }
        return MasterKey(key)
    }

    /// `secret` sealed under this key (AES-256-GCM), bound to `context`.
    func wrap(_ secret: SymmetricKey, context: String) throws(ArchiveError) -> Data {
        try Seal.seal(secret.withUnsafeBytes { Data($0) }, key: key, context: context)
    }

    func unwrap(_ wrapped: Data, context: String) throws(ArchiveError) -> SymmetricKey {
        SymmetricKey(data: try Seal.open(wrapped, key: key, context: context))
    }
}

/// AES-256-GCM with a random nonce; the output is nonce ‖ ciphertext ‖ tag. `context` is the
/// authenticated data: a sealed value only opens where it was sealed for (an object's name, a
/// patient's reference), so swapping two values in the index is detected.
enum Seal {
    static func seal(_ plaintext: Data, key: SymmetricKey, context: String) throws(ArchiveError) -> Data {
        do {
            guard let combined = try AES.GCM.seal(plaintext, using: key, authenticating: Data(context.utf8)).combined else {
                throw ArchiveError.integrity(reason: "AES-GCM gave no combined output")
            }
            return combined
        } catch let e as ArchiveError {
            throw e
        } catch {
            throw .integrity(reason: "cannot encrypt: \(error)")
        }
    }

    static func open(_ sealed: Data, key: SymmetricKey, context: String) throws(ArchiveError) -> Data {
        do {
            return try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: key, authenticating: Data(context.utf8))
        } catch {
            throw .integrity(reason: "a sealed value does not open (wrong key, or altered)")
        }
    }
}

/// Keyed hashes for lookups: the index finds a patient by `HMAC(indexKey, "patient-id:" + id)`,
/// never by the identifier itself.
struct LookupHasher: Sendable {
    let key: SymmetricKey

    func hash(_ kind: String, _ value: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data((kind + ":" + value).utf8), using: key))
    }

    func hash(bytes: Data) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: bytes, using: key))
    }

    /// A name's tokens for accent- and case-insensitive lookup: DICOM PN components and words,
    /// folded (é → e, ß → ss), lowercased, each hashed.
    func nameTokens(_ name: String) -> [Data] {
        Set(Self.tokens(name)).sorted().map { hash("name", $0) }
    }

    static func tokens(_ name: String) -> [String] {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .lowercased()
        return folded.split { !$0.isLetter && !$0.isNumber }.map(String.init).filter { !$0.isEmpty }
    }
}

import Crypto
import Foundation
import RadiographDICOM
import _CryptoExtras

/// Where the master key comes from: a key file (32 random bytes, mode 0600), or a passphrase
/// stretched by scrypt with the archive's salt (`ROOT/kdf.json`, not secret).
public enum KeySource: Sendable {
    case file(String)
    case passphrase(String)
}

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

    /// Creates a new random key file at `path` (mode 0600), durably and whole (never a partial
    /// key left behind); refuses to replace an existing file.
    @discardableResult
    public static func create(path: String) throws(ArchiveError) -> MasterKey {
        let key = SymmetricKey(size: .bits256)
        do {
            try DurableFile.write(key.withUnsafeBytes { Array($0) }, to: path, replacing: false, permissions: 0o600)
        } catch {
            switch error {
            case .exists: throw .key(path: path, reason: "already exists")
            case .failed(_, let operation, let reason): throw .key(path: path, reason: "cannot \(operation): \(reason)")
            }
        }
        return MasterKey(key)
    }

    /// scrypt parameters: N = 2^15, r = 8, p = 1 (32 MiB, ~0.1 s here): the cost of a guess.
    static let scryptRounds = 1 << 15

    struct KDFParameters: Codable {
        var kdf = "scrypt"
        var rounds: Int
        var blockSize = 8
        var parallelism = 1
        var salt: String
    }

    /// The master key a passphrase gives for the archive at `root`: its `kdf.json` is created
    /// (random salt) when `create` is true, else read.
    static func fromPassphrase(_ passphrase: String, root: String, create: Bool) throws(ArchiveError) -> MasterKey {
        guard passphrase.count >= 12 else {
            throw .key(path: "passphrase", reason: "at least 12 characters (a sentence is better)")
        }
        let path = root + "/kdf.json"
        let parameters: KDFParameters
        if create {
            let salt = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
            parameters = KDFParameters(rounds: scryptRounds, salt: salt)
            let data = (try? JSONEncoder().encode(parameters)) ?? Data()
            try DurableFile.archive(data, to: path)
        } else {
            guard let data = FileManager.default.contents(atPath: path),
                let p = try? JSONDecoder().decode(KDFParameters.self, from: data), p.kdf == "scrypt",
                (1 << 10...1 << 20).contains(p.rounds), p.salt.count == 32
            else { throw .key(path: path, reason: "this archive has no passphrase parameters: open it with its key file") }
            parameters = p
        }
        let salt = stride(from: 0, to: parameters.salt.count, by: 2).compactMap { i -> UInt8? in
            let start = parameters.salt.index(parameters.salt.startIndex, offsetBy: i)
            return UInt8(parameters.salt[start..<parameters.salt.index(start, offsetBy: 2)], radix: 16)
        }
        do {
            return MasterKey(try KDF.Scrypt.deriveKey(
                from: Data(passphrase.utf8), salt: salt, outputByteCount: 32, rounds: parameters.rounds,
                blockSize: parameters.blockSize, parallelism: parameters.parallelism))
        } catch {
            throw .key(path: "passphrase", reason: "scrypt failed: \(error)")
        }
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

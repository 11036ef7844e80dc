import RadiographDICOM

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a reader sees either the old state or the whole new file, never a part:
/// a temporary file in the same folder, `fsync`, then `link` (no overwrite) or `rename`
/// (overwrite), then `fsync` of the folder. The temporary file is removed on every failure.
/// (The package's one durable write, shared with the archive and presentation states.)
public enum AtomicFile {
    /// Writes `bytes` to `path`.
    ///
    /// - Parameter overwrite: replace an existing file; otherwise an existing file is an error
    ///   (``RadiographError/outputExists(path:)``) and stays untouched.
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(RadiographError) {
        do { try DurableFile.write(bytes, to: path, replacing: overwrite) } catch {
            switch error {
            case .exists(let path): throw .outputExists(path: path)
            case .failed(let path, let operation, let reason): throw .io(path: path, operation: operation, reason: reason)
            }
        }
    }

    /// Whether something exists at `path`.
    public static func exists(_ path: String) -> Bool { DurableFile.exists(path) }

    /// Whether `a` and `b` name the same existing file (same device and inode).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat()
        var sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    /// Creates `path` and its parents as folders (like `mkdir -p`).
    public static func createFolder(_ path: String) throws(RadiographError) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw .io(path: path, operation: "create folder", reason: errnoText())
            }
        }
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
            throw .io(path: path, operation: "create folder", reason: "a file of that name exists")
        }
    }

    static func parentFolder(of path: String) -> String { DurableFile.parentFolder(of: path) }
}

func errnoText() -> String { String(cString: strerror(errno)) }

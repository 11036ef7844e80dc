#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a reader sees either the old state or the whole new file, never a part:
/// a temporary file in the same folder, `fsync`, then `link` (no overwrite) or `rename`
/// (overwrite), then `fsync` of the folder. The temporary file is removed on every failure.
public enum AtomicFile {
    /// Writes `bytes` to `path`.
    ///
    /// - Parameter overwrite: replace an existing file; otherwise an existing file is an error
    ///   (``RadiographError/outputExists(path:)``) and stays untouched.
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(RadiographError) {
        let folder = parentFolder(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if !overwrite && exists(path) { throw .outputExists(path: path) }
        let temporary = folder + "/." + name + ".partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: path, operation: "create a file in \(folder)", reason: errnoText()) }
        var ok = false
        defer { if !ok { unlink(temporary) } }
        do {
            defer { close(fd) }
            let failure: Int32? = bytes.withUnsafeBytes { raw in
                var written = 0
                while written < raw.count {
                    let n = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
                    if n < 0 {
                        if errno == EINTR { continue }
                        return errno
                    }
                    written += n
                }
                return nil
            }
            if let failure { throw .io(path: path, operation: "write", reason: String(cString: strerror(failure))) }
            guard fsync(fd) == 0 else { throw .io(path: path, operation: "flush (fsync)", reason: errnoText()) }
        }
        if overwrite {
            guard rename(temporary, path) == 0 else { throw .io(path: path, operation: "rename into place", reason: errnoText()) }
        } else {
            // link() fails with EEXIST instead of replacing a file that appeared meanwhile.
            if link(temporary, path) != 0 {
                let code = errno
                if code == EEXIST { throw .outputExists(path: path) }
                if code == EPERM || code == ENOTSUP || code == EXDEV {
                    // No hard links here (some network and FAT file systems): check, then rename.
                    if exists(path) { throw .outputExists(path: path) }
                    guard rename(temporary, path) == 0 else {
                        throw .io(path: path, operation: "rename into place", reason: errnoText())
                    }
                } else {
                    throw .io(path: path, operation: "link into place", reason: String(cString: strerror(code)))
                }
            } else {
                unlink(temporary)
            }
        }
        ok = true
        syncFolder(folder)
    }

    /// Whether something exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

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

    static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            _ = fsync(fd)
            close(fd)
        }
    }
}

func errnoText() -> String { String(cString: strerror(errno)) }

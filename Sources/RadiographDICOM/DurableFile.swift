import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way this package writes a file that must survive a crash whole or not at all: a
/// temporary file (beside the target, or in a given folder on the same file system), written,
/// `fsync`ed, then moved into place — `rename` when it may replace a file, `link` when it must
/// not (an existing file is then never touched, even one that appeared meanwhile) — and the
/// target's folder `fsync`ed so the name survives too. The temporary file is removed on every
/// failure. Each module maps ``Failure`` to its own error type.
package enum DurableFile {
    package enum Failure: Error, Sendable, Equatable {
        /// `replacing` was false and something exists at `path`.
        case exists(path: String)
        /// `operation` ("create a file in …", "write", "flush (fsync)", …) failed with the system's `reason`.
        case failed(path: String, operation: String, reason: String)
    }

    /// Writes `bytes` to `path`.
    ///
    /// - Parameters:
    ///   - replacing: replace an existing file (`rename`); otherwise an existing one is
    ///     ``Failure/exists(path:)`` and stays as it was.
    ///   - permissions: the new file's mode (0600 for anything holding patient data at rest).
    ///   - temporaryFolder: where the temporary file goes (default: the target's folder).
    package static func write(
        _ bytes: some ContiguousBytes, to path: String, replacing: Bool, permissions: mode_t = 0o644,
        temporaryFolder: String? = nil
    ) throws(Failure) {
        let folder = parentFolder(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if !replacing && exists(path) { throw .exists(path: path) }
        let temporary = (temporaryFolder ?? folder) + "/." + name + ".partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw .failed(path: path, operation: "create a file in \(temporaryFolder ?? folder)", reason: errnoText()) }
        var done = false
        defer { if !done { unlink(temporary) } }
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
            if let failure { throw .failed(path: path, operation: "write", reason: String(cString: strerror(failure))) }
            guard fsync(fd) == 0 else { throw .failed(path: path, operation: "flush (fsync)", reason: errnoText()) }
        }
        if replacing {
            guard rename(temporary, path) == 0 else { throw .failed(path: path, operation: "rename into place", reason: errnoText()) }
        } else if link(temporary, path) == 0 {
            unlink(temporary)
        } else {
            let code = errno
            if code == EEXIST { throw .exists(path: path) }
            guard code == EPERM || code == ENOTSUP || code == EXDEV else {
                throw .failed(path: path, operation: "link into place", reason: String(cString: strerror(code)))
            }
            // No hard links here (some network and FAT file systems): check, then rename.
            if exists(path) { throw .exists(path: path) }
            guard rename(temporary, path) == 0 else { throw .failed(path: path, operation: "rename into place", reason: errnoText()) }
        }
        done = true
        try syncFolder(folder)
    }

    /// Flushes a file something else wrote (DCMTK's DICOMDIR, say) and its folder; returns its size.
    @discardableResult
    package static func flush(_ path: String) throws(Failure) -> Int {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .failed(path: path, operation: "open", reason: errnoText()) }
        var info = stat()
        let synced = fsync(fd) == 0 && fstat(fd, &info) == 0
        let reason = errnoText()
        close(fd)
        guard synced else { throw .failed(path: path, operation: "flush (fsync)", reason: reason) }
        try syncFolder(parentFolder(of: path))
        return Int(info.st_size)
    }

    /// `fsync` of a folder: the names created or removed in it survive a crash.
    package static func syncFolder(_ path: String) throws(Failure) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .failed(path: path, operation: "open the folder", reason: errnoText()) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .failed(path: path, operation: "flush the folder", reason: errnoText()) }
    }

    /// Whether anything (a file, a folder, a dangling link) exists at `path`.
    package static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    package static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}

import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// How a kernel's rows are split across threads. The only place in RadiographCore that uses Dispatch.
///
/// Kernels are pure functions of a row range; a schedule only decides which ranges run where.
/// Every schedule gives byte-identical output (tested), so choosing one is purely a speed decision.
public struct Schedule: Sendable, Hashable, CustomStringConvertible {
    /// Upper bound on worker threads; 1 means the calling thread only.
    public let maxThreads: Int
    /// Bands per thread (more bands balance uneven rows better; each band is at least one row).
    public let bandsPerThread: Int

    /// Runs everything on the calling thread.
    public static let serial = Schedule(maxThreads: 1)

    /// Uses every active core of the machine.
    public static var automatic: Schedule { Schedule(maxThreads: activeProcessorCount) }

    /// - Parameters:
    ///   - maxThreads: worker threads, clamped to at least 1.
    ///   - bandsPerThread: row bands per thread, clamped to at least 1.
    public init(maxThreads: Int, bandsPerThread: Int = 4) {
        self.maxThreads = max(1, maxThreads)
        self.bandsPerThread = max(1, bandsPerThread)
    }

    public var description: String { maxThreads == 1 ? "serial" : "\(maxThreads) threads" }

    /// The row bands `0..<rows` is split into (contiguous, in order, non-empty, covering every row).
    ///
    /// - Parameter minimumRows: the smallest band worth a thread hop (small images stay serial).
    public func bands(rows: Int, minimumRows: Int = 16) -> [Range<Int>] {
        guard rows > 0 else { return [] }
        let wanted = maxThreads == 1 ? 1 : maxThreads * bandsPerThread
        let count = max(1, min(wanted, rows / max(1, minimumRows)))
        return (0..<count).map { i in (rows * i / count)..<(rows * (i + 1) / count) }
    }

    /// Calls `body` once per band of `0..<rows`, concurrently when the schedule allows.
    ///
    /// `body` must only write state owned by its band (disjoint rows of an output, its own scratch).
    public func forEachBand(rows: Int, minimumRows: Int = 16, _ body: (Range<Int>) -> Void) {
        let bands = bands(rows: rows, minimumRows: minimumRows)
        if bands.count <= 1 {
            bands.forEach(body)
            return
        }
        withoutActuallyEscaping(body) { escapable in
            // Safe: every band writes disjoint rows, and concurrentPerform returns only after all ran.
            nonisolated(unsafe) let run = escapable
            DispatchQueue.concurrentPerform(iterations: bands.count) { run(bands[$0]) }
        }
    }

    /// Calls `body(i)` for every `i` in `0..<count` (tiles, say), concurrently when allowed.
    public func forEachIndex(_ count: Int, _ body: (Int) -> Void) {
        if maxThreads == 1 || count <= 1 {
            (0..<count).forEach(body)
            return
        }
        withoutActuallyEscaping(body) { escapable in
            nonisolated(unsafe) let run = escapable
            DispatchQueue.concurrentPerform(iterations: count) { run($0) }
        }
    }
}

/// Cores online, from sysconf.
private var activeProcessorCount: Int {
    #if canImport(Glibc)
    return max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    #else
    return 2
    #endif
}

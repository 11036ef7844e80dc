import Synchronization

/// Large pixel buffers kept for the next image instead of being handed back to the system.
///
/// A buffer of an image-sized allocation (megabytes) comes from `mmap` and goes back with
/// `munmap`: the next image of the same size then touches fresh pages, and the page faults cost
/// more than the kernels that fill them (measured on the acquisition path: 23 ms per periapical
/// with the intraoral preset, 12 ms when the buffers are reused). Freed buffers of at least
/// ``minimumBytes`` are kept here, up to ``limit`` bytes in all, and handed out again for the
/// same byte count; the oldest go back to the system first. Thread-safe.
public enum PixelBufferCache {
    /// Buffers below this size come from malloc's heap, which reuses them by itself.
    public static let minimumBytes = 256 << 10

    /// The most bytes kept (default 128 MiB: a few images of every size in use). 0 keeps none.
    public static var limit: Int {
        get { state.withLock { $0.limit } }
        set {
            let evicted = state.withLock { s in
                s.limit = max(0, newValue)
                return s.evict()
            }
            for buffer in evicted { buffer.deallocate() }
        }
    }

    /// Bytes held now.
    public static var retainedBytes: Int { state.withLock { $0.bytes } }

    /// Hands every kept buffer back to the system.
    public static func purge() {
        let all = state.withLock { s in
            defer {
                s.free.removeAll()
                s.bytes = 0
            }
            return s.free.map(\.buffer)
        }
        for buffer in all { buffer.deallocate() }
    }

    static let alignment = 64

    /// A raw buffer owned by exactly one side at a time: the cache (under its lock) or one image.
    struct Buffer: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
        func deallocate() { pointer.deallocate() }
    }

    struct State: ~Copyable {
        var free: [(bytes: Int, buffer: Buffer)] = []
        var bytes = 0
        var limit = 128 << 20

        /// Drops the oldest buffers until the total fits the limit; returns them to free.
        mutating func evict() -> [Buffer] {
            var evicted: [Buffer] = []
            while bytes > limit, !free.isEmpty {
                let oldest = free.removeFirst()
                bytes -= oldest.bytes
                evicted.append(oldest.buffer)
            }
            return evicted
        }
    }

    static let state = Mutex(State())

    /// A buffer of `bytes` (aligned to 64), reused when one of that size is kept.
    static func allocate(bytes: Int) -> UnsafeMutableRawPointer {
        let bytes = max(bytes, 1)
        if bytes >= minimumBytes {
            let reused: Buffer? = state.withLock { s in
                guard let i = s.free.lastIndex(where: { $0.bytes == bytes }) else { return nil }
                s.bytes -= bytes
                return s.free.remove(at: i).buffer
            }
            if let reused { return reused.pointer }
        }
        return UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: alignment)
    }

    /// Takes back a buffer from ``allocate(bytes:)`` (its contents are garbage from now on).
    static func release(_ buffer: UnsafeMutableRawPointer, bytes: Int) {
        let bytes = max(bytes, 1)
        guard bytes >= minimumBytes else {
            buffer.deallocate()
            return
        }
        let kept = Buffer(pointer: buffer)
        let evicted: [Buffer] = state.withLock { s in
            guard bytes <= s.limit else { return [kept] }
            s.free.append((bytes, kept))
            s.bytes += bytes
            return s.evict()
        }
        for b in evicted { b.deallocate() }
    }
}

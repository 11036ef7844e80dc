/// The heap buffer behind a ``GrayImage``: one contiguous, row-major allocation.
///
/// Shared between image values until one of them mutates (copy-on-write, checked with
/// `isKnownUniquelyReferenced` once per operation, never per pixel).
@usableFromInline
final class GrayImageStorage<Pixel: GrayPixel>: @unchecked Sendable {
    // @unchecked: the buffer is only written through a uniquely referenced storage
    // (GrayImage.withUnsafeMutableBufferPointer), so no two threads see a write and a read.
    @usableFromInline let base: UnsafeMutablePointer<Pixel>
    @usableFromInline let count: Int

    @usableFromInline
    init(count: Int, repeating value: Pixel) {
        self.count = count
        self.base = Self.allocate(count)
        self.base.initialize(repeating: value, count: count)
    }

    /// Storage whose pixels the caller writes completely before any read (integers need no
    /// initialisation: this skips a full pass of zeros over memory the kernel overwrites anyway).
    @usableFromInline
    init(uninitializedCount count: Int) {
        self.count = count
        self.base = Self.allocate(count)
    }

    @usableFromInline
    init(copying source: UnsafeBufferPointer<Pixel>) {
        self.count = source.count
        self.base = Self.allocate(source.count)
        if let src = source.baseAddress { self.base.initialize(from: src, count: source.count) }
    }

    @usableFromInline
    var buffer: UnsafeMutableBufferPointer<Pixel> { UnsafeMutableBufferPointer(start: base, count: count) }

    /// Image-sized buffers come from (and go back to) ``PixelBufferCache``: reused pages, no
    /// page faults for the next image of the same size.
    @usableFromInline
    static func allocate(_ count: Int) -> UnsafeMutablePointer<Pixel> {
        PixelBufferCache.allocate(bytes: max(count, 1) * MemoryLayout<Pixel>.stride).bindMemory(to: Pixel.self, capacity: max(count, 1))
    }

    deinit {
        base.deinitialize(count: count)
        PixelBufferCache.release(UnsafeMutableRawPointer(base), bytes: max(count, 1) * MemoryLayout<Pixel>.stride)
    }
}

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
        self.base = .allocate(capacity: max(count, 1))
        self.base.initialize(repeating: value, count: count)
    }

    /// Storage whose pixels the caller writes completely before any read (integers need no
    /// initialisation: this skips a full pass of zeros over memory the kernel overwrites anyway).
    @usableFromInline
    init(uninitializedCount count: Int) {
        self.count = count
        self.base = .allocate(capacity: max(count, 1))
    }

    @usableFromInline
    init(copying source: UnsafeBufferPointer<Pixel>) {
        self.count = source.count
        self.base = .allocate(capacity: max(source.count, 1))
        if let src = source.baseAddress { self.base.initialize(from: src, count: source.count) }
    }

    @usableFromInline
    var buffer: UnsafeMutableBufferPointer<Pixel> { UnsafeMutableBufferPointer(start: base, count: count) }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
}

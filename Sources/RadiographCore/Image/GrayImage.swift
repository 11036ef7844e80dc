/// A single-channel image: `width × height` pixels, row-major, no row padding.
///
/// A value type with copy-on-write storage: copies are cheap until one of them is mutated.
/// Pixels are reached through `withUnsafeBufferPointer` / `withUnsafeMutableBufferPointer`
/// (the fast path for kernels) or through the `subscript(x:y:)` convenience (checked, slow).
public struct GrayImage<Pixel: GrayPixel>: Sendable {
    /// Pixels per row. Always at least 1.
    public let width: Int
    /// Rows. Always at least 1.
    public let height: Int
    @usableFromInline var storage: GrayImageStorage<Pixel>

    /// An image filled with `value`.
    ///
    /// - Precondition: `width >= 1`, `height >= 1`, and `width * height` does not overflow.
    @inlinable
    public init(width: Int, height: Int, repeating value: Pixel = 0) {
        let count = Self.checkedPixelCount(width: width, height: height)
        self.width = width
        self.height = height
        self.storage = GrayImageStorage(count: count, repeating: value)
    }

    /// An image holding a copy of `pixels` (row-major, `width * height` values).
    ///
    /// - Precondition: `pixels.count == width * height`.
    @inlinable
    public init(width: Int, height: Int, pixels: some Collection<Pixel>) {
        let count = Self.checkedPixelCount(width: width, height: height)
        precondition(pixels.count == count, "GrayImage: \(pixels.count) pixels for \(width)x\(height)")
        self.width = width
        self.height = height
        let array = Array(pixels)
        self.storage = array.withUnsafeBufferPointer { GrayImageStorage(copying: $0) }
    }

    /// An image whose every pixel `initializer` must write (a kernel's output): no zero-fill pass.
    ///
    /// - Precondition: `initializer` writes all `width * height` pixels.
    @inlinable
    public init(width: Int, height: Int, overwritingWith initializer: (UnsafeMutableBufferPointer<Pixel>) -> Void) {
        let count = Self.checkedPixelCount(width: width, height: height)
        self.width = width
        self.height = height
        self.storage = GrayImageStorage(uninitializedCount: count)
        initializer(storage.buffer)
    }

    @usableFromInline
    static func checkedPixelCount(width: Int, height: Int) -> Int {
        precondition(width >= 1 && height >= 1, "GrayImage: empty size \(width)x\(height)")
        let (count, overflow) = width.multipliedReportingOverflow(by: height)
        precondition(!overflow, "GrayImage: size \(width)x\(height) overflows")
        return count
    }

    /// `width * height`.
    @inlinable public var pixelCount: Int { storage.count }

    /// Calls `body` with the pixels (row-major, `pixelCount` values).
    @inlinable
    public func withUnsafeBufferPointer<R, E: Error>(
        _ body: (UnsafeBufferPointer<Pixel>) throws(E) -> R
    ) throws(E) -> R {
        try withExtendedLifetime(storage) { () throws(E) -> R in
            try body(UnsafeBufferPointer(storage.buffer))
        }
    }

    /// Calls `body` with the pixels for writing; copies the storage first if it is shared.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R, E: Error>(
        _ body: (UnsafeMutableBufferPointer<Pixel>) throws(E) -> R
    ) throws(E) -> R {
        if !isKnownUniquelyReferenced(&storage) { makeUnique() }
        return try withExtendedLifetime(storage) { () throws(E) -> R in
            try body(storage.buffer)
        }
    }

    @inline(never) @usableFromInline
    mutating func makeUnique() {
        storage = GrayImageStorage(copying: UnsafeBufferPointer(storage.buffer))
    }

    /// The pixel at column `x`, row `y` (bounds-checked; for tests and tools, not for kernels).
    @inlinable
    public subscript(x x: Int, y y: Int) -> Pixel {
        get {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "GrayImage: (\(x), \(y)) out of bounds")
            return storage.base[y * width + x]
        }
        set {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "GrayImage: (\(x), \(y)) out of bounds")
            if !isKnownUniquelyReferenced(&storage) { makeUnique() }
            storage.base[y * width + x] = newValue
        }
    }

    /// All pixels, row-major, as an array (a copy).
    public var pixels: [Pixel] { withUnsafeBufferPointer { Array($0) } }

    /// The smallest and largest pixel value.
    public var extrema: (min: Pixel, max: Pixel) {
        withUnsafeBufferPointer { buf in
            var lo = Pixel.max
            var hi = Pixel.min
            for v in buf {
                lo = Swift.min(lo, v)
                hi = Swift.max(hi, v)
            }
            return (lo, hi)
        }
    }
}

extension GrayImage: Equatable {
    public static func == (lhs: GrayImage, rhs: GrayImage) -> Bool {
        guard lhs.width == rhs.width, lhs.height == rhs.height else { return false }
        if lhs.storage === rhs.storage { return true }
        return lhs.withUnsafeBufferPointer { a in
            rhs.withUnsafeBufferPointer { b in
                UnsafeRawBufferPointer(a).elementsEqual(UnsafeRawBufferPointer(b))
            }
        }
    }
}

extension GrayImage: CustomStringConvertible {
    public var description: String { "GrayImage<\(Pixel.self)>(\(width)x\(height))" }
}

extension GrayImage {
    /// Calls the closure for this image's concrete pixel type. Public generic kernels route
    /// through it so that their bodies are specialised inside RadiographCore, whichever module
    /// calls them (a generic call from another module would otherwise run unspecialised, about
    /// a hundred times slower).
    @inline(__always)
    func withConcretePixels<E: Error>(
        uint8: (GrayImage<UInt8>) throws(E) -> GrayImage<UInt8>,
        uint16: (GrayImage<UInt16>) throws(E) -> GrayImage<UInt16>,
        other: (GrayImage) throws(E) -> GrayImage
    ) throws(E) -> GrayImage {
        if Pixel.self == UInt8.self {
            return unsafeBitCast(try uint8(unsafeBitCast(self, to: GrayImage<UInt8>.self)), to: GrayImage.self)
        }
        if Pixel.self == UInt16.self {
            return unsafeBitCast(try uint16(unsafeBitCast(self, to: GrayImage<UInt16>.self)), to: GrayImage.self)
        }
        return try other(self)
    }
}

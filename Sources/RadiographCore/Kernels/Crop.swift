/// A rectangle of an image in pixels: `x`, `y` of its top-left corner, `width` × `height`.
public struct CropRectangle: Sendable, Hashable, Codable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

extension GrayImage {
    /// The pixels inside `rect`.
    /// - Throws: `.invalidParameter(name: "crop", …)` when the rectangle is empty or not inside
    ///   the image (the message says which edge).
    public func cropped(to rect: CropRectangle) throws(RadiographCoreError) -> GrayImage {
        func fail(_ why: String) -> RadiographCoreError {
            .invalidParameter(name: "crop", reason: "\(rect.x),\(rect.y),\(rect.width),\(rect.height) \(why)")
        }
        guard rect.width >= 1, rect.height >= 1 else { throw fail("is empty") }
        guard rect.x >= 0, rect.y >= 0 else { throw fail("starts outside the image") }
        guard rect.x + rect.width <= width else { throw fail("goes past the right edge of the \(width)x\(height) image") }
        guard rect.y + rect.height <= height else { throw fail("goes past the bottom edge of the \(width)x\(height) image") }
        let inWidth = width
        return withUnsafeBufferPointer { src in
            GrayImage(width: rect.width, height: rect.height, overwritingWith: { dst in
                for row in 0..<rect.height {
                    let from = src.baseAddress! + (rect.y + row) * inWidth + rect.x
                    (dst.baseAddress! + row * rect.width).update(from: from, count: rect.width)
                }
            })
        }
    }
}

/// Lossless geometry: quarter turns and mirror images. Every output row is a pure function of the
/// input, so the schedule splits output rows into bands.

/// A rotation by quarter turns, clockwise.
public enum QuarterTurn: Int, Sendable, Hashable, Codable, CaseIterable {
    case none = 0
    case clockwise90 = 90
    case clockwise180 = 180
    case clockwise270 = 270

    /// The quarter turn nearest to `degrees` clockwise (any multiple of 90, negative allowed), or
    /// nil when `degrees` is not a multiple of 90.
    public init?(degrees: Double) {
        guard degrees.isFinite, degrees == (degrees / 90).rounded() * 90 else { return nil }
        let normalized = ((Int(degrees) % 360) + 360) % 360
        self.init(rawValue: normalized)
    }
}

extension GrayImage {
    /// The image turned clockwise by `turn`.
    @inlinable
    public func rotated(_ turn: QuarterTurn, schedule: Schedule = .serial) -> GrayImage {
        let w = width
        let h = height
        switch turn {
        case .none:
            return self
        case .clockwise180:
            return remapped(width: w, height: h, schedule: schedule) { x, y in (w - 1 - x, h - 1 - y) }
        case .clockwise90:
            // Output (x, y) shows input (y, h - 1 - x): the left column becomes the top row.
            return remapped(width: h, height: w, schedule: schedule) { x, y in (y, h - 1 - x) }
        case .clockwise270:
            return remapped(width: h, height: w, schedule: schedule) { x, y in (w - 1 - y, x) }
        }
    }

    /// The mirror image left to right.
    @inlinable
    public func flippedHorizontally(schedule: Schedule = .serial) -> GrayImage {
        let w = width
        return remapped(width: w, height: height, schedule: schedule) { x, y in (w - 1 - x, y) }
    }

    /// The mirror image top to bottom.
    @inlinable
    public func flippedVertically(schedule: Schedule = .serial) -> GrayImage {
        let h = height
        return remapped(width: width, height: h, schedule: schedule) { x, y in (x, h - 1 - y) }
    }

    /// An image of the given size whose pixel (x, y) is this image's pixel `source(x, y)`.
    @inlinable
    func remapped(
        width outWidth: Int, height outHeight: Int, schedule: Schedule, source: (Int, Int) -> (Int, Int)
    ) -> GrayImage {
        let inWidth = width
        return withUnsafeBufferPointer { src in
            GrayImage(width: outWidth, height: outHeight, overwritingWith: { dst in
                schedule.forEachBand(rows: outHeight) { rows in
                    for y in rows {
                        let row = y * outWidth
                        for x in 0..<outWidth {
                            let (sx, sy) = source(x, y)
                            dst[row + x] = src[sy * inWidth + sx]
                        }
                    }
                }
            })
        }
    }
}

extension AnyGrayImage {
    /// The image turned clockwise by `turn`, then mirrored left to right when `flip` is set.
    public func oriented(_ turn: QuarterTurn, flippedHorizontally flip: Bool, schedule: Schedule = .serial) -> AnyGrayImage {
        func apply<P: GrayPixel>(_ i: GrayImage<P>) -> GrayImage<P> {
            let turned = i.rotated(turn, schedule: schedule)
            return flip ? turned.flippedHorizontally(schedule: schedule) : turned
        }
        switch self {
        case .uint8(let i): return .uint8(apply(i))
        case .uint16(let i): return .uint16(apply(i))
        case .int16(let i): return .int16(apply(i))
        }
    }
}

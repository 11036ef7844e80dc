#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A length, area or angle measured on an image, with its unit and how trustworthy it is. (Not
/// named `Measurement`, which Foundation takes.)
public struct ImageMeasurement: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Unit: String, Sendable, Hashable, Codable {
        case millimetres = "mm", pixels = "px", squareMillimetres = "mm²", squarePixels = "px²", degrees = "°"
    }

    public let value: Double
    public let unit: Unit
    /// From a panoramic (or another source that marks lengths as estimates).
    public let isApproximate: Bool

    public var description: String {
        let rounded = unit == .degrees ? (value * 10).rounded() / 10 : (value * 100).rounded() / 100
        return (isApproximate ? "≈ " : "") + "\(rounded) \(unit.rawValue)"
    }
}

extension Calibration {
    /// The physical offset of `b` from `a` in millimetres (or pixels when uncalibrated).
    func offset(_ a: Point, _ b: Point) -> (Double, Double) {
        isCalibrated ? ((b.x - a.x) * columnSpacing, (b.y - a.y) * rowSpacing) : (b.x - a.x, b.y - a.y)
    }

    /// The length of the path through `points` (a ruler is two points, a canal a polyline).
    public func length(_ points: [Point]) throws(MeasurementError) -> ImageMeasurement {
        guard points.count >= 2 else { throw .invalid("a length needs at least two points") }
        var total = 0.0
        for (a, b) in zip(points, points.dropFirst()) {
            let (dx, dy) = offset(a, b)
            total += (dx * dx + dy * dy).squareRoot()
        }
        return ImageMeasurement(value: total, unit: isCalibrated ? .millimetres : .pixels, isApproximate: isApproximate)
    }

    /// The angle at `vertex` between the rays to `a` and `b`, in degrees (0…180), measured in the
    /// patient plane: with non-square pixels it differs from the angle on screen.
    public func angle(_ a: Point, vertex: Point, _ b: Point) throws(MeasurementError) -> ImageMeasurement {
        let (ax, ay) = offset(vertex, a)
        let (bx, by) = offset(vertex, b)
        let na = (ax * ax + ay * ay).squareRoot()
        let nb = (bx * bx + by * by).squareRoot()
        guard na > 0, nb > 0 else { throw .invalid("an angle needs two rays of non-zero length") }
        let cross = ax * by - ay * bx
        let dot = ax * bx + ay * by
        let radians = atan2(abs(cross), dot)
        return ImageMeasurement(value: radians * 180 / .pi, unit: .degrees, isApproximate: false)
    }

    /// The area inside the closed polygon through `points` (shoelace formula).
    public func area(polygon points: [Point]) throws(MeasurementError) -> ImageMeasurement {
        guard points.count >= 3 else { throw .invalid("an area needs at least three points") }
        var twice = 0.0
        for (a, b) in zip(points, points.dropFirst() + [points[0]]) { twice += a.x * b.y - b.x * a.y }
        let pixels = abs(twice) / 2
        return isCalibrated
            ? ImageMeasurement(value: pixels * rowSpacing * columnSpacing, unit: .squareMillimetres, isApproximate: isApproximate)
            : ImageMeasurement(value: pixels, unit: .squarePixels, isApproximate: false)
    }

    /// The area of the ellipse inscribed in the rectangle with corners `a` and `b`.
    public func area(ellipseIn a: Point, _ b: Point) -> ImageMeasurement {
        let pixels = Double.pi * abs(b.x - a.x) / 2 * abs(b.y - a.y) / 2
        return isCalibrated
            ? ImageMeasurement(value: pixels * rowSpacing * columnSpacing, unit: .squareMillimetres, isApproximate: isApproximate)
            : ImageMeasurement(value: pixels, unit: .squarePixels, isApproximate: false)
    }
}

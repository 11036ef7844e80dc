import RadiographCore
import Testing
import _RadiographTestSupport

@Suite struct RasterizeTests {
    static func total(_ c: Coverage) -> Double { c.values.reduce(0) { $0 + Double($1) } }

    @Test func aRectangleOnPixelEdgesIsExactAndHalfPixelsAreHalfCovered() {
        var c = Coverage(width: 10, height: 8)
        c.add(polygon: [DrawPoint(2, 1), DrawPoint(7, 1), DrawPoint(7, 5), DrawPoint(2, 5)])
        let v = c.values
        for y in 0..<8 {
            for x in 0..<10 {
                #expect(v[y * 10 + x] == ((2..<7).contains(x) && (1..<5).contains(y) ? 1 : 0), "(\(x),\(y))")
            }
        }
        var half = Coverage(width: 10, height: 8)
        half.add(polygon: [DrawPoint(2.5, 1), DrawPoint(7.5, 1), DrawPoint(7.5, 5.5), DrawPoint(2.5, 5.5)])
        let h = half.values
        #expect(abs(h[1 * 10 + 2] - 0.5) < 1e-6 && abs(h[1 * 10 + 7] - 0.5) < 1e-6)
        #expect(abs(h[5 * 10 + 2] - 0.25) < 1e-6 && abs(h[5 * 10 + 4] - 0.5) < 1e-6)
        #expect(abs(Self.total(half) - 5 * 4.5) < 1e-4)
    }

    /// Areas come out exact: a disc, a thick diagonal line, a triangle, whatever the orientation.
    @Test func coverageSumsToTheShapesArea() {
        var disc = Coverage(width: 64, height: 64)
        disc.add(polygon: ShapeOutline.ellipse(center: DrawPoint(31.3, 30.7), rx: 20, ry: 20))
        #expect(abs(Self.total(disc) - Double.pi * 400) / (Double.pi * 400) < 1e-4)
        var line = Coverage(width: 128, height: 128)
        line.add(polygon: ShapeOutline.segment(DrawPoint(10.2, 15.7), DrawPoint(110.9, 100.1), width: 3))
        let length = ((110.9 - 10.2) * (110.9 - 10.2) + (100.1 - 15.7) * (100.1 - 15.7)).squareRoot()
        #expect(abs(Self.total(line) - 3 * length) / (3 * length) < 1e-4)
        var triangle = Coverage(width: 20, height: 20)
        triangle.add(polygon: [DrawPoint(1, 1), DrawPoint(1, 19), DrawPoint(19, 19)].reversed())  // either winding
        #expect(abs(Self.total(triangle) - 162) < 1e-3)
    }

    @Test func holesOverlapsAndClipping() {
        // A ring: the outer disc minus the inner one, wound the other way.
        var ring = Coverage(width: 50, height: 50)
        ring.add(polygon: ShapeOutline.ellipse(center: DrawPoint(25, 25), rx: 20, ry: 20))
        ring.add(polygon: ShapeOutline.ellipse(center: DrawPoint(25, 25), rx: 15, ry: 15, clockwise: true))
        #expect(ring.values[25 * 50 + 25] < 1e-6)
        #expect(abs(Self.total(ring) - Double.pi * (400 - 225)) < 0.05)
        // A polyline doubling back over itself covers each pixel once.
        var zigzag = Coverage(width: 40, height: 20)
        for contour in ShapeOutline.polyline([DrawPoint(5, 10), DrawPoint(35, 10), DrawPoint(5, 10.5)], width: 4) {
            zigzag.add(polygon: contour)
        }
        #expect(zigzag.values.allSatisfy { $0 <= 1 })
        // Half outside on every side: only the inside part counts.
        var big = Coverage(width: 10, height: 10)
        big.add(polygon: [DrawPoint(-5, -5), DrawPoint(5, -3), DrawPoint(15, 15), DrawPoint(-7, 12)])
        #expect(big.values[5 * 10 + 2] == 1)
        var outside = Coverage(width: 10, height: 10)
        outside.add(polygon: [DrawPoint(-20, -20), DrawPoint(-10, -20), DrawPoint(-10, -10)])
        outside.add(polygon: [DrawPoint(12, 2), DrawPoint(30, 2), DrawPoint(30, 8)])
        #expect(Self.total(outside) == 0)
        // Against an exact clip: a triangle crossing the left edge.
        var crossing = Coverage(width: 10, height: 10)
        crossing.add(polygon: [DrawPoint(-4, 0), DrawPoint(6, 0), DrawPoint(-4, 10)])
        #expect(abs(Self.total(crossing) - 18) < 1e-3)  // 50 minus the 32 left of x = 0 (x + y < 6 there)
    }

    @Test(arguments: TestData.awkwardWidths)
    func paintingBlendsWithOpacityOnAnyWidth(width: Int) {
        var image = GrayImage<UInt8>(width: width, height: 3, repeating: 40)
        var c = Coverage(width: width, height: 3)
        c.add(polygon: [DrawPoint(0, 1), DrawPoint(Double(width), 1), DrawPoint(Double(width), 2), DrawPoint(0, 2)])
        c.paint(240, opacity: 0.5, into: &image)
        for x in 0..<width {
            #expect(image[x: x, y: 0] == 40 && image[x: x, y: 1] == 140 && image[x: x, y: 2] == 40)
        }
        var arrow = Coverage(width: width, height: 3)
        for contour in ShapeOutline.arrow(from: DrawPoint(0, 1.5), to: DrawPoint(Double(width), 1.5), width: 1) {
            arrow.add(polygon: contour)
        }
        #expect(arrow.values.allSatisfy { (0...1).contains($0) })
    }
}

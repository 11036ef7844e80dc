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

    /// The independent oracle: 16×16 samples per pixel, each inside when the contours' total
    /// winding number there is not zero.
    static func supersampled(_ contours: [[DrawPoint]], width: Int, height: Int) -> [Float] {
        var out = [Float](repeating: 0, count: width * height)
        let n = 16
        for y in 0..<height {
            for x in 0..<width {
                var inside = 0
                for j in 0..<n {
                    for i in 0..<n {
                        let px = Double(x) + (Double(i) + 0.5) / Double(n), py = Double(y) + (Double(j) + 0.5) / Double(n)
                        var winding = 0
                        for c in contours {
                            for k in c.indices {
                                let a = c[k], b = c[(k + 1) % c.count]
                                if a.y <= py {
                                    if b.y > py && (b.x - a.x) * (py - a.y) - (px - a.x) * (b.y - a.y) > 0 { winding += 1 }
                                } else if b.y <= py && (b.x - a.x) * (py - a.y) - (px - a.x) * (b.y - a.y) < 0 {
                                    winding -= 1
                                }
                            }
                        }
                        if winding != 0 { inside += 1 }
                    }
                }
                out[y * width + x] = Float(inside) / Float(n * n)
            }
        }
        return out
    }

    /// Shapes that do not overlap themselves, against the supersampled oracle: within 0.07 per
    /// pixel (the oracle's own error on an edge is up to 1/16).
    @Test func coverageMatchesASupersampledOracle() {
        let shapes: [[[DrawPoint]]] = [
            [ShapeOutline.segment(DrawPoint(3.3, 4.1), DrawPoint(27.6, 19.8), width: 2.5)],
            [ShapeOutline.ellipse(center: DrawPoint(15.2, 12.7), rx: 10.5, ry: 6.2),
             ShapeOutline.ellipse(center: DrawPoint(15.2, 12.7), rx: 8.5, ry: 4.2, clockwise: true)],
            ShapeOutline.arrow(from: DrawPoint(2, 22), to: DrawPoint(28, 3.5), width: 1.5),
            [[DrawPoint(-3, 5), DrawPoint(12, -2), DrawPoint(35, 20), DrawPoint(4, 30)]],
        ]
        for contours in shapes {
            var c = Coverage(width: 31, height: 25)
            c.add(contours: contours)
            let got = c.values, want = Self.supersampled(contours, width: 31, height: 25)
            let worst = zip(got, want).map { abs($0 - $1) }.max() ?? 0
            #expect(worst <= 0.07, "worst \(worst)")
        }
    }

    /// One coverage reused shape after shape gives what a fresh one gives.
    @Test func clearingLeavesNothingBehind() {
        var reused = Coverage(width: 40, height: 30)
        reused.add(polygon: ShapeOutline.ellipse(center: DrawPoint(20, 15), rx: 12, ry: 9))
        #expect(!reused.isEmpty)
        reused.clear()
        #expect(reused.isEmpty && reused.values.allSatisfy { $0 == 0 })
        let line = ShapeOutline.segment(DrawPoint(-5, 2), DrawPoint(50, 27), width: 3)
        reused.add(polygon: line)
        var fresh = Coverage(width: 40, height: 30)
        fresh.add(polygon: line)
        #expect(reused.values == fresh.values)
    }

    @Test(arguments: TestData.awkwardWidths)
    func colourPaintingBlendsEachChannel(width: Int) {
        var image = RGBImage(width: width, height: 3, repeating: RGBColor(grey: 40))
        var gray = GrayImage<UInt8>(width: width, height: 3, repeating: 40)
        var c = Coverage(width: width, height: 3)
        c.add(polygon: [DrawPoint(0, 1), DrawPoint(Double(width), 1), DrawPoint(Double(width), 2), DrawPoint(0, 2)])
        c.paint(RGBColor(red: 255, green: 0, blue: 140), opacity: 0.5, into: &image)
        c.paint(255, opacity: 0.5, into: &gray)
        for x in 0..<width {
            #expect(image[x: x, y: 1] == RGBColor(red: 148, green: 20, blue: 90))
            #expect(image[x: x, y: 0] == RGBColor(grey: 40) && image[x: x, y: 2] == RGBColor(grey: 40))
            #expect(gray[x: x, y: 1] == image[x: x, y: 1].red)
        }
        #expect(RGBColor(hex: "#FF008c") == RGBColor(red: 255, green: 0, blue: 140))
        #expect(RGBColor(hex: "FF008C") == nil && RGBColor(hex: "#GG0000") == nil)
        #expect(RGBImage(GrayImage<UInt8>(width: width, height: 1, repeating: 7))[x: width - 1, y: 0] == RGBColor(grey: 7))
    }

    /// Masks blend by their 0…255 values and are clipped at every side of the image.
    @Test func masksBlendAndClip() {
        let mask = AlphaMask(width: 3, height: 2, values: [255, 128, 0, 0, 255, 255])
        var image = GrayImage<UInt8>(width: 4, height: 3, repeating: 0)
        mask.paint(200, at: 2, -1, into: &image)  // only the mask's second row, first two columns land
        #expect(image.pixels == [0, 0, 0, 200, 0, 0, 0, 0, 0, 0, 0, 0])
        var colour = RGBImage(width: 4, height: 3)
        mask.paint(RGBColor(red: 0, green: 100, blue: 200), at: -1, 1, into: &colour)
        #expect(colour[x: 0, y: 1] == RGBColor(red: 0, green: 50, blue: 100))  // 128/255 of the colour
        #expect(colour[x: 0, y: 2] == RGBColor(red: 0, green: 100, blue: 200))
        mask.paint(RGBColor(grey: 255), at: 10, 10, into: &colour)  // entirely outside: nothing
        #expect(colour[x: 3, y: 2] == RGBColor(grey: 0))
    }

    /// A coverage of just a shape's box paints exactly what a whole-image coverage paints.
    @Test func aRegionPaintsWhatTheWholeImagePaints() throws {
        let shapes: [[[DrawPoint]]] = [
            ShapeOutline.arrow(from: DrawPoint(3.3, 40.2), to: DrawPoint(51.7, 6.1), width: 2.5),
            [ShapeOutline.ellipse(center: DrawPoint(-5, 30), rx: 20, ry: 12)],  // partly outside
            ShapeOutline.polyline([DrawPoint(10, 10), DrawPoint(70, 45), DrawPoint(20, 44.5)], width: 3),
        ]
        for contours in shapes {
            var whole = GrayImage<UInt8>(width: 60, height: 47, repeating: 90)
            var part = whole
            var a = Coverage(width: 60, height: 47)
            a.add(contours: contours)
            a.paint(250, opacity: 0.8, into: &whole)
            var b = try #require(Coverage.covering(contours, imageWidth: 60, imageHeight: 47))
            #expect(b.width < 60 || b.height < 47)
            b.add(contours: contours)
            b.paint(250, opacity: 0.8, into: &part)
            #expect(part == whole)
        }
        #expect(Coverage.covering([[DrawPoint(-9, -9), DrawPoint(-5, -9), DrawPoint(-5, -2)]], imageWidth: 10, imageHeight: 10) == nil)
    }
}

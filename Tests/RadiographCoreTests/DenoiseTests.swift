import Foundation
import RadiographCore
import Testing
import _RadiographTestSupport

/// `denoised(_:)`, the self-guided filter: against a plain float64 numpy implementation of the same
/// formula (generate_filters.py's `guided`), and for what it is for: flat-area noise drops, a step
/// edge stays a step.
@Suite struct DenoiseTests {
    static let parallel = Schedule(maxThreads: 3, bandsPerThread: 3)
    static let oracleCases: [(strength: Double, radius: Int)] = [(0.1, 2), (0.5, 3)]

    /// Within ±1 grey level of the float64 oracle (the Swift kernel runs in float32; its box sums
    /// and `mean(I²) − mean(I)²` lose a few bits), on 8- and 16-bit images of awkward sizes.
    /// Measured when written: 8-bit identical; 16-bit 17 of 11,222 px differ, by 1 (23 with the
    /// earlier whole-plane kernel).
    @Test(arguments: FilterFixtures.sizes)
    func matchesTheFloat64Oracle(size: String) throws {
        let in8 = try FilterFixtures.read8("in8_\(size).pgm")
        let in16 = try FilterFixtures.read16("in16_\(size).pgm")
        for (strength, radius) in Self.oracleCases {
            let p = DenoiseParameters(strength: strength, radius: radius)
            let name = "st\(FilterFixtures.g(strength))_r\(radius)_\(size).pgm"
            let out8 = try in8.denoised(p)
            let out16 = try in16.denoised(p)
            let d8 = ImageDifference(out8, try FilterFixtures.read8("denoise_8_" + name))
            let d16 = ImageDifference(out16, try FilterFixtures.read16("denoise_16_" + name))
            #expect(d8.maximum <= 1, "8-bit \(strength) r\(radius) \(size): \(d8)")
            #expect(d16.maximum <= 1, "16-bit \(strength) r\(radius) \(size): \(d16)")
            #expect(try in8.denoised(p, schedule: Self.parallel) == out8)
            #expect(try in16.denoised(p, schedule: Self.parallel) == out16)
        }
    }

    /// A vertical step (20,000 → 40,000) under Gaussian noise of σ 300 (16-bit, strength 0.2), or
    /// (60 → 180, σ 3) on 8-bit (strength 0.5); radius 2. Flat areas: the noise's standard deviation
    /// must drop at least 3-fold (measured when written: 287 → 64, 4.5×; 8-bit 2.87 → 0.72, 4.0×).
    /// The edge: the mean of each column next to it must stay within 3 % of the step of its side's
    /// level (measured: 0.4 % and 0.8 %), where a Gaussian of σ 1.5, which smooths the flat noise
    /// about as much, moves it by 37 % (asserted: at least 10 %).
    @Test func flatNoiseDropsAndAStepEdgeStaysSharp() throws {
        let width = 96
        let height = 64
        let edge = 48
        for (low, high, noise, strength) in [(20000.0, 40000.0, 300.0, 0.2), (60.0, 180.0, 3.0, 0.5)] {
            var generator = SeededGenerator(seed: 11)
            let values = (0..<(width * height)).map { i -> Double in
                (i % width < edge ? low : high) + Self.gaussian(&generator) * noise
            }
            let step = high - low
            let p = DenoiseParameters(strength: strength, radius: 2)
            let stats: (flatBefore: Double, flatAfter: Double, left: Double, right: Double, blurLeft: Double)
            if high > 255 {
                let image = GrayImage(width: width, height: height, pixels: values.map { UInt16($0.rounded()) })
                let out = try image.denoised(p)
                #expect(try image.denoised(p, schedule: Self.parallel) == out)
                let blur = try image.gaussianBlurred(sigma: 1.5)
                stats = (
                    Self.flatStd(image), Self.flatStd(out), Self.columnMean(out, edge - 1), Self.columnMean(out, edge),
                    Self.columnMean(blur, edge - 1)
                )
            } else {
                let image = GrayImage(width: width, height: height, pixels: values.map { UInt8($0.rounded()) })
                let out = try image.denoised(p)
                #expect(try image.denoised(p, schedule: Self.parallel) == out)
                let blur = try image.gaussianBlurred(sigma: 1.5)
                stats = (
                    Self.flatStd(image), Self.flatStd(out), Self.columnMean(out, edge - 1), Self.columnMean(out, edge),
                    Self.columnMean(blur, edge - 1)
                )
            }
            #expect(stats.flatAfter * 3 <= stats.flatBefore, "std \(stats.flatBefore) → \(stats.flatAfter)")
            #expect(abs(stats.left - low) <= 0.03 * step, "left of the edge: \(stats.left)")
            #expect(abs(stats.right - high) <= 0.03 * step, "right of the edge: \(stats.right)")
            // The comparison that makes the point: a plain blur smears the same edge.
            #expect(abs(stats.blurLeft - low) >= 0.1 * step, "blur left of the edge: \(stats.blurLeft)")
        }
    }

    @Test func neutralCasesLeaveTheImageAlone() throws {
        let image = GrayImage<UInt16>.random(width: 31, height: 19, in: 0...65535, seed: 8)
        #expect(try image.denoised(DenoiseParameters(strength: 0)) == image)
        let flat = GrayImage<UInt16>(width: 40, height: 9, repeating: 12345)
        #expect(try flat.denoised(DenoiseParameters(strength: 1, radius: 4)) == flat)
        let flat8 = GrayImage<UInt8>(width: 1, height: 1, repeating: 200)
        #expect(try flat8.denoised(DenoiseParameters(strength: 0.7)) == flat8)
    }

    @Test(arguments: TestData.awkwardWidths)
    func schedulesAgreeAndSizesAreKept(width: Int) throws {
        for height in [1, 2, 7, 70] {
            let i8 = GrayImage<UInt8>.random(width: width, height: height, in: 0...255, seed: UInt64(width + height))
            let i16 = GrayImage<UInt16>.random(
                width: width, height: height, in: 0...65535, seed: UInt64(width + height))
            for p in [DenoiseParameters(strength: 0.3), DenoiseParameters(strength: 1, radius: 16)] {
                let o8 = try i8.denoised(p)
                let o16 = try i16.denoised(p)
                #expect(o8.width == width && o8.height == height)
                for schedule in [Schedule(maxThreads: 2), Self.parallel, Schedule(maxThreads: 4, bandsPerThread: 16)] {
                    #expect(try i8.denoised(p, schedule: schedule) == o8)
                    #expect(try i16.denoised(p, schedule: schedule) == o16)
                }
            }
        }
    }

    @Test func badParametersAreRefusedByName() {
        let image = GrayImage<UInt16>(width: 8, height: 4, repeating: 7)
        let cases: [(DenoiseParameters, String)] = [
            (DenoiseParameters(strength: -0.1), "denoise strength"),
            (DenoiseParameters(strength: 1.01), "denoise strength"),
            (DenoiseParameters(strength: .nan), "denoise strength"),
            (DenoiseParameters(strength: .infinity), "denoise strength"),
            (DenoiseParameters(strength: 0.5, radius: 0), "denoise radius"),
            (DenoiseParameters(strength: 0.5, radius: -1), "denoise radius"),
            (DenoiseParameters(strength: 0.5, radius: 17), "denoise radius"),
        ]
        for (p, expected) in cases {
            #expect(UnsharpMaskTests.refusedName { () throws(RadiographCoreError) in try p.validate() } == expected)
            #expect(
                UnsharpMaskTests.refusedName { () throws(RadiographCoreError) in _ = try image.denoised(p) } == expected
            )
        }
        #expect(
            UnsharpMaskTests.refusedName { () throws(RadiographCoreError) in
                try DenoiseParameters(strength: 1).validate()
            } == nil)
    }

    @Test func parametersDecodeWithTheDefaultRadius() throws {
        let p = try JSONDecoder().decode(DenoiseParameters.self, from: Data(#"{"strength": 0.3}"#.utf8))
        #expect(p == DenoiseParameters(strength: 0.3, radius: 2))
        #expect(DenoiseParameters(strength: 0.3).radius == 2)
        let q = DenoiseParameters(strength: 0.25, radius: 5)
        #expect(try JSONDecoder().decode(DenoiseParameters.self, from: JSONEncoder().encode(q)) == q)
    }

    /// A standard normal deviate (Box–Muller) from the deterministic generator.
    static func gaussian(_ g: inout SeededGenerator) -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &g)
        let v = Double.random(in: 0..<1, using: &g)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// The standard deviation of a patch well inside the left (flat) half.
    static func flatStd<P: GrayPixel>(_ image: GrayImage<P>) -> Double {
        let values = (8..<56).flatMap { y in (6..<40).map { x in Double(image[x: x, y: y]) } }
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
    }

    /// The mean of column `x` over the rows away from the top and bottom.
    static func columnMean<P: GrayPixel>(_ image: GrayImage<P>, _ x: Int) -> Double {
        (4..<60).map { Double(image[x: x, y: $0]) }.reduce(0, +) / 56
    }
}

import Foundation
import RadiographCore
import Testing
import _RadiographTestSupport

@Suite struct ResizeDenoiseTests {
    static let cases: [(String, [String])] = [
        ("64x64", ["32x32", "16x16", "8x8", "20x13", "64x64", "100x70"]),
        ("65x33", ["13x11", "7x5", "130x66", "1x1"]),
        ("17x13", ["5x4", "17x26", "3x3"]),
        ("3x5", ["7x5", "1x2"]),
        ("1x37", ["1x9", "3x37"]),
        ("37x1", ["9x1"]),
        ("1x1", ["3x2"]),
    ]

    static func size(_ s: String) -> (Int, Int) {
        let p = s.split(separator: "x").map { Int($0)! }
        return (p[0], p[1])
    }

    /// Against `cv2.resize`: area and bilinear within 1 grey level (OpenCV's 8-bit bilinear uses
    /// 11-bit fixed-point weights), Lanczos-4 within 1 on 8-bit and 2 on 16-bit data.
    @Test(arguments: ResizeFilter.allCases)
    func resizeMatchesOpenCV(filter: ResizeFilter) throws {
        for (input, targets) in Self.cases {
            for bits in [8, 16] {
                let source = try PGM.read(PGM.kernel("in\(bits)_\(input).pgm"))
                for target in targets {
                    let (w, h) = Self.size(target)
                    let golden = try PGM.read(PGM.kernel("resize_\(filter.rawValue)_\(bits)_\(input)_to_\(target).pgm"))
                    let tolerance = filter == .lanczos && bits == 16 ? 2 : 1
                    switch (source, golden) {
                    case (.uint8(let s), .uint8(let g)):
                        let d = try s.resized(width: w, height: h, filter: filter).difference(g)
                        #expect(d.maximum <= tolerance, "\(filter) 8-bit \(input)→\(target): \(d)")
                    case (.uint16(let s), .uint16(let g)):
                        let d = try s.resized(width: w, height: h, filter: filter).difference(g)
                        #expect(d.maximum <= tolerance, "\(filter) 16-bit \(input)→\(target): \(d)")
                        let parallel = Schedule(maxThreads: 3, bandsPerThread: 3)
                        #expect(try s.resized(width: w, height: h, filter: filter, schedule: parallel)
                            == s.resized(width: w, height: h, filter: filter))
                    default: Issue.record("fixture types")
                    }
                }
            }
        }
    }

    @Test func thumbnailsKeepTheAspectRatio() {
        let image = GrayImage<UInt8>(width: 1500, height: 2000)
        #expect(image.fittingSize(maxWidth: 256, maxHeight: 256) == (192, 256))
        #expect(GrayImage<UInt8>(width: 2900, height: 1450).fittingSize(maxWidth: 256, maxHeight: 256) == (256, 128))
        #expect(GrayImage<UInt8>(width: 10, height: 5).fittingSize(maxWidth: 256, maxHeight: 256) == (10, 5))
        #expect(GrayImage<UInt8>(width: 1, height: 5000).fittingSize(maxWidth: 16, maxHeight: 16) == (1, 16))
    }

    /// Against a float64 numpy implementation of the same guided filter (generate_kernels.py):
    /// within 1 grey level on 8-bit data and 2 levels of 65,535 on 16-bit data (float32 here).
    @Test(arguments: ["1x1", "3x5", "17x13", "64x64", "65x33", "1x37"])
    func denoiseMatchesTheReferenceImplementation(size: String) throws {
        for bits in [8, 16] {
            for (strength, radius) in [(0.2, 2), (1.0, 3)] {
                let p = DenoiseParameters(strength: strength, radius: radius)
                let name = "denoise_\(bits)_s\(strength == 1 ? "1" : "0.2")_r\(radius)_\(size).pgm"
                switch (try PGM.read(PGM.kernel("in\(bits)_\(size).pgm")), try PGM.read(PGM.kernel(name))) {
                case (.uint8(let input), .uint8(let golden)):
                    let d = try input.denoised(p).difference(golden)
                    #expect(d.maximum <= 1, "\(name): \(d)")
                case (.uint16(let input), .uint16(let golden)):
                    let d = try input.denoised(p).difference(golden)
                    #expect(d.maximum <= 2, "\(name): \(d)")
                default: Issue.record("fixture types")
                }
            }
        }
    }

    /// The guided filter's defining properties: flat noise is smoothed, a step edge is kept.
    @Test func denoiseSmoothsNoiseAndKeepsEdges() throws {
        var generator = SeededGenerator(seed: 5)
        let width = 64
        let height = 48
        // Left half 20,000, right half 40,000 (a strong edge), plus noise of σ ≈ 300.
        let pixels = (0..<(width * height)).map { i -> UInt16 in
            let base = i % width < width / 2 ? 20000.0 : 40000.0
            let noise = (0..<12).map { _ in Double.random(in: -1...1, using: &generator) }.reduce(0, +) * 150
            return UInt16(base + noise)
        }
        let image = GrayImage(width: width, height: height, pixels: pixels)
        let out = try image.denoised(DenoiseParameters(strength: 0.2, radius: 2))
        func std(_ values: [UInt16]) -> Double {
            let m = values.map(Double.init).reduce(0, +) / Double(values.count)
            return (values.map { (Double($0) - m) * (Double($0) - m) }.reduce(0, +) / Double(values.count)).squareRoot()
        }
        func patch(_ img: GrayImage<UInt16>) -> [UInt16] {
            (8..<40).flatMap { y in (4..<24).map { x in img[x: x, y: y] } }
        }
        #expect(std(patch(out)) < std(patch(image)) / 2.5, "\(std(patch(out))) vs \(std(patch(image)))")
        // The edge stays a step: the columns next to it keep their sides' levels.
        for y in 4..<44 {
            #expect(out[x: 30, y: y] < 25000 && out[x: 33, y: y] > 35000)
        }
        #expect(try image.denoised(DenoiseParameters(strength: 0)) == image)
        let parallel = Schedule(maxThreads: 3, bandsPerThread: 3)
        #expect(try image.denoised(DenoiseParameters(strength: 0.2), schedule: parallel) == out)
        #expect(throws: RadiographCoreError.self) { try image.denoised(DenoiseParameters(strength: 2)) }
        #expect(throws: RadiographCoreError.self) { try image.denoised(DenoiseParameters(strength: 0.5, radius: 0)) }
        // Awkward sizes run and keep their size.
        for w in TestData.awkwardWidths {
            let small = GrayImage<UInt8>.random(width: w, height: 3, in: 0...255, seed: UInt64(w))
            let d = try small.denoised(DenoiseParameters(strength: 0.5, radius: 3))
            #expect(d.width == w && d.height == 3)
        }
    }
}

import Foundation
import RadiographCore
import Testing
import _RadiographTestSupport

/// CLAHE against OpenCV 5.0's `createCLAHE(...).apply` and a float32 numpy re-implementation of
/// it for other bin counts (goldens made by Tests/Fixtures/enhance/generate_clahe.py), over
/// awkward sizes; schedules; parameters; and the look of 16-bit CLAHE next to OpenCV's 8-bit one.
///
/// Tolerances: 0 against OpenCV and the reference. The kernel evaluates OpenCV's float32
/// expressions in OpenCV's order (IEEE, no fused multiply-add), so it is exact, not merely close;
/// a difference of 1 would mean the order of the float operations changed.
@Suite struct CLAHETests {
    static let combos: [(clip: Double, tx: Int, ty: Int)] = [(2, 8, 8), (1, 2, 3), (4, 1, 1), (40, 16, 16)]
    /// Widths 1, 2, 3, 15, 16, 17, 65 and heights that no grid divides; grids that divide one side only.
    static let sizes8 = [
        "1x1", "1x37", "2x37", "3x37", "15x37", "16x37", "17x37", "65x37", "37x1", "64x64", "17x16", "16x17",
    ]
    static let sizes16 = ["1x1", "1x37", "3x37", "17x37", "65x37", "37x1", "17x16"]
    static let parallel = Schedule(maxThreads: 3, bandsPerThread: 3)

    @Test(arguments: sizes8)
    func eightBitIsBitExactWithOpenCV(size: String) throws {
        let (w, h) = Self.dimensions(size)
        let input = GrayImage<UInt8>(
            width: w, height: h, pixels: Self.synth(w, h, seed: 1, top: 255, limit: 255).map { UInt8($0) })
        for c in Self.combos where c.tx <= w && c.ty <= h {
            let p = CLAHEParameters(clipLimit: c.clip, tilesX: c.tx, tilesY: c.ty)
            let golden = try Self.read8("u8_c\(Int(c.clip))_\(c.tx)x\(c.ty)_\(size).u8", w, h)
            let out = try input.clahe(p)
            #expect(Self.maxDifference(out.pixels, golden.pixels) == 0, "clip \(c.clip) \(c.tx)x\(c.ty)")
            #expect(try input.clahe(p, schedule: Self.parallel) == out)
        }
    }

    @Test(arguments: sizes16)
    func sixteenBitWithABinPerValueIsBitExactWithOpenCV(size: String) throws {
        let (w, h) = Self.dimensions(size)
        let input = GrayImage<UInt16>(
            width: w, height: h, pixels: Self.synth(w, h, seed: 2, top: 65535, limit: 65535).map { UInt16($0) })
        for c in Self.combos where c.tx <= w && c.ty <= h {
            let p = CLAHEParameters(clipLimit: c.clip, tilesX: c.tx, tilesY: c.ty)
            let golden = try Self.read16("u16_c\(Int(c.clip))_\(c.tx)x\(c.ty)_\(size).u16", w, h)
            let out = try input.clahe(p, valueBits: 16, histogramBins: 65536)
            #expect(Self.maxDifference(out.pixels, golden.pixels) == 0, "clip \(c.clip) \(c.tx)x\(c.ty)")
        }
    }

    /// The pipeline's cases: 16-bit windowed data with 4,096 bins, raw 14-bit stored values with
    /// 4,096 bins (both between bins), raw 12-bit values with 4,096 bins (a bin per value); one
    /// pixel in sixteen above 2^bits − 1 (read as 2^bits − 1) where the bits are fewer than 16.
    @Test(arguments: sizes16)
    func otherBitDepthsMatchTheReference(size: String) throws {
        let (w, h) = Self.dimensions(size)
        for (bits, bins) in [(16, 4096), (14, 4096), (12, 4096)] {
            let values = Self.synth(w, h, seed: 3, top: (1 << bits) - 1, limit: 65535).map { UInt16($0) }
            let input = GrayImage<UInt16>(width: w, height: h, pixels: values)
            for c in Self.combos.prefix(3) where c.tx <= w && c.ty <= h {
                let p = CLAHEParameters(clipLimit: c.clip, tilesX: c.tx, tilesY: c.ty)
                let golden = try Self.read16("v\(bits)b\(bins)_c\(Int(c.clip))_\(c.tx)x\(c.ty)_\(size).u16", w, h)
                let out = try input.clahe(p, valueBits: bits, histogramBins: bins)
                #expect(
                    Self.maxDifference(out.pixels, golden.pixels) == 0, "\(bits) bits, clip \(c.clip) \(c.tx)x\(c.ty)")
                #expect(try input.clahe(p, valueBits: bits, histogramBins: bins, schedule: Self.parallel) == out)
            }
        }
    }

    /// Requirement: 8-bit values in a 16-bit image, with 8 value bits and 256 bins, give exactly
    /// the 8-bit result (values above 255 read as 255).
    @Test(arguments: TestData.awkwardWidths)
    func eightBitValuesInSixteenBitsGiveTheEightBitResult(width: Int) throws {
        for height in [1, 7, 37] {
            let wide = GrayImage<UInt16>.random(
                width: width, height: height, in: 0...300, seed: UInt64(width * 100 + height))
            let narrow = GrayImage<UInt8>(width: width, height: height, pixels: wide.pixels.map { UInt8(min($0, 255)) })
            for (tx, ty) in [(1, 1), (2, 3), (8, 8), (3, 16)] where tx <= width && ty <= height {
                let p = CLAHEParameters(clipLimit: 2.5, tilesX: tx, tilesY: ty)
                let expected = try narrow.clahe(p).pixels.map(UInt16.init)
                #expect(try wide.clahe(p, valueBits: 8, histogramBins: 256).pixels == expected, "\(tx)x\(ty)")
            }
        }
    }

    /// Serial and parallel schedules write the same bytes: tiles split in blocks, rows in bands
    /// (one per pair of tile rows, and split further when there are fewer than two a thread).
    @Test func schedulesAgree() throws {
        let schedules = [
            Schedule(maxThreads: 2), Schedule(maxThreads: 3, bandsPerThread: 3),
            Schedule(maxThreads: 4, bandsPerThread: 8),
        ]
        let image16 = GrayImage<UInt16>(
            width: 300, height: 200, pixels: Self.synth(300, 200, seed: 9, top: 65535, limit: 65535).map { UInt16($0) })
        let image8 = GrayImage<UInt8>(width: 300, height: 200, pixels: image16.pixels.map { UInt8($0 >> 8) })
        for (tx, ty) in [(7, 9), (5, 1), (1, 2), (16, 16)] {
            let p = CLAHEParameters(clipLimit: 2, tilesX: tx, tilesY: ty)
            for bins in [256, 4096, 65536] {
                let serial = try image16.clahe(p, histogramBins: bins)
                for s in schedules {
                    #expect(
                        try image16.clahe(p, histogramBins: bins, schedule: s) == serial, "\(tx)x\(ty) \(bins) \(s)")
                }
            }
            let serial = try image8.clahe(p)
            for s in schedules { #expect(try image8.clahe(p, schedule: s) == serial, "\(tx)x\(ty) \(s)") }
        }
    }

    /// No overflow at the top of the range (the kernel does not clamp its float result: every map
    /// value is at most the top), and values above 2^valueBits − 1 are read as the top.
    @Test func outputStaysInRange() throws {
        let p = CLAHEParameters(clipLimit: 40, tilesX: 3, tilesY: 2)
        for (bits, bins) in [(16, 4096), (16, 65536), (16, 2), (12, 4096), (10, 64), (1, 2)] {
            let top = UInt16((1 << bits) - 1)
            for fill: UInt16 in [0, top, 65535] {
                let out = try GrayImage<UInt16>(width: 19, height: 11, repeating: fill).clahe(
                    p, valueBits: bits, histogramBins: bins)
                #expect(out.extrema.max <= top, "\(bits) bits \(bins) bins, all \(fill)")
            }
            let noise = GrayImage<UInt16>.random(width: 40, height: 30, in: 0...65535, seed: UInt64(bits))
            let clamped = GrayImage<UInt16>(width: 40, height: 30, pixels: noise.pixels.map { min($0, top) })
            let out = try noise.clahe(p, valueBits: bits, histogramBins: bins)
            #expect(out.extrema.max <= top)
            #expect(out == (try clamped.clahe(p, valueBits: bits, histogramBins: bins)))
        }
        // OpenCV maps a 1×1 image (and any constant tile) to the top: the bin holds the whole tile.
        #expect(
            try GrayImage<UInt8>(width: 1, height: 1, repeating: 9).clahe(CLAHEParameters(tilesX: 1, tilesY: 1)).pixels
                == [255])
    }

    /// Fewer bins than values keep the levels apart (no 256-level banding).
    @Test func fewerBinsKeepEveryLevel() throws {
        let input = try Self.read16("look_in16_320x256.u16", 320, 256)
        let out = try input.clahe(CLAHEParameters(), histogramBins: 256)
        #expect(Set(out.pixels).count > 20_000)
        #expect(Set(try input.clahe(CLAHEParameters(), histogramBins: 65536).pixels).count > 20_000)
    }

    /// The look test: a 16-bit windowed periapical crop through 16-bit CLAHE, divided by 257 and
    /// rounded, next to OpenCV's 8-bit CLAHE (clip 2) of the same crop windowed to 8 bits.
    /// Measured (mean / max |diff| in grey levels):
    ///
    /// | tiles (px a tile)  | 256 bins    | 4,096 bins  |
    /// |--------------------|-------------|-------------|
    /// | 8×8 (40×32)        | 0.873 / 10  | 6.17 / 27   |
    /// | 2×2 (160×128)      | 0.617 / 3   | 1.113 / 6   |
    ///
    /// and on the whole 1500×2000 periapical at 8×8 (187×250 px a tile): 0.580 / 3 and 1.042 / 6.
    /// 4,096 bins in a 1,280-pixel tile put the clip limit at its floor of 1 count a bin: that is
    /// what a 4,096-bin CLAHE of so small a tile looks like (flatter), not an error; with tiles of
    /// a periapical's size it is within a grey level on average.
    @Test func sixteenBitCLAHELooksLikeOpenCVsEightBitCLAHE() throws {
        let input = try Self.read16("look_in16_320x256.u16", 320, 256)
        for (tiles, bins, meanLimit, maxLimit) in [
            (8, 256, 1.0, 12), (8, 4096, 7.0, 32), (2, 256, 0.75, 4), (2, 4096, 1.3, 8),
        ] {
            let reference = try Self.read8("look_cv8_c2_\(tiles)x\(tiles)_320x256.u8", 320, 256).pixels
            let out = try input.clahe(CLAHEParameters(clipLimit: 2, tilesX: tiles, tilesY: tiles), histogramBins: bins)
            let diffs = zip(out.pixels, reference).map { abs((Int($0) + 128) / 257 - Int($1)) }
            let mean = Double(diffs.reduce(0, +)) / Double(diffs.count)
            #expect(
                mean <= meanLimit && diffs.max()! <= maxLimit,
                "\(tiles)x\(tiles), \(bins) bins: mean \(mean), max \(diffs.max()!)")
        }
    }

    @Test func parametersAreValidated() {
        let image = GrayImage<UInt16>(width: 8, height: 4, repeating: 7)
        let image8 = GrayImage<UInt8>(width: 8, height: 4, repeating: 7)
        for clip in [0, -1, Double.nan, .infinity] {
            #expect(
                Self.errorName { try image.clahe(CLAHEParameters(clipLimit: clip), histogramBins: 256) }?.contains(
                    "clip limit") == true)
            #expect(
                Self.errorName { try image8.clahe(CLAHEParameters(clipLimit: clip)) }?.contains("clip limit") == true)
        }
        for (tx, ty) in [(0, 1), (1, 0), (9, 1), (1, 5), (-3, 2)] {
            let p = CLAHEParameters(clipLimit: 2, tilesX: tx, tilesY: ty)
            #expect(
                Self.errorName { try image.clahe(p, histogramBins: 256) }?.contains("tile grid") == true, "\(tx)x\(ty)")
            #expect(Self.errorName { try image8.clahe(p) }?.contains("tile grid") == true, "\(tx)x\(ty)")
        }
        #expect(throws: RadiographCoreError.self) { try image.clahe(CLAHEParameters(), histogramBins: 1000) }
        #expect(throws: RadiographCoreError.self) { try image.clahe(CLAHEParameters(), histogramBins: 1) }
        #expect(throws: RadiographCoreError.self) {
            try image.clahe(CLAHEParameters(), valueBits: 8, histogramBins: 512)
        }
        #expect(throws: RadiographCoreError.self) { try image.clahe(CLAHEParameters(), valueBits: 0, histogramBins: 2) }
        #expect(throws: RadiographCoreError.self) {
            try image.clahe(CLAHEParameters(), valueBits: 17, histogramBins: 256)
        }
        #expect(throws: Never.self) {
            try image.clahe(CLAHEParameters(tilesX: 8, tilesY: 4), valueBits: 1, histogramBins: 2)
        }
        #expect(throws: Never.self) {
            try CLAHEParameters(clipLimit: 1e300, tilesX: 1, tilesY: 1).validate(width: 1, height: 1)
        }
        #expect(throws: Never.self) { try image8.clahe(CLAHEParameters(clipLimit: 1e300, tilesX: 1, tilesY: 1)) }
        // A grid whose maps would take gigabytes (2^20 tiles of 4,097 entries) is refused.
        let large = GrayImage<UInt16>(width: 1024, height: 1024, repeating: 0)
        let grid = CLAHEParameters(tilesX: 1024, tilesY: 1024)
        #expect(Self.errorName { try large.clahe(grid, histogramBins: 4096) } == "CLAHE tile grid")
    }

    @Test func parametersRoundTripThroughCodable() throws {
        let p = CLAHEParameters(clipLimit: 3.5, tilesX: 4, tilesY: 6)
        #expect(try JSONDecoder().decode(CLAHEParameters.self, from: JSONEncoder().encode(p)) == p)
        #expect(CLAHEParameters() == CLAHEParameters(clipLimit: 2, tilesX: 8, tilesY: 8))
    }

    // MARK: - Helpers

    struct MissingFixture: Error, CustomStringConvertible {
        var path: String
        var description: String { "missing or short fixture \(path) (run Tests/Fixtures/enhance/generate_clahe.py)" }
    }

    static func dimensions(_ size: String) -> (Int, Int) {
        let parts = size.split(separator: "x").map { Int($0)! }
        return (parts[0], parts[1])
    }

    static func bytes(_ name: String, count: Int) throws -> [UInt8] {
        let path = TestData.fixture("enhance/clahe/" + name)
        guard let data = FileManager.default.contents(atPath: path), data.count == count else {
            throw MissingFixture(path: path)
        }
        return [UInt8](data)
    }

    static func read8(_ name: String, _ w: Int, _ h: Int) throws -> GrayImage<UInt8> {
        GrayImage(width: w, height: h, pixels: try bytes(name, count: w * h))
    }

    /// Little-endian 16-bit pixels.
    static func read16(_ name: String, _ w: Int, _ h: Int) throws -> GrayImage<UInt16> {
        let b = try bytes(name, count: 2 * w * h)
        return GrayImage(
            width: w, height: h, pixels: (0..<(w * h)).map { UInt16(b[2 * $0]) | UInt16(b[2 * $0 + 1]) << 8 })
    }

    static func maxDifference<P: GrayPixel>(_ a: [P], _ b: [P]) -> Int {
        zip(a, b).map { abs(Int($0) - Int($1)) }.max() ?? 0
    }

    /// The parameter an `.invalidParameter` error names, nil when `body` does not throw.
    static func errorName<T>(_ body: () throws -> T) -> String? {
        do {
            _ = try body()
            return nil
        } catch RadiographCoreError.invalidParameter(let name, _) {
            return name
        } catch {
            return "\(error)"
        }
    }

    /// generate_clahe.py's `synth`: a ramp, a bright disk and hashed noise, integers only; with
    /// `limit > top`, one pixel in sixteen between `top + 1` and `limit`.
    static func synth(_ w: Int, _ h: Int, seed: Int, top: Int, limit: Int) -> [Int] {
        var values: [Int] = []
        values.reserveCapacity(w * h)
        for y in 0..<h {
            for x in 0..<w {
                var z =
                    UInt32(truncatingIfNeeded: x) &* 0x9E37_79B1 &+ UInt32(truncatingIfNeeded: y) &* 0x85EB_CA77
                    &+ UInt32(truncatingIfNeeded: seed) &* 0xC2B2_AE3D
                z ^= z >> 15
                z = z &* 0x2C1B_3C6D
                z ^= z >> 12
                z = z &* 0x297A_2D39
                z ^= z >> 15
                let base = (x * 3 + y * 5) * top / (3 * w + 5 * h)
                let disk =
                    (2 * x - w) * (2 * x - w) + (2 * y - h) * (2 * y - h) < min(w, h) * min(w, h) / 2 ? top / 4 : 0
                let noise = Int(z % UInt32(top / 8 + 1)) - top / 16
                var v = min(max(base * 3 / 4 + disk + noise, 0), top)
                if limit > top && z >> 28 == 0 { v = top + 1 + Int(z % UInt32(limit - top)) }
                values.append(v)
            }
        }
        return values
    }
}

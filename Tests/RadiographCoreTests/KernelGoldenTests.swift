import Foundation
import RadiographCore
import Testing
import _RadiographTestSupport

/// CLAHE, median and unsharp mask against OpenCV's outputs on the same inputs (goldens made by
/// Tests/Fixtures/enhance/generate_kernels.py), over awkward sizes.
@Suite struct KernelGoldenTests {
    static let sizes = ["1x1", "2x2", "3x5", "15x9", "16x16", "17x13", "63x40", "64x64", "65x33", "1x37", "37x1"]
    static let parallel = Schedule(maxThreads: 3, bandsPerThread: 3)

    @Test(arguments: sizes)
    func medianIsBitExactWithOpenCV(size: String) throws {
        let in8 = try PGM.read8(PGM.kernel("in8_\(size).pgm"))
        let in16 = try PGM.read16(PGM.kernel("in16_\(size).pgm"))
        for k in [3, 5] {
            #expect(try in8.medianFiltered(size: k) == PGM.read8(PGM.kernel("median\(k)_8_\(size).pgm")), "\(k) 8-bit")
            #expect(try in16.medianFiltered(size: k) == PGM.read16(PGM.kernel("median\(k)_16_\(size).pgm")), "\(k) 16-bit")
            #expect(try in16.medianFiltered(size: k, schedule: Self.parallel) == in16.medianFiltered(size: k))
        }
    }

    /// Within 1 of OpenCV's GaussianBlur + addWeighted everywhere (OpenCV rounds the blur first,
    /// and its 8-bit Gaussian is fixed-point; both use reflect-101 borders).
    @Test(arguments: sizes)
    func unsharpMaskIsWithinOneOfOpenCV(size: String) throws {
        let in8 = try PGM.read8(PGM.kernel("in8_\(size).pgm"))
        let in16 = try PGM.read16(PGM.kernel("in16_\(size).pgm"))
        for (sigma, amount) in [(0.8, 1.0), (2.0, 1.0), (5.0, 0.5)] {
            let p = UnsharpMaskParameters(sigma: sigma, amount: amount)
            let name = "s\(sigma.formatted)_a\(amount.formatted)_\(size).pgm"
            let d8 = try in8.unsharpMasked(p).difference(try PGM.read8(PGM.kernel("unsharp_8_" + name)))
            let d16 = try in16.unsharpMasked(p).difference(try PGM.read16(PGM.kernel("unsharp_16_" + name)))
            #expect(d8.maximum <= 1, "8-bit σ \(sigma): \(d8)")
            #expect(d16.maximum <= 1, "16-bit σ \(sigma): \(d16)")
            #expect(try in16.unsharpMasked(p, schedule: Self.parallel) == in16.unsharpMasked(p))
        }
    }

    @Test(arguments: sizes)
    func claheIsWithinOneOfOpenCV(size: String) throws {
        let in8 = try PGM.read8(PGM.kernel("in8_\(size).pgm"))
        let in16 = try PGM.read16(PGM.kernel("in16_\(size).pgm"))
        for (clip, tx, ty) in [(2.0, 8, 8), (1.0, 2, 3), (4.0, 1, 1), (40.0, 16, 16)] where tx <= in8.width && ty <= in8.height {
            let p = CLAHEParameters(clipLimit: clip, tilesX: tx, tilesY: ty)
            let name = "c\(clip.formatted)_\(tx)x\(ty)_\(size).pgm"
            let d8 = try in8.clahe(p).difference(try PGM.read8(PGM.kernel("clahe8_" + name)))
            #expect(d8.maximum <= 1, "8-bit clip \(clip) \(tx)x\(ty): \(d8)")
            let d16 = try in16.clahe(p, valueBits: 16, histogramBins: 65536)
                .difference(try PGM.read16(PGM.kernel("clahe16_" + name)))
            #expect(d16.maximum <= 1, "16-bit clip \(clip) \(tx)x\(ty): \(d16)")
            #expect(try in8.clahe(p, schedule: Self.parallel) == in8.clahe(p))
            #expect(
                try in16.clahe(p, valueBits: 16, histogramBins: 4096, schedule: Self.parallel)
                    == in16.clahe(p, valueBits: 16, histogramBins: 4096))
            // 8-bit values held in 16 bits with 256 bins: the 8-bit algorithm exactly.
            let wide = GrayImage<UInt16>(width: in8.width, height: in8.height, pixels: in8.pixels.map(UInt16.init))
            #expect(try wide.clahe(p, valueBits: 8, histogramBins: 256).pixels == in8.clahe(p).pixels.map(UInt16.init))
        }
    }

    /// 16-bit CLAHE after the window has the look of OpenCV's 8-bit CLAHE after the window, and
    /// keeps the levels apart. Tiles of 160×128 px (a periapical's are 187×250 at 8×8; with much
    /// smaller tiles a 4,096-bin histogram holds too few counts a bin and clips differently).
    /// On the whole periapical at 8×8, measured: mean |diff| 0.96 / 0.98 / 1.06 grey levels with
    /// 256 / 1,024 / 4,096 bins, max 4 / 5 / 6.
    @Test func sixteenBitCLAHELooksLikeOpenCVsEightBitCLAHE() throws {
        let input = try PGM.read16(PGM.kernel("look_in16_320x256.pgm"))
        let reference = try PGM.read8(PGM.kernel("look_cv8_320x256.pgm")).pixels
        let p = CLAHEParameters(clipLimit: 2, tilesX: 2, tilesY: 2)
        for (bins, meanLimit, maxLimit) in [(256, 1.5, 8), (4096, 2.0, 8)] {  // measured 4,096: mean 1.58, max 6
            let out = try input.clahe(p, valueBits: 16, histogramBins: bins)
            let diffs = zip(out.pixels, reference).map { abs((Int($0) + 128) / 257 - Int($1)) }
            let mean = Double(diffs.reduce(0, +)) / Double(diffs.count)
            #expect(mean <= meanLimit && diffs.max()! <= maxLimit, "\(bins) bins: mean \(mean), max \(diffs.max()!)")
            // More distinct output levels than an 8-bit result could hold.
            #expect(Set(out.pixels).count > 1000, "\(bins) bins: \(Set(out.pixels).count) levels")
        }
    }

    @Test func badParametersAreRefused() {
        let image = GrayImage<UInt16>(width: 8, height: 4, repeating: 7)
        #expect(throws: RadiographCoreError.self) { try image.clahe(CLAHEParameters(clipLimit: 0), histogramBins: 256) }
        #expect(throws: RadiographCoreError.self) {
            try image.clahe(CLAHEParameters(clipLimit: 2, tilesX: 9, tilesY: 1), histogramBins: 256)
        }
        #expect(throws: RadiographCoreError.self) { try image.clahe(CLAHEParameters(), histogramBins: 1000) }
        #expect(throws: RadiographCoreError.self) { try image.clahe(CLAHEParameters(), valueBits: 8, histogramBins: 512) }
        #expect(throws: RadiographCoreError.self) { try image.medianFiltered(size: 4) }
        #expect(throws: RadiographCoreError.self) { try image.unsharpMasked(UnsharpMaskParameters(sigma: 0, amount: 1)) }
        #expect(throws: RadiographCoreError.self) { try image.unsharpMasked(UnsharpMaskParameters(sigma: 1, amount: -1)) }
        #expect(throws: RadiographCoreError.self) { try image.gaussianBlurred(sigma: .nan) }
        #expect(throws: RadiographCoreError.self) { try image.cropped(to: CropRectangle(x: 5, y: 0, width: 4, height: 1)) }
        #expect(throws: RadiographCoreError.self) { try image.cropped(to: CropRectangle(x: 0, y: 0, width: 0, height: 1)) }
    }

    @Test(arguments: TestData.awkwardWidths)
    func cropKeepsTheRectangle(width: Int) throws {
        let image = GrayImage<UInt16>.random(width: width, height: 7, in: 0...65535, seed: UInt64(width))
        let x = width / 3
        let w = width - x
        let crop = try image.cropped(to: CropRectangle(x: x, y: 2, width: w, height: 4))
        for y in 0..<4 {
            for cx in 0..<w { #expect(crop[x: cx, y: y] == image[x: x + cx, y: y + 2]) }
        }
        #expect(try image.cropped(to: CropRectangle(x: 0, y: 0, width: width, height: 7)) == image)
    }
}

extension Double {
    /// `2`, `0.8`: as Python's `{:g}` writes it in the golden file names.
    fileprivate var formatted: String { self == rounded() ? String(Int(self)) : String(self) }
}

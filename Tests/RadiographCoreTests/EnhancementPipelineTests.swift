import Foundation
import RadiographCore
import Testing
import _RadiographTestSupport

@Suite struct EnhancementPipelineTests {
    /// A 14-bit image with a linear window, as a periapical arrives.
    static func capture(width: Int = 37, height: Int = 23, seed: UInt64 = 7) throws -> (AnyGrayImage, DisplayTransform) {
        let image = GrayImage<UInt16>.random(width: width, height: height, in: 0...16383, seed: seed)
        let transform = DisplayTransform(
            stored: try StoredValueRange(bitsStored: 14, isSigned: false),
            voi: .window(try Window(center: 9065, width: 14636)))
        return (.uint16(image), transform)
    }

    static func values16(_ image: AnyGrayImage) -> [UInt16] {
        guard case .uint16(let i) = image else { Issue.record("expected 16-bit, got \(image.format)"); return [] }
        return i.pixels
    }

    static func values8(_ image: AnyGrayImage) -> [UInt8] {
        guard case .uint8(let i) = image else { Issue.record("expected 8-bit, got \(image.format)"); return [] }
        return i.pixels
    }

    @Test func emptyPipelineIsTheExactDisplayTransform() throws {
        let (image, transform) = try Self.capture()
        for bits in [8, 16] {
            let out = try EnhancementPipeline().render(image, transform: transform, outputBits: bits)
            let expected = bits == 8
                ? AnyGrayImage.uint8(image.applying(try transform.makeLUT8()))
                : .uint16(image.applying(try transform.makeLUT16()))
            #expect(out == expected)
        }
    }

    @Test func gammaFollowedByItsInverseIsExactWhenFused() throws {
        let (image, transform) = try Self.capture()
        let plain = try EnhancementPipeline().render(image, transform: transform, outputBits: 16)
        for g in [0.45, 1.3, 2.2] {
            let pair = EnhancementPipeline([.gamma(g), .gamma(1 / g)])
            #expect(try pair.render(image, transform: transform, outputBits: 16) == plain, "gamma \(g)")
        }
    }

    @Test func gammaIsAPowerLawOnTheWindowedValues() throws {
        let (image, transform) = try Self.capture()
        let plain = Self.values16(try EnhancementPipeline().render(image, transform: transform, outputBits: 16))
        let out = Self.values16(try EnhancementPipeline([.gamma(2)]).render(image, transform: transform, outputBits: 16))
        for (p, o) in zip(plain, out) {
            let expected = (Double(p) / 65535).squareRoot() * 65535
            #expect(abs(Double(o) - expected) <= 0.5 + 1e-9)
        }
    }

    @Test func invertAndBrightnessContrast() throws {
        let (image, transform) = try Self.capture()
        let plain = Self.values16(try EnhancementPipeline().render(image, transform: transform, outputBits: 16))
        let inverted = Self.values16(try EnhancementPipeline([.invert]).render(image, transform: transform, outputBits: 16))
        #expect(zip(plain, inverted).allSatisfy { Int($0) + Int($1) == 65535 })
        let twice = try EnhancementPipeline([.invert, .invert]).render(image, transform: transform, outputBits: 16)
        #expect(Self.values16(twice) == plain)
        let bc = Self.values16(
            try EnhancementPipeline([.brightnessContrast(brightness: 0.1, contrast: 1.5)])
                .render(image, transform: transform, outputBits: 16))
        for (p, o) in zip(plain, bc) {
            let x = Double(p) / 65535
            let expected = min(max((x - 0.5) * 1.5 + 0.6, 0), 1) * 65535
            #expect(abs(Double(o) - expected.rounded()) == 0)
        }
    }

    @Test func eightBitSourcesStayEightBit() throws {
        let image = GrayImage<UInt8>.random(width: 17, height: 5, in: 0...255, seed: 3)
        let transform = DisplayTransform(stored: try StoredValueRange(bitsStored: 8, isSigned: false), voi: .none)
        let out = try EnhancementPipeline([.invert]).render(.uint8(image), transform: transform, outputBits: 8)
        #expect(Self.values8(out) == image.pixels.map { 255 - $0 })
        let wide = try EnhancementPipeline([.invert]).render(.uint8(image), transform: transform, outputBits: 16)
        #expect(Self.values16(wide) == image.pixels.map { UInt16(255 - $0) * 257 })
    }

    /// OpenCV's `equalizeHist` on 8-bit images (goldens from generate_point.py).
    @Test(arguments: ["1x1", "17x13", "64x3", "65x40"])
    func equalizeMatchesOpenCV(size: String) throws {
        let input = try PGM.read8(TestData.fixture("enhance/point/equalize_in_\(size).pgm"))
        let expected = try PGM.read8(TestData.fixture("enhance/point/equalize_cv_\(size).pgm"))
        let transform = DisplayTransform(stored: try StoredValueRange(bitsStored: 8, isSigned: false), voi: .none)
        let out = try EnhancementPipeline([.equalize]).render(.uint8(input), transform: transform, outputBits: 8)
        #expect(out == .uint8(expected))
    }

    @Test func equalizeSpreadsSixteenBitValuesOverTheRange() throws {
        let (image, transform) = try Self.capture(width: 64, height: 64)
        let out = Self.values16(try EnhancementPipeline([.equalize]).render(image, transform: transform, outputBits: 16))
        // Uniform input → a near-identity CDF: the output covers the whole range and stays monotone.
        #expect(out.min() == 0)
        #expect(out.max()! > 65000)
        let plain = Self.values16(try EnhancementPipeline().render(image, transform: transform, outputBits: 16))
        let pairs = zip(plain, out).sorted { $0.0 < $1.0 }
        #expect(zip(pairs, pairs.dropFirst()).allSatisfy { $0.1 <= $1.1 })
    }

    @Test func permutationsCommuteWithTheWindow() throws {
        let (image, transform) = try Self.capture()
        let plain = try EnhancementPipeline().render(image, transform: transform, outputBits: 8)
        let turned = try EnhancementPipeline([.rotate(.clockwise90), .flip(.vertical)])
            .render(image, transform: transform, outputBits: 8)
        guard case .uint8(let p) = plain, case .uint8(let t) = turned else { Issue.record("8-bit expected"); return }
        #expect(t == p.rotated(.clockwise90).flippedVertically())
    }

    @Test func explicitStepsOverrideThePresetsOfTheSameKind() {
        let preset = EnhancementPipeline([
            .clahe(CLAHEParameters(clipLimit: 2)), .unsharpMask(UnsharpMaskParameters(sigma: 1, amount: 0.5)),
            .gamma(1.2),
        ])
        let merged = preset.overriding(with: [
            .gamma(0.9), .clahe(CLAHEParameters(clipLimit: 3, tilesX: 4, tilesY: 4)), .crop(CropRectangle(x: 0, y: 0, width: 5, height: 5)),
            .invert, .median(size: 3),
        ])
        #expect(merged.steps.map(\.kind) == [.crop, .median, .clahe, .unsharp, .gamma, .invert])
        #expect(merged.steps[2] == .clahe(CLAHEParameters(clipLimit: 3, tilesX: 4, tilesY: 4)))
        #expect(merged.steps[4] == .gamma(0.9))
    }

    @Test func everyStepRoundTripsThroughJSON() throws {
        let pipeline = EnhancementPipeline([
            .crop(CropRectangle(x: 1, y: 2, width: 3, height: 4)), .rotate(.clockwise270), .flip(.horizontal),
            .median(size: 5), .denoise(DenoiseParameters(strength: 0.2)),
            .clahe(CLAHEParameters(clipLimit: 2.5, tilesX: 16, tilesY: 8), histogramBins: 1024),
            .unsharpMask(UnsharpMaskParameters(sigma: 1.5, amount: 0.7, threshold: 2)), .equalize, .gamma(1.25),
            .brightnessContrast(brightness: -0.1, contrast: 1.2), .invert,
            .resize(width: 300, height: 0, filter: .lanczos), .resize(width: 10, height: 20),
        ])
        let data = try JSONEncoder().encode(pipeline)
        #expect(try JSONDecoder().decode(EnhancementPipeline.self, from: data) == pipeline)
        #expect(Set(pipeline.steps.map(\.kind)) == Set(EnhancementStep.Kind.allCases))
    }

    @Test func misspeltJSONIsRefusedWithItsName() throws {
        func decode(_ json: String) -> String? {
            do {
                _ = try JSONDecoder().decode(EnhancementStep.self, from: Data(json.utf8))
                return nil
            } catch let DecodingError.dataCorrupted(c) {
                return c.debugDescription
            } catch {
                return "\(error)"
            }
        }
        #expect(decode(#"{"op": "clahe", "clip": 2}"#)?.contains("unknown parameter 'clip' for clahe") == true)
        #expect(decode(#"{"op": "sharpen"}"#)?.contains("unknown operation 'sharpen'") == true)
        #expect(decode(#"{"op": "rotate", "degrees": 45}"#)?.contains("45 is not") == true)
        #expect(decode(#"{"op": "invert", "amount": 1}"#)?.contains("it takes none") == true)
        #expect(decode(#"{"op": "gamma", "gamma": 1.5}"#) == nil)
    }

    @Test func parametersOutOfRangeAreRefusedBeforeAnyPixel() {
        let bad: [(EnhancementStep, String)] = [
            (.clahe(CLAHEParameters(clipLimit: 0)), "clip limit"),
            (.clahe(CLAHEParameters(clipLimit: .nan)), "clip limit"),
            (.clahe(CLAHEParameters(clipLimit: 2, tilesX: 0, tilesY: 8)), "tile grid"),
            (.clahe(CLAHEParameters(clipLimit: 2), histogramBins: 1000), "bins"),
            (.unsharpMask(UnsharpMaskParameters(sigma: 0, amount: 1)), "sigma"),
            (.median(size: 4), "median"),
            (.gamma(0), "gamma"),
            (.gamma(-1), "gamma"),
            (.brightnessContrast(brightness: 2, contrast: 1), "brightness"),
            (.resize(width: 0, height: 0), "resize"),
            (.crop(CropRectangle(x: -1, y: 0, width: 3, height: 3)), "crop"),
        ]
        for (step, name) in bad {
            #expect {
                try EnhancementPipeline([step]).validate()
            } throws: { error in
                "\(error)".contains(name)
            }
        }
    }
}

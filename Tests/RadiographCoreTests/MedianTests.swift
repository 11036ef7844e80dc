import Foundation
import RadiographCore
import Testing
import _RadiographTestSupport

/// `medianFiltered(size:)` against `cv2.medianBlur` (goldens in Tests/Fixtures/enhance/filters, made
/// by generate_filters.py): bit-exact, 3×3 and 5×5, 8- and 16-bit, awkward sizes; and against a
/// plain Swift reference (sort the replicated-border window) on random images of every awkward width.
@Suite struct MedianTests {
    static let parallel = Schedule(maxThreads: 3, bandsPerThread: 3)

    @Test(arguments: FilterFixtures.sizes)
    func bitExactWithOpenCV(size: String) throws {
        let in8 = try FilterFixtures.read8("in8_\(size).pgm")
        let in16 = try FilterFixtures.read16("in16_\(size).pgm")
        for k in [3, 5] {
            let golden8 = try FilterFixtures.read8("median\(k)_8_\(size).pgm")
            let golden16 = try FilterFixtures.read16("median\(k)_16_\(size).pgm")
            let out8 = try in8.medianFiltered(size: k)
            let out16 = try in16.medianFiltered(size: k)
            #expect(out8 == golden8, "median \(k) 8-bit \(size): \(ImageDifference(out8, golden8))")
            #expect(out16 == golden16, "median \(k) 16-bit \(size): \(ImageDifference(out16, golden16))")
            #expect(try in8.medianFiltered(size: k, schedule: Self.parallel) == out8)
            #expect(try in16.medianFiltered(size: k, schedule: Self.parallel) == out16)
        }
    }

    /// Every awkward width, heights 1 to 40, values spread over the whole range (0 and the top
    /// included): bit-exact with the reference, and every schedule gives the same bytes.
    @Test(arguments: TestData.awkwardWidths)
    func matchesTheReferenceOnRandomImages(width: Int) throws {
        for height in [1, 2, 3, 4, 5, 6, 17, 40] {
            let seed = UInt64(width * 100 + height)
            let i8 = GrayImage<UInt8>.random(width: width, height: height, in: 0...255, seed: seed)
            let i16 = GrayImage<UInt16>.random(width: width, height: height, in: 0...65535, seed: seed)
            // Few distinct values: many ties.
            let ties = GrayImage<UInt16>.random(width: width, height: height, in: 65533...65535, seed: seed)
            for k in [3, 5] {
                let m8 = try i8.medianFiltered(size: k)
                let m16 = try i16.medianFiltered(size: k)
                #expect(m8 == Self.reference(i8, k), "8-bit \(width)x\(height) k \(k)")
                #expect(m16 == Self.reference(i16, k), "16-bit \(width)x\(height) k \(k)")
                #expect(try ties.medianFiltered(size: k) == Self.reference(ties, k))
                // Signed 16-bit stored values are ordered as signed numbers.
                let signed = GrayImage<Int16>.random(width: width, height: height, in: -32768...32767, seed: seed)
                #expect(try signed.medianFiltered(size: k) == Self.reference(signed, k))
                for schedule in [Schedule(maxThreads: 2), Self.parallel, Schedule(maxThreads: 4, bandsPerThread: 8)] {
                    #expect(try i8.medianFiltered(size: k, schedule: schedule) == m8)
                    #expect(try i16.medianFiltered(size: k, schedule: schedule) == m16)
                }
            }
        }
    }

    /// Tall enough that the parallel schedule really splits the rows into bands.
    @Test func schedulesAgreeOnATallImage() throws {
        let image = GrayImage<UInt16>.random(width: 67, height: 300, in: 0...65535, seed: 9)
        for k in [3, 5] {
            let serial = try image.medianFiltered(size: k)
            #expect(serial == Self.reference(image, k))
            #expect(try image.medianFiltered(size: k, schedule: Schedule(maxThreads: 2)) == serial)
            #expect(try image.medianFiltered(size: k, schedule: Self.parallel) == serial)
        }
    }

    @Test func removesSaltAndPepperAndKeepsFlatAreas() throws {
        var image = GrayImage<UInt16>(width: 20, height: 10, repeating: 1000)
        image[x: 5, y: 5] = 65535
        image[x: 12, y: 3] = 0
        #expect(try image.medianFiltered(size: 3) == GrayImage(width: 20, height: 10, repeating: 1000))
        #expect(try image.medianFiltered(size: 5) == GrayImage(width: 20, height: 10, repeating: 1000))
        let flat = GrayImage<UInt8>(width: 1, height: 1, repeating: 77)
        #expect(try flat.medianFiltered(size: 5) == flat)
    }

    @Test(arguments: [4, 0, 1, 2, 7, -3, Int.max])
    func refusesOtherSizes(size: Int) {
        let image = GrayImage<UInt16>(width: 8, height: 4, repeating: 7)
        #expect(throws: RadiographCoreError.self) { try image.medianFiltered(size: size) }
        do {
            _ = try GrayImage<UInt8>(width: 3, height: 3).medianFiltered(size: size)
            Issue.record("size \(size) accepted")
        } catch {
            guard case .invalidParameter(let name, _) = error else { Issue.record("\(error)"); return }
            #expect(name == "median size")
        }
    }
}

extension MedianTests {
    /// The median of each `k×k` window, borders replicated (OpenCV's medianBlur), by sorting.
    static func reference<P: GrayPixel>(_ image: GrayImage<P>, _ k: Int) -> GrayImage<P> {
        let r = k / 2
        let w = image.width
        let h = image.height
        let src = image.pixels
        var out = [P](repeating: 0, count: w * h)
        var window = [P]()
        for y in 0..<h {
            for x in 0..<w {
                window.removeAll(keepingCapacity: true)
                for dy in -r...r {
                    for dx in -r...r {
                        window.append(src[min(max(y + dy, 0), h - 1) * w + min(max(x + dx, 0), w - 1)])
                    }
                }
                window.sort()
                out[y * w + x] = window[window.count / 2]
            }
        }
        return GrayImage(width: w, height: h, pixels: out)
    }
}

/// The golden files of the neighbourhood filters: `Tests/Fixtures/enhance/filters/`.
enum FilterFixtures {
    /// The sizes generate_filters.py writes (its SIZES), as in the file names.
    static let sizes = [
        "1x1", "2x2", "3x3", "1x23", "23x1", "2x9", "3x7", "15x9", "16x16", "17x13", "63x12", "64x7", "65x48", "9x64",
    ]

    static func path(_ name: String) -> String { TestData.fixture("enhance/filters/" + name) }
    static func read8(_ name: String) throws -> GrayImage<UInt8> { try PGM.read8(path(name)) }
    static func read16(_ name: String) throws -> GrayImage<UInt16> { try PGM.read16(path(name)) }

    /// The one file whose name starts with `prefix` and ends with `suffix` (for names that carry a
    /// value the generator chose).
    static func name(prefix: String, suffix: String) throws -> String {
        let all = try FileManager.default.contentsOfDirectory(atPath: path(""))
        let matches = all.filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }
        guard matches.count == 1 else { throw PGM.Malformed(path: path(prefix + "*" + suffix)) }
        return matches[0]
    }

    /// `2`, `0.8`: numbers as Python's `{:g}` writes them in the file names.
    static func g(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}

/// The largest |difference| of two images inside, and within `band` pixels of, the border.
struct BandedDifference: CustomStringConvertible {
    var insideMaximum = 0
    var insideCount = 0
    var borderMaximum = 0
    var borderCount = 0
    var maximum: Int { max(insideMaximum, borderMaximum) }

    init<P: GrayPixel>(_ a: GrayImage<P>, _ b: GrayImage<P>, band: Int) {
        precondition(a.width == b.width && a.height == b.height)
        let pa = a.pixels
        let pb = b.pixels
        for y in 0..<a.height {
            for x in 0..<a.width {
                let d = abs(Int(pa[y * a.width + x]) - Int(pb[y * a.width + x]))
                guard d != 0 else { continue }
                let inBand = x < band || y < band || x >= a.width - band || y >= a.height - band
                if inBand {
                    borderMaximum = max(borderMaximum, d)
                    borderCount += 1
                } else {
                    insideMaximum = max(insideMaximum, d)
                    insideCount += 1
                }
            }
        }
    }

    var description: String {
        "inside: max \(insideMaximum) on \(insideCount) px; border band: max \(borderMaximum) on \(borderCount) px"
    }
}

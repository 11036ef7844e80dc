import RadiographCore
import Testing
import _RadiographTestSupport

/// Values of DCMTK's linear window, computed independently with numpy by
/// ../shared/peers/common.py `window_dcmtk` (itself bit-exact with dcmj2pnm on 29 cases).
@Suite struct LinearWindowTests {
    static let inputs = [0, 1, 1000, 1746, 1747, 1748, 5000, 9064, 9065, 9066, 16382, 16383]

    struct Case: Sendable, CustomStringConvertible {
        var center: Double, width: Double, inverted: Bool, expected8: [UInt8], expected16: [UInt16]
        var description: String { "C \(center) W \(width)\(inverted ? " inverted" : "")" }
    }

    static let cases: [Case] = [
        Case(center: 9065, width: 14636, inverted: false,
             expected8: [0, 0, 0, 0, 0, 0, 56, 127, 127, 127, 255, 255],
             expected16: [0, 0, 0, 0, 0, 4, 14566, 32765, 32769, 32774, 65535, 65535]),
        Case(center: 9065, width: 14636, inverted: true,
             expected8: [255, 255, 255, 255, 255, 254, 198, 127, 127, 127, 0, 0],
             expected16: [65535, 65535, 65535, 65535, 65535, 65530, 50968, 32769, 32765, 32760, 0, 0]),
        Case(center: 1000.5, width: 333.3, inverted: false,
             expected8: [0, 0, 127, 255, 255, 255, 255, 255, 255, 255, 255, 255],
             expected16: [0, 0, 32767, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535]),
        Case(center: 9065, width: 1, inverted: false,
             expected8: [0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255],
             expected16: [0, 0, 0, 0, 0, 0, 0, 0, 65535, 65535, 65535, 65535]),
        Case(center: 9065, width: 2, inverted: false,
             expected8: [0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255],
             expected16: [0, 0, 0, 0, 0, 0, 0, 0, 65535, 65535, 65535, 65535]),
        Case(center: 9065.7, width: 2.5, inverted: false,
             expected8: [0, 0, 0, 0, 0, 0, 0, 0, 93, 255, 255, 255],
             expected16: [0, 0, 0, 0, 0, 0, 0, 0, 24029, 65535, 65535, 65535]),
    ]

    @Test(arguments: cases)
    func matchesDCMTKArithmetic(_ c: Case) throws {
        let transform = DisplayTransform(
            stored: try StoredValueRange(bitsStored: 14, isSigned: false),
            voi: .window(try Window(center: c.center, width: c.width)), inverted: c.inverted)
        let lut8 = try transform.makeLUT8()
        let lut16 = try transform.makeLUT16()
        #expect(Self.inputs.map { lut8.entries[$0] } == c.expected8)
        #expect(Self.inputs.map { lut16.entries[$0] } == c.expected16)
    }

    @Test func signedStoredValuesIndexByBitPattern() throws {
        let transform = DisplayTransform(
            stored: try StoredValueRange(bitsStored: 16, isSigned: true),
            voi: .window(try Window(center: 0, width: 9000)))
        let lut = try transform.makeLUT8()
        let values: [Int16] = [-32768, -4500, -1, 0, 1, 4499, 4500, 32767]
        #expect(values.map { lut.entries[Int(UInt16(bitPattern: $0))] } == [0, 0, 127, 127, 127, 255, 255, 255])
    }

    @Test func rejectsWidthsTheStandardForbids() {
        #expect(throws: RadiographCoreError.self) { try Window(center: 0, width: 0) }
        #expect(throws: RadiographCoreError.self) { try Window(center: 0, width: 0.5) }
        #expect(throws: RadiographCoreError.self) { try Window(center: 0, width: 0, function: .sigmoid) }
        #expect(throws: RadiographCoreError.self) { try Window(center: .nan, width: 10) }
        #expect(throws: Never.self) { try Window(center: 0, width: 0.5, function: .linearExact) }
    }

    @Test func linearExactFollowsTheStandard() throws {
        // C.11.2.1.3.2: x <= c - w/2 → ymin; x > c + w/2 → ymax; else ((x - c)/w + 0.5) * (ymax - ymin).
        let transform = DisplayTransform(
            stored: try StoredValueRange(bitsStored: 12, isSigned: false),
            voi: .window(try Window(center: 100, width: 200, function: .linearExact)))
        let lut = try transform.makeLUT8()
        #expect(lut.entries[0] == 0)
        #expect(lut.entries[100] == 127)  // 0.5 * 255 = 127.5, truncated
        #expect(lut.entries[150] == 191)  // 0.75 * 255 = 191.25
        #expect(lut.entries[200] == 255)
        #expect(lut.entries[201] == 255)
    }

    @Test func sigmoidIsMonotonicAndCentred() throws {
        let transform = DisplayTransform(
            stored: try StoredValueRange(bitsStored: 12, isSigned: false),
            voi: .window(try Window(center: 2048, width: 1000, function: .sigmoid)))
        let lut = try transform.makeLUT8()
        #expect(lut.entries[2048] == 127)
        for i in 1..<4096 { #expect(lut.entries[i] >= lut.entries[i - 1]) }
        #expect(lut.entries[0] <= 1 && lut.entries[4095] >= 254)
    }

    @Test func fractionalRescaleStandardVersusDCMTK() throws {
        // Slope 0.37, intercept -100.25: PS3.3 uses the exact value; DCMTK truncates it first.
        let stored = try StoredValueRange(bitsStored: 12, isSigned: false)
        var transform = DisplayTransform(
            stored: stored, modality: .rescale(slope: 0.37, intercept: -100.25),
            voi: .window(try Window(center: 500, width: 1000)))
        let exact = transform.modalityValues()
        #expect(exact[1000] == 1000 * 0.37 - 100.25)
        transform.rescaleArithmetic = .dcmtk
        // Small image: plain truncation toward zero.
        let small = transform.modalityValues(pixelCount: 100)
        #expect(small[1000] == 269)
        #expect(small[0] == -100)
        // Large image: DCMTK's optimisation LUT shifts by frac(absMin) = -0.25.
        let large = transform.modalityValues(pixelCount: 1 << 20)
        #expect(large[1000] == 268.75)
    }

    @Test func voiLUTOutputsScaleToTheDisplayRange() throws {
        let lut = try LookupTable(firstMappedValue: 10, bitsPerEntry: 12, values: [0, 1000, 2000, 4095])
        let transform = DisplayTransform(
            stored: try StoredValueRange(bitsStored: 12, isSigned: false), voi: .lookupTable(lut))
        let lut8 = try transform.makeLUT8()
        #expect(lut8.entries[0] == 0)  // below the first mapped value: first entry
        #expect(lut8.entries[13] == 255)  // last entry = 2^12 - 1
        #expect(lut8.entries[4000] == 255)  // past the end: last entry
        // DCMTK's scaling: low + v * (high - low + 1) / 2^bits, truncated.
        #expect(lut8.entries[11] == UInt8(Double(1000) * 256 / 4096))
        let inverted = DisplayTransform(
            stored: try StoredValueRange(bitsStored: 12, isSigned: false), voi: .lookupTable(lut), inverted: true)
        let inv8 = try inverted.makeLUT8()
        #expect(inv8.entries[0] == 255)
        #expect(inv8.entries[11] == UInt8(255 - Double(1000) * 254 / 4096))
    }
}

@Suite struct LookupKernelTests {
    @Test(arguments: TestData.awkwardWidths)
    func tableKernelMatchesPerPixelLookup(width: Int) throws {
        for height in [1, 2, 17] {
            let image = GrayImage<UInt16>.random(width: width, height: height, in: 0...16383, seed: UInt64(width * 31 + height))
            let transform = DisplayTransform(
                stored: try StoredValueRange(bitsStored: 14, isSigned: false),
                voi: .window(try Window(center: 8000, width: 6000)))
            let lut = try transform.makeLUT8()
            let serial = image.applying(lut, schedule: .serial)
            let parallel = image.applying(lut, schedule: Schedule(maxThreads: 4, bandsPerThread: 4))
            #expect(serial == parallel)
            for y in 0..<height {
                for x in 0..<width { #expect(serial[x: x, y: y] == lut.entries[Int(image[x: x, y: y])]) }
            }
        }
    }

    @Test func serialAndParallelAreIdenticalOnALargeImage() throws {
        let image = GrayImage<Int16>.random(width: 1500, height: 700, in: -2048...2047, seed: 7)
        let transform = DisplayTransform(
            stored: try StoredValueRange(bitsStored: 12, isSigned: true),
            modality: .rescale(slope: 2, intercept: -1024), voi: .window(try Window(center: -500, width: 3000)),
            inverted: true)
        let lut = try transform.makeLUT16()
        #expect(image.applying(lut, schedule: .serial) == image.applying(lut, schedule: Schedule(maxThreads: 2)))
    }
}

@Suite struct AutoWindowTests {
    @Test func ignoresPaddingAndSaturatedMetal() throws {
        // 10% padding at 0, 5% metal at 16383, anatomy uniform over 2000...9999.
        var pixels: [UInt16] = Array(repeating: 0, count: 10_000) + Array(repeating: 16383, count: 5_000)
        pixels += (0..<85_000).map { UInt16(2000 + $0 % 8000) }
        let image = GrayImage(width: 1000, height: 100, pixels: pixels)
        let transform = DisplayTransform(stored: try StoredValueRange(bitsStored: 14, isSigned: false), voi: .none)
        let window = AutoWindow.default.window(for: image.patternHistogram(), transform: transform)
        let low = window.center - 0.5 - (window.width - 1) / 2
        let high = window.center - 0.5 + (window.width - 1) / 2
        #expect(low >= 2000 && low <= 2060, "lower end \(low)")
        #expect(high >= 9940 && high <= 9999, "upper end \(high)")
        #expect(window.explanation == "AUTO")
    }

    @Test func histogramIsTheSameSerialAndParallel() {
        let image = GrayImage<UInt16>.random(width: 333, height: 777, in: 0...4095, seed: 3)
        let serial = image.patternHistogram(schedule: .serial)
        #expect(serial == image.patternHistogram(schedule: Schedule(maxThreads: 3)))
        #expect(serial.total == 333 * 777)
    }

    @Test func constantImageGivesAValidWindow() throws {
        let image = GrayImage<UInt16>(width: 5, height: 5, repeating: 1234)
        let transform = DisplayTransform(stored: try StoredValueRange(bitsStored: 12, isSigned: false), voi: .none)
        let window = AutoWindow.default.window(for: image.patternHistogram(), transform: transform)
        #expect(window.width >= 1)
    }
}

import RadiographCore
import Testing
import _RadiographTestSupport

@Suite struct GrayImageTests {
    @Test(arguments: TestData.awkwardWidths)
    func storesRowMajor(width: Int) {
        let height = 3
        let pixels = (0..<(width * height)).map { UInt16($0) }
        let image = GrayImage(width: width, height: height, pixels: pixels)
        #expect(image.pixelCount == width * height)
        for y in 0..<height {
            for x in 0..<width { #expect(image[x: x, y: y] == UInt16(y * width + x)) }
        }
        #expect(image.pixels == pixels)
    }

    @Test func copyOnWriteKeepsCopiesApart() {
        var a = GrayImage<UInt16>(width: 4, height: 2, repeating: 7)
        let b = a
        a[x: 1, y: 1] = 99
        #expect(b[x: 1, y: 1] == 7)
        #expect(a[x: 1, y: 1] == 99)
        var c = a
        c.withUnsafeMutableBufferPointer { $0[0] = 5 }
        #expect(a[x: 0, y: 0] == 7)
        #expect(c[x: 0, y: 0] == 5)
    }

    @Test func equalityComparesPixelsAndSize() {
        let a = GrayImage<UInt8>(width: 3, height: 2, pixels: [1, 2, 3, 4, 5, 6])
        let b = GrayImage<UInt8>(width: 2, height: 3, pixels: [1, 2, 3, 4, 5, 6])
        var c = a
        #expect(a == c)
        #expect(a != b)
        c[x: 2, y: 1] = 0
        #expect(a != c)
    }

    @Test func extremaOfSignedPixels() {
        let image = GrayImage<Int16>(width: 3, height: 1, pixels: [-5, 1200, -32768])
        #expect(image.extrema.min == -32768)
        #expect(image.extrema.max == 1200)
    }

    @Test func onePixelImage() {
        let image = GrayImage<UInt8>(width: 1, height: 1, repeating: 42)
        #expect(image.pixels == [42])
    }
}

@Suite struct ScheduleTests {
    @Test(arguments: [0, 1, 2, 15, 16, 17, 64, 65, 1999, 2000])
    func bandsCoverEveryRowOnceInOrder(rows: Int) {
        for schedule in [Schedule.serial, Schedule(maxThreads: 2), Schedule(maxThreads: 8, bandsPerThread: 3)] {
            for minimum in [1, 16, 64] {
                let bands = schedule.bands(rows: rows, minimumRows: minimum)
                #expect(bands.allSatisfy { !$0.isEmpty })
                #expect(bands.flatMap { Array($0) } == Array(0..<rows))
            }
        }
    }

    @Test func parallelBandsVisitEveryRow() {
        var seen = [Int](repeating: 0, count: 1000)
        seen.withUnsafeMutableBufferPointer { buffer in
            Schedule(maxThreads: 4).forEachBand(rows: 1000, minimumRows: 1) { rows in
                for r in rows { buffer[r] += 1 }
            }
        }
        #expect(seen.allSatisfy { $0 == 1 })
    }
}

import RadiographCore
import Testing
import _RadiographTestSupport

@Suite struct GeometryTests {
    static func sample(_ w: Int, _ h: Int) -> GrayImage<UInt16> {
        GrayImage(width: w, height: h, pixels: (0..<(w * h)).map { UInt16($0) })
    }

    @Test func quarterTurnsOfASmallImage() {
        // 1 2 3        clockwise 90:  4 1
        // 4 5 6                       5 2
        //                             6 3
        let image = GrayImage<UInt8>(width: 3, height: 2, pixels: [1, 2, 3, 4, 5, 6])
        #expect(image.rotated(.clockwise90).pixels == [4, 1, 5, 2, 6, 3])
        #expect(image.rotated(.clockwise90).width == 2)
        #expect(image.rotated(.clockwise180).pixels == [6, 5, 4, 3, 2, 1])
        #expect(image.rotated(.clockwise270).pixels == [3, 6, 2, 5, 1, 4])
        #expect(image.flippedHorizontally().pixels == [3, 2, 1, 6, 5, 4])
        #expect(image.flippedVertically().pixels == [4, 5, 6, 1, 2, 3])
    }

    @Test(arguments: TestData.awkwardWidths)
    func turnsComposeAndSchedulesAgree(width: Int) {
        for height in [1, 2, 17] {
            let image = Self.sample(width, height)
            let once = image.rotated(.clockwise90)
            #expect(once.rotated(.clockwise270) == image)
            #expect(once.rotated(.clockwise90) == image.rotated(.clockwise180))
            #expect(image.rotated(.clockwise180).rotated(.clockwise180) == image)
            #expect(image.flippedHorizontally().flippedHorizontally() == image)
            #expect(image.rotated(.clockwise180) == image.flippedHorizontally().flippedVertically())
            let parallel = Schedule(maxThreads: 4, bandsPerThread: 2)
            #expect(image.rotated(.clockwise90, schedule: parallel) == once)
            #expect(image.flippedVertically(schedule: parallel) == image.flippedVertically())
        }
    }

    @Test func degreesToQuarterTurns() {
        #expect(QuarterTurn(degrees: 0) == QuarterTurn.none)
        #expect(QuarterTurn(degrees: 90) == .clockwise90)
        #expect(QuarterTurn(degrees: 270) == .clockwise270)
        #expect(QuarterTurn(degrees: -90) == .clockwise270)
        #expect(QuarterTurn(degrees: 450) == .clockwise90)
        #expect(QuarterTurn(degrees: 45) == nil)
        #expect(QuarterTurn(degrees: .nan) == nil)
    }
}

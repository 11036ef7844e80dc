import Foundation
import Radiograph
import RadiographAnnotation
import RadiographCore
import RadiographDICOM
import Testing
import _RadiographTestSupport

@Suite struct AcquisitionTests {
    @Test func bytesGiveTheSameDisplayAsTheFile() throws {
        for name in ["io_periapical", "io_bitewing_mono1", "io_for_processing"] {
            let path = TestData.sample(name + ".dcm")
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let shown = try AcquisitionDisplay.displayImage(from: bytes)
            let fromFile = try Renderer.render(DICOMReader.read(contentsOf: path))
            #expect(AnyGrayImage.uint8(shown.pixels) == fromFile.image, "\(name)")
        }
    }

    static func rotatedCapture(rotation: String?, flip: String?) -> [UInt8] {
        var w = DICOMTestWriter.image(width: 5, height: 3, pixels: Array(0..<15).map { $0 * 1000 }, bitsStored: 14)
        w.set(0x0028, 0x1050, "DS", .text("8000"))
        w.set(0x0028, 0x1051, "DS", .text("16000"))
        if let rotation { w.set(0x0018, 0x7032, "DS", .text(rotation)) }
        if let flip { w.set(0x0018, 0x7034, "CS", .text(flip)) }
        return w.bytes()
    }

    @Test func fieldOfViewRotationAndFlipAreApplied() throws {
        let plain = try AcquisitionDisplay.displayImage(from: Self.rotatedCapture(rotation: nil, flip: nil)).pixels
        for (rotation, turn) in [("90", QuarterTurn.clockwise90), ("180", .clockwise180), ("270", .clockwise270)] {
            for flip in [false, true] {
                let shown = try AcquisitionDisplay.displayImage(
                    from: Self.rotatedCapture(rotation: rotation, flip: flip ? "YES" : "NO")).pixels
                var expected = plain.rotated(turn)
                if flip { expected = expected.flippedHorizontally() }
                #expect(shown == expected, "rotation \(rotation), flip \(flip)")
            }
        }
        // Asked not to, the pipeline leaves the pixels as stored.
        var options = RenderOptions()
        options.applyFieldOfView = false
        let asStored = try AcquisitionDisplay.displayImage(from: Self.rotatedCapture(rotation: "90", flip: "YES"), options: options)
        #expect(asStored.pixels == plain)
    }

    /// A For Processing capture whose Pixel Intensity Relationship Sign says dense tissue is stored
    /// low (+1) shows bone white by default; the same capture stored dense-high (−1) is not inverted.
    @Test func forProcessingPolarityFollowsTheIntensitySign() throws {
        func capture(sign: Int16) -> [UInt8] {
            var w = DICOMTestWriter.image(width: 16, height: 4, pixels: (0..<64).map { $0 * 200 }, bitsStored: 14)
            w.set(0x0008, 0x0068, "CS", .text("FOR PROCESSING"))
            w.set(0x0028, 0x1040, "CS", .text("LOG"))
            w.set(0x0028, 0x1041, "SS", .ss([sign]))
            return w.bytes()
        }
        let denseLow = try AcquisitionDisplay.displayImage(from: capture(sign: 1))
        let denseHigh = try AcquisitionDisplay.displayImage(from: capture(sign: -1))
        #expect(denseLow.transform.inverted)
        #expect(!denseHigh.transform.inverted)
        // Stored value 0 is the densest in the first, the least dense in the second.
        #expect(denseLow.pixels[x: 0, y: 0] == 255)
        #expect(denseHigh.pixels[x: 0, y: 0] == 0)
        // An explicit window keeps the file's own polarity.
        var options = RenderOptions()
        options.window = .explicit(center: 6000, width: 12000)
        #expect(try AcquisitionDisplay.displayImage(from: capture(sign: 1), options: options).transform.inverted == false)
    }

    @Test func aRotationThatIsNoQuarterTurnIsRefused() {
        #expect(throws: RadiographError.self) {
            try AcquisitionDisplay.displayImage(from: Self.rotatedCapture(rotation: "45", flip: nil))
        }
    }

    @Test func badBytesGiveATypedError() {
        do {
            _ = try AcquisitionDisplay.displayImage(from: Array("not a capture".utf8), source: "sensor 1")
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix("sensor 1: "), "\(error)")
        }
    }
}

@Suite struct SampleCalibrationTests {
    /// The samples' spacing attributes become calibrations by the DICOM rules.
    @Test func samplesAreCalibratedFromTheirSpacing() throws {
        let periapical = try DICOMReader.read(contentsOf: TestData.sample("io_periapical.dcm")).metadata
        let c = Calibration(periapical)
        #expect(c.isCalibrated && !c.isApproximate)
        let expected = (periapical.pixelSpacing ?? periapical.imagerPixelSpacing!)[1]
            / (periapical.pixelSpacing == nil ? periapical.estimatedRadiographicMagnificationFactor ?? 1 : 1)
        #expect(abs(c.columnSpacing - expected) < 1e-12)
        let panoramic = Calibration(try DICOMReader.read(contentsOf: TestData.sample("px_panoramic.dcm")).metadata)
        #expect(panoramic.isApproximate)
    }
}

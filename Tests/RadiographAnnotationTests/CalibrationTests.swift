import Foundation
import RadiographAnnotation
import Testing

@Suite struct CalibrationTests {
    static func p(_ x: Double, _ y: Double) -> Point { Point(x: x, y: y) }

    @Test func pixelSpacingWinsOverImagerSpacing() {
        let c = Calibration.fromDICOM(
            pixelSpacing: [0.02, 0.02], imagerPixelSpacing: [0.0185, 0.0185], magnification: 1.1,
            calibrationType: "GEOMETRY", modality: "IO")
        #expect(c.rowSpacing == 0.02 && c.columnSpacing == 0.02)
        #expect(c.source == .pixelSpacing(calibrationType: "GEOMETRY"))
        #expect(c.explanation == "Pixel Spacing (GEOMETRY)")
    }

    @Test func imagerSpacingIsCorrectedByTheMagnificationFactor() throws {
        let c = Calibration.fromDICOM(
            pixelSpacing: nil, imagerPixelSpacing: [0.0185, 0.0185], magnification: 1.1, calibrationType: nil,
            modality: "IO")
        #expect(abs(c.columnSpacing - 0.0185 / 1.1) < 1e-15)
        // A 10 mm object magnified 1.1× spans 11 mm / 0.0185 mm at the detector ≈ 594.6 px.
        let pixels = 11 / 0.0185
        let length = try c.length([Self.p(100, 100), Self.p(100 + pixels, 100)])
        #expect(abs(length.value - 10) < 1e-9 && length.unit == .millimetres)
        let uncorrected = Calibration.fromDICOM(
            pixelSpacing: nil, imagerPixelSpacing: [0.0185, 0.0185], magnification: nil, calibrationType: nil,
            modality: "IO")
        #expect(uncorrected.source == .imagerSpacingAtDetector)
        #expect(abs(try uncorrected.length([Self.p(0, 0), Self.p(pixels, 0)]).value - 11) < 1e-9)
    }

    /// A ruler on a calibrated phantom reads the true length within one pixel's worth of mm,
    /// horizontally, vertically and diagonally, with non-square pixels.
    @Test func rulersReadTheTrueLengthWithNonSquarePixels() throws {
        let c = Calibration.fromDICOM(
            pixelSpacing: [0.2, 0.1], imagerPixelSpacing: nil, magnification: nil, calibrationType: "FIDUCIAL",
            modality: "DX")
        // 30 mm across is 300 columns; 30 mm down is 150 rows; a 3-4-5 triangle in mm.
        #expect(abs(try c.length([Self.p(10, 10), Self.p(310, 10)]).value - 30) < 1e-9)
        #expect(abs(try c.length([Self.p(10, 10), Self.p(10, 160)]).value - 30) < 1e-9)
        #expect(abs(try c.length([Self.p(0, 0), Self.p(30, 20)]).value - 5) < 1e-9)  // 3 mm × 4 mm
        // A polyline (a curved canal) adds its segments.
        #expect(abs(try c.length([Self.p(0, 0), Self.p(30, 0), Self.p(30, 20)]).value - 7) < 1e-9)
        #expect(c.explanation == "Pixel Spacing (FIDUCIAL)")
    }

    @Test func anglesAreMeasuredInThePatientPlane() throws {
        let square = Calibration.fromDICOM(
            pixelSpacing: [0.1, 0.1], imagerPixelSpacing: nil, magnification: nil, calibrationType: nil, modality: "IO")
        #expect(abs(try square.angle(Self.p(10, 0), vertex: Self.p(0, 0), Self.p(0, 10)).value - 90) < 1e-9)
        #expect(abs(try square.angle(Self.p(10, 0), vertex: Self.p(0, 0), Self.p(10, 10)).value - 45) < 1e-9)
        #expect(abs(try square.angle(Self.p(10, 0), vertex: Self.p(0, 0), Self.p(-10, 0)).value - 180) < 1e-9)
        // Rows twice as far apart as columns: (10, 5) px is (1 mm, 1 mm): 45° in the patient.
        let tall = Calibration.fromDICOM(
            pixelSpacing: [0.2, 0.1], imagerPixelSpacing: nil, magnification: nil, calibrationType: nil, modality: "DX")
        #expect(abs(try tall.angle(Self.p(10, 0), vertex: Self.p(0, 0), Self.p(10, 5)).value - 45) < 1e-9)
        // Within 0.5° for an implant axis at 7° to the vertical.
        let tip = Self.p(100 * sin(7 * .pi / 180), 100 * cos(7 * .pi / 180))
        #expect(abs(try square.angle(Self.p(0, 100), vertex: Self.p(0, 0), tip).value - 7) < 1e-9)
        #expect(throws: MeasurementError.self) { try square.angle(Self.p(0, 0), vertex: Self.p(0, 0), Self.p(1, 1)) }
    }

    @Test func areasOfPolygonsAndEllipses() throws {
        let c = Calibration.fromDICOM(
            pixelSpacing: [0.2, 0.1], imagerPixelSpacing: nil, magnification: nil, calibrationType: nil, modality: "IO")
        let rect = [Self.p(0, 0), Self.p(100, 0), Self.p(100, 50), Self.p(0, 50)]  // 10 mm × 10 mm
        let a = try c.area(polygon: rect)
        #expect(abs(a.value - 100) < 1e-9 && a.unit == .squareMillimetres)
        #expect(abs(c.area(ellipseIn: Self.p(0, 0), Self.p(100, 50)).value - 25 * Double.pi) < 1e-9)
        #expect(throws: MeasurementError.self) { try c.area(polygon: [Self.p(0, 0), Self.p(1, 1)]) }
    }

    @Test func panoramicLengthsAreApproximateAndUncalibratedOnesArePixels() throws {
        let pano = Calibration.fromDICOM(
            pixelSpacing: nil, imagerPixelSpacing: [0.1, 0.1], magnification: 1.25, calibrationType: nil, modality: "PX")
        let l = try pano.length([Self.p(0, 0), Self.p(125, 0)])
        #expect(l.isApproximate && abs(l.value - 10) < 1e-9)
        #expect(l.description == "≈ 10.0 mm")
        #expect(pano.explanation.contains("approximate"))
        let none = Calibration.fromDICOM(
            pixelSpacing: [0, 0.1], imagerPixelSpacing: [1], magnification: nil, calibrationType: nil, modality: "IO")
        #expect(none == .uncalibrated && !none.isCalibrated)
        let px = try none.length([Self.p(0, 0), Self.p(3, 4)])
        #expect(px.value == 5 && px.unit == .pixels && px.description == "5.0 px")
    }

    @Test func referenceObjectsCalibrateByHand() throws {
        // A 10 mm ball spans 540 px along a diagonal on square pixels.
        let d = 540 / 2.0.squareRoot()
        let c = try Calibration.reference(from: Self.p(0, 0), to: Self.p(d, d), millimetres: 10)
        #expect(abs(c.columnSpacing - 10.0 / 540) < 1e-12 && c.rowSpacing == c.columnSpacing)
        #expect(abs(try c.length([Self.p(0, 0), Self.p(1080, 0)]).value - 20) < 1e-9)
        // Keeping a file's 2:1 aspect: 5 mm vertical reference over 25 rows → rows 0.2 mm, columns 0.1 mm.
        let tall = try Calibration.reference(from: Self.p(0, 0), to: Self.p(0, 25), millimetres: 5, aspect: 2)
        #expect(abs(tall.rowSpacing - 0.2) < 1e-12 && abs(tall.columnSpacing - 0.1) < 1e-12)
        #expect(throws: MeasurementError.self) { try Calibration.reference(from: Self.p(1, 1), to: Self.p(1, 1), millimetres: 10) }
        #expect(throws: MeasurementError.self) { try Calibration.reference(from: Self.p(0, 0), to: Self.p(1, 1), millimetres: 0) }
    }
}

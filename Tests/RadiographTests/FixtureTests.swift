import Foundation
import Radiograph
import RadiographCore
import RadiographDICOM
import Testing
import _RadiographTestSupport

/// The committed fixtures (Tests/Fixtures/manifest.json): every displayable one against DCMTK with
/// the options the manifest names (tolerance 0), every bad one to its expected typed error.
@Suite struct FixtureTests {
    struct Fixture: Decodable, Sendable, CustomStringConvertible {
        var name: String
        var expect: String
        var dcmtkOptions: [String]?
        var description: String { name }
    }

    static let fixtures: [Fixture] = {
        struct Manifest: Decodable { var fixtures: [Fixture] }
        guard let data = FileManager.default.contents(atPath: TestData.fixture("manifest.json")),
            let manifest = try? JSONDecoder().decode(Manifest.self, from: data)
        else { return [] }
        return manifest.fixtures
    }()

    @Test func manifestIsReadable() {
        #expect(Self.fixtures.count >= 30)
    }

    @Test(arguments: fixtures.filter { $0.expect == "ok" })
    func displayMatchesDCMTK(_ fixture: Fixture) throws {
        let path = TestData.fixture(fixture.name)
        let image = try DICOMReader.read(contentsOf: path)
        let options = fixture.dcmtkOptions ?? []
        // +Wm (min-max window) is DCMTK's own auto-window; ours differs by design, so that file is
        // compared with no VOI (dcmj2pnm's default) instead.
        let (selection, dcmtk): (WindowSelection, [String]) = switch options.first {
        case "+Wi": (.file(index: (Int(options[1]) ?? 1) - 1), options)
        case "+Wl": (.voiLUT(index: (Int(options[1]) ?? 1) - 1), options)
        default: (.none, [])
        }
        // A fractional rescale is compared in DCMTK's arithmetic (exact) and in the standard's (within 1).
        let fractional = (image.metadata.rescaleSlope ?? 1).rounded() != (image.metadata.rescaleSlope ?? 1)
            || (image.metadata.rescaleIntercept ?? 0).rounded() != (image.metadata.rescaleIntercept ?? 0)
        for bits in [8, 16] {
            let options = RenderOptions(window: selection, outputBits: bits, rescaleArithmetic: fractional ? .dcmtk : .standard)
            let ours = try Renderer.render(image, options: options).image
            switch ours {
            case .uint8(let o):
                let d = ImageDifference(o, try DCMTKReference.render8(path, dcmtk))
                #expect(d.count == 0, "\(fixture.name) \(dcmtk) 8-bit: \(d)")
            case .uint16(let o):
                let d = ImageDifference(o, try DCMTKReference.render16(path, dcmtk))
                #expect(d.count == 0, "\(fixture.name) \(dcmtk) 16-bit: \(d)")
            case .int16:
                Issue.record("signed display output")
            }
            if fractional {
                var standard = options
                standard.rescaleArithmetic = .standard
                if case .uint8(let o) = try Renderer.render(image, options: standard).image {
                    #expect(ImageDifference(o, try DCMTKReference.render8(path, dcmtk)).maximum <= 1)
                }
            }
        }
    }

    @Test(arguments: fixtures.filter { $0.expect != "ok" })
    func badFixturesGiveTheirTypedError(_ fixture: Fixture) {
        let path = TestData.fixture(fixture.name)
        do {
            _ = try DICOMReader.read(contentsOf: path)
            Issue.record("\(fixture.name) was accepted; expected \(fixture.expect)")
        } catch {
            #expect(error.description.hasPrefix(path + ": "), "\(error)")
            let ok: Bool = switch (fixture.expect, error) {
            case ("notDICOM", .notDICOM): true
            case ("truncated", .notDICOM), ("truncated", .invalidImage): true
            case ("pixelDataTooShort", .invalidImage), ("bitsStoredExceedsAllocated", .invalidImage): true
            case ("zeroSize", .invalidImage): true
            case ("invalidWindow", .invalidAttribute): true
            default: false
            }
            #expect(ok, "\(fixture.name): expected \(fixture.expect), got \(error)")
        }
    }
}

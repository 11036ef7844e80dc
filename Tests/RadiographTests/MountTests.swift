import Foundation
import Radiograph
import RadiographAnnotation
import RadiographCore
import RadiographDICOM
import Testing
import _RadiographTestSupport

@Suite struct MountTests {
    /// Every built-in template decodes, has the slots it says, no overlaps, and reads back from
    /// its JSON; the full-mouth series have 18 and 20 slots and name 32 teeth between them.
    @Test func builtInTemplatesAreValidData() throws {
        let names = MountTemplate.builtIn.map(\.name)
        #expect(names == ["fmx-18", "fmx-20", "bitewings-4", "bitewings-2", "anterior-periapicals", "posterior-periapicals"])
        for t in MountTemplate.builtIn {
            #expect(t.problem == nil, "\(t.name)")
            let back = try JSONDecoder().decode(MountTemplate.self, from: Data(t.json().utf8))
            #expect(back == t)
        }
        let fmx18 = try #require(MountTemplate.named("fmx-18")), fmx20 = try #require(MountTemplate.named("fmx-20"))
        #expect(fmx18.slots.count == 18 && fmx20.slots.count == 20)
        for t in [fmx18, fmx20] {
            let periapicalTeeth = Set(t.slots.filter { $0.orientation == .portrait }.flatMap(\.teeth))
            #expect(periapicalTeeth == Set(Tooth.permanent), "\(t.name)")
            #expect(t.slots.filter { $0.orientation == .landscape }.count == 4)
        }
    }

    @Test func badTemplatesAreRefusedByName() throws {
        func problem(_ json: String) -> String {
            do {
                _ = try JSONDecoder().decode(MountTemplate.self, from: Data(json.utf8))
                return "decoded"
            } catch let DecodingError.dataCorrupted(c) {
                return c.debugDescription
            } catch {
                return "\(error)"
            }
        }
        let overlap = #"{"name": "x", "slots": [{"label": "A", "x": 0, "y": 0, "width": 1, "height": 1}, {"label": "B", "x": 0.5, "y": 0, "width": 1, "height": 1}]}"#
        #expect(problem(overlap).contains("\"A\" and \"B\" overlap"))
        #expect(problem(#"{"name": "x", "slots": []}"#).contains("1 to 64 slots"))
        #expect(problem(#"{"name": "x", "slots": [{"label": "A", "x": 0, "y": 0, "width": 1, "height": 1, "rotate": 45}]}"#).contains("rotate"))
        #expect(problem(#"{"name": "x", "slots": [{"label": "A", "x": 0, "y": 0, "width": 1, "height": 1, "turn": 90}]}"#).contains("\"turn\""))
        #expect(problem(#"{"name": "x", "slots": [{"label": "A", "x": 0, "y": 0, "width": 1, "height": 1, "teeth": [19]}]}"#) != "decoded")
        #expect(throws: RadiographError.self) { _ = try MountTemplate.load("no-such-template") }
    }

    /// A capture with one bright corner lands in its slot turned as the slot says: a landscape
    /// capture in a portrait slot turns a quarter clockwise, an upper-jaw slot turns 180° more.
    @Test func capturesAreTurnedAndPlacedBySlot() throws {
        let folder = try TestData.temporaryFolder("mount")
        // 40 × 20 (landscape), 14-bit, its top-left 4 × 4 block bright.
        var pixels = [Int](repeating: 1000, count: 800)
        for y in 0..<4 { for x in 0..<4 { pixels[y * 40 + x] = 16000 } }
        var w = DICOMTestWriter.image(width: 40, height: 20, pixels: pixels, bitsStored: 14)
        w.set(0x0028, 0x1050, "DS", .text("8000"))
        w.set(0x0028, 0x1051, "DS", .text("16000"))
        let path = folder + "/landscape.dcm"
        try Data(w.bytes()).write(to: URL(fileURLWithPath: path))
        let template = MountTemplate(name: "t", description: "", slots: [
            .init(label: "lower", x: 0, y: 0, width: 1, height: 2, orientation: .portrait),
            .init(label: "upper", x: 1.5, y: 0, width: 1, height: 2, orientation: .portrait, rotate: 180),
            .init(label: "as is", x: 3, y: 0, width: 2, height: 1, orientation: .landscape, flip: true),
            .init(label: "empty", x: 0, y: 2.5, width: 1, height: 1),
        ])
        let mount = try MountRenderer.render(
            template, inputs: [path, path, path], options: MountOptions(cellSize: 50, labels: false), schedule: .serial)
        #expect(mount.placements.map(\.rotate) == [90, 270, 0, 0] && mount.placements.map(\.flip) == [false, false, true, false])
        #expect(mount.placements[3].input == nil)
        func brightCorner(_ p: MountPlacement) -> (Bool, Bool)? {  // (right half, bottom half) of the bright pixels
            var xs: [Int] = [], ys: [Int] = []
            for y in p.y..<(p.y + p.height) {
                for x in p.x..<(p.x + p.width) where mount.image[x: x, y: y] > 200 { xs.append(x); ys.append(y) }
            }
            guard !xs.isEmpty else { return nil }
            let cx = Double(xs.reduce(0, +)) / Double(xs.count), cy = Double(ys.reduce(0, +)) / Double(ys.count)
            return (cx > Double(p.x) + Double(p.width) / 2, cy > Double(p.y) + Double(p.height) / 2)
        }
        // Turned a quarter clockwise, the top-left corner goes to the top right.
        #expect(brightCorner(mount.placements[0]).map { $0 == (true, false) } == true)
        // Turned 270°, it goes to the bottom left.
        #expect(brightCorner(mount.placements[1]).map { $0 == (false, true) } == true)
        // Mirrored, it goes to the top right.
        #expect(brightCorner(mount.placements[2]).map { $0 == (true, false) } == true)
        // The same bytes on any schedule.
        let parallel = try MountRenderer.render(
            template, inputs: [path, path, path], options: MountOptions(cellSize: 50, labels: false), schedule: Schedule(maxThreads: 3))
        #expect(parallel.image == mount.image)
    }

    @Test func failuresNameTheFileAndNothingIsDropped() throws {
        let template = try #require(MountTemplate.named("bitewings-2"))
        let sample = TestData.sample("io_bitewing_mono1.dcm")
        #expect(throws: RadiographError.self) {
            _ = try MountRenderer.render(template, inputs: [sample, sample, sample])
        }
        do {
            _ = try MountRenderer.render(template, inputs: [sample, TestData.fixture("bad_truncated.dcm")])
            Issue.record("a bad capture was dropped silently")
        } catch {
            #expect(error.description.contains("bad_truncated.dcm"))
        }
        let labelled = try MountRenderer.render(template, inputs: [sample], options: MountOptions(cellSize: 200))
        #expect(labelled.placements.count == 2 && labelled.placements[1].input == nil)
        let json = try JSONSerialization.jsonObject(with: labelled.json()) as? [String: Any]
        #expect((json?["placements"] as? [Any])?.count == 2)
    }
}

import RadiographCore
import RadiographDICOM
import Testing
import _RadiographTestSupport

@Suite struct VendorPrivateWindowTests {
    static func capture(_ extra: (inout DICOMTestWriter) -> Void) throws -> DICOMImage {
        var w = DICOMTestWriter.image(width: 5, height: 3, pixels: (0..<15).map { $0 * 1000 }, bitsStored: 14)
        extra(&w)
        return try DICOMReader.read(bytes: w.bytes())
    }

    @Test(arguments: [UInt16(0x10), 0x11, 0x7F])
    func aSiemensPrivateWindowIsFoundInAnyCreatorBlock(slot: UInt16) throws {
        let image = try Self.capture { w in
            w.set(0x0019, slot, "LO", .text("SIEMENS SMS-AX  VIEW 1.0"))
            w.set(0x0019, slot << 8 | 0x1C, "DS", .text("6000"))
            w.set(0x0019, slot << 8 | 0x1D, "DS", .text("4000"))
        }
        let window = try #require(image.metadata.privateWindow)
        #expect(window.center == 6000 && window.width == 4000)
        #expect(window.explanation == "PRIVATE SIEMENS SMS-AX  VIEW 1.0")
        // It is the default display window of a file with no standard one.
        let transform = try image.displayTransform()
        #expect(transform.voi == .window(window))
    }

    @Test func minimumMaximumPairsBecomeACenterAndWidth() throws {
        let image = try Self.capture { w in
            w.set(0x0029, 0x0010, "LO", .text("PHILIPS MR/LAST"))
            w.set(0x0029, 0x1050, "DS", .text("1000"))
            w.set(0x0029, 0x1060, "DS", .text("9000"))
        }
        let window = try #require(image.metadata.privateWindow)
        #expect(window.center == 5000.5 && window.width == 8001)
    }

    @Test func standardWindowsWinAndStrangersAreIgnored() throws {
        let standard = try Self.capture { w in
            w.set(0x0028, 0x1050, "DS", .text("100"))
            w.set(0x0028, 0x1051, "DS", .text("50"))
            w.set(0x0019, 0x0010, "LO", .text("SIEMENS SMS-AX  VIEW 1.0"))
            w.set(0x0019, 0x101C, "DS", .text("6000"))
            w.set(0x0019, 0x101D, "DS", .text("4000"))
        }
        #expect(standard.metadata.privateWindow == nil)
        #expect(try standard.displayTransform().voi == .window(try Window(center: 100, width: 50)))
        // The same offsets under another creator, or a private width of 0, give no private window:
        // the auto-window applies.
        let stranger = try Self.capture { w in
            w.set(0x0019, 0x0010, "LO", .text("SOME OTHER VENDOR"))
            w.set(0x0019, 0x101C, "DS", .text("6000"))
            w.set(0x0019, 0x101D, "DS", .text("4000"))
        }
        #expect(stranger.metadata.privateWindow == nil)
        let zero = try Self.capture { w in
            w.set(0x0019, 0x0010, "LO", .text("SIEMENS SMS-AX  VIEW 1.0"))
            w.set(0x0019, 0x101C, "DS", .text("6000"))
            w.set(0x0019, 0x101D, "DS", .text("0"))
        }
        #expect(zero.metadata.privateWindow == nil)
        guard case .window(let auto) = try zero.displayTransform().voi else { Issue.record("no window"); return }
        #expect(auto.explanation == "AUTO")
    }
}

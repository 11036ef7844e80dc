import Foundation
import RadiographCore
import Testing
import _RadiographTestSupport

@testable import RadiographDICOM

#if canImport(Glibc)
    import Glibc
#endif

/// De-identification (PS3.15 Annex E): a sample radiograph is loaded with a sentinel in every
/// attribute of Table E.1-1 that has a text VR (top level, inside sequence items, in a private
/// block) by DCMTK's `dcmodify`, de-identified, and its bytes scanned for every sentinel.
@Suite(.serialized) struct DeidentificationTests {
    // MARK: Building the sentinel-laden input

    /// Every sentinel placed, with the attribute that holds it.
    struct Planted {
        var path: String
        /// Sentinel → where it was put ("(0010,0010)", "(0008,1110)[0].(0008,1155)", …).
        var sentinels: [String: String]
        /// Sentinels of attributes the options keep (patient characteristics, times, time zone).
        var keptByOptions: Set<String>
        /// The date every DA (and DT date) holds.
        static let date = "19370412"
        static let time = "133742"
    }

    /// DCMTK's data dictionary: tag → VR.
    static let dictionary: [UInt32: String] = {
        let candidates = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/share")) ?? [])
            .filter { $0.hasPrefix("libdcmtk") }.map { "/usr/share/\($0)/dicom.dic" }
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }),
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else { return [:] }
        var result: [UInt32: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("(") {
            let fields = line.split(separator: "\t")
            guard fields.count >= 2, fields[0].count == 11 else { continue }
            let hex = fields[0].dropFirst().prefix(4) + fields[0].dropFirst(6).prefix(4)
            if let tag = UInt32(hex, radix: 16) { result[tag] = String(fields[1]) }
        }
        return result
    }()

    static let textVRs: Set<String> = ["PN", "LO", "SH", "ST", "LT", "UT", "UC", "CS", "AE"]

    static func tagText(_ tag: UInt32) -> String {
        let hex = String(tag, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: 8 - hex.count) + hex
        return "(" + padded.prefix(4) + "," + padded.suffix(4) + ")"
    }

    /// A copy of `sample` with sentinels in every text attribute of the table.
    static func plant(_ sample: String = TestData.sample("io_periapical.dcm"), in folder: String) throws -> Planted {
        let path = folder + "/planted.dcm"
        try FileManager.default.copyItem(atPath: sample, toPath: path)
        let run = String(UInt32.random(in: 0x1000...0xFFFF), radix: 16, uppercase: true)
        var counter = 0
        var sentinels: [String: String] = [:]
        var kept: Set<String> = []
        var arguments = ["-nb", "-ie"]
        func text() -> String {
            counter += 1
            let n = String(counter, radix: 16, uppercase: true)
            return "SNTL" + run + String(repeating: "0", count: 4 - n.count) + n
        }
        func uid() -> String {
            counter += 1
            let n = String(counter)
            return "2.25.99" + String(UInt32(run, radix: 16)!) + String(repeating: "0", count: 5 - n.count) + n
        }
        func put(_ location: String, _ value: String) {
            arguments += ["-i", "\(location)=\(value)"]
            sentinels[value] = location
        }
        let options = DeidentificationOptions(
            retainLongitudinalDatesModified: true, dateShiftDays: 1, retainPatientCharacteristics: true,
            cleanDescriptors: true)
        for row in DeidentificationProfile.table where row.mask == 0xFFFF_FFFF {
            let group = row.tag >> 16
            guard group != 0x0000, group != 0x0002, group < 0xFFFA, let vr = dictionary[row.tag] else { continue }
            let location = tagText(row.tag)
            let keptCode = DeidentificationProfile.effectiveCode(row, options).0 == .k
            switch vr {
            case _ where textVRs.contains(vr):
                let s = text()
                put(location, s)
                // Characteristics the option keeps, and Timezone Offset From UTC (a whole-day shift keeps it).
                if keptCode || (row.dates == .c && vr == "SH") { kept.insert(s) }
            case "UI":
                put(location, uid())
            case "DA":
                arguments += ["-i", "\(location)=\(Planted.date)"]
            case "DT":
                arguments += ["-i", "\(location)=\(Planted.date)\(Planted.time)"]
            case "TM":
                arguments += ["-i", "\(location)=\(Planted.time)"]
            default:
                continue
            }
        }
        // Inside sequences: removed ones, kept ones (Source Image, Referenced Image) and one the
        // table does not name (Anatomic Region), where the profile still applies.
        put("(0008,1110)[0].(0008,1155)", uid())
        put("(0040,0275)[0].(0040,1001)", text())
        put("(0010,1002)[0].(0010,0020)", text())
        arguments += ["-i", "(0008,2112)[0].(0008,1150)=1.2.840.10008.5.1.4.1.1.1.3"]
        put("(0008,2112)[0].(0008,1155)", uid())
        arguments += ["-i", "(0008,1140)[0].(0008,1150)=1.2.840.10008.5.1.4.1.1.1.3"]
        put("(0008,1140)[0].(0008,1155)", uid())
        put("(0008,2218)[0].(0010,0010)", text())
        put("(0008,2218)[0].(0008,0080)", text())
        // Private blocks (DCMTK knows this creator's VRs), top level and inside an item.
        arguments += ["-i", "(0009,0010)=GEMS_IDEN_01"]
        put("(0009,1001)", text())
        arguments += ["-i", "(0008,2218)[0].(0009,0010)=GEMS_IDEN_01"]
        put("(0008,2218)[0].(0009,1001)", text())
        _ = try TestData.runTool("/usr/bin/dcmodify", arguments + [path])
        return Planted(path: path, sentinels: sentinels, keptByOptions: kept)
    }

    /// How many times `needle` occurs in `haystack` (memchr for its first byte, then memcmp).
    static func count(_ needle: String, in haystack: [UInt8]) -> Int {
        let n = Array(needle.utf8)
        guard !n.isEmpty else { return 0 }
        return haystack.withUnsafeBytes { h in
            n.withUnsafeBytes { nb in
                var found = 0
                var offset = 0
                while offset + n.count <= h.count,
                    let hit = memchr(h.baseAddress! + offset, Int32(n[0]), h.count - offset - n.count + 1)
                {
                    if memcmp(hit, nb.baseAddress!, n.count) == 0 { found += 1 }
                    offset = UnsafeRawPointer(hit) - h.baseAddress! + 1
                }
                return found
            }
        }
    }

    static func read(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    static func write(_ bytes: [UInt8], _ folder: String, _ name: String) throws -> String {
        let path = folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// dciodvfy's error lines, with values (which de-identification changes) left out.
    static func dciodvfyErrors(_ path: String) throws -> Set<String> {
        let lines = try TestData.runTool("/usr/bin/dciodvfy", [path]).split(separator: "\n").map(String.init)
        return Set(
            lines.filter { $0.hasPrefix("Error") }.map { line in
                line.range(of: " - value", options: .caseInsensitive).map { String(line[..<$0.lowerBound]) } ?? line
            })
    }

    /// The bytes from the Pixel Data tag (explicit VR little endian: E0 7F 10 00) to the end.
    static func pixelData(_ bytes: [UInt8]) -> ArraySlice<UInt8>? {
        let tag: [UInt8] = [0xE0, 0x7F, 0x10, 0x00]
        var i = bytes.count - 4
        while i >= 0 {
            if bytes[i] == 0xE0 && Array(bytes[i..<(i + 4)]) == tag { return bytes[i...] }
            i -= 1
        }
        return nil
    }

    /// The value of a top-level attribute of a written object, trimmed.
    static func value(_ tag: DICOMTag, _ bytes: [UInt8]) throws -> String? {
        try DICOMDataSet.open(bytes: bytes, source: "test").string(tag).map(trimmed)
    }

    // MARK: Sentinels

    @Test func basicProfileLeavesNoSentinel() throws {
        let folder = try TestData.temporaryFolder("deid")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let planted = try Self.plant(in: folder)
        let input = try Self.read(planted.path)
        let placed = planted.sentinels.keys.filter { Self.count($0, in: input) > 0 }
        // Every one is in the input (287 text and 53 UID attributes of the table, 9 in items and private blocks).
        #expect(
            placed.count == planted.sentinels.count,
            "only \(placed.count) of \(planted.sentinels.count) sentinels were placed")
        #expect(placed.count >= 340)
        #expect(Self.count(Planted.date, in: input) > 50)
        #expect(Self.count(Planted.time, in: input) > 50)

        let output = try Deidentifier.deidentify(fileAt: planted.path, options: .init(), uids: UIDRemapper())
        let survivors = placed.filter { Self.count($0, in: output) > 0 }.map { "\($0) at \(planted.sentinels[$0]!)" }
        #expect(survivors == [])
        #expect(Self.count(Planted.date, in: output) == 0)
        #expect(Self.count(Planted.time, in: output) == 0)
        print(
            "sentinel scan, Basic Profile: \(placed.count) text and UID sentinels placed (\(planted.sentinels.count) planned), "
                + "\(Self.count(Planted.date, in: input)) dates, \(Self.count(Planted.time, in: input)) times; found after: "
                + "\(survivors.count), \(Self.count(Planted.date, in: output)), \(Self.count(Planted.time, in: output)); "
                + "not placed by dcmodify: \(planted.sentinels.filter { Self.count($0.key, in: input) == 0 }.values.sorted())"
        )

        // Still a valid object: no error dciodvfy did not already report for the input.
        let out = try Self.write(output, folder, "out.dcm")
        let new = try Self.dciodvfyErrors(out).subtracting(Self.dciodvfyErrors(planted.path))
        #expect(new == [])
        #expect(try Self.value(DICOMTag(0x0012, 0x0062), output) == "YES")
        #expect(try Self.value(DICOMTag(0x0028, 0x0303), output) == "REMOVED")
    }

    @Test func optionsKeepOnlyWhatTheyName() throws {
        let folder = try TestData.temporaryFolder("deid")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let planted = try Self.plant(in: folder)
        let input = try Self.read(planted.path)
        let placed = planted.sentinels.keys.filter { Self.count($0, in: input) > 0 }
        let options = DeidentificationOptions(
            retainLongitudinalDatesModified: true, dateShiftDays: -400, retainPatientCharacteristics: true,
            cleanDescriptors: true, newPatientID: "PSEUDO-7", newPatientName: "PSEUDONYM^SEVEN")
        let output = try Deidentifier.deidentify(fileAt: planted.path, options: options, uids: UIDRemapper())
        let survivors = Set(placed.filter { Self.count($0, in: output) > 0 })
        let keptPlaced = planted.keptByOptions.intersection(placed)
        #expect(keptPlaced.count >= 3)  // Patient's Sex, Ethnic Group, Smoking Status, …
        #expect(
            survivors == keptPlaced, "unexpected: \(survivors.subtracting(keptPlaced).map { planted.sentinels[$0]! })")
        // Dates moved by exactly -400 days (1937-04-12 → 1936-03-08), times kept.
        #expect(Self.count(Planted.date, in: output) == 0)
        #expect(Self.count("19360308", in: output) >= 100)
        #expect(try Self.value(.studyDate, output) == "19360308")
        #expect(try Self.value(DICOMTag(0x0008, 0x002A), output) == "19360308133742")  // Acquisition DateTime
        #expect(Self.count(Planted.time, in: output) > 0)
        print(
            "sentinel scan, all options: \(placed.count) placed, \(survivors.count) found after, all of them "
                + "attributes the options keep (\(keptPlaced.count))")
        #expect(try Self.value(.patientID, output) == "PSEUDO-7")
        #expect(try Self.value(.patientName, output) == "PSEUDONYM^SEVEN")
        #expect(try Self.value(DICOMTag(0x0028, 0x0303), output) == "MODIFIED")
        let out = try Self.write(output, folder, "out.dcm")
        let new = try Self.dciodvfyErrors(out).subtracting(Self.dciodvfyErrors(planted.path))
        #expect(new == [])
    }

    // MARK: Behaviour on real samples

    @Test(arguments: ["io_periapical.dcm", "io_bitewing_mono1.dcm", "io_for_processing.dcm", "px_panoramic.dcm"])
    func samplesStayValidWithTheirPixels(_ name: String) throws {
        let folder = try TestData.temporaryFolder("deid")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sample = TestData.sample(name)
        for options in [
            DeidentificationOptions(),
            DeidentificationOptions(
                retainLongitudinalDatesModified: true, dateShiftDays: 1000, retainPatientCharacteristics: true,
                cleanDescriptors: true),
        ] {
            let output = try Deidentifier.deidentify(fileAt: sample, options: options, uids: UIDRemapper())
            let out = try Self.write(output, folder, "out.dcm")
            #expect(try Self.dciodvfyErrors(out).subtracting(Self.dciodvfyErrors(sample)) == [])
            let before = try Self.read(sample)
            #expect(Self.pixelData(output) != nil)
            #expect(Self.pixelData(output) == Self.pixelData(before))
            #expect(try DICOMReader.read(bytes: output).pixels == DICOMReader.read(contentsOf: sample).pixels)
            let meta = try DICOMReader.readMetadata(contentsOf: sample)
            for original in [meta.sopInstanceUID, meta.studyInstanceUID, meta.seriesInstanceUID] {
                #expect(
                    original != nil && Self.count(original!, in: before) > 0 && Self.count(original!, in: output) == 0)
            }
        }
    }

    @Test func codeSequenceNamesProfileAndOptions() throws {
        let sample = TestData.sample("io_periapical.dcm")
        let options = DeidentificationOptions(
            retainLongitudinalDatesModified: true, dateShiftDays: 7, retainPatientCharacteristics: true,
            cleanDescriptors: true)
        let output = try Deidentifier.deidentify(fileAt: sample, options: options, uids: UIDRemapper())
        let data = try DICOMDataSet.open(bytes: output, source: "test")
        let codes = (0..<data.itemCount([0x0012_0064])).compactMap {
            data.string([0x0012_0064, UInt32($0), 0x0008_0100])
        }
        #expect(codes.map(trimmed) == ["113100", "113107", "113108", "113105"])
        let schemes = (0..<4).compactMap { data.string([0x0012_0064, UInt32($0), 0x0008_0102]) }.map(trimmed)
        #expect(schemes == ["DCM", "DCM", "DCM", "DCM"])
        let basic = try Deidentifier.deidentify(fileAt: sample, options: .init(), uids: UIDRemapper())
        let b = try DICOMDataSet.open(bytes: basic, source: "test")
        #expect(b.itemCount([0x0012_0064]) == 1)
        #expect(
            b.string(DICOMTag(0x0012, 0x0063)).map(trimmed)?.hasPrefix("Basic Application Confidentiality Profile")
                == true)
    }

    @Test func uidsStayConsistentAcrossAStudy() throws {
        let folder = try TestData.temporaryFolder("deid")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sample = TestData.sample("io_periapical.dcm")
        let meta = try DICOMReader.readMetadata(contentsOf: sample)
        let first = folder + "/a.dcm"
        let second = folder + "/b.dcm"
        try FileManager.default.copyItem(atPath: sample, toPath: first)
        try FileManager.default.copyItem(atPath: sample, toPath: second)
        // The second image: same study, another instance that references the first.
        _ = try TestData.runTool(
            "/usr/bin/dcmodify",
            [
                "-nb", "-m", "(0008,0018)=2.25.4242", "-i", "(0008,1140)[0].(0008,1150)=\(meta.sopClassUID ?? "")",
                "-i", "(0008,1140)[0].(0008,1155)=\(meta.sopInstanceUID ?? "")", second,
            ])
        let uids = UIDRemapper()
        let a = try Deidentifier.deidentify(fileAt: first, options: .init(), uids: uids)
        let b = try Deidentifier.deidentify(fileAt: second, options: .init(), uids: uids)
        let (da, db) = (try DICOMDataSet.open(bytes: a, source: "a"), try DICOMDataSet.open(bytes: b, source: "b"))
        let study = da.string(.studyInstanceUID).map(trimmed)
        #expect(study != nil && study != meta.studyInstanceUID)
        #expect(db.string(.studyInstanceUID).map(trimmed) == study)
        #expect(db.string(.seriesInstanceUID).map(trimmed) == da.string(.seriesInstanceUID).map(trimmed))
        let instanceA = da.string(.sopInstanceUID).map(trimmed)
        #expect(instanceA != db.string(.sopInstanceUID).map(trimmed))
        #expect(db.string([0x0008_1140, 0, 0x0008_1155]).map(trimmed) == instanceA)
        // The mapping carries over to a later run.
        let later = try UIDRemapper(mapping: uids.mapping)
        let c = try Deidentifier.deidentify(fileAt: first, options: .init(), uids: later)
        #expect(try DICOMDataSet.open(bytes: c, source: "c").string(.studyInstanceUID).map(trimmed) == study)
        // Media Storage SOP Instance UID (meta) follows the new SOP Instance UID: it is there twice.
        #expect(Self.count(instanceA ?? "-", in: a) == 2)
    }

    @Test func characteristicsKeptOnlyWithTheOption() throws {
        let folder = try TestData.temporaryFolder("deid")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/c.dcm"
        try FileManager.default.copyItem(atPath: TestData.sample("io_periapical.dcm"), toPath: path)
        _ = try TestData.runTool(
            "/usr/bin/dcmodify",
            [
                "-nb", "-i", "(0010,0040)=F", "-i", "(0010,1010)=047Y", "-i", "(0010,1020)=1.62", "-i",
                "(0010,1030)=58.5", path,
            ])
        let with = try Deidentifier.deidentify(
            fileAt: path, options: .init(retainPatientCharacteristics: true), uids: UIDRemapper())
        #expect(try Self.value(.patientSex, with) == "F")
        #expect(try Self.value(DICOMTag(0x0010, 0x1010), with) == "047Y")
        #expect(try Self.value(DICOMTag(0x0010, 0x1020), with) == "1.62")
        #expect(try Self.value(DICOMTag(0x0010, 0x1030), with) == "58.5")
        let without = try Deidentifier.deidentify(fileAt: path, options: .init(), uids: UIDRemapper())
        #expect(try Self.value(.patientSex, without) == "")  // Z: zero length
        #expect(try Self.value(DICOMTag(0x0010, 0x1010), without) == nil)  // X
        #expect(try Self.value(DICOMTag(0x0010, 0x1020), without) == nil)
        #expect(try Self.value(DICOMTag(0x0010, 0x1030), without) == nil)
    }

    @Test func burnedInAnnotationIsRefusedUnlessForced() throws {
        let folder = try TestData.temporaryFolder("deid")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/burned.dcm"
        try FileManager.default.copyItem(atPath: TestData.sample("io_periapical.dcm"), toPath: path)
        _ = try TestData.runTool("/usr/bin/dcmodify", ["-nb", "-i", "(0028,0301)=YES", path])
        #expect {
            try Deidentifier.deidentify(fileAt: path, options: .init(), uids: UIDRemapper())
        } throws: { error in
            guard case DICOMError.invalidAttribute(_, let attribute, _) = error else { return false }
            return attribute == "Burned In Annotation"
        }
        let forced = try Deidentifier.deidentify(fileAt: path, options: .init(forceBurnedIn: true), uids: UIDRemapper())
        #expect(try Self.value(.burnedInAnnotation, forced) == "YES")
        #expect(try Self.value(DICOMTag(0x0012, 0x0063), forced)?.contains("Burned In Annotation not removed") == true)
    }

    @Test func privateElementsAreGoneEverywhere() throws {
        let folder = try TestData.temporaryFolder("deid")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let planted = try Self.plant(in: folder)
        let output = try Deidentifier.deidentify(fileAt: planted.path, options: .init(), uids: UIDRemapper())
        let out = try Self.write(output, folder, "out.dcm")
        let dump = try TestData.runTool("/usr/bin/dcmdump", [out])
        let odd = dump.split(separator: "\n").filter { line in
            let t = line.drop { $0 == " " }
            guard t.hasPrefix("("), let g = UInt16(t.dropFirst().prefix(4), radix: 16) else { return false }
            return g & 1 == 1
        }
        #expect(odd == [])
        #expect(!dump.contains("GEMS_IDEN_01"))
        #expect(try TestData.runTool("/usr/bin/dcmdump", [planted.path]).contains("GEMS_IDEN_01"))
    }

    @Test func badOptionsAreRefused() throws {
        let sample = TestData.sample("io_periapical.dcm")
        for options in [
            DeidentificationOptions(retainLongitudinalDatesModified: true, dateShiftDays: 0),
            DeidentificationOptions(retainLongitudinalDatesModified: true, dateShiftDays: 40_000),
            DeidentificationOptions(newPatientID: "A\\B"),
            DeidentificationOptions(newPatientName: String(repeating: "N", count: 65)),
        ] {
            #expect(options.problem != nil)
            #expect(throws: DICOMError.self) {
                try Deidentifier.deidentify(fileAt: sample, options: options, uids: UIDRemapper())
            }
        }
    }

    @Test func metaHeaderIsRebuiltAndOverlaysAndCurvesGo() throws {
        var w = DICOMTestWriter.image(width: 4, height: 4, pixels: Array(0..<16))
        for group: UInt16 in [0x6000, 0x6002] {
            w.set(group, 0x0010, "US", .us([4]))
            w.set(group, 0x0011, "US", .us([4]))
            w.set(group, 0x0040, "CS", .text("G"))
            w.set(group, 0x0050, "SS", .ss([1, 1]))
            w.set(group, 0x0100, "US", .us([1]))
            w.set(group, 0x0102, "US", .us([0]))
            w.set(group, 0x3000, "OW", .words([0xFFFF]))
            w.set(group, 0x4000, "LT", .text("SNTLOVERLAY"))
        }
        w.set(0x5000, 0x0005, "US", .us([1]))
        w.set(0x5000, 0x3000, "OW", .words([0x1234]))
        var bytes = w.bytes()
        // A Source Application Entity Title and Private Information in the file meta group.
        let metaLength = Int(bytes[140]) | Int(bytes[141]) << 8 | Int(bytes[142]) << 16 | Int(bytes[143]) << 24
        let extra: [UInt8] = [0x02, 0x00, 0x16, 0x00] + Array("AE".utf8) + [12, 0] + Array("SNTLSOURCEAE".utf8)
        bytes.insert(contentsOf: extra, at: 144 + metaLength)
        let newLength = UInt32(metaLength + extra.count)
        bytes.replaceSubrange(140..<144, with: (0..<4).map { UInt8(truncatingIfNeeded: newLength >> (8 * $0)) })
        #expect(try DICOMDataSet.open(bytes: bytes, source: "test").string([0x6000_3000]) != nil)
        #expect(Self.count("SNTLSOURCEAE", in: bytes) == 1)

        let output = try Deidentifier.deidentify(bytes: bytes, options: .init(), uids: UIDRemapper())
        let data = try DICOMDataSet.open(bytes: output, source: "test")
        for tag: UInt32 in [0x6000_0010, 0x6000_3000, 0x6000_4000, 0x6002_0010, 0x6002_3000, 0x5000_0005, 0x5000_3000] {
            #expect(data.string([tag]) == nil, "\(String(tag, radix: 16))")
        }
        #expect(Self.count("SNTL", in: output) == 0)
        // Media Storage SOP Instance UID (meta) and SOP Instance UID: the new UID, twice.
        #expect(Self.count(data.string(.sopInstanceUID).map(trimmed) ?? "-", in: output) == 2)
        #expect(data.string(.sopInstanceUID).map(trimmed) != "2.25.1234567890")
        #expect(try DICOMReader.read(bytes: output).pixels == DICOMReader.read(bytes: bytes).pixels)
    }

    // MARK: Pieces

    @Test func dateShiftMatchesTheCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd"
        var rng = SeededGenerator(seed: 7)
        let starts = [
            "19000228", "19000301", "20000229", "20001231", "19700101", "20240229", "18991231", "99991231", "00010101",
        ]
        for start in starts
            + (0..<300).map({ _ in
                formatter.string(
                    from: Date(
                        timeIntervalSince1970: Double(Int64.random(in: -4_000_000_000...4_000_000_000, using: &rng))))
            })
        {
            for days in [-36_525, -400, -1, 1, 29, 365, 366, 36_525, Int.random(in: -36_525...36_525, using: &rng)] {
                let date = formatter.date(from: start)!
                let expected = formatter.string(from: calendar.date(byAdding: .day, value: days, to: date)!)
                let year = Int(expected.prefix(4)) ?? 0
                let shifted = DateShift.shiftDA(start, days: days)
                // Foundation's Gregorian calendar turns Julian before 1582; DICOM's is proleptic.
                if expected.count == 8 && (1600...9999).contains(year) && Int(start.prefix(4))! >= 1600 {
                    #expect(shifted == expected, "\(start) + \(days)")
                }
            }
        }
        #expect(DateShift.shiftDA("00010101", days: -1) == nil)
        #expect(DateShift.shiftDA("99991231", days: 1) == nil)
        #expect(DateShift.shiftDA("00010301", days: -1) == "00010228")
        #expect(DateShift.shiftDA("20230229", days: 1) == nil)
        #expect(DateShift.shiftDA("2023-01-01", days: 1) == nil)
        #expect(DateShift.shiftDT("20240228235959.5+0100", days: 1) == "20240229235959.5+0100")
        #expect(DateShift.shiftDT("2024", days: 1) == nil)
    }

    @Test func cleanerKeepsOnlyDentalWords() {
        #expect(
            DescriptorCleaner.clean("Bitewing left 46 47 - Dr Smith, 2024-03-01", vr: "LO") == "Bitewing left 46 47")
        #expect(DescriptorCleaner.clean("John Doe", vr: "LO") == nil)
        #expect(DescriptorCleaner.clean("PANORAMIC\\MRN 123456", vr: "LO") == "PANORAMIC")
        #expect(DescriptorCleaner.clean("X-ray 46-47 MRN123 (12)", vr: "LO") == "X ray 12")
        #expect(DescriptorCleaner.clean("bitewing right", vr: "CS") == "BITEWING RIGHT")
        #expect(DescriptorCleaner.clean("periapical upper right molars", vr: "SH") == "periapical upper")
        #expect(DescriptorCleaner.clean("anything", vr: "UI") == nil)
    }

    @Test func remapperIsConsistentAndValidatesImports() throws {
        let uids = UIDRemapper()
        let a = uids.newUID(for: "1.2.3")
        #expect(uids.newUID(for: "1.2.3") == a)
        #expect(uids.newUID(for: "1.2.4") != a)
        #expect(a.hasPrefix("2.25."))
        #expect(UIDRemapper.isValid(a))
        #expect(try UIDRemapper(mapping: uids.mapping).newUID(for: "1.2.3") == a)
        #expect(throws: DICOMError.self) { try UIDRemapper(mapping: ["1.2.3": "not a uid"]) }
        #expect(throws: DICOMError.self) { try UIDRemapper(mapping: ["1.2.3": "2.25.1", "1.2.4": "2.25.1"]) }
        #expect(!UIDRemapper.isValid("1.02.3"))
        #expect(!UIDRemapper.isValid("1..3"))
    }

    @Test func tableCoversTheStandardsRows() {
        // PS3.15 2024b Table E.1-1 has 621 rows; the Private Attributes row is the odd-group rule.
        #expect(DeidentificationProfile.table.count == 620)
        #expect(Set(DeidentificationProfile.table.map(\.tag)).count == 620)
        let resolved = DeidentificationProfile.resolve(.init())
        #expect(resolved.rules.count == 620 + DeidentificationProfile.rewritten.count)
    }
}

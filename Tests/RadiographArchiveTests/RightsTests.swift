import Foundation
import RadiographArchive
import RadiographDICOM
import Testing
import _RadiographTestSupport

@Suite struct RightsTests {
    /// A corrected name and birth date: found by the new values, not the old; the history keeps
    /// both with the reason; a new patient ID cannot take another patient's.
    @Test func rectificationKeepsHistoryAndMovesLookups() throws {
        let f = try Fixture()
        for path in Fixture.samples { try f.archive.ingest(file: path, actor: Fixture.dentist) }
        try f.archive.rectify(patientID: "SYN-0001", name: "Périapical^Zoé", birthDate: "19900512", reason: "misspelt at the desk", actor: Fixture.dentist)
        #expect(try f.archive.query(ArchiveQuery(name: "zoe"), actor: Fixture.dentist).map(\.patient.patientID) == ["SYN-0001"])
        #expect(try f.archive.query(ArchiveQuery(name: "synthetic"), actor: Fixture.dentist).count == 3)
        #expect(try f.archive.query(ArchiveQuery(birthDate: "19900512"), actor: Fixture.dentist).count == 1)
        try f.archive.rectify(patientID: "SYN-0001", newPatientID: "SYN-0101", reason: "ID typo", actor: Fixture.dentist)
        #expect(try f.archive.query(ArchiveQuery(patientID: "SYN-0001"), actor: Fixture.dentist).isEmpty)
        let history = try f.archive.rectificationHistory(patientID: "SYN-0101", actor: Fixture.dentist)
        #expect(history.count == 2 && history[0].before.name == "SYNTHETIC^PERIAPICAL" && history[0].after.name == "Périapical^Zoé")
        #expect(history[1].before.patientID == "SYN-0001" && history[1].reason == "ID typo")
        #expect(throws: ArchiveError.self) { try f.archive.rectify(patientID: "SYN-0101", newPatientID: "SYN-0002", reason: "x", actor: Fixture.dentist) }
        #expect(throws: ArchiveError.self) { try f.archive.rectify(patientID: "SYN-0101", name: "A", reason: " ", actor: Fixture.dentist) }
        #expect(throws: ArchiveError.self) { try f.archive.rectify(patientID: "SYN-0101", name: "A", reason: "x", actor: Fixture.assistant) }
        #expect(try f.archive.verify(actor: Fixture.auditor).isIntact)
        // The patient's bundle carries the corrected demographics, the archived object is unchanged.
        let bundle = f.folder + "/bundle"
        _ = try f.archive.exportBundle(patientID: "SYN-0101", to: bundle, actor: Fixture.dentist)
        let exported = FileManager.default.enumerator(atPath: bundle + "/DICOM")!.compactMap { $0 as? String }.filter { $0.contains("IM") }
        #expect(exported.count == 1)
        let copy = try DICOMReader.read(contentsOf: bundle + "/DICOM/" + exported[0])
        #expect(copy.metadata.patientID == "SYN-0101" && copy.metadata.patientName == "Périapical^Zoé" && copy.metadata.patientBirthDate == "19900512")
        #expect(copy.pixels == (try DICOMReader.read(contentsOf: Fixture.samples[0])).pixels)
        let uid = try DICOMReader.readMetadata(contentsOf: Fixture.samples[0]).sopInstanceUID!
        #expect(try f.archive.read(sopInstanceUID: uid, actor: Fixture.dentist) == Data(contentsOf: URL(fileURLWithPath: Fixture.samples[0])))
    }

    /// A restricted record is frozen: hidden from everyone but administrators, no new images,
    /// no changes, lifted by an administrator only; every refusal recorded.
    @Test func restrictionFreezesTheRecord() throws {
        let f = try Fixture()
        for path in Fixture.samples { try f.archive.ingest(file: path, actor: Fixture.dentist) }
        let uid = try DICOMReader.readMetadata(contentsOf: Fixture.samples[2]).sopInstanceUID!
        try f.archive.restrict(patientID: "SYN-0004", restricted: true, reason: "patient contests accuracy", actor: Fixture.dentist)
        #expect(try f.archive.query(ArchiveQuery(patientID: "SYN-0004"), actor: Fixture.dentist).isEmpty)
        #expect(try f.archive.query(ArchiveQuery(patientID: "SYN-0004"), actor: Fixture.admin).count == 1)
        #expect(throws: ArchiveError.self) { _ = try f.archive.read(sopInstanceUID: uid, actor: Fixture.dentist) }
        _ = try f.archive.read(sopInstanceUID: uid, actor: Fixture.admin)
        let changed = try f.modified(Fixture.samples[2], ["(0008,0018)": "2.25.77", "(0020,000D)": "2.25.78"], name: "new.dcm")
        #expect(throws: ArchiveError.self) { try f.archive.ingest(file: changed, actor: Fixture.dentist) }
        #expect(throws: ArchiveError.self) { try f.archive.rectify(patientID: "SYN-0004", name: "X", reason: "x", actor: Fixture.dentist) }
        #expect(throws: ArchiveError.self) { try f.archive.restrict(patientID: "SYN-0004", restricted: false, reason: "resolved", actor: Fixture.dentist) }
        try f.archive.restrict(patientID: "SYN-0004", restricted: false, reason: "resolved", actor: Fixture.admin)
        #expect(try f.archive.query(ArchiveQuery(patientID: "SYN-0004"), actor: Fixture.dentist).count == 1)
        let refusals = try f.archive.auditTrail(patientID: "SYN-0004", actor: Fixture.auditor).filter { $0.outcome == "refused" }
        #expect(refusals.count == 3, "\(refusals.map(\.detail))")  // read, ingest, rectify (the lift's refusal has no patient reference)
    }
}

@Suite struct DeidentifiedExportTests {
    /// Sentinels in the patient's identifying attributes, through the archive and out again
    /// de-identified: none in the exported bytes; files named by new UIDs; pixels unchanged.
    @Test func teachingCopiesCarryNoIdentity() throws {
        let f = try Fixture()
        let s = (0..<4).map { _ in "SNTL" + String(UInt32.random(in: 0...UInt32.max), radix: 16).uppercased() }
        let path = try f.modified(Fixture.samples[0], [
            "(0010,0010)": s[0] + "^" + s[1], "(0010,0020)": s[2], "(0008,0050)": String(s[3].prefix(16)),
        ], name: "sentinel.dcm")
        try f.archive.ingest(file: path, actor: Fixture.dentist)
        let out = f.folder + "/teaching"
        let options = DeidentificationOptions(retainLongitudinalDatesModified: true, dateShiftDays: -100, newPatientID: "CASE-1")
        #expect(throws: ArchiveError.self) { try f.archive.exportDeidentified(patientID: s[2], to: out, options: options, actor: Fixture.assistant) }
        #expect(try f.archive.exportDeidentified(patientID: s[2], to: out, options: options, actor: Fixture.dentist) == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(files.count == 1 && files[0].hasPrefix("2.25.") && files[0].hasSuffix(".dcm"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out + "/" + files[0]))
        for sentinel in s { #expect(bytes.range(of: Data(sentinel.prefix(12).utf8)) == nil, "\(sentinel)") }
        let copy = try DICOMReader.read(contentsOf: out + "/" + files[0])
        #expect(copy.metadata.patientID == "CASE-1")
        #expect(copy.pixels == (try DICOMReader.read(contentsOf: path)).pixels)
        #expect(try f.archive.auditTrail(actor: Fixture.auditor).contains { $0.action == "export" && $0.detail.contains("de-identified") })
        #expect(throws: ArchiveError.self) { try f.archive.exportDeidentified(patientID: s[2], to: out, options: options, actor: Fixture.dentist) }
    }
}

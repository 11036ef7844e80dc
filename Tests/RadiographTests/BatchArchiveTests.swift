import Foundation
import Radiograph
import RadiographArchive
import RadiographDICOM
import Synchronization
import Testing
import _RadiographTestSupport

/// Batch inputs that are bytes from a closure, outputs handed to an ingest hook, and the archive
/// adapter (`InputDiscovery.archived`, `BatchRequest.ingestOutputs`).
struct BatchArchiveTests {
    /// A small synthetic image with the given SOP Instance UID (patient SYN-TEST).
    static func capture(_ uid: String, seed: Int = 0) -> [UInt8] {
        var file = DICOMTestWriter.image(
            width: 19, height: 13, pixels: (0..<(19 * 13)).map { ($0 * 53 + seed * 97) % 4096 }, bitsStored: 12)
        file.set(0x0008, 0x0018, "UI", .text(uid))
        return file.bytes()
    }

    @Test func bytesInputsAreRenderedLikeFilesAndTheirOutputsIngested() throws {
        let dir = try TestData.temporaryFolder("batch-bytes")
        let good = BatchInput(
            path: "2.25.11", outputPath: dir + "/2.25.11.dcm", source: .bytes { Self.capture("2.25.11") })
        let gone = BatchInput(
            path: "2.25.12", outputPath: dir + "/2.25.12.dcm",
            source: .bytes { () throws(RadiographError) in
                throw .invalidRequest("2.25.12: not there")
            })
        let received = Mutex([String: [UInt8]]())
        var request = BatchRequest(inputs: [], outputFolder: dir, output: OutputOptions(format: .dicom))
        request.prepared = InputDiscovery(inputs: [good, gone])
        request.ingest = { bytes, path in
            received.withLock { seen in
                defer { seen[path] = bytes }
                return seen[path] == bytes ? .alreadyPresent : .stored
            }
        }
        let (results, summary) = BatchRunner.run(request)
        #expect(summary.written == 1 && summary.failed == 1)
        #expect(results[0].status == .written && results[0].archived == .stored)
        #expect(results[1].status == .failed && results[1].error == "2.25.12: not there" && results[1].archived == nil)
        let written = try Data(contentsOf: URL(fileURLWithPath: dir + "/2.25.11.dcm"))
        #expect(received.withLock { $0[dir + "/2.25.11.dcm"] } == Array(written))
        #expect(try DICOMReader.read(contentsOf: dir + "/2.25.11.dcm").metadata.imageType == ["DERIVED", "SECONDARY"])
        // A rerun skips the output and hands the existing file to the hook again.
        let (again, _) = BatchRunner.run(request)
        #expect(again[0].status == .skippedExisting && again[0].archived == .alreadyPresent)
        // A hook that throws fails that file with its text.
        request.ingest = { _, path throws(RadiographError) in throw .invalidRequest("\(path): refused") }
        let (refused, _) = BatchRunner.run(request)
        #expect(refused[0].status == .failed && refused[0].error == dir + "/2.25.11.dcm: refused")
    }

    @Test func archivedInputsAreNamedByUIDAndDerivedOutputsGoBack() throws {
        let dir = try TestData.temporaryFolder("batch-archive")
        let admin = RadiographArchive.Actor(name: "it-admin", role: .administrator)
        let dentist = RadiographArchive.Actor(name: "dr-test", role: .practitioner)
        let archive = try Archive.create(root: dir + "/archive", keyFile: dir + "/master.key", actor: admin)
        for (n, uid) in ["2.25.21", "2.25.22"].enumerated() {
            try archive.ingest(bytes: Self.capture(uid, seed: n), source: uid, actor: dentist)
        }
        let out = dir + "/out"
        let found = try InputDiscovery.archived(
            ["2.25.22", "2.25.404", "a/b"], matching: ArchiveQuery(patientID: "SYN-TEST"), in: archive, actor: dentist,
            outputFolder: out, outputExtension: "dcm")
        // Named UIDs first, then the selection's, each once; a name that is not a UID is passed over.
        #expect(found.inputs.map(\.path) == ["2.25.22", "2.25.404", "2.25.21"])
        #expect(found.inputs.map(\.outputPath) == ["2.25.22", "2.25.404", "2.25.21"].map { out + "/\($0).dcm" })
        #expect(found.inputs.map(\.skipsDerived) == [false, false, true])
        #expect(found.passedOver.map(\.path) == ["a/b"] && found.passedOver[0].isFailure)
        var request = BatchRequest(inputs: [], outputFolder: out, output: OutputOptions(format: .dicom))
        request.prepared = found
        request.ingestOutputs(into: archive, actor: dentist)
        let (results, summary) = BatchRunner.run(request)
        #expect(summary.written == 2 && summary.failed == 2, "\(results)")
        #expect(
            results.first { $0.input == "2.25.404" }?.error
                == "2.25.404: no instance with this SOP Instance UID in the archive")
        #expect(results.filter { $0.status == .written }.allSatisfy { $0.archived == .stored })
        #expect(try archive.query(ArchiveQuery(patientID: "SYN-TEST"), actor: dentist).count == 4)
        // The selection now also finds the two derived images: read, then passed over.
        var rerun = request
        rerun.prepared = try InputDiscovery.archived(
            [], matching: ArchiveQuery(patientID: "SYN-TEST"), in: archive, actor: dentist, outputFolder: out,
            outputExtension: "dcm")
        let (second, counts) = BatchRunner.run(rerun)
        #expect(counts.skippedExisting == 2 && counts.passedOver == 2 && counts.failed == 0, "\(second)")
        #expect(second.filter { $0.status == .skippedExisting }.allSatisfy { $0.archived == .alreadyPresent })
        #expect(try archive.query(ArchiveQuery(patientID: "SYN-TEST"), actor: dentist).count == 4)
    }
}

import Foundation
import RadiographDICOM
import Testing
import _RadiographTestSupport

/// The package's one durable write (used by the CLI's outputs, presentation states and the
/// archive): whole or nothing, never over an existing file unless asked, nothing left behind.
@Suite struct DurableFileTests {
    static func mode(_ path: String) -> mode_t {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_mode & 0o777 : 0
    }

    static func contents(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    @Test(arguments: [0, 1, 17, 65_537])
    func writesTheWholeFileWithItsModeAndNothingElse(size: Int) throws {
        let folder = try TestData.temporaryFolder("durable")
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try DurableFile.write(bytes, to: folder + "/out.bin", replacing: false, permissions: 0o600)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/out.bin")) == Data(bytes))
        #expect(Self.mode(folder + "/out.bin") == 0o600)
        #expect(try Self.contents(folder) == ["out.bin"])
        #expect(try DurableFile.flush(folder + "/out.bin") == size)
    }

    @Test func anExistingFileIsKeptUnlessReplacingIsAsked() throws {
        let folder = try TestData.temporaryFolder("durable")
        let path = folder + "/out.bin"
        try DurableFile.write([1, 2, 3], to: path, replacing: false)
        #expect(throws: DurableFile.Failure.exists(path: path)) { try DurableFile.write([9], to: path, replacing: false) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data([1, 2, 3]))
        try DurableFile.write(Data([7, 7]), to: path, replacing: true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data([7, 7]))
        // A dangling symbolic link counts as existing: never written through.
        symlink(folder + "/nowhere", folder + "/link")
        #expect(throws: DurableFile.Failure.exists(path: folder + "/link")) {
            try DurableFile.write([1], to: folder + "/link", replacing: false)
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/nowhere"))
        #expect(try Self.contents(folder) == ["link", "out.bin"])
    }

    @Test func theTemporaryFileCanLiveInAnotherFolderAndIsGoneAfter() throws {
        let folder = try TestData.temporaryFolder("durable")
        try FileManager.default.createDirectory(atPath: folder + "/tmp", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/objects", withIntermediateDirectories: true)
        try DurableFile.write([5], to: folder + "/objects/a", replacing: false, temporaryFolder: folder + "/tmp")
        #expect(try Self.contents(folder + "/tmp").isEmpty)
        #expect(try Self.contents(folder + "/objects") == ["a"])
    }

    @Test func failuresNameThePathAndTheSystemsReasonAndLeaveNothing() throws {
        let folder = try TestData.temporaryFolder("durable")
        do {
            try DurableFile.write([1], to: folder + "/missing/out.bin", replacing: true)
            Issue.record("a write into a missing folder succeeded")
        } catch {
            #expect(error == .failed(path: folder + "/missing/out.bin", operation: "create a file in \(folder)/missing",
                                     reason: "No such file or directory"))
        }
        // A folder where the file should go: the rename fails, the temporary file is removed.
        try FileManager.default.createDirectory(atPath: folder + "/taken/inside", withIntermediateDirectories: true)
        do {
            try DurableFile.write([1], to: folder + "/taken", replacing: true)
            Issue.record("a file replaced a folder")
        } catch {
            guard case .failed(let path, let operation, _) = error else { Issue.record("\(error)"); return }
            #expect(path == folder + "/taken" && operation == "rename into place")
        }
        #expect(try Self.contents(folder) == ["taken"])
    }
}

import Foundation
import RadiographDICOM

extension Archive {
    /// Exports a patient's images de-identified (PS3.15 Annex E, ``Deidentifier``) for teaching:
    /// one file per image named by its new SOP Instance UID, UIDs remapped consistently across the
    /// patient's files, an image with Burned In Annotation YES refused unless the options force
    /// it. Practitioners and administrators; audited as an Export marked de-identified. Returns the
    /// number of files written. Nothing is left behind on failure.
    @discardableResult
    public func exportDeidentified(
        patientID: String, to folder: String, options: DeidentificationOptions, actor: Actor
    ) throws(ArchiveError) -> Int {
        let ref = try patientRef(forID: patientID)
        try require(actor, .export, "export a patient's images", patientRef: ref)
        guard let ref else { throw .invalidRequest("no such patient in the archive") }
        let fm = FileManager.default
        if fm.fileExists(atPath: folder), !((try? fm.contentsOfDirectory(atPath: folder)) ?? ["?"]).isEmpty {
            try? audit(actor, .export, outcome: .refused, patientRef: ref, detail: "de-identified export: destination not empty")
            throw .invalidRequest("\(folder): not empty: an export goes into an empty or new folder")
        }
        let archived = try read { index in try index.patient(ref: ref).map { try index.instanceCounts()[$0.id] ?? 0 } ?? 0 }
        let records = try query(ArchiveQuery(patientID: patientID), actor: actor)
        guard !records.isEmpty || archived == 0 else {
            throw .forbidden(actor: actor.name, role: actor.role, action: "export a restricted patient's images")
        }
        do { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) } catch {
            throw .io(path: folder, operation: "create the folder", reason: error.localizedDescription)
        }
        let remapper = UIDRemapper()
        var written: [String] = []
        do throws(ArchiveError) {
            for record in records {
                let bytes = try read(sopInstanceUID: record.sopInstanceUID, actor: actor)
                let clean: [UInt8]
                do {
                    clean = try Deidentifier.deidentify(bytes: Array(bytes), source: "archived image", options: options, uids: remapper)
                } catch {
                    throw .dicom(error)
                }
                let name = remapper.newUID(for: record.sopInstanceUID) + ".dcm"
                try DurableFile.archive(Data(clean), to: folder + "/" + name)
                written.append(name)
            }
        } catch {
            for name in written { unlink(folder + "/" + name) }
            try? audit(actor, .export, outcome: .failed, patientRef: ref, detail: "de-identified export failed")
            throw error
        }
        try audit(actor, .export, outcome: .success, patientRef: ref, detail: "de-identified export: \(written.count) files")
        return written.count
    }
}

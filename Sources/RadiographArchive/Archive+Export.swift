import Crypto
import Foundation
import RadiographDICOM

/// What an export wrote.
public struct ExportReport: Sendable, Hashable, Codable {
    /// The bundle's folder.
    public var folder: String
    /// Every file written: the images, DICOMDIR, manifest.json and index.html.
    public var files: Int
    /// The DICOM image files among them.
    public var images: Int
    /// The bytes of every file written.
    public var bytes: Int
}

/// `manifest.json` of a patient bundle: who it is for, and every DICOM file with its SHA-256.
public struct BundleManifest: Sendable, Hashable, Codable {
    public struct File: Sendable, Hashable, Codable {
        /// Relative to the bundle's folder, `/`-separated.
        public var path: String
        public var sopClassUID: String
        public var sopInstanceUID: String
        public var studyInstanceUID: String
        public var studyDate: String?
        public var studyDescription: String?
        public var modality: String?
        /// FDI tooth numbers.
        public var teeth: [Int]
        /// Lowercase hex SHA-256 of the file's bytes.
        public var sha256: String
        public var bytes: Int
        /// Referenced by the DICOMDIR (STD-DEN-CD takes For Presentation DX and intra-oral images only).
        public var inDICOMDIR: Bool
    }

    /// "radiograph-bundle 1".
    public var format: String
    /// ISO 8601, UTC.
    public var created: String
    public var patient: PatientDemographics
    /// "DICOMDIR", or nil when no image fits the dental media profile.
    public var dicomdir: String?
    public var files: [File]
}

extension Archive {
    static let bundleFormat = "radiograph-bundle 1"

    /// Writes every image of the patient `patientID` into `folder` (new, or an empty folder) as a
    /// bundle for the patient: their access and portability copy.
    ///
    /// **The bundle is in clear, by design**: it is the patient's own data handed to them (or to
    /// whom they choose), readable by any DICOM viewer without a key. Protecting it in transit is
    /// the practice's job; the archive records who made it, when, and which objects went into it.
    ///
    /// Layout: `DICOM/P0001/IMnnnnnn` (For Presentation DX and intra-oral images, transcoded to
    /// Explicit VR Little Endian and made acceptable to the Dental Radiograph Interchange profile
    /// without changing any stored value, see ``DICOMTranscoder/dentalMedia(_:source:)``),
    /// `OTHER/IMnnnnnn` (images the profile does not take, such as For Processing captures, in
    /// Explicit VR Little Endian), `DICOMDIR` (STD-DEN-CD, written and checked by DCMTK),
    /// `manifest.json` (``BundleManifest``: demographics, each file's UIDs, study date, modality,
    /// teeth and SHA-256) and `index.html` (the patient, their studies and images). Each file is
    /// written to a temporary name, flushed, renamed and its folder flushed; DICOMDIR, written by
    /// DCMTK, is flushed after. Folders are created 0700, files 0600.
    ///
    /// Practitioners and administrators may export; a restricted patient's bundle, administrators
    /// only. Every object is decrypted and checked as ``read(sopInstanceUID:actor:)`` does. The
    /// export is audited as `export` (DICOM event 110106 Export) with the object names and the
    /// number of files; refusals are audited as refused, failures as failed (and what was written
    /// is removed).
    public func exportBundle(patientID: String, to folder: String, actor: Actor) throws(ArchiveError) -> ExportReport {
        let knownRef = try? patientRef(forID: patientID)
        try require(actor, .export, "export a patient's images", patientRef: knownRef ?? nil)
        guard
            let patient = try read({ index in try self.patient(index, id: patientID) })
        else { throw .invalidRequest("no such patient in the archive") }
        if patient.restricted && actor.role != .administrator {
            try? audit(actor, .export, outcome: .refused, patientRef: patient.ref, detail: "patient record restricted")
            throw .forbidden(actor: actor.name, role: actor.role, action: "export a restricted patient's images")
        }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: folder, isDirectory: &isDirectory) {
            let empty = isDirectory.boolValue && ((try? fm.contentsOfDirectory(atPath: folder))?.isEmpty ?? false)
            guard empty else {
                try? audit(
                    actor, .export, outcome: .refused, patientRef: patient.ref,
                    detail: "destination not a new or empty folder")
                throw .invalidRequest("\(folder): a bundle is written into a new or empty folder")
            }
        }
        var writer = BundleWriter(folder: folder)
        do {
            let report = try exportBundle(patient, into: &writer)
            try audit(
                actor, .export, outcome: .success, patientRef: patient.ref, objects: writer.objects,
                detail: "patient bundle: \(report.files) files, \(report.images) images, DICOMDIR STD-DEN-CD")
            return report
        } catch {
            writer.removeWritten()
            try? audit(
                actor, .export, outcome: .failed, patientRef: patient.ref, objects: writer.objects,
                detail: "patient bundle not written: " + Self.failureKind(error))
            throw error
        }
    }

    private func exportBundle(_ patient: PatientRow, into writer: inout BundleWriter) throws(ArchiveError)
        -> ExportReport
    {
        var query = IndexQuery()
        query.patient = patient.id
        query.includeRestricted = true
        let rows = try read { index in try index.instances(matching: query) }
        guard !rows.isEmpty else { throw .invalidRequest("the patient has no images in the archive") }
        try writer.makeFolder("")
        var files: [BundleManifest.File] = []
        var profiled = 0, other = 0
        for row in rows {
            let object = row.instance.object
            writer.objects.append(object)
            let bytes = try openObject(row.instance, key: patient.key)
            guard lookup.hash(bytes: bytes) == row.instance.contentMAC else {
                throw .integrity(reason: "object \(object) does not match what was ingested")
            }
            let study = try decode(
                StudyDetails.self, Seal.open(row.study.details, key: patient.key, context: "study:" + patient.ref))
            let instance = try decode(
                InstanceDetails.self,
                Seal.open(row.instance.details, key: patient.key, context: "instance:" + object))
            // The dental media profile takes For Presentation DX and intra-oral images; the rest
            // (For Processing captures, signed data) goes beside the DICOMDIR, in clear too.
            var encoded: [UInt8]?
            if [SOPClass.digitalXRayForPresentation, SOPClass.digitalIntraOralForPresentation].contains(
                instance.sopClassUID)
            {
                encoded = try? DICOMTranscoder.dentalMedia(Array(bytes), source: "object " + object)
            }
            let inDICOMDIR = encoded != nil
            if encoded == nil {
                do {
                    encoded = try DICOMTranscoder.explicitLittleEndian(Array(bytes), source: "object " + object)
                } catch {
                    throw .dicom(error)
                }
            }
            // The record's current demographics (after any rectification) reissued in the copy.
            do {
                let d = patient.demographics
                encoded = try DICOMWriter.reissued(
                    encoded!, source: "object " + object, patientID: d.patientID, patientName: d.name, birthDate: d.birthDate, sex: d.sex)
            } catch {
                throw .dicom(error)
            }
            let path: String
            if inDICOMDIR {
                profiled += 1
                path = String(format: "DICOM/P0001/IM%06d", profiled)
            } else {
                other += 1
                path = String(format: "OTHER/IM%06d", other)
            }
            let data = Data(encoded!)
            try writer.write(data, to: path)
            files.append(
                BundleManifest.File(
                    path: path, sopClassUID: instance.sopClassUID, sopInstanceUID: instance.sopInstanceUID,
                    studyInstanceUID: study.uid, studyDate: row.study.studyDate, studyDescription: study.description,
                    modality: row.instance.modality, teeth: row.instance.teeth,
                    sha256: SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined(), bytes: data.count,
                    inDICOMDIR: inDICOMDIR))
        }
        var dicomdir: String?
        if profiled > 0 {
            do {
                try DICOMDIR.write(
                    folder: writer.folder, files: files.filter(\.inDICOMDIR).map(\.path), filesetID: "RADIOGRAPH")
            } catch {
                writer.written.append("DICOMDIR")
                throw .dicom(error)
            }
            try writer.adopt("DICOMDIR")
            dicomdir = "DICOMDIR"
        }
        let formatter = ISO8601DateFormatter()
        let manifest = BundleManifest(
            format: Self.bundleFormat, created: formatter.string(from: Date()), patient: patient.demographics,
            dicomdir: dicomdir, files: files)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json: Data
        do { json = try encoder.encode(manifest) } catch {
            throw .invalidRequest("cannot encode the manifest: \(error)")
        }
        try writer.write(json, to: "manifest.json")
        try writer.write(Data(BundleIndex.html(manifest).utf8), to: "index.html")
        return ExportReport(
            folder: writer.folder, files: writer.written.count, images: files.count, bytes: writer.bytes)
    }

    /// A failure's kind for the audit trail: never a path, a DCMTK message or a patient value.
    static func failureKind(_ error: ArchiveError) -> String {
        switch error {
        case .io: "a file could not be written"
        case .dicom: "an image could not be transcoded, or DCMTK refused the DICOMDIR"
        case .integrity: "an object failed its integrity check"
        default: "the request could not be carried out"
        }
    }
}

/// Writes a bundle's files durably and remembers them, so that a failed export leaves nothing.
struct BundleWriter {
    let folder: String
    var written: [String] = []
    var folders: [String] = []
    var objects: [String] = []
    var bytes = 0

    init(folder: String) {
        self.folder = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
    }

    mutating func makeFolder(_ relative: String) throws(ArchiveError) {
        let path = relative.isEmpty ? folder : folder + "/" + relative
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .io(path: path, operation: "create the folder", reason: error.localizedDescription)
        }
        if !relative.isEmpty { folders.append(relative) }
    }

    /// A temporary file beside the target, flushed, renamed, and the folder flushed.
    mutating func write(_ data: Data, to relative: String) throws(ArchiveError) {
        let parent = relative.split(separator: "/").dropLast().joined(separator: "/")
        var prefix = ""
        for component in parent.split(separator: "/") {
            prefix += (prefix.isEmpty ? "" : "/") + component
            try makeFolder(prefix)
        }
        try DurableFile.archive(data, to: folder + "/" + relative)
        written.append(relative)
        bytes += data.count
    }

    /// A file something else wrote (DCMTK's DICOMDIR): flushed, then its folder.
    mutating func adopt(_ relative: String) throws(ArchiveError) {
        let path = folder + "/" + relative
        written.append(relative)
        chmod(path, 0o600)  // like every other file of the bundle
        do { bytes += try DurableFile.flush(path) } catch { throw ArchiveError(error) }
    }

    /// Removes every file and folder this writer made (the destination itself is left).
    func removeWritten() {
        for file in written { unlink(folder + "/" + file) }
        for sub in folders.reversed() { rmdir(folder + "/" + sub) }
    }
}

/// `index.html`: a page a patient can open without any software but a browser.
enum BundleIndex {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A DICOM person name (`Family^Given^Middle^Prefix^Suffix`) as it is read: its parts spaced.
    static func personName(_ name: String?) -> String {
        (name ?? "").split(separator: "=").first.map {
            $0.split(separator: "^").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.joined(separator: " ")
        } ?? ""
    }

    static func date(_ d: String?) -> String {
        guard let d, d.count == 8 else { return d ?? "" }
        return "\(d.prefix(4))-\(d.dropFirst(4).prefix(2))-\(d.suffix(2))"
    }

    static func html(_ m: BundleManifest) -> String {
        let name = escape(personName(m.patient.name))
        var studies: [(uid: String, date: String?, description: String?, count: Int)] = []
        for f in m.files {
            if let i = studies.firstIndex(where: { $0.uid == f.studyInstanceUID }) {
                studies[i].count += 1
            } else {
                studies.append((f.studyInstanceUID, f.studyDate, f.studyDescription, 1))
            }
        }
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Dental radiographs of \(name)</title>
            <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em .6em;text-align:left}</style>
            </head>
            <body>
            <h1>Dental radiographs of \(name)</h1>
            <p>Patient ID: \(escape(m.patient.patientID))\(m.patient.birthDate.map { " · Born: " + escape(date($0)) } ?? "")</p>
            <p>These are your images in DICOM format, unencrypted. Open the DICOMDIR with any DICOM viewer; manifest.json lists every file with its SHA-256. Created \(escape(m.created)).</p>
            <h2>Studies</h2>
            <table>
            <tr><th>Date</th><th>Description</th><th>Images</th></tr>

            """
        for s in studies {
            page +=
                "<tr><td>\(escape(date(s.date)))</td><td>\(escape(s.description ?? ""))</td><td>\(s.count)</td></tr>\n"
        }
        page += """
            </table>
            <h2>Images</h2>
            <table>
            <tr><th>File</th><th>Date</th><th>Modality</th><th>Kind</th><th>Teeth (FDI)</th><th>In DICOMDIR</th></tr>

            """
        for f in m.files {
            let kind = SOPClass.name(f.sopClassUID) ?? f.sopClassUID
            page +=
                "<tr><td><a href=\"\(escape(f.path))\">\(escape(f.path))</a></td><td>\(escape(date(f.studyDate)))</td>"
                + "<td>\(escape(f.modality ?? ""))</td><td>\(escape(kind))</td>"
                + "<td>\(escape(f.teeth.map(String.init).joined(separator: ", ")))</td><td>\(f.inDICOMDIR ? "yes" : "no")</td></tr>\n"
        }
        page += "</table>\n</body>\n</html>\n"
        return page
    }
}

import ArgumentParser
import Foundation
import Radiograph
import RadiographDICOM

struct Anonymize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "De-identify DICOM files (PS3.15 Annex E Basic Application Level Confidentiality Profile).",
        discussion: """
            Every attribute of PS3.15 Table E.1-1 (DICOM 2024b) gets the profile's action, at the top level and \
            inside sequences; private attributes are removed; UIDs are replaced consistently for the whole run \
            (a patient's files keep their study and series together); pixel data is not changed. Outputs are \
            named by their new SOP Instance UID (.dcm), never by the input's name. An image with Burned In \
            Annotation YES is refused unless --force-burned-in.
            """)

    @Argument(help: "DICOM files or folders (walked recursively; DICOM files only).")
    var inputs: [String] = []

    @Option(name: .shortAndLong, help: "The folder to write into (created if missing).")
    var output: String

    @Option(help: "The new Patient ID (a pseudonym; default: the profile's dummy).")
    var patientID: String?

    @Option(help: "The new Patient's Name (a pseudonym, FAMILY^GIVEN; default: empty).")
    var patientName: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Keep dates, moved by this many days, e.g. -1234 (Retain Longitudinal Temporal Information with Modified Dates).",
            valueName: "days"))
    var shiftDates: Int?

    @Flag(help: "Keep the patient's sex, age, size and weight (Retain Patient Characteristics).")
    var keepCharacteristics = false

    @Flag(help: "Keep descriptions, cleaned to dental vocabulary (Clean Descriptors).")
    var cleanDescriptors = false

    @Flag(help: "De-identify images with Burned In Annotation YES (their pixels may still show identifying text).")
    var forceBurnedIn = false

    @Flag(help: "Replace outputs that exist.")
    var overwrite = false

    var options: DeidentificationOptions {
        DeidentificationOptions(
            retainLongitudinalDatesModified: shiftDates != nil, dateShiftDays: shiftDates ?? 0,
            retainPatientCharacteristics: keepCharacteristics, cleanDescriptors: cleanDescriptors,
            newPatientID: patientID ?? "", newPatientName: patientName ?? "", forceBurnedIn: forceBurnedIn)
    }

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("name at least one DICOM file or folder") }
        if let problem = options.problem { throw ValidationError(problem) }
    }

    func run() throws {
        do throws(RadiographError) {
            try AtomicFile.createFolder(output)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
        let (files, missing) = Self.discover(inputs)
        for path in missing { printError("\(path): no such file or folder") }
        let uids = UIDRemapper()
        let options = self.options
        var written = 0
        var failed = missing.count
        for file in files {
            do {
                let result = try Deidentifier.deidentifyObject(fileAt: file, options: options, uids: uids)
                let name = (result.sopInstanceUID ?? "deidentified-" + DICOMUID.make()) + ".dcm"
                let path = output.hasSuffix("/") ? output + name : output + "/" + name
                do throws(RadiographError) {
                    try AtomicFile.write(result.bytes, to: path, overwrite: overwrite)
                } catch {
                    printError("\(file): \(error.description)")
                    failed += 1
                    continue
                }
                written += 1
            } catch {
                printError(error.description)
                failed += 1
            }
        }
        let line = "\(written) de-identified, \(failed) failed"
        FileHandle.standardError.write(Data((line + "\n").utf8))
        if failed > 0 { throw ExitCode.failure }
    }

    /// The files to de-identify: every named file, and the DICOM files below every named folder
    /// (sorted; hidden entries skipped). Also the paths that do not exist.
    static func discover(_ paths: [String]) -> (files: [String], missing: [String]) {
        let fm = FileManager.default
        var files: [String] = []
        var missing: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isFolder) else {
                missing.append(path)
                continue
            }
            guard isFolder.boolValue else {
                files.append(path)
                continue
            }
            var found: [String] = []
            let walker = fm.enumerator(atPath: path)
            while let entry = walker?.nextObject() as? String {
                let type = walker?.fileAttributes?[.type] as? FileAttributeType
                if (entry as NSString).lastPathComponent.hasPrefix(".") {
                    if type == .typeDirectory { walker?.skipDescendants() }
                    continue
                }
                let full = path.hasSuffix("/") ? path + entry : path + "/" + entry
                if type == .typeRegular && InputDiscovery.looksLikeDICOM(full) { found.append(full) }
            }
            files += found.sorted()
        }
        return (files, missing)
    }
}

import ArgumentParser
import Foundation
import Radiograph
import RadiographArchive
import RadiographDICOM

struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "The patient-indexed, encrypted archive: init, ingest, query, show, export, audit, verify.",
        discussion: """
            Every command names the archive ROOT, the master key file (--key-file or RADIOGRAPH_KEY_FILE), \
            the actor (--actor or RADIOGRAPH_ACTOR) and their role (--role or RADIOGRAPH_ROLE: practitioner, \
            assistant, auditor, administrator). Everything is recorded in the audit trail.
            """,
        subcommands: [
            Init.self, Ingest.self, Query.self, Show.self, Export.self, Patient.self, Rectify.self, Restrict.self, Retention.self,
            EraseRequest.self, Audit.self, Verify.self, Backup.self, Restore.self, RotateKey.self,
        ])
}

/// Key (file or passphrase), actor and role: options first, then the environment.
struct ArchiveAccess: ParsableArguments {
    @Option(help: "The master key file (or RADIOGRAPH_KEY_FILE).") var keyFile: String?
    @Option(help: "The name of an environment variable holding the archive's passphrase, instead of a key file (RADIOGRAPH_PASSPHRASE is read when neither is given).")
    var passphraseEnv: String?
    @Option(help: "Who is acting (or RADIOGRAPH_ACTOR).") var actor: String?
    @Option(help: "Their role: practitioner, assistant, auditor, administrator (or RADIOGRAPH_ROLE).") var role: String?

    func resolved() throws -> (key: KeySource, actor: Actor) {
        let env = ProcessInfo.processInfo.environment
        let key: KeySource
        if let name = passphraseEnv {
            guard let passphrase = env[name], !passphrase.isEmpty else { throw ValidationError("--passphrase-env: \(name) is not set") }
            key = .passphrase(passphrase)
        } else if let keyFile = keyFile ?? env["RADIOGRAPH_KEY_FILE"], !keyFile.isEmpty {
            key = .file(keyFile)
        } else if let passphrase = env["RADIOGRAPH_PASSPHRASE"], !passphrase.isEmpty {
            key = .passphrase(passphrase)
        } else {
            throw ValidationError("no key: --key-file PATH or RADIOGRAPH_KEY_FILE (or a passphrase: --passphrase-env NAME or RADIOGRAPH_PASSPHRASE)")
        }
        guard let name = actor ?? env["RADIOGRAPH_ACTOR"], !name.isEmpty else {
            throw ValidationError("no actor: --actor NAME or RADIOGRAPH_ACTOR")
        }
        guard let roleName = role ?? env["RADIOGRAPH_ROLE"] else { throw ValidationError("no role: --role ROLE or RADIOGRAPH_ROLE") }
        guard let role = Role(rawValue: roleName) else {
            throw ValidationError("unknown role '\(roleName)': \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return (key, Actor(name: name, role: role))
    }

    func open(_ root: String) throws -> (Archive, Actor) {
        let (key, actor) = try resolved()
        return (try run { () throws(ArchiveError) in try Archive.open(root: root, key: key) }, actor)
    }
}

/// Which archived images: every criterion given must match (`archive query`, `enhance --archive`).
struct ArchiveSelection: ParsableArguments {
    @Option(help: "Patient ID.") var patientID: String?
    @Option(help: "A name or part of one (any word; case and accents ignored).") var name: String?
    @Option(help: "Birth date, YYYYMMDD.") var birthDate: String?
    @Option(help: "Studies on or after, YYYYMMDD.") var from: String?
    @Option(help: "Studies on or before, YYYYMMDD.") var to: String?
    @Option(help: "Modality: IO, PX, DX.") var modality: String?
    @Option(help: "A tooth shown (FDI).") var tooth: Int?

    var query: ArchiveQuery {
        ArchiveQuery(
            patientID: patientID, name: name, birthDate: birthDate, studyDateFrom: from, studyDateTo: to, modality: modality,
            tooth: tooth)
    }

    /// No criterion given (a query would list the whole archive).
    var isEmpty: Bool { query == ArchiveQuery() }
}

/// Runs an archive operation; its error is printed and the command exits 1.
func run<T>(_ body: () throws(ArchiveError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        printError(error.description)
        throw ExitCode.failure
    }
}

extension ArchiveCommand {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an archive in an empty folder; creates the key file (mode 0600) when it does not exist.")
        @Argument(help: "The archive root.") var root: String
        @OptionGroup var access: ArchiveAccess

        func run() throws {
            let (key, actor) = try access.resolved()
            var note = "; master key from the passphrase (scrypt; its salt is in \(root)/kdf.json)"
            if case .file(let keyFile) = key {
                note = FileManager.default.fileExists(atPath: keyFile) ? "" : "; new master key in \(keyFile): keep a copy apart from the archive's backups"
            }
            _ = try radiograph.run { () throws(ArchiveError) in try Archive.create(root: root, key: key, actor: actor) }
            print("archive created at \(root)" + note)
        }
    }

    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add DICOM files (or folders of them) to the archive; already archived ones are left as they are.")
        @Argument(help: "The archive root.") var root: String
        @Argument(help: "DICOM files or folders.") var inputs: [String]
        @OptionGroup var access: ArchiveAccess

        func run() throws {
            let (archive, actor) = try access.open(root)
            var files: [String] = []
            var passedOver = 0
            for input in inputs {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                    printError("\(input): no such file or folder")
                    throw ExitCode.failure
                }
                if isDirectory.boolValue {
                    let e = FileManager.default.enumerator(atPath: input)
                    while let name = e?.nextObject() as? String {
                        var sub: ObjCBool = false
                        let path = (input.hasSuffix("/") ? String(input.dropLast()) : input) + "/" + name
                        guard FileManager.default.fileExists(atPath: path, isDirectory: &sub), !sub.boolValue else { continue }
                        // Inside folders, non-DICOM files are listed as passed over, not failed.
                        if InputDiscovery.looksLikeDICOM(path) {
                            files.append(path)
                        } else {
                            passedOver += 1
                            printError("\(path): passed over: not DICOM (no DICM marker, no .dcm extension)")
                        }
                    }
                } else {
                    files.append(input)
                }
            }
            var stored = 0, present = 0, failed = 0
            for file in files.sorted() {
                do {
                    switch try archive.ingest(file: file, actor: actor) {
                    case .stored: stored += 1
                    case .alreadyPresent: present += 1
                    }
                } catch {
                    failed += 1
                    printError(error.description)
                }
            }
            print("\(stored) stored, \(present) already present, \(failed) failed" + (passedOver > 0 ? ", \(passedOver) non-DICOM files passed over" : ""))
            if failed > 0 { throw ExitCode.failure }
        }
    }

    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List archived images matching every criterion given.")
        @Argument(help: "The archive root.") var root: String
        @OptionGroup var selection: ArchiveSelection
        @Flag(help: "One JSON record per instance (JSON Lines).") var json = false
        @OptionGroup var access: ArchiveAccess

        func run() throws {
            let (archive, actor) = try access.open(root)
            let records = try radiograph.run { () throws(ArchiveError) in try archive.query(selection.query, actor: actor) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for r in records {
                if json {
                    print(String(decoding: try encoder.encode(r), as: UTF8.self))
                } else {
                    print([r.patient.patientID, r.patient.name ?? "", r.studyDate ?? "", r.modality ?? "", r.teeth.map(String.init).joined(separator: ","),
                           r.sopInstanceUID].joined(separator: "\t"))
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write one archived image (decrypted) to a file.")
        @Argument(help: "The archive root.") var root: String
        @Argument(help: "The SOP Instance UID.") var sopInstanceUID: String
        @Option(name: .shortAndLong, help: "Where to write the DICOM file.") var output: String
        @Flag(help: "Replace the output if it exists.") var overwrite = false
        @OptionGroup var access: ArchiveAccess

        func run() throws {
            let (archive, actor) = try access.open(root)
            let bytes = try radiograph.run { () throws(ArchiveError) in try archive.read(sopInstanceUID: sopInstanceUID, actor: actor) }
            do { try AtomicFile.write(Array(bytes), to: output, overwrite: overwrite) } catch {
                printError(error.description)
                throw ExitCode.failure
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a patient's bundle (DICOMDIR, DICOM files, manifest.json, index.html) into a new or empty folder, in clear.",
            discussion: """
                The bundle is the patient's own copy: unencrypted by design. Practitioners and administrators; audited. \
                --deidentify writes de-identified copies for teaching instead (PS3.15 Annex E, as `radiograph anonymize`).
                """)
        @Argument(help: "The archive root.") var root: String
        @Option(help: "The patient.") var patientID: String
        @Option(name: .shortAndLong, help: "The bundle's folder (new or empty).") var output: String
        @Flag(help: "De-identified copies (teaching) instead of the patient's bundle.") var deidentify = false
        @Option(help: "With --deidentify: the pseudonym to use as Patient ID.") var pseudonym: String?
        @Option(help: "With --deidentify: keep dates, shifted by this many days.") var shiftDates: Int?
        @Flag(help: "With --deidentify: keep sex, age, size and weight.") var keepCharacteristics = false
        @Flag(help: "With --deidentify: keep descriptions cleaned to dental vocabulary.") var cleanDescriptors = false
        @Flag(help: "With --deidentify: export images with Burned In Annotation YES anyway.") var forceBurnedIn = false
        @OptionGroup var access: ArchiveAccess

        func run() throws {
            let (archive, actor) = try access.open(root)
            if deidentify {
                let options = DeidentificationOptions(
                    retainLongitudinalDatesModified: shiftDates != nil, dateShiftDays: shiftDates ?? 0,
                    retainPatientCharacteristics: keepCharacteristics, cleanDescriptors: cleanDescriptors,
                    newPatientID: pseudonym ?? "", forceBurnedIn: forceBurnedIn)
                if let problem = options.problem { throw ValidationError(problem) }
                let count = try radiograph.run { () throws(ArchiveError) in
                    try archive.exportDeidentified(patientID: patientID, to: output, options: options, actor: actor)
                }
                print("exported \(count) de-identified images to \(output)")
                return
            }
            let report = try radiograph.run { () throws(ArchiveError) in
                try archive.exportBundle(patientID: patientID, to: output, actor: actor)
            }
            print("exported \(report.images) images in \(report.files) files (\(report.bytes) bytes) to \(report.folder)")
        }
    }

    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the audit trail (or one patient's), or check it with --verify.")
        @Argument(help: "The archive root.") var root: String
        @Option(help: "Only this patient's entries (who saw their file, when).") var patientID: String?
        @Flag(help: "Check the chain instead of printing it (exit 0 only when intact).") var verify = false
        @OptionGroup var access: ArchiveAccess

        func run() throws {
            let (archive, actor) = try access.open(root)
            if verify {
                let report = try radiograph.run { () throws(ArchiveError) in try archive.verify(actor: actor) }
                let problems = report.problems.filter { $0.contains("audit") }
                for p in problems { print(p) }
                print("audit trail: \(report.auditEntries) entries, \(problems.isEmpty ? "intact" : "\(problems.count) problems")")
                if !problems.isEmpty { throw ExitCode.failure }
                return
            }
            let entries = try radiograph.run { () throws(ArchiveError) in try archive.auditTrail(patientID: patientID, actor: actor) }
            for e in entries {
                print([String(e.sequence), e.time, e.actor, e.role, e.action, e.event, e.patientRef ?? "-", e.outcome, e.detail, e.objects]
                    .joined(separator: "\t"))
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every object, index ↔ files and the audit chain; exit 0 only when everything checks out.")
        @Argument(help: "The archive root.") var root: String
        @OptionGroup var access: ArchiveAccess

        func run() throws {
            let (archive, actor) = try access.open(root)
            let report = try radiograph.run { () throws(ArchiveError) in try archive.verify(actor: actor) }
            try finish(report, "\(report.objectsChecked) objects, \(report.auditEntries) audit entries", intact: "intact",
                       extra: report.leftoversRemoved > 0 ? "; \(report.leftoversRemoved) leftover files of interrupted ingests removed" : "")
        }
    }

    struct Patient: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a patient's last contact, date of death or legal hold (what retention counts from).")
        @Argument(help: "The archive root.") var root: String
        @Option(help: "The patient.") var patientID: String
        @Option(help: "Last contact (visit), YYYYMMDD.") var lastContact: String?
        @Option(help: "Date of death, YYYYMMDD.") var deathDate: String?
        @Option(help: "Legal hold: on or off (administrators; needs --reason).") var legalHold: String?
        @Option(help: "Why (legal holds).") var reason: String?
        @OptionGroup var access: ArchiveAccess

        func validate() throws {
            for (name, value) in [("--last-contact", lastContact), ("--death-date", deathDate)] {
                if let value, DayDate(value) == nil { throw ValidationError("\(name) must be a real date, YYYYMMDD: \(value)") }
            }
            if let legalHold, !["on", "off"].contains(legalHold) { throw ValidationError("--legal-hold is on or off") }
            if legalHold != nil && (reason ?? "").isEmpty { throw ValidationError("--legal-hold needs --reason") }
            if lastContact == nil && deathDate == nil && legalHold == nil { throw ValidationError("nothing to record") }
        }

        func run() throws {
            let (archive, actor) = try access.open(root)
            try radiograph.run { () throws(ArchiveError) in
                if let lastContact { try archive.setLastContact(patientID: patientID, date: DayDate(lastContact)!, actor: actor) }
                if let deathDate { try archive.setDeathDate(patientID: patientID, date: DayDate(deathDate)!, actor: actor) }
                if let legalHold { try archive.setLegalHold(patientID: patientID, held: legalHold == "on", reason: reason!, actor: actor) }
            }
            print("recorded")
        }
    }

    struct Retention: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Retention under the French dental rule: report what has expired, or purge it (crypto-shredding).")
        @Argument(help: "report or purge.") var what: String
        @Argument(help: "The archive root.") var root: String
        @Option(help: "The day to judge from, YYYYMMDD (default: today, UTC).") var asOf: String?
        @Flag(help: "JSON output.") var json = false
        @OptionGroup var access: ArchiveAccess

        func validate() throws {
            guard ["report", "purge"].contains(what) else { throw ValidationError("retention report or retention purge") }
            if let asOf, DayDate(asOf) == nil { throw ValidationError("--as-of must be a real date, YYYYMMDD") }
        }

        func run() throws {
            let (archive, actor) = try access.open(root)
            let today = asOf.flatMap(DayDate.init) ?? DayDate.today()
            let rows = try radiograph.run { () throws(ArchiveError) in
                what == "report"
                    ? try archive.retentionReport(asOf: today, actor: actor)
                    : try archive.purgeExpired(asOf: today, actor: actor)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            for r in rows where what == "purge" || r.expired || json {
                if json {
                    print(String(decoding: try encoder.encode(r), as: UTF8.self))
                } else {
                    print([r.patientRef, "last contact " + r.lastContact, "expiry " + r.expiry, r.legalHold ? "legal hold" : "", "\(r.instances) instances"].joined(separator: "\t"))
                }
            }
            print(what == "report"
                ? "\(rows.filter(\.expired).count) of \(rows.count) patients expired as of \(today) (\(rows.filter { $0.expired && $0.legalHold }.count) under legal hold)"
                : "\(rows.count) patients destroyed as of \(today)")
        }
    }

    struct EraseRequest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "erase-request",
            abstract: "Record a patient's erasure request and print the legal answer (records under retention are kept).")
        @Argument(help: "The archive root.") var root: String
        @Option(help: "The patient.") var patientID: String
        @OptionGroup var access: ArchiveAccess

        func run() throws {
            let (archive, actor) = try access.open(root)
            let today = DayDate.today()
            print(try radiograph.run { () throws(ArchiveError) in try archive.recordErasureRequest(patientID: patientID, asOf: today, actor: actor) })
        }
    }

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Back up the archive into a folder (online, incremental), then verify the copy; exit 0 only when it checks out.")
        @Argument(help: "The archive root.") var root: String
        @Argument(help: "The backup folder (new, or an earlier backup of this archive).") var destination: String
        @OptionGroup var access: ArchiveAccess

        func run() throws {
            let (archive, actor) = try access.open(root)
            let report = try radiograph.run { () throws(ArchiveError) in try archive.backup(to: destination, actor: actor) }
            try finish(report, "backup of \(report.objectsChecked) objects in \(destination)")
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore a backup into a new root and verify it; exit 0 only when it checks out.")
        @Argument(help: "The backup folder.") var backup: String
        @Argument(help: "The new archive root (empty or new).") var root: String
        @OptionGroup var access: ArchiveAccess

        func run() throws {
            let (key, actor) = try access.resolved()
            let report = try radiograph.run { () throws(ArchiveError) in
                try Archive.restore(backup: backup, to: root, key: key, actor: actor)
            }
            try finish(report, "restored \(report.objectsChecked) objects into \(root)")
        }
    }

    struct RotateKey: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-key",
            abstract: "Rewrap every key under a new master key file (created 0600 if missing); no image is re-encrypted.")
        @Argument(help: "The archive root.") var root: String
        @Option(help: "The new master key file.") var newKeyFile: String
        @OptionGroup var access: ArchiveAccess

        func run() throws {
            let (archive, actor) = try access.open(root)
            _ = try radiograph.run { () throws(ArchiveError) in try archive.rotateKey(newKeyFile: newKeyFile, actor: actor) }
            print("master key rotated: use \(newKeyFile) from now on, and destroy the old key file")
        }
    }

    struct Rectify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct a patient's demographics; the previous values are kept in the record's history.")
        @Argument(help: "The archive root.") var root: String
        @Option(help: "The patient.") var patientID: String
        @Option(help: "The corrected patient ID.") var newPatientID: String?
        @Option(help: "The corrected name (FAMILY^GIVEN).") var name: String?
        @Option(help: "The corrected birth date, YYYYMMDD.") var birthDate: String?
        @Option(help: "The corrected sex: M, F or O.") var sex: String?
        @Option(help: "Why.") var reason: String
        @OptionGroup var access: ArchiveAccess

        func run() throws {
            let (archive, actor) = try access.open(root)
            try radiograph.run { () throws(ArchiveError) in
                try archive.rectify(patientID: patientID, newPatientID: newPatientID, name: name, birthDate: birthDate, sex: sex,
                                    reason: reason, actor: actor)
            }
            print("corrected; the previous values are in the record's history")
        }
    }

    struct Restrict: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restrict processing of a patient's records (readable by administrators only), or --lift it (administrators).")
        @Argument(help: "The archive root.") var root: String
        @Option(help: "The patient.") var patientID: String
        @Option(help: "Why.") var reason: String
        @Flag(help: "Lift the restriction.") var lift = false
        @OptionGroup var access: ArchiveAccess

        func run() throws {
            let (archive, actor) = try access.open(root)
            try radiograph.run { () throws(ArchiveError) in
                try archive.restrict(patientID: patientID, restricted: !lift, reason: reason, actor: actor)
            }
            print(lift ? "restriction lifted" : "processing restricted")
        }
    }
}

/// Prints a verification's problems, one per line, then `what: verified` (or the count of
/// problems); exit status 1 unless the archive checked out.
private func finish(_ report: VerificationReport, _ what: String, intact: String = "verified", extra: String = "") throws {
    for p in report.problems { print(p) }
    print(what + ": " + (report.isIntact ? intact : "\(report.problems.count) problems") + extra)
    if !report.isIntact { throw ExitCode.failure }
}

import RadiographArchive

extension InputDiscovery {
    /// Archived images as batch inputs: the instances `uids` names, then those `query` matches
    /// (each once, in that order). Each is read through ``Archive/read(sopInstanceUID:actor:)``
    /// (one audited read) when the batch reaches it. Its name in results and messages is its SOP
    /// Instance UID and its output is `outputFolder/<SOP Instance UID>.<outputExtension>`: never
    /// the patient's ID or name. A UID not in the archive, or a read the actor's role refuses,
    /// fails that input only. A name that is not a UID (digits and dots, at most 64 characters)
    /// is passed over as a failure, since it would not make a safe file name. Images the query
    /// picked are passed over when they turn out to be derived (an earlier batch's
    /// ``BatchRequest/ingestOutputs(into:actor:)``, say), so that a rerun does not enhance its own
    /// outputs; a UID named in `uids` is always processed.
    ///
    /// - Throws: the query's error (a role that may not query, say); nothing when `query` is nil.
    public static func archived(
        _ uids: [String], matching query: ArchiveQuery? = nil, in archive: Archive, actor: RadiographArchive.Actor,
        outputFolder: String, outputExtension: String
    ) throws(ArchiveError) -> InputDiscovery {
        var all = uids.map { (uid: $0, selected: false) }
        if let query { all += try archive.query(query, actor: actor).map { ($0.sopInstanceUID, true) } }
        var result = InputDiscovery()
        var seen = Set<String>()
        for (uid, selected) in all where seen.insert(uid).inserted {
            guard isUID(uid) else {
                result.passedOver.append(
                    PassedOver(path: uid, reason: "not a SOP Instance UID (digits and dots)", isFailure: true))
                continue
            }
            let load: @Sendable () throws(RadiographError) -> [UInt8] = { () throws(RadiographError) in
                do { return Array(try archive.read(sopInstanceUID: uid, actor: actor)) } catch {
                    throw .invalidRequest("\(uid): \(error)")
                }
            }
            let output = outputFolder + "/" + uid + "." + outputExtension
            result.inputs.append(
                BatchInput(path: uid, outputPath: output, source: .bytes(load), skipsDerived: selected))
        }
        return result
    }

    /// A DICOM UID: 1 to 64 characters, digits and dots, no empty component.
    static func isUID(_ s: String) -> Bool {
        s.utf8.count <= 64 && !s.isEmpty
            && s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
                !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber }
            }
    }
}

extension BatchRequest {
    /// Ingests every output into `archive` as `actor` (``Archive/ingest(bytes:source:actor:)``),
    /// including an existing output that is skipped (a no-op when it is archived already). The
    /// archive takes DICOM only: give `output.format` `.dicom`.
    public mutating func ingestOutputs(into archive: Archive, actor: RadiographArchive.Actor) {
        ingest = { (bytes, outputPath) throws(RadiographError) in
            do {
                switch try archive.ingest(bytes: bytes, source: outputPath, actor: actor) {
                case .stored: return .stored
                case .alreadyPresent: return .alreadyPresent
                }
            } catch {
                throw .invalidRequest("\(archive.root): \(error)")
            }
        }
    }
}

import Foundation

/// One input of a batch: where it is read from and where its output goes.
public struct BatchInput: Sendable {
    /// Where the DICOM bytes come from.
    public enum Source: Sendable {
        /// The file at ``BatchInput/path``.
        case file
        /// Bytes handed over when the batch reaches this input (an archived image, say: read then,
        /// so a batch holds one image per job in memory). A throw fails this input with its text.
        case bytes(@Sendable () throws(RadiographError) -> [UInt8])
    }

    /// The input's name in results and messages: the file's path, or for ``Source/bytes(_:)`` a
    /// name chosen by its maker (an archived image's SOP Instance UID).
    public var path: String
    /// Its output path (inside the output folder, mirroring the input folder's layout).
    public var outputPath: String
    public var source: Source
    /// Pass the input over (listed, not a failure) when it turns out to be a derived image (Image
    /// Type DERIVED): set for images a selection picked, so a rerun does not enhance the outputs
    /// an earlier run put into the same archive.
    public var skipsDerived: Bool

    public init(path: String, outputPath: String, source: Source = .file, skipsDerived: Bool = false) {
        self.path = path
        self.outputPath = outputPath
        self.source = source
        self.skipsDerived = skipsDerived
    }
}

/// What a batch found in its inputs: files to process, and everything it will not process, with
/// the reason (nothing is skipped silently).
public struct InputDiscovery: Sendable {
    public var inputs: [BatchInput] = []
    /// Paths that were not taken, with the reason ("not DICOM", "no such file", …).
    public var passedOver: [PassedOver] = []

    /// A path a batch does not process, and why.
    public struct PassedOver: Sendable, Hashable, Codable {
        public var path: String
        public var reason: String
        /// True when the path was asked for and cannot be processed (missing, an output collision):
        /// the batch fails. False for a file met in a folder that is not DICOM (a README, say).
        public var isFailure: Bool

        public init(path: String, reason: String, isFailure: Bool) {
            self.path = path
            self.reason = reason
            self.isFailure = isFailure
        }
    }

    /// Inputs made by the caller (for ``BatchRequest/prepared``).
    public init(inputs: [BatchInput] = [], passedOver: [PassedOver] = []) {
        self.inputs = inputs
        self.passedOver = passedOver
    }

    /// These inputs followed by `other`'s; an input of `other` whose output is already claimed
    /// here is passed over as a failure, as within one discovery.
    public func merged(with other: InputDiscovery) -> InputDiscovery {
        var result = self
        var claimed = Dictionary(inputs.map { ($0.outputPath, $0.path) }, uniquingKeysWith: { a, _ in a })
        for input in other.inputs { result.append(input, claimed: &claimed) }
        result.passedOver += other.passedOver
        return result
    }

    /// Adds `input` unless another input already has its output (`claimed`: output → input).
    mutating func append(_ input: BatchInput, claimed: inout [String: String]) {
        if let first = claimed[input.outputPath] {
            passedOver.append(PassedOver(
                path: input.path, reason: "its output \(input.outputPath) is already the output of \(first)", isFailure: true))
            return
        }
        claimed[input.outputPath] = input.path
        inputs.append(input)
    }

    /// Walks `paths`: a file is always taken; a folder is walked recursively (sorted, hidden
    /// entries and symbolic links to folders not followed) and its files are taken when they look
    /// like DICOM (the `DICM` marker at byte 128, or a `.dcm`/`.dicom` extension).
    ///
    /// - Parameters:
    ///   - outputFolder: where outputs go; a folder input keeps its relative layout below it.
    ///   - outputExtension: the extension of every output (replaces the input's).
    public static func discover(_ paths: [String], outputFolder: String, outputExtension: String) -> InputDiscovery {
        var result = InputDiscovery()
        let fm = FileManager.default
        var claimed: [String: String] = [:]  // output path → input path
        func add(_ file: String, relative: String) {
            let output = outputFolder + "/" + replacingExtension(of: relative, with: outputExtension)
            result.append(BatchInput(path: file, outputPath: output), claimed: &claimed)
        }
        for path in paths {
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isFolder) else {
                result.passedOver.append(PassedOver(path: path, reason: "no such file or folder", isFailure: true))
                continue
            }
            if !isFolder.boolValue {
                add(path, relative: (path as NSString).lastPathComponent)
                continue
            }
            guard let walker = fm.enumerator(atPath: path) else {
                result.passedOver.append(PassedOver(path: path, reason: "cannot list the folder", isFailure: true))
                continue
            }
            var files: [String] = []
            while let entry = walker.nextObject() as? String {
                let name = (entry as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    // Hidden files and folders (and our own partial files) are not inputs.
                    if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { walker.skipDescendants() }
                    continue
                }
                if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeRegular { files.append(entry) }
            }
            for entry in files.sorted() {
                let full = path.hasSuffix("/") ? path + entry : path + "/" + entry
                if looksLikeDICOM(full) {
                    add(full, relative: entry)
                } else {
                    result.passedOver.append(PassedOver(path: full, reason: "not DICOM (no DICM marker, no .dcm extension)", isFailure: false))
                }
            }
        }
        return result
    }

    /// The `DICM` marker at byte 128, or a `.dcm` / `.dicom` extension.
    public static func looksLikeDICOM(_ path: String) -> Bool {
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "dcm" || ext == "dicom" { return true }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 132), head.count == 132 else { return false }
        return head[128] == 0x44 && head[129] == 0x49 && head[130] == 0x43 && head[131] == 0x4D
    }

    static func replacingExtension(of path: String, with ext: String) -> String {
        let ns = path as NSString
        let name = ns.lastPathComponent
        let stem: String
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            stem = String(name[..<dot])
        } else {
            stem = name
        }
        let folder = ns.deletingLastPathComponent
        return (folder.isEmpty ? "" : folder + "/") + stem + "." + ext
    }
}

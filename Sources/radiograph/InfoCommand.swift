import ArgumentParser
import Foundation
import Radiograph
import RadiographCore
import RadiographDICOM

struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the metadata of DICOM files: identity, geometry and display attributes.",
        discussion: "Patient attributes are shown because you ask for them; nothing else prints them.")

    @Argument(help: "DICOM files.")
    var files: [String]

    @Flag(help: "One JSON record per file (JSON Lines).")
    var json = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one DICOM file") }
    }

    func run() throws {
        var failed = 0
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for file in files {
            do {
                let metadata = try DICOMReader.readMetadata(contentsOf: file)
                let record = InfoRecord(file: file, metadata: metadata)
                if json {
                    print(String(decoding: try encoder.encode(record), as: UTF8.self))
                } else {
                    print(record.text)
                }
            } catch let error as DICOMError {
                failed += 1
                printError(error.description)
            }
        }
        if failed > 0 { throw ExitCode.failure }
    }
}

/// What `info` prints for one file. LUT data is summarised, not listed.
struct InfoRecord: Encodable {
    var file: String
    var metadata: DICOMMetadata

    struct LUTSummary: Encodable {
        var entries: Int
        var firstMappedValue: Int
        var bitsPerEntry: Int
        var explanation: String?
        init(_ lut: LookupTable) {
            entries = lut.values.count
            firstMappedValue = lut.firstMappedValue
            bitsPerEntry = lut.bitsPerEntry
            explanation = lut.explanation
        }
    }

    enum Key: String, CodingKey {
        case file, patientID, patientName, studyInstanceUID, seriesInstanceUID, sopInstanceUID, sopClassUID
        case sopClassName, modality, transferSyntaxUID, transferSyntaxName, presentationIntentType
        case rows, columns, numberOfFrames, bitsAllocated, bitsStored, highBit, pixelRepresentation
        case photometricInterpretation, rescaleSlope, rescaleIntercept, rescaleType, modalityLUT
        case windows, voiLUTFunction, voiLUTs, presentationLUTShape, pixelSpacing, imagerPixelSpacing
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        let m = metadata
        try c.encode(file, forKey: .file)
        try c.encodeIfPresent(m.patientID, forKey: .patientID)
        try c.encodeIfPresent(m.patientName, forKey: .patientName)
        try c.encodeIfPresent(m.studyInstanceUID, forKey: .studyInstanceUID)
        try c.encodeIfPresent(m.seriesInstanceUID, forKey: .seriesInstanceUID)
        try c.encodeIfPresent(m.sopInstanceUID, forKey: .sopInstanceUID)
        try c.encodeIfPresent(m.sopClassUID, forKey: .sopClassUID)
        try c.encodeIfPresent(m.sopClassUID.flatMap(SOPClass.name), forKey: .sopClassName)
        try c.encodeIfPresent(m.modality, forKey: .modality)
        try c.encode(m.transferSyntaxUID, forKey: .transferSyntaxUID)
        try c.encode(m.transferSyntaxName, forKey: .transferSyntaxName)
        try c.encodeIfPresent(m.presentationIntentType, forKey: .presentationIntentType)
        try c.encode(m.rows, forKey: .rows)
        try c.encode(m.columns, forKey: .columns)
        try c.encode(m.numberOfFrames, forKey: .numberOfFrames)
        try c.encode(m.bitsAllocated, forKey: .bitsAllocated)
        try c.encode(m.bitsStored, forKey: .bitsStored)
        try c.encode(m.highBit, forKey: .highBit)
        try c.encode(m.isSigned ? 1 : 0, forKey: .pixelRepresentation)
        try c.encode(m.photometricInterpretation, forKey: .photometricInterpretation)
        try c.encodeIfPresent(m.rescaleSlope, forKey: .rescaleSlope)
        try c.encodeIfPresent(m.rescaleIntercept, forKey: .rescaleIntercept)
        try c.encodeIfPresent(m.rescaleType, forKey: .rescaleType)
        try c.encodeIfPresent(m.modalityLUT.map(LUTSummary.init), forKey: .modalityLUT)
        try c.encode(m.windows, forKey: .windows)
        try c.encodeIfPresent(m.voiLUTFunction, forKey: .voiLUTFunction)
        try c.encode(m.voiLUTs.map(LUTSummary.init), forKey: .voiLUTs)
        try c.encodeIfPresent(m.presentationLUTShape, forKey: .presentationLUTShape)
        try c.encodeIfPresent(m.pixelSpacing, forKey: .pixelSpacing)
        try c.encodeIfPresent(m.imagerPixelSpacing, forKey: .imagerPixelSpacing)
    }

    var text: String {
        let m = metadata
        func fmt(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }
        var lines = [file]
        func add(_ key: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append("  " + key.padding(toLength: 20, withPad: " ", startingAt: 0) + value)
        }
        add("SOP class", m.sopClassUID.map { uid in SOPClass.name(uid).map { "\($0) (\(uid))" } ?? uid })
        add("Transfer syntax", "\(m.transferSyntaxName) (\(m.transferSyntaxUID))")
        add("Modality", m.modality)
        add("Presentation intent", m.presentationIntentType)
        add("Patient ID", m.patientID)
        add("Patient name", m.patientName)
        add("Study UID", m.studyInstanceUID)
        add("Series UID", m.seriesInstanceUID)
        add("Instance UID", m.sopInstanceUID)
        add("Size", "\(m.columns) x \(m.rows)" + (m.numberOfFrames > 1 ? ", \(m.numberOfFrames) frames" : ""))
        add("Bits", "\(m.bitsAllocated) allocated, \(m.bitsStored) stored, high bit \(m.highBit), "
            + (m.isSigned ? "signed" : "unsigned"))
        add("Photometric", m.photometricInterpretation)
        add("Presentation LUT", m.presentationLUTShape)
        if m.rescaleSlope != nil || m.rescaleIntercept != nil {
            add("Rescale", "slope \(fmt(m.rescaleSlope ?? 1)), intercept \(fmt(m.rescaleIntercept ?? 0))"
                + (m.rescaleType.map { " (\($0))" } ?? ""))
        }
        if let lut = m.modalityLUT {
            add("Modality LUT", "\(lut.values.count) entries from \(lut.firstMappedValue), \(lut.bitsPerEntry) bits")
        }
        add("Windows", m.windows.isEmpty ? "none stored" : m.windows.map { w in
            w.description + (w.explanation.map { " (\($0))" } ?? "") }.joined(separator: "; "))
        add("VOI LUT function", m.voiLUTFunction?.rawValue)
        for (i, lut) in m.voiLUTs.enumerated() {
            add("VOI LUT \(i + 1)", "\(lut.values.count) entries from \(lut.firstMappedValue), \(lut.bitsPerEntry) bits"
                + (lut.explanation.map { " (\($0))" } ?? ""))
        }
        add("Pixel spacing", m.pixelSpacing.map { $0.map(fmt).joined(separator: " x ") + " mm" })
        add("Imager spacing", m.imagerPixelSpacing.map { $0.map(fmt).joined(separator: " x ") + " mm" })
        return lines.joined(separator: "\n")
    }
}

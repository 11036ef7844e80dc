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
        for file in files {
            do {
                let metadata = try DICOMReader.readMetadata(contentsOf: file)
                let record = InfoRecord(file: file, metadata: metadata)
                if json {
                    let data = try JSONSerialization.data(
                        withJSONObject: try record.jsonObject(), options: [.sortedKeys, .withoutEscapingSlashes])
                    print(String(decoding: data, as: UTF8.self))
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
struct InfoRecord {
    var file: String
    var metadata: DICOMMetadata

    /// The JSON record: every metadata field (DICOMMetadata's Codable form), LUT data summarised,
    /// plus the file and readable names of the SOP class and transfer syntax.
    func jsonObject() throws -> [String: Any] {
        var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(metadata)) as? [String: Any] ?? [:]
        let summary = { (lut: LookupTable) -> [String: Any] in
            var s: [String: Any] = ["entries": lut.values.count, "firstMappedValue": lut.firstMappedValue,
                                    "bitsPerEntry": lut.bitsPerEntry]
            if let e = lut.explanation { s["explanation"] = e }
            return s
        }
        object["modalityLUT"] = metadata.modalityLUT.map(summary)
        object["voiLUTs"] = metadata.voiLUTs.map(summary)
        object["file"] = file
        object["transferSyntaxName"] = metadata.transferSyntaxName
        object["sopClassName"] = metadata.sopClassUID.flatMap(SOPClass.name)
        return object
    }

    var text: String {
        let m = metadata
        func fmt(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }
        var lines = [file]
        func add(_ key: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append("  " + key.padding(toLength: 22, withPad: " ", startingAt: 0) + value)
        }
        add("SOP class", m.sopClassUID.map { uid in SOPClass.name(uid).map { "\($0) (\(uid))" } ?? uid })
        add("Transfer syntax", "\(m.transferSyntaxName) (\(m.transferSyntaxUID))")
        add("Modality", m.modality)
        add("Presentation intent", m.presentationIntentType)
        add("Patient ID", m.patientID)
        add("Patient name", m.patientName)
        add("Birth date, sex", [m.patientBirthDate, m.patientSex].compactMap { $0 }.joined(separator: ", "))
        add("Study", [m.studyDate, m.studyTime, m.studyDescription].compactMap { $0 }.joined(separator: " "))
        add("Accession", m.accessionNumber)
        add("Referring physician", m.referringPhysicianName)
        add("Series", [m.seriesNumber.map { "#\($0)" }, m.seriesDescription].compactMap { $0 }.joined(separator: " "))
        add("Instance number", m.instanceNumber.map(String.init))
        add("Acquired", [m.acquisitionDate, m.acquisitionTime].compactMap { $0 }.joined(separator: " "))
        add("Image type", m.imageType.joined(separator: "\\"))
        add("Equipment", [m.manufacturer, m.manufacturerModelName, m.softwareVersions.map { "software \($0)" },
                          m.detectorID.map { "detector \($0)" }].compactMap { $0 }.joined(separator: ", "))
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
        add("Private window", m.privateWindow.map { "\($0.description) (\($0.explanation ?? "vendor"))" })
        add("VOI LUT function", m.voiLUTFunction?.rawValue)
        for (i, lut) in m.voiLUTs.enumerated() {
            add("VOI LUT \(i + 1)", "\(lut.values.count) entries from \(lut.firstMappedValue), \(lut.bitsPerEntry) bits"
                + (lut.explanation.map { " (\($0))" } ?? ""))
        }
        add("Pixel spacing", m.pixelSpacing.map { $0.map(fmt).joined(separator: " x ") + " mm" })
        add("Imager spacing", m.imagerPixelSpacing.map { $0.map(fmt).joined(separator: " x ") + " mm" })
        add("Magnification", m.estimatedRadiographicMagnificationFactor.map(fmt))
        add("Spacing calibration", [m.pixelSpacingCalibrationType, m.pixelSpacingCalibrationDescription]
            .compactMap { $0 }.joined(separator: ": "))
        add("Field of view", (m.fieldOfViewRotation.map { "rotated \(fmt($0))°" } ?? "")
            + (m.fieldOfViewHorizontalFlip == true ? ", flipped horizontally" : ""))
        add("Intensity", m.pixelIntensityRelationship.map { r in
            r + (m.pixelIntensityRelationshipSign.map { ", sign \($0 > 0 ? "+1" : "-1")" } ?? "") })
        add("Burned-in annotation", m.burnedInAnnotation)
        add("Lossy compression", m.lossyImageCompression.map { $0 == "01" ? "yes" : "no" })
        add("Laterality", m.imageLaterality)
        add("Positioner", m.positionerType)
        add("Anatomic region", m.anatomicRegions.map(\.description).joined(separator: "; "))
        add("Teeth / structures", m.primaryAnatomicStructures.map(\.description).joined(separator: "; "))
        return lines.joined(separator: "\n")
    }
}

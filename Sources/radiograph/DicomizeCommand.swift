import ArgumentParser
import Foundation
import Radiograph
import RadiographCodecs
import RadiographCore
import RadiographAnnotation
import RadiographDICOM

struct Dicomize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Wrap a sensor's raw, 16-bit TIFF or PNG capture into a new IO or PX DICOM object.",
        discussion: """
            The object is written through DCMTK with new UIDs (2.25 + UUID), the patient and equipment \
            attributes given here, and a window computed by the auto-window for For Presentation captures. \
            Intra-oral captures name their teeth: --teeth 46,47 (FDI numbers, written as the SNOMED CT codes \
            of DICOM's CID 4018/4019), or --tooth "CODE=MEANING" for any other SNOMED CT concept (repeatable).
            """)

    @Argument(help: "The capture: .tif/.tiff or .png (8- or 16-bit gray), or .raw (little-endian 16-bit, with --width and --height).")
    var input: String

    @Option(name: .shortAndLong, help: "The DICOM file to write (.dcm).")
    var output: String

    @Option(help: "Patient ID.") var patientID: String
    @Option(help: "Patient name, DICOM style (FAMILY^GIVEN).") var patientName: String
    @Option(help: "IO (intra-oral) or PX (panoramic).") var modality: String
    @Flag(help: "Write a For Processing object (no window) instead of For Presentation.") var forProcessing = false
    @Option(help: "Bits stored (default: 16 for 16-bit input, 8 for 8-bit).") var bitsStored: Int?
    @Option(help: "Imager pixel spacing in mm.") var pixelSpacing: Double?
    @Option(help: "Image laterality: R or L (intra-oral).") var laterality: String?
    @Option(help: "A tooth shown, as CODE=MEANING (SNOMED CT); repeat.") var tooth: [String] = []
    @Option(help: "The teeth shown, as FDI numbers: 46,47 (permanent 11–48, deciduous 51–85).") var teeth: String?
    @Option(help: "Patient birth date, YYYYMMDD.") var birthDate: String?
    @Option(help: "Patient sex: M, F or O.") var sex: String?
    @Option(help: "Accession number.") var accession: String?
    @Option(help: "Study description.") var studyDescription: String?
    @Option(help: "Manufacturer.") var manufacturer: String?
    @Option(help: "Manufacturer's model name.") var model: String?
    @Option(help: "Width of a .raw capture.") var width: Int?
    @Option(help: "Height of a .raw capture.") var height: Int?
    @Option(help: "Transfer syntax: explicit, jpeg-lossless, jpeg-ls or rle.") var encoding: DICOMEncoding = .jpegLSLossless
    @Flag(help: "Replace the output if it exists.") var overwrite = false

    func validate() throws {
        guard ["IO", "PX"].contains(modality.uppercased()) else { throw ValidationError("--modality must be IO or PX") }
        guard ["dcm", "dicom"].contains((output as NSString).pathExtension.lowercased()) else {
            throw ValidationError("--output must end in .dcm: \(output)")
        }
        if let bitsStored, !(8...16).contains(bitsStored) { throw ValidationError("--bits-stored must be 8 to 16") }
        if let pixelSpacing, !(pixelSpacing > 0 && pixelSpacing.isFinite) { throw ValidationError("--pixel-spacing must be above 0") }
        if let sex, !["M", "F", "O"].contains(sex) { throw ValidationError("--sex must be M, F or O") }
        if let birthDate, birthDate.count != 8 || !birthDate.allSatisfy(\.isNumber) {
            throw ValidationError("--birth-date must be YYYYMMDD")
        }
        if let laterality, !["R", "L"].contains(laterality) { throw ValidationError("--laterality must be R or L") }
        for t in tooth where !t.contains("=") { throw ValidationError("--tooth must be CODE=MEANING, not \(t)") }
        _ = try fdiTeeth()
        if modality.uppercased() == "IO" && tooth.isEmpty && (teeth ?? "").isEmpty {
            throw ValidationError("an intra-oral capture names its teeth: --teeth 46,47 (FDI) or --tooth CODE=MEANING (SNOMED CT)")
        }
        if (input as NSString).pathExtension.lowercased() == "raw" {
            guard let width, let height, width > 0, height > 0, width <= 65535, height <= 65535 else {
                throw ValidationError("a .raw capture needs --width and --height (1 to 65535)")
            }
        }
    }

    /// `--teeth` as teeth, in order, each once.
    func fdiTeeth() throws -> [Tooth] {
        var out: [Tooth] = []
        for part in (teeth ?? "").split(separator: ",") {
            let text = part.trimmingCharacters(in: .whitespaces)
            do {
                guard let number = Int(text) else { throw ToothNumberError(text: text, system: .fdi, reason: "not a number") }
                let t = try Tooth(fdi: number)
                if !out.contains(t) { out.append(t) }
            } catch {
                throw ValidationError("--teeth: \(error)")
            }
        }
        return out
    }

    func run() throws {
        do throws(RadiographError) {
            if !overwrite && AtomicFile.exists(output) { throw .outputExists(path: output) }
            let (pixels, inputBits) = try readCapture()
            let bits = bitsStored ?? inputBits
            let maximum = pixels.extrema.max
            guard Int(maximum) < (1 << bits) else {
                throw .invalidRequest("\(input): a value of \(maximum) does not fit in \(bits) bits stored (--bits-stored)")
            }
            var d = CaptureDescription(
                kind: modality.uppercased() == "IO" ? .intraoral : .panoramic, patientID: patientID,
                patientName: patientName, forProcessing: forProcessing)
            d.patientBirthDate = birthDate
            d.patientSex = sex
            d.accessionNumber = accession
            d.studyDescription = studyDescription
            d.manufacturer = manufacturer
            d.manufacturerModelName = model
            d.imagerPixelSpacing = pixelSpacing
            d.imageLaterality = laterality
            d.teeth = (try? fdiTeeth())?.map(CodedConcept.init) ?? []
            for t in tooth {
                let parts = t.split(separator: "=", maxSplits: 1).map(String.init)
                let concept = CodedConcept(value: parts[0], scheme: "SCT", meaning: parts.count > 1 ? parts[1] : "")
                if !d.teeth.contains(where: { $0.value == concept.value }) { d.teeth.append(concept) }
            }
            let now = Date()
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyyMMdd"
            let date = formatter.string(from: now)
            formatter.dateFormat = "HHmmss"
            let time = formatter.string(from: now)
            let bytes: [UInt8]
            do {
                bytes = try DICOMWriter.capture(pixels: pixels, bitsStored: bits, description: d, encoding: encoding,
                                                date: (date, time))
            } catch {
                throw .dicom(error)
            }
            try AtomicFile.write(bytes, to: output, overwrite: overwrite)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
    }

    private func readCapture() throws(RadiographError) -> (GrayImage<UInt16>, Int) {
        guard let data = FileManager.default.contents(atPath: input) else {
            throw .io(path: input, operation: "read", reason: "no such file or not readable")
        }
        let bytes = Array(data)
        if (input as NSString).pathExtension.lowercased() == "raw" {
            let (w, h) = (width!, height!)
            guard bytes.count == w * h * 2 else {
                throw .invalidRequest("\(input): \(bytes.count) bytes, \(w) x \(h) x 2 = \(w * h * 2) expected")
            }
            let values = (0..<(w * h)).map { UInt16(bytes[2 * $0]) | UInt16(bytes[2 * $0 + 1]) << 8 }
            return (GrayImage(width: w, height: h, pixels: values), 16)
        }
        let image: AnyGrayImage
        do { image = try ImageCodec.decode(bytes) } catch { throw .codec(path: input, error) }
        switch image {
        case .uint16(let i): return (i, 16)
        case .uint8(let i): return (GrayImage(width: i.width, height: i.height, pixels: i.pixels.map(UInt16.init)), 8)
        case .int16: throw .invalidRequest("\(input): signed images are not sensor captures")
        }
    }
}

extension DICOMEncoding: ExpressibleByArgument {}

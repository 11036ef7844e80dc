import RadiographCore

/// The attributes Radiograph reads from a radiograph: identity, geometry, and every input of the
/// display pipeline (modality LUT, VOI, presentation), typed.
///
/// Patient attributes are here because `radiograph info` shows them when asked; nothing in the
/// library writes them to logs or error messages.
public struct DICOMMetadata: Sendable, Hashable, Codable {
    // Identity
    public var patientID: String?
    public var patientName: String?
    public var studyInstanceUID: String?
    public var seriesInstanceUID: String?
    public var sopInstanceUID: String?
    public var sopClassUID: String?
    public var modality: String?
    public var transferSyntaxUID: String
    public var presentationIntentType: String?

    // Image pixel module
    public var rows: Int
    public var columns: Int
    public var bitsAllocated: Int
    public var bitsStored: Int
    public var highBit: Int
    /// Pixel Representation 1: two's complement.
    public var isSigned: Bool
    public var photometricInterpretation: String
    public var numberOfFrames: Int

    // Modality LUT
    public var rescaleSlope: Double?
    public var rescaleIntercept: Double?
    public var rescaleType: String?
    public var modalityLUT: LookupTable?

    // VOI LUT
    /// Window Center/Width pairs in file order, with explanations and the VOI LUT Function.
    public var windows: [Window]
    public var voiLUTFunction: VOIFunction?
    public var voiLUTs: [LookupTable]

    // Presentation
    public var presentationLUTShape: String?

    // Spacing (row spacing, column spacing) in mm
    public var pixelSpacing: [Double]?
    public var imagerPixelSpacing: [Double]?

    /// The stored-value range (Bits Stored, Pixel Representation).
    public var storedRange: StoredValueRange {
        // Validated when read: bitsStored is 1...16.
        try! StoredValueRange(bitsStored: bitsStored, isSigned: isSigned)
    }

    /// A readable name of the transfer syntax.
    public var transferSyntaxName: String { TransferSyntax.name(of: transferSyntaxUID) }
}

extension DICOMMetadata {
    /// Reads every attribute from `dataSet`; throws for values that make the image undisplayable.
    init(reading ds: DICOMDataSet, geometry g: DICOMDataSet.Geometry) throws(DICOMError) {
        func text(_ tag: DICOMTag) -> String? {
            guard let v = ds.string(tag).map(trimmed), !v.isEmpty else { return nil }
            return v
        }
        func decimals(_ tag: DICOMTag) throws(DICOMError) -> [Double]? {
            guard let values = ds.strings([tag.packed]), !(values.count == 1 && values[0].isEmpty) else { return nil }
            var out: [Double] = []
            for v in values {
                guard let d = Double(v), d.isFinite else {
                    throw .invalidAttribute(source: ds.source, attribute: "\(tag)", reason: "'\(v)' is not a number")
                }
                out.append(d)
            }
            return out
        }
        patientID = text(.patientID)
        patientName = text(.patientName)
        studyInstanceUID = text(.studyInstanceUID)
        seriesInstanceUID = text(.seriesInstanceUID)
        sopInstanceUID = text(.sopInstanceUID)
        sopClassUID = text(.sopClassUID)
        modality = text(.modality)
        transferSyntaxUID = ds.transferSyntaxUID
        presentationIntentType = text(.presentationIntentType)

        rows = g.rows
        columns = g.columns
        bitsAllocated = g.bitsAllocated
        bitsStored = g.bitsStored
        highBit = g.highBit
        isSigned = g.isSigned
        numberOfFrames = g.numberOfFrames
        photometricInterpretation = text(.photometricInterpretation) ?? "MONOCHROME2"
        guard photometricInterpretation == "MONOCHROME1" || photometricInterpretation == "MONOCHROME2" else {
            throw .invalidImage(source: ds.source, reason: "photometric interpretation \(photometricInterpretation) is not monochrome")
        }

        rescaleSlope = try decimals(.rescaleSlope)?.first
        rescaleIntercept = try decimals(.rescaleIntercept)?.first
        rescaleType = text(.rescaleType)
        if let slope = rescaleSlope, slope == 0 {
            throw .invalidAttribute(source: ds.source, attribute: "Rescale Slope \(DICOMTag.rescaleSlope)", reason: "0")
        }
        let stored = try! StoredValueRange(bitsStored: g.bitsStored, isSigned: g.isSigned)
        modalityLUT = ds.itemCount([DICOMTag.modalityLUTSequence.packed]) > 0
            ? try Self.lookupTable(ds, sequence: .modalityLUTSequence, item: 0, stored: stored) : nil

        let function: VOIFunction?
        if let name = text(.voiLUTFunction) {
            guard let f = VOIFunction(rawValue: name) else {
                throw .invalidAttribute(source: ds.source, attribute: "VOI LUT Function \(DICOMTag.voiLUTFunction)",
                                        reason: "unknown value '\(name)'")
            }
            function = f
        } else {
            function = nil
        }
        voiLUTFunction = function
        let centers = try decimals(.windowCenter) ?? []
        let widths = try decimals(.windowWidth) ?? []
        let explanations = ds.strings([DICOMTag.windowCenterWidthExplanation.packed]) ?? []
        guard centers.count == widths.count else {
            throw .invalidAttribute(source: ds.source, attribute: "Window Center/Width",
                                    reason: "\(centers.count) centers but \(widths.count) widths")
        }
        var windows: [Window] = []
        for (i, (c, w)) in zip(centers, widths).enumerated() {
            let explanation = i < explanations.count && !explanations[i].isEmpty ? explanations[i] : nil
            do {
                windows.append(try Window(center: c, width: w, function: function ?? .linear, explanation: explanation))
            } catch {
                throw .invalidAttribute(source: ds.source, attribute: "Window Width \(DICOMTag.windowWidth)",
                                        reason: "\(w.formattedForDICOM) (must be at least 1)")
            }
        }
        self.windows = windows
        var voiLUTs: [LookupTable] = []
        for item in 0..<ds.itemCount([DICOMTag.voiLUTSequence.packed]) {
            voiLUTs.append(try Self.lookupTable(ds, sequence: .voiLUTSequence, item: item, stored: stored))
        }
        self.voiLUTs = voiLUTs
        presentationLUTShape = text(.presentationLUTShape)
        pixelSpacing = try decimals(.pixelSpacing)
        imagerPixelSpacing = try decimals(.imagerPixelSpacing)
    }

    /// A Modality or VOI LUT item: LUT Descriptor (entries, first mapped value, bits) and LUT Data.
    private static func lookupTable(
        _ ds: DICOMDataSet, sequence: DICOMTag, item: Int, stored: StoredValueRange
    ) throws(DICOMError) -> LookupTable {
        let base = [sequence.packed, UInt32(item)]
        let name = sequence == .voiLUTSequence ? "VOI LUT Sequence item \(item + 1)" : "Modality LUT Sequence"
        guard let descriptor = ds.words(base + [DICOMTag.lutDescriptor.packed]), descriptor.count == 3 else {
            throw .invalidAttribute(source: ds.source, attribute: "\(name) LUT Descriptor", reason: "missing or not 3 values")
        }
        guard let data = ds.words(base + [DICOMTag.lutData.packed]), !data.isEmpty else {
            throw .invalidAttribute(source: ds.source, attribute: "\(name) LUT Data", reason: "missing or empty")
        }
        // PS3.3 C.11.1.1: 0 entries means 65,536. The first mapped value is signed when the pixels are.
        let declared = descriptor[0] == 0 ? 65536 : Int(descriptor[0])
        let first = stored.isSigned ? Int(Int16(bitPattern: descriptor[1])) : Int(descriptor[1])
        var bits = Int(descriptor[2])
        var values = data
        if bits == 8 && data.count * 2 == declared {
            // 8-bit entries packed two per word (OW): split them, low byte first.
            values = data.flatMap { [$0 & 0xFF, $0 >> 8] }
        }
        guard values.count >= declared else {
            throw .invalidAttribute(source: ds.source, attribute: "\(name) LUT Data",
                                    reason: "\(values.count) entries, descriptor declares \(declared)")
        }
        values = Array(values.prefix(declared))
        if !(8...16).contains(bits) {
            throw .invalidAttribute(source: ds.source, attribute: "\(name) LUT Descriptor", reason: "\(bits) bits per entry")
        }
        // Some writers declare 16 bits for data that never exceeds 12 or 8; keep the declared value.
        bits = max(bits, 8)
        let explanation = ds.string(base + [DICOMTag.lutExplanation.packed]).map(trimmed)
        do {
            return try LookupTable(firstMappedValue: first, bitsPerEntry: bits, values: values,
                                   explanation: explanation?.isEmpty == false ? explanation : nil)
        } catch {
            throw .invalidAttribute(source: ds.source, attribute: "\(name)", reason: error.description)
        }
    }
}

extension Double {
    var formattedForDICOM: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}

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

    // Patient (shown by `info` on request; never logged)
    public var patientBirthDate: String?
    public var patientSex: String?

    // Study, series, instance
    public var studyDate: String?
    public var studyTime: String?
    public var accessionNumber: String?
    public var studyDescription: String?
    public var referringPhysicianName: String?
    public var studyID: String?
    public var seriesNumber: Int?
    public var seriesDescription: String?
    public var instanceNumber: Int?
    public var acquisitionDate: String?
    public var acquisitionTime: String?
    /// Image Type (0008,0008) values, e.g. ORIGINAL, PRIMARY.
    public var imageType: [String]

    // Equipment
    public var manufacturer: String?
    public var manufacturerModelName: String?
    public var stationName: String?
    public var deviceSerialNumber: String?
    public var softwareVersions: String?
    public var detectorID: String?
    public var detectorType: String?

    // Orientation of the display (DX Detector module): apply on display.
    /// Field of View Rotation (0018,7032) in degrees, clockwise (0, 90, 180, 270).
    public var fieldOfViewRotation: Double?
    /// Field of View Horizontal Flip (0018,7034) = YES.
    public var fieldOfViewHorizontalFlip: Bool?
    public var patientOrientation: [String]?

    // Pixel meaning and history
    /// Pixel Intensity Relationship (0028,1040): LIN, LOG, OTHER.
    public var pixelIntensityRelationship: String?
    /// Pixel Intensity Relationship Sign (0028,1041): +1, lower values = less X-ray beam intensity.
    public var pixelIntensityRelationshipSign: Int?
    public var burnedInAnnotation: String?
    /// Lossy Image Compression (0028,2110): "00" never, "01" at some point.
    public var lossyImageCompression: String?
    public var lossyImageCompressionRatio: [Double]?
    public var lossyImageCompressionMethod: [String]?

    // Calibration (measurements use these; see PS3.3 C.8.11.4 and 10.7.1.3)
    public var estimatedRadiographicMagnificationFactor: Double?
    public var pixelSpacingCalibrationType: String?
    public var pixelSpacingCalibrationDescription: String?

    // Intra-oral image module and anatomy
    public var imageLaterality: String?
    public var positionerType: String?
    public var bodyPartExamined: String?
    public var anatomicRegions: [CodedConcept]
    /// Primary Anatomic Structure Sequence: the teeth, for intra-oral images.
    public var primaryAnatomicStructures: [CodedConcept]

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
    /// A vendor's private display window (``VendorPrivateWindow/known``), used when the file stores
    /// no standard window or VOI LUT; its explanation is `PRIVATE <creator>`.
    public var privateWindow: Window?

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
        func integer(_ tag: DICOMTag) throws(DICOMError) -> Int? {
            guard let v = text(tag) else { return nil }
            guard let i = Int(v) else {
                throw .invalidAttribute(source: ds.source, attribute: "\(tag)", reason: "'\(v)' is not an integer")
            }
            return i
        }
        patientBirthDate = text(.patientBirthDate)
        patientSex = text(.patientSex)
        studyDate = text(.studyDate)
        studyTime = text(.studyTime)
        accessionNumber = text(.accessionNumber)
        studyDescription = text(.studyDescription)
        referringPhysicianName = text(.referringPhysicianName)
        studyID = text(.studyID)
        seriesNumber = try integer(.seriesNumber)
        seriesDescription = text(.seriesDescription)
        instanceNumber = try integer(.instanceNumber)
        acquisitionDate = text(.acquisitionDate)
        acquisitionTime = text(.acquisitionTime)
        imageType = ds.strings([DICOMTag.imageType.packed])?.filter { !$0.isEmpty } ?? []
        manufacturer = text(.manufacturer)
        manufacturerModelName = text(.manufacturerModelName)
        stationName = text(.stationName)
        deviceSerialNumber = text(.deviceSerialNumber)
        softwareVersions = text(.softwareVersions)
        detectorID = text(.detectorID)
        detectorType = text(.detectorType)
        fieldOfViewRotation = try decimals(.fieldOfViewRotation)?.first
        fieldOfViewHorizontalFlip = text(.fieldOfViewHorizontalFlip).map { $0 == "YES" }
        patientOrientation = ds.strings([DICOMTag.patientOrientation.packed])
        pixelIntensityRelationship = text(.pixelIntensityRelationship)
        pixelIntensityRelationshipSign = ds.words([DICOMTag.pixelIntensityRelationshipSign.packed])?.first
            .map { Int(Int16(bitPattern: $0)) }
        burnedInAnnotation = text(.burnedInAnnotation)
        lossyImageCompression = text(.lossyImageCompression)
        lossyImageCompressionRatio = try decimals(.lossyImageCompressionRatio)
        lossyImageCompressionMethod = ds.strings([DICOMTag.lossyImageCompressionMethod.packed])
        estimatedRadiographicMagnificationFactor = try decimals(.estimatedRadiographicMagnificationFactor)?.first
        pixelSpacingCalibrationType = text(.pixelSpacingCalibrationType)
        pixelSpacingCalibrationDescription = text(.pixelSpacingCalibrationDescription)
        imageLaterality = text(.imageLaterality)
        positionerType = text(.positionerType)
        bodyPartExamined = text(.bodyPartExamined)
        anatomicRegions = Self.codes(ds, .anatomicRegionSequence)
        primaryAnatomicStructures = Self.codes(ds, .primaryAnatomicStructureSequence)

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
        privateWindow = windows.isEmpty && voiLUTs.isEmpty ? VendorPrivateWindow.firstWindow(in: ds) : nil
        presentationLUTShape = text(.presentationLUTShape)
        pixelSpacing = try decimals(.pixelSpacing)
        imagerPixelSpacing = try decimals(.imagerPixelSpacing)
    }

    /// The coded concepts of a top-level code sequence.
    private static func codes(_ ds: DICOMDataSet, _ sequence: DICOMTag) -> [CodedConcept] {
        (0..<ds.itemCount([sequence.packed])).compactMap { item in
            let base = [sequence.packed, UInt32(item)]
            guard let value = ds.string(base + [DICOMTag.codeValue.packed]).map(trimmed),
                let scheme = ds.string(base + [DICOMTag.codingSchemeDesignator.packed]).map(trimmed)
            else { return nil }
            return CodedConcept(
                value: value, scheme: scheme,
                meaning: ds.string(base + [DICOMTag.codeMeaning.packed]).map(trimmed) ?? "")
        }
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
        let bits = Int(descriptor[2])
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
        // The declared bits are kept even when the data never reaches them (DCMTK does the same).
        let explanation = ds.string(base + [DICOMTag.lutExplanation.packed]).map(trimmed)
        do {
            return try LookupTable(firstMappedValue: first, bitsPerEntry: bits, values: values,
                                   explanation: explanation?.isEmpty == false ? explanation : nil)
        } catch {
            throw .invalidAttribute(source: ds.source, attribute: "\(name)", reason: error.description)
        }
    }
}

/// A code from a coding scheme: Code Value, Coding Scheme Designator, Code Meaning.
public struct CodedConcept: Sendable, Hashable, Codable, CustomStringConvertible {
    public var value: String
    public var scheme: String
    public var meaning: String

    public init(value: String, scheme: String, meaning: String) {
        self.value = value
        self.scheme = scheme
        self.meaning = meaning
    }

    public var description: String { "(\(value), \(scheme), \"\(meaning)\")" }
}

extension Double {
    var formattedForDICOM: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}

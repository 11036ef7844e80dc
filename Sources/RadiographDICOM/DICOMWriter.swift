internal import CRadiographDCMTK
import RadiographCore

/// The transfer syntaxes Radiograph writes.
public enum DICOMEncoding: String, Sendable, Hashable, Codable, CaseIterable {
    case explicitLittleEndian = "explicit"
    case jpegLossless = "jpeg-lossless"
    case jpegLSLossless = "jpeg-ls"
    case rle

    public var transferSyntaxUID: String {
        switch self {
        case .explicitLittleEndian: TransferSyntax.explicitVRLittleEndian
        case .jpegLossless: TransferSyntax.jpegLosslessSV1
        case .jpegLSLossless: TransferSyntax.jpegLSLossless
        case .rle: TransferSyntax.rleLossless
        }
    }
}

/// What a new capture is: the attributes `dicomize` writes around a sensor's pixels.
public struct CaptureDescription: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Digital Intra-Oral X-Ray Image, modality IO.
        case intraoral = "IO"
        /// Digital X-Ray Image, modality PX (panoramic).
        case panoramic = "PX"
    }

    public var kind: Kind
    public var forProcessing: Bool
    public var patientID: String
    public var patientName: String
    /// YYYYMMDD.
    public var patientBirthDate: String?
    /// M, F or O.
    public var patientSex: String?
    public var studyDescription: String?
    public var accessionNumber: String?
    public var referringPhysicianName: String?
    public var manufacturer: String?
    public var manufacturerModelName: String?
    public var detectorID: String?
    /// Imager Pixel Spacing in mm (row = column).
    public var imagerPixelSpacing: Double?
    /// R or L (intraoral).
    public var imageLaterality: String?
    /// A window for For Presentation captures; computed by the auto-window when nil.
    public var window: Window?
    /// Acquisition date and time (YYYYMMDD, HHMMSS); "now" when nil.
    public var acquisitionDate: String?
    public var acquisitionTime: String?
    /// Patient Orientation (0020,0020): the patient directions of the rows and columns.
    public var patientOrientation: [String] = ["L", "F"]
    /// Anatomic Region Sequence (0008,2218); intra-oral default: jaw region (SCT 661005).
    public var anatomicRegion: CodedConcept?
    /// Primary Anatomic Structure Sequence (0008,2228): the teeth (SNOMED CT codes). Required for
    /// intra-oral captures (the Intra-oral Image module needs the teeth or a region modifier).
    public var teeth: [CodedConcept] = []

    public init(kind: Kind, patientID: String, patientName: String, forProcessing: Bool = false) {
        self.kind = kind
        self.patientID = patientID
        self.patientName = patientName
        self.forProcessing = forProcessing
    }
}

/// Writes DICOM objects through DCMTK: new captures (IO or PX, For Presentation or For
/// Processing) and derived images. UIDs come from ``DICOMUID``; nothing is hand-encoded.
public enum DICOMWriter {
    /// A new capture from a sensor's stored values.
    ///
    /// - Parameters:
    ///   - pixels: stored values, `bitsStored` bits each (unsigned).
    ///   - date: acquisition date and time used when the description has none (YYYYMMDD, HHMMSS).
    public static func capture(
        pixels: GrayImage<UInt16>, bitsStored: Int, description d: CaptureDescription,
        encoding: DICOMEncoding = .jpegLSLossless, date: (String, String)
    ) throws(DICOMError) -> [UInt8] {
        let source = "new capture"
        guard (8...16).contains(bitsStored) else {
            throw .invalidAttribute(source: source, attribute: "Bits Stored", reason: "\(bitsStored) (8 to 16)")
        }
        let intraoral = d.kind == .intraoral
        if intraoral && d.teeth.isEmpty {
            throw .invalidAttribute(source: source, attribute: "teeth (Primary Anatomic Structure Sequence)",
                                    reason: "an intra-oral capture names the teeth it shows")
        }
        let b = try Builder(source: source)
        let sopClass = intraoral
            ? (d.forProcessing ? SOPClass.digitalIntraOralForProcessing : SOPClass.digitalIntraOralForPresentation)
            : (d.forProcessing ? SOPClass.digitalXRayForProcessing : SOPClass.digitalXRayForPresentation)
        let study = DICOMUID.make()
        let (acqDate, acqTime) = (d.acquisitionDate ?? date.0, d.acquisitionTime ?? date.1)
        var text: [(DICOMTag, String)] = [
            (.specificCharacterSet, "ISO_IR 192"),
            (.imageType, "ORIGINAL\\PRIMARY"),
            (.sopClassUID, sopClass), (.sopInstanceUID, DICOMUID.make()),
            (.studyDate, acqDate), (.studyTime, acqTime), (.contentDate, acqDate), (.contentTime, acqTime),
            (.acquisitionDate, acqDate), (.acquisitionTime, acqTime), (.seriesDate, acqDate), (.seriesTime, acqTime),
            (.accessionNumber, d.accessionNumber ?? ""), (.modality, d.kind.rawValue),
            (.presentationIntentType, d.forProcessing ? "FOR PROCESSING" : "FOR PRESENTATION"),
            (.manufacturer, d.manufacturer ?? ""), (.referringPhysicianName, d.referringPhysicianName ?? ""),
            (.patientName, d.patientName), (.patientID, d.patientID),
            (.patientBirthDate, d.patientBirthDate ?? ""), (.patientSex, d.patientSex ?? ""),
            (.studyInstanceUID, study), (.seriesInstanceUID, DICOMUID.make()), (.studyID, "1"),
            (.seriesNumber, "1"), (.instanceNumber, "1"), (.patientOrientation, d.patientOrientation.joined(separator: "\\")),
            (.burnedInAnnotation, "NO"), (.lossyImageCompression, "00"),
            (.photometricInterpretation, "MONOCHROME2"), (.detectorType, "DIRECT"),
            (.pixelIntensityRelationship, d.forProcessing ? "LOG" : "LIN"),
            (.rescaleIntercept, "0"), (.rescaleSlope, "1"), (.rescaleType, "US"),
            (.presentationLUTShape, "IDENTITY"),
            (.imageLaterality, intraoral ? (d.imageLaterality ?? "U") : "B"),
        ]
        if let v = d.studyDescription { text.append((.studyDescription, v)) }
        if let v = d.manufacturerModelName { text.append((.manufacturerModelName, v)) }
        if let v = d.detectorID { text.append((.detectorID, v)) }
        if let s = d.imagerPixelSpacing { text.append((.imagerPixelSpacing, "\(s)\\\(s)")) }
        if intraoral { text.append((.positionerType, "NONE")) }
        for (tag, value) in text { try b.set(tag, value) }
        try b.set(.pixelIntensityRelationshipSign, d.forProcessing ? "-1" : "1")
        try b.setEmpty(.acquisitionContextSequence)
        let region = d.anatomicRegion ?? (intraoral ? CodedConcept(value: "661005", scheme: "SCT", meaning: "Jaw region") : nil)
        if let region {
            try b.setCode([DICOMTag.anatomicRegionSequence.packed, 0], region)
        } else {
            try b.setEmpty(.anatomicRegionSequence)
        }
        for (i, tooth) in d.teeth.enumerated() {
            try b.setCode([DICOMTag.primaryAnatomicStructureSequence.packed, UInt32(i)], tooth)
        }
        if !d.forProcessing {
            let window: Window
            if let w = d.window {
                window = w
            } else {
                let stored = try! StoredValueRange(bitsStored: bitsStored, isSigned: false)
                let transform = DisplayTransform(stored: stored, voi: .none)
                window = AutoWindow.default.window(for: pixels.patternHistogram(), transform: transform)
            }
            try b.set(.windowCenter, window.center.formattedForDICOM)
            try b.set(.windowWidth, window.width.formattedForDICOM)
            try b.set(.windowCenterWidthExplanation, window.explanation ?? "DEFAULT")
        }
        try b.setPixels(pixels, bitsStored: bitsStored, signed: false)
        return try b.encode(encoding)
    }

    /// A derived image of an original: new SOP Instance UID and series, Image Type
    /// DERIVED\SECONDARY, Derivation Description, Source Image Sequence pointing to the original,
    /// the original patient and study kept, private attributes dropped, and the pixel and display
    /// attributes replaced by `pixels` (already display values: identity rescale, full-range window).
    /// `burnedInAnnotation`: marks were drawn into the pixels (Burned In Annotation YES; otherwise
    /// the original's value is kept). `teeth` are added to the Primary Anatomic Structure
    /// Sequence after the original's (codes it already lists are not repeated). `otherSources`
    /// are further images the pixels come from (a mount), referenced after the original.
    public static func derived(
        fromFile original: String, pixels: AnyGrayImage, derivationDescription: String, lossy: Bool = false,
        burnedInAnnotation: Bool = false, teeth: [CodedConcept] = [],
        otherSources: [(sopClassUID: String, sopInstanceUID: String)] = [], encoding: DICOMEncoding = .explicitLittleEndian
    ) throws(DICOMError) -> [UInt8] {
        try derived(
            from: try DICOMDataSet.open(path: original), pixels: pixels, derivationDescription: derivationDescription, lossy: lossy,
            burnedInAnnotation: burnedInAnnotation, teeth: teeth, otherSources: otherSources, encoding: encoding)
    }

    /// ``derived(fromFile:pixels:derivationDescription:lossy:burnedInAnnotation:teeth:otherSources:encoding:)``
    /// of an original held in memory (an image read from the archive: no plaintext copy on disk).
    public static func derived(
        fromBytes original: [UInt8], source name: String = "<memory>", pixels: AnyGrayImage, derivationDescription: String,
        lossy: Bool = false, burnedInAnnotation: Bool = false, teeth: [CodedConcept] = [],
        otherSources: [(sopClassUID: String, sopInstanceUID: String)] = [], encoding: DICOMEncoding = .explicitLittleEndian
    ) throws(DICOMError) -> [UInt8] {
        try derived(
            from: try DICOMDataSet.open(bytes: original, source: name), pixels: pixels, derivationDescription: derivationDescription,
            lossy: lossy, burnedInAnnotation: burnedInAnnotation, teeth: teeth, otherSources: otherSources, encoding: encoding)
    }

    /// The object `bytes` (Explicit VR Little Endian) with its patient attributes replaced: the
    /// record's current, rectified demographics reissued on an export. Everything else is kept,
    /// UIDs included (the image is the same image). Empty values are written as empty.
    public static func reissued(
        _ bytes: [UInt8], source: String = "<memory>", patientID: String, patientName: String?, birthDate: String?, sex: String?
    ) throws(DICOMError) -> [UInt8] {
        let data = try DICOMDataSet.open(bytes: bytes, source: source)
        let b = try Builder(copying: data)
        let values = [patientID, patientName ?? "", birthDate ?? "", sex ?? ""]
        if values.contains(where: { !$0.allSatisfy(\.isASCII) }) {
            // Non-ASCII values are written as UTF-8: the file's own strings are converted first.
            try b.convertToUTF8()
        }
        try b.set(.patientID, patientID)
        try b.set(.patientName, patientName ?? "")
        try b.set(.patientBirthDate, birthDate ?? "")
        try b.set(.patientSex, sex ?? "")
        return try b.encode(.explicitLittleEndian)
    }

    static func derived(
        from source: DICOMDataSet, pixels: AnyGrayImage, derivationDescription: String, lossy: Bool,
        burnedInAnnotation: Bool, teeth: [CodedConcept], otherSources: [(sopClassUID: String, sopInstanceUID: String)],
        encoding: DICOMEncoding
    ) throws(DICOMError) -> [UInt8] {
        let original = source.source
        let sopClass = source.string(.sopClassUID).map(trimmed) ?? SOPClass.secondaryCapture
        let instance = source.string(.sopInstanceUID).map(trimmed) ?? ""
        let b = try Builder(copying: source)
        b.removePrivate()
        let (bits, pattern): (Int, GrayImage<UInt16>) = switch pixels {
        case .uint8(let i): (8, i.withUnsafeBufferPointer { src in
            GrayImage<UInt16>(width: i.width, height: i.height, overwritingWith: { dst in
                for k in 0..<src.count { dst[k] = UInt16(src[k]) }
            }) })
        case .uint16(let i): (16, i)
        case .int16: throw .invalidAttribute(source: original, attribute: "pixels", reason: "derived images are unsigned")
        }
        for tag in [DICOMTag.modalityLUTSequence, .voiLUTSequence, .voiLUTFunction, .windowCenterWidthExplanation,
                    DICOMTag(0x0028, 0x0106), DICOMTag(0x0028, 0x0107), DICOMTag(0x0028, 0x1101)] {
            b.remove(tag)
        }
        let maxValue = Double((1 << bits) - 1)
        let existingLossy = source.string(.lossyImageCompression).map(trimmed) == "01"
        let values: [(DICOMTag, String)] = [
            (.sopInstanceUID, DICOMUID.make()), (.seriesInstanceUID, DICOMUID.make()),
            (.seriesNumber, "9001"), (.instanceNumber, "1"), (.imageType, "DERIVED\\SECONDARY"),
            (.derivationDescription, String(derivationDescription.prefix(1024))),
            (.photometricInterpretation, "MONOCHROME2"), (.presentationLUTShape, "IDENTITY"),
            (.rescaleIntercept, "0"), (.rescaleSlope, "1"), (.rescaleType, "US"),
            (.windowCenter, (maxValue / 2 + 0.5).formattedForDICOM), (.windowWidth, (maxValue + 1).formattedForDICOM),
            (.lossyImageCompression, lossy || existingLossy ? "01" : "00"),
            (.burnedInAnnotation, burnedInAnnotation ? "YES" : source.string(.burnedInAnnotation).map(trimmed) ?? "NO"),
        ]
        for (tag, value) in values { try b.set(tag, value) }
        // Display values are for presentation: a derived image of a For Processing capture becomes
        // the For Presentation class of the same IOD.
        let presentationClass: String? = switch sopClass {
        case SOPClass.digitalIntraOralForProcessing: SOPClass.digitalIntraOralForPresentation
        case SOPClass.digitalXRayForProcessing: SOPClass.digitalXRayForPresentation
        default: nil
        }
        if let presentationClass {
            try b.set(.sopClassUID, presentationClass)
            try b.set(.presentationIntentType, "FOR PRESENTATION")
        }
        let structures = DICOMTag.primaryAnatomicStructureSequence.packed
        var items = source.itemCount([structures])
        var listed = (0..<items).compactMap {
            source.string([structures, UInt32($0), DICOMTag.codeValue.packed]).map(trimmed)
        }
        for tooth in teeth where !listed.contains(tooth.value) {
            try b.setCode([structures, UInt32(items)], tooth)
            listed.append(tooth.value)
            items += 1
        }
        let sourceSequence = DICOMTag.sourceImageSequence.packed
        try b.set([sourceSequence, 0, DICOMTag.referencedSOPClassUID.packed], sopClass)
        try b.set([sourceSequence, 0, DICOMTag.referencedSOPInstanceUID.packed], instance)
        for (i, other) in otherSources.enumerated() {
            try b.set([sourceSequence, UInt32(i + 1), DICOMTag.referencedSOPClassUID.packed], other.sopClassUID)
            try b.set([sourceSequence, UInt32(i + 1), DICOMTag.referencedSOPInstanceUID.packed], other.sopInstanceUID)
        }
        try b.setPixels(pattern, bitsStored: bits, signed: false)
        return try b.encode(encoding)
    }
}

/// The C builder behind ``DICOMWriter`` (all `rgd_builder_*` calls go through here).
final class Builder {
    private let handle: OpaquePointer
    let source: String

    init(source: String) throws(DICOMError) {
        var h: OpaquePointer?
        guard rgd_builder_create(&h) == RGD_OK, let h else { throw .internalFailure(source: source, reason: "no builder") }
        handle = h
        self.source = source
    }

    init(copying data: DICOMDataSet) throws(DICOMError) {
        var h: OpaquePointer?
        guard data.withHandle({ rgd_builder_copy($0, &h) }) == RGD_OK, let h else {
            throw .internalFailure(source: data.source, reason: "cannot copy the data set")
        }
        handle = h
        source = data.source
    }

    deinit { rgd_builder_free(handle) }

    func set(_ tag: DICOMTag, _ value: String) throws(DICOMError) { try set([tag.packed], value) }

    func set(_ path: [UInt32], _ value: String) throws(DICOMError) {
        var message = [CChar](repeating: 0, count: 512)
        let status = path.withUnsafeBufferPointer { p in
            rgd_builder_set_string(handle, p.baseAddress, p.count, value, &message, message.count)
        }
        guard status == RGD_OK else { throw failure(status, message, attribute: "\(path.last.map { DICOMTag(UInt16($0 >> 16), UInt16($0 & 0xFFFF)) }!)") }
    }

    /// Code Value, Coding Scheme Designator and Code Meaning into the sequence item at `item`.
    func setCode(_ item: [UInt32], _ code: CodedConcept) throws(DICOMError) {
        try set(item + [DICOMTag.codeValue.packed], code.value)
        try set(item + [DICOMTag.codingSchemeDesignator.packed], code.scheme)
        try set(item + [DICOMTag.codeMeaning.packed], code.meaning)
    }

    func setEmpty(_ tag: DICOMTag) throws(DICOMError) {
        var message = [CChar](repeating: 0, count: 512)
        var path = [tag.packed]
        let status = rgd_builder_set_empty(handle, &path, 1, &message, message.count)
        guard status == RGD_OK else { throw failure(status, message, attribute: "\(tag)") }
    }

    func remove(_ tag: DICOMTag) {
        var path = [tag.packed]
        _ = rgd_builder_remove(handle, &path, 1)
    }

    func removePrivate() { _ = rgd_builder_remove_private(handle) }

    func setPixels(_ image: GrayImage<UInt16>, bitsStored: Int, signed: Bool) throws(DICOMError) {
        var message = [CChar](repeating: 0, count: 512)
        let status = image.withUnsafeBufferPointer { px in
            rgd_builder_set_pixels(handle, px.baseAddress, UInt32(image.height), UInt32(image.width), UInt32(bitsStored),
                                   signed ? 1 : 0, &message, message.count)
        }
        guard status == RGD_OK else { throw failure(status, message, attribute: "Pixel Data") }
    }

    func convertToUTF8() throws(DICOMError) {
        var message = [CChar](repeating: 0, count: 512)
        guard rgd_builder_convert_to_utf8(handle, &message, message.count) == RGD_OK else {
            throw .invalidAttribute(source: source, attribute: "Specific Character Set", reason: String(cString: message))
        }
    }

    func encode(_ encoding: DICOMEncoding) throws(DICOMError) -> [UInt8] {
        var message = [CChar](repeating: 0, count: 512)
        var out: UnsafeMutablePointer<UInt8>?
        var size = 0
        let status = rgd_builder_encode(handle, encoding.transferSyntaxUID, &out, &size, &message, message.count)
        defer { rgd_free(out) }
        guard status == RGD_OK, let out else {
            throw .internalFailure(source: source, reason: "cannot encode: " + text(message))
        }
        return Array(UnsafeBufferPointer(start: out, count: size))
    }

    private func failure(_ status: rgd_status, _ message: [CChar], attribute: String) -> DICOMError {
        status == RGD_INTERNAL ? .internalFailure(source: source, reason: text(message))
            : status == RGD_SYSTEM ? .unwritable(source: source, reason: text(message))
            : .invalidAttribute(source: source, attribute: attribute, reason: text(message))
    }

    private func text(_ m: [CChar]) -> String {
        String(decoding: m.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

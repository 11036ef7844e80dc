/// A data element tag, `(group,element)`.
public struct DICOMTag: Sendable, Hashable, Codable, CustomStringConvertible {
    public let group: UInt16
    public let element: UInt16

    public init(_ group: UInt16, _ element: UInt16) {
        self.group = group
        self.element = element
    }

    /// `group << 16 | element`, the shim's encoding.
    var packed: UInt32 { UInt32(group) << 16 | UInt32(element) }

    public var description: String {
        "(" + hex4(group) + "," + hex4(element) + ")"
    }
}

private func hex4(_ v: UInt16) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: 4 - s.count) + s
}

extension DICOMTag {
    // Patient, study, series, instance
    public static let patientName = DICOMTag(0x0010, 0x0010)
    public static let patientID = DICOMTag(0x0010, 0x0020)
    public static let patientBirthDate = DICOMTag(0x0010, 0x0030)
    public static let patientSex = DICOMTag(0x0010, 0x0040)
    public static let studyInstanceUID = DICOMTag(0x0020, 0x000D)
    public static let seriesInstanceUID = DICOMTag(0x0020, 0x000E)
    public static let sopClassUID = DICOMTag(0x0008, 0x0016)
    public static let sopInstanceUID = DICOMTag(0x0008, 0x0018)
    public static let studyDate = DICOMTag(0x0008, 0x0020)
    public static let modality = DICOMTag(0x0008, 0x0060)
    public static let manufacturer = DICOMTag(0x0008, 0x0070)
    public static let imageType = DICOMTag(0x0008, 0x0008)
    public static let presentationIntentType = DICOMTag(0x0008, 0x0068)
    public static let seriesNumber = DICOMTag(0x0020, 0x0011)
    public static let instanceNumber = DICOMTag(0x0020, 0x0013)
    // Image pixel
    public static let samplesPerPixel = DICOMTag(0x0028, 0x0002)
    public static let photometricInterpretation = DICOMTag(0x0028, 0x0004)
    public static let numberOfFrames = DICOMTag(0x0028, 0x0008)
    public static let rows = DICOMTag(0x0028, 0x0010)
    public static let columns = DICOMTag(0x0028, 0x0011)
    public static let pixelSpacing = DICOMTag(0x0028, 0x0030)
    public static let imagerPixelSpacing = DICOMTag(0x0018, 0x1164)
    public static let bitsAllocated = DICOMTag(0x0028, 0x0100)
    public static let bitsStored = DICOMTag(0x0028, 0x0101)
    public static let highBit = DICOMTag(0x0028, 0x0102)
    public static let pixelRepresentation = DICOMTag(0x0028, 0x0103)
    // Modality LUT, VOI LUT, presentation
    public static let windowCenter = DICOMTag(0x0028, 0x1050)
    public static let windowWidth = DICOMTag(0x0028, 0x1051)
    public static let rescaleIntercept = DICOMTag(0x0028, 0x1052)
    public static let rescaleSlope = DICOMTag(0x0028, 0x1053)
    public static let rescaleType = DICOMTag(0x0028, 0x1054)
    public static let windowCenterWidthExplanation = DICOMTag(0x0028, 0x1055)
    public static let voiLUTFunction = DICOMTag(0x0028, 0x1056)
    public static let modalityLUTSequence = DICOMTag(0x0028, 0x3000)
    public static let lutDescriptor = DICOMTag(0x0028, 0x3002)
    public static let lutExplanation = DICOMTag(0x0028, 0x3003)
    public static let modalityLUTType = DICOMTag(0x0028, 0x3004)
    public static let lutData = DICOMTag(0x0028, 0x3006)
    public static let voiLUTSequence = DICOMTag(0x0028, 0x3010)
    public static let presentationLUTShape = DICOMTag(0x2050, 0x0020)
    // Study, series, instance details
    public static let studyTime = DICOMTag(0x0008, 0x0030)
    public static let accessionNumber = DICOMTag(0x0008, 0x0050)
    public static let referringPhysicianName = DICOMTag(0x0008, 0x0090)
    public static let studyDescription = DICOMTag(0x0008, 0x1030)
    public static let seriesDescription = DICOMTag(0x0008, 0x103E)
    public static let studyID = DICOMTag(0x0020, 0x0010)
    public static let acquisitionDate = DICOMTag(0x0008, 0x0022)
    public static let acquisitionTime = DICOMTag(0x0008, 0x0032)
    public static let contentDate = DICOMTag(0x0008, 0x0023)
    public static let contentTime = DICOMTag(0x0008, 0x0033)
    // Equipment
    public static let manufacturerModelName = DICOMTag(0x0008, 0x1090)
    public static let stationName = DICOMTag(0x0008, 0x1010)
    public static let deviceSerialNumber = DICOMTag(0x0018, 0x1000)
    public static let softwareVersions = DICOMTag(0x0018, 0x1020)
    public static let detectorID = DICOMTag(0x0018, 0x700A)
    public static let detectorType = DICOMTag(0x0018, 0x7004)
    // Geometry and calibration of projection radiographs
    public static let fieldOfViewRotation = DICOMTag(0x0018, 0x7032)
    public static let fieldOfViewHorizontalFlip = DICOMTag(0x0018, 0x7034)
    public static let estimatedRadiographicMagnificationFactor = DICOMTag(0x0018, 0x1114)
    public static let pixelSpacingCalibrationType = DICOMTag(0x0028, 0x0A02)
    public static let pixelSpacingCalibrationDescription = DICOMTag(0x0028, 0x0A04)
    public static let patientOrientation = DICOMTag(0x0020, 0x0020)
    // Pixel meaning and history
    public static let pixelIntensityRelationship = DICOMTag(0x0028, 0x1040)
    public static let pixelIntensityRelationshipSign = DICOMTag(0x0028, 0x1041)
    public static let burnedInAnnotation = DICOMTag(0x0028, 0x0301)
    public static let lossyImageCompression = DICOMTag(0x0028, 0x2110)
    public static let lossyImageCompressionRatio = DICOMTag(0x0028, 0x2112)
    public static let lossyImageCompressionMethod = DICOMTag(0x0028, 0x2114)
    // Intra-oral image module and anatomy
    public static let imageLaterality = DICOMTag(0x0020, 0x0062)
    public static let positionerType = DICOMTag(0x0018, 0x1508)
    public static let bodyPartExamined = DICOMTag(0x0018, 0x0015)
    public static let anatomicRegionSequence = DICOMTag(0x0008, 0x2218)
    public static let primaryAnatomicStructureSequence = DICOMTag(0x0008, 0x2228)
    public static let codeValue = DICOMTag(0x0008, 0x0100)
    public static let codingSchemeDesignator = DICOMTag(0x0008, 0x0102)
    public static let codeMeaning = DICOMTag(0x0008, 0x0104)
    // Writing
    public static let specificCharacterSet = DICOMTag(0x0008, 0x0005)
    public static let seriesDate = DICOMTag(0x0008, 0x0021)
    public static let seriesTime = DICOMTag(0x0008, 0x0031)
    public static let derivationDescription = DICOMTag(0x0008, 0x2111)
    public static let sourceImageSequence = DICOMTag(0x0008, 0x2112)
    public static let referencedSOPClassUID = DICOMTag(0x0008, 0x1150)
    public static let referencedSOPInstanceUID = DICOMTag(0x0008, 0x1155)
    public static let acquisitionContextSequence = DICOMTag(0x0040, 0x0555)
}

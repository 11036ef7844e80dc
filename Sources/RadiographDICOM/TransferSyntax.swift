/// Transfer syntax UIDs Radiograph knows by name.
public enum TransferSyntax {
    public static let implicitVRLittleEndian = "1.2.840.10008.1.2"
    public static let explicitVRLittleEndian = "1.2.840.10008.1.2.1"
    public static let deflatedExplicitVRLittleEndian = "1.2.840.10008.1.2.1.99"
    public static let explicitVRBigEndian = "1.2.840.10008.1.2.2"
    public static let jpegBaseline = "1.2.840.10008.1.2.4.50"
    public static let jpegExtended = "1.2.840.10008.1.2.4.51"
    public static let jpegLossless = "1.2.840.10008.1.2.4.57"
    public static let jpegLosslessSV1 = "1.2.840.10008.1.2.4.70"
    public static let jpegLSLossless = "1.2.840.10008.1.2.4.80"
    public static let jpegLSNearLossless = "1.2.840.10008.1.2.4.81"
    public static let jpeg2000Lossless = "1.2.840.10008.1.2.4.90"
    public static let jpeg2000 = "1.2.840.10008.1.2.4.91"
    public static let rleLossless = "1.2.840.10008.1.2.5"

    static let names: [String: String] = [
        implicitVRLittleEndian: "Implicit VR Little Endian",
        explicitVRLittleEndian: "Explicit VR Little Endian",
        deflatedExplicitVRLittleEndian: "Deflated Explicit VR Little Endian",
        explicitVRBigEndian: "Explicit VR Big Endian",
        jpegBaseline: "JPEG Baseline (Process 1)",
        jpegExtended: "JPEG Extended (Process 2 & 4)",
        jpegLossless: "JPEG Lossless (Process 14)",
        jpegLosslessSV1: "JPEG Lossless SV1 (Process 14, Selection Value 1)",
        jpegLSLossless: "JPEG-LS Lossless",
        jpegLSNearLossless: "JPEG-LS Near-Lossless",
        jpeg2000Lossless: "JPEG 2000 Lossless",
        jpeg2000: "JPEG 2000",
        rleLossless: "RLE Lossless",
    ]

    /// A readable name for `uid` (the UID itself when unknown).
    public static func name(of uid: String) -> String { names[uid] ?? uid }
}

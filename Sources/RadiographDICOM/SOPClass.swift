/// Storage SOP classes of projection radiography, by UID.
public enum SOPClass {
    public static let digitalXRayForPresentation = "1.2.840.10008.5.1.4.1.1.1.1"
    public static let digitalXRayForProcessing = "1.2.840.10008.5.1.4.1.1.1.1.1"
    public static let digitalMammographyForPresentation = "1.2.840.10008.5.1.4.1.1.1.2"
    public static let digitalIntraOralForPresentation = "1.2.840.10008.5.1.4.1.1.1.3"
    public static let digitalIntraOralForProcessing = "1.2.840.10008.5.1.4.1.1.1.3.1"
    public static let computedRadiography = "1.2.840.10008.5.1.4.1.1.1"
    public static let secondaryCapture = "1.2.840.10008.5.1.4.1.1.7"
    public static let grayscaleSoftcopyPresentationState = "1.2.840.10008.5.1.4.1.1.11.1"

    static let names: [String: String] = [
        digitalXRayForPresentation: "Digital X-Ray Image Storage - For Presentation",
        digitalXRayForProcessing: "Digital X-Ray Image Storage - For Processing",
        digitalMammographyForPresentation: "Digital Mammography X-Ray Image Storage - For Presentation",
        digitalIntraOralForPresentation: "Digital Intra-Oral X-Ray Image Storage - For Presentation",
        digitalIntraOralForProcessing: "Digital Intra-Oral X-Ray Image Storage - For Processing",
        computedRadiography: "Computed Radiography Image Storage",
        secondaryCapture: "Secondary Capture Image Storage",
        grayscaleSoftcopyPresentationState: "Grayscale Softcopy Presentation State Storage",
    ]

    /// The name of a known SOP class.
    public static func name(_ uid: String) -> String? { names[uid] }
}

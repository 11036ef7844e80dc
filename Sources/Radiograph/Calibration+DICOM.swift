import RadiographAnnotation
import RadiographDICOM

extension Calibration {
    /// The calibration a file's spacing attributes give (Pixel Spacing, else Imager Pixel Spacing
    /// corrected by the Estimated Radiographic Magnification Factor; panoramics approximate).
    public init(_ metadata: DICOMMetadata) {
        self = Calibration.fromDICOM(
            pixelSpacing: metadata.pixelSpacing, imagerPixelSpacing: metadata.imagerPixelSpacing,
            magnification: metadata.estimatedRadiographicMagnificationFactor,
            calibrationType: metadata.pixelSpacingCalibrationType, modality: metadata.modality)
    }
}

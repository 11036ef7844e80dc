import RadiographCore

extension Font: TextRasterizer {
    /// The masks ``AnnotationRenderer`` paints: FreeType's ink and stroked halo (the halo radius
    /// kept within ``Font/haloRadii``).
    public func rasterize(_ text: String, pixelSize: Double, halo: Double) throws(AnnotationRenderError) -> RasterizedText {
        let radius = min(max(halo, Font.haloRadii.lowerBound), Font.haloRadii.upperBound)
        let size = min(max(pixelSize, Font.pixelSizes.lowerBound), Font.pixelSizes.upperBound)
        let mask: TextMask
        do {
            mask = try render(text, pixelSize: size, halo: radius)
        } catch {
            throw .text(error.description)
        }
        return RasterizedText(
            ink: AlphaMask(width: mask.width, height: mask.height, values: mask.coverage),
            halo: AlphaMask(width: mask.width, height: mask.height, values: mask.halo))
    }
}

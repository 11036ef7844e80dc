import RadiographCore

extension EnhancementPreset {
    /// The dental presets, in the order `radiograph presets` lists them.
    public static let builtIn: [EnhancementPreset] = [intraoral, endodontic, periodontal, caries, panoramic]

    /// General reading of periapicals and bitewings.
    public static let intraoral = EnhancementPreset(
        name: "intraoral",
        description: "General intraoral reading: lamina dura, trabecular bone and root outlines at a glance",
        rationale: """
            A moderate CLAHE (clip 2, 8×8 tiles: ~3.5 mm tiles on a size-2 sensor) evens out the exposure \
            falloff between crowns and apices without the halo a stronger clip leaves around fillings; a \
            light unsharp mask (σ 1 px ≈ 20 µm, amount 0.5) crisps the lamina dura and the PDL space \
            without raising sensor noise much. It is also the acquisition station's fast default.
            """,
        steps: [
            .clahe(CLAHEParameters(clipLimit: 2, tilesX: 8, tilesY: 8)),
            .unsharpMask(UnsharpMaskParameters(sigma: 1, amount: 0.5)),
        ])

    /// Canals, files and the apex.
    public static let endodontic = EnhancementPreset(
        name: "endodontic",
        description: "Endodontic: root canals, file tips and the periapical region",
        rationale: """
            Canal walls, file tips and the apical constriction are fine, high-frequency detail inside \
            dense root dentin. A light denoise first keeps the stronger local contrast (CLAHE clip 3) from \
            amplifying sensor noise; a narrow unsharp mask (σ 0.8 px, amount 1) then sharpens the canal \
            outline and file tip, with a threshold of 2 grey levels so flat areas stay smooth. The image \
            stays measurable: no step moves edges.
            """,
        steps: [
            .denoise(DenoiseParameters(strength: 0.1)),
            .clahe(CLAHEParameters(clipLimit: 3, tilesX: 8, tilesY: 8)),
            .unsharpMask(UnsharpMaskParameters(sigma: 0.8, amount: 1, threshold: 2)),
        ])

    /// Crestal bone and bone levels.
    public static let periodontal = EnhancementPreset(
        name: "periodontal",
        description: "Periodontal: crestal bone height and density between the teeth",
        rationale: """
            The interdental crest is thin bone that tends to burn out (show too dark) next to the denser \
            teeth. A gamma of 1.3 lifts the dark and middle greys where the crest lies; CLAHE with large \
            tiles (4×4) and a low clip (1.5) raises contrast there while keeping the bone-height gradient \
            from crest to apex readable (small tiles would flatten it); a wide, gentle unsharp mask \
            (σ 2 px, amount 0.4) outlines the crest and the lamina dura.
            """,
        steps: [
            .clahe(CLAHEParameters(clipLimit: 1.5, tilesX: 4, tilesY: 4)),
            .unsharpMask(UnsharpMaskParameters(sigma: 2, amount: 0.4)),
            .gamma(1.3),
        ])

    /// Enamel–dentin contrast for caries.
    public static let caries = EnhancementPreset(
        name: "caries",
        description: "Caries: enamel and dentin contrast on bitewings, without adaptive equalization",
        rationale: """
            Early proximal caries are small radiolucencies in the bright enamel. Adaptive equalization \
            (CLAHE) can create or hide such shadows near restorations and the cervical burn-out, so this \
            preset uses none: a gamma of 0.8 expands contrast in the bright range where enamel and dentin \
            sit, and a moderate unsharp mask (σ 1.5 px, amount 0.6, threshold 1 grey level) sharpens the \
            enamel–dentin junction and lesion borders. Global, monotone steps only: a darker area in the \
            output is darker in the capture.
            """,
        steps: [
            .unsharpMask(UnsharpMaskParameters(sigma: 1.5, amount: 0.6, threshold: 1)),
            .gamma(0.8),
        ])

    /// Panoramic overview.
    public static let panoramic = EnhancementPreset(
        name: "panoramic",
        description: "Panoramic: even contrast from the condyles to the symphysis",
        rationale: """
            A panoramic's density varies widely (spine ghost over the anterior teeth, thick rami, airway). \
            CLAHE with a 16×8 grid (~18 mm tiles at 0.1 mm pixels, matching the 2:1 image) and clip 2 \
            evens it out; structures are larger and noisier than on intraoral sensors, so a light denoise \
            comes first and the unsharp mask is wider (σ 2 px, amount 0.6, threshold 2 grey levels).
            """,
        steps: [
            .denoise(DenoiseParameters(strength: 0.15)),
            .clahe(CLAHEParameters(clipLimit: 2, tilesX: 16, tilesY: 8)),
            .unsharpMask(UnsharpMaskParameters(sigma: 2, amount: 0.6, threshold: 2)),
        ])
}

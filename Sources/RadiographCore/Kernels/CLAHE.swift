/// Contrast Limited Adaptive Histogram Equalization parameters, in OpenCV's units.
public struct CLAHEParameters: Sendable, Hashable, Codable {
    /// A multiple of the mean count per histogram bin: counts above it are clipped and spread
    /// over all bins (OpenCV's `clipLimit`). Above 0.
    public var clipLimit: Double
    /// Tiles across and down (OpenCV's `tileGridSize`).
    public var tilesX: Int
    public var tilesY: Int

    public init(clipLimit: Double = 2, tilesX: Int = 8, tilesY: Int = 8) {
        self.clipLimit = clipLimit
        self.tilesX = tilesX
        self.tilesY = tilesY
    }

    /// Throws when the clip limit is not above 0, or the grid has fewer than one tile or more
    /// tiles than the image has pixels in a direction.
    public func validate(width: Int, height: Int) throws(RadiographCoreError) {
        guard clipLimit.isFinite, clipLimit > 0 else {
            throw .invalidParameter(name: "CLAHE clip limit", reason: "\(clipLimit) must be above 0")
        }
        guard tilesX >= 1, tilesY >= 1 else {
            throw .invalidParameter(name: "CLAHE tile grid", reason: "\(tilesX)x\(tilesY) needs at least one tile each way")
        }
        guard tilesX <= width, tilesY <= height else {
            throw .invalidParameter(
                name: "CLAHE tile grid",
                reason: "\(tilesX)x\(tilesY) tiles is more than the \(width)x\(height) image has pixels")
        }
    }
}

extension GrayImage where Pixel == UInt8 {
    /// CLAHE as OpenCV's `createCLAHE(clipLimit, (tilesX, tilesY)).apply` computes it (256 bins,
    /// reflect-101 padding to a whole number of tiles, bilinear interpolation of the tile maps).
    public func clahe(_ parameters: CLAHEParameters, schedule: Schedule = .serial) throws(RadiographCoreError) -> GrayImage<UInt8> {
        try parameters.validate(width: width, height: height)
        return claheImage(self, parameters, valueBits: 8, bins: 256, schedule: schedule)
    }
}

extension GrayImage where Pixel == UInt16 {
    /// CLAHE on values in `0 ..< 2^valueBits` with `histogramBins` bins (a power of two up to
    /// `2^valueBits`): `bin = value >> (valueBits − log2(histogramBins))`.
    ///
    /// With as many bins as values this is OpenCV's algorithm at that bin count. With fewer, each
    /// tile's map is the clipped histogram's cumulative sum with a bin's count spread evenly over
    /// the values it holds, so the map is continuous: the result has the look of a
    /// `histogramBins`-bin CLAHE (OpenCV's 8-bit look for 256) with every input level kept apart.
    /// The output is in `0 ..< 2^valueBits`.
    public func clahe(
        _ parameters: CLAHEParameters, valueBits: Int = 16, histogramBins: Int, schedule: Schedule = .serial
    ) throws(RadiographCoreError) -> GrayImage<UInt16> {
        try parameters.validate(width: width, height: height)
        guard (1...16).contains(valueBits) else {
            throw .invalidParameter(name: "CLAHE value bits", reason: "\(valueBits) must be 1 to 16")
        }
        guard histogramBins >= 2, histogramBins <= 1 << valueBits, histogramBins & (histogramBins - 1) == 0 else {
            throw .invalidParameter(
                name: "CLAHE bins", reason: "\(histogramBins) must be a power of two from 2 to \(1 << valueBits)")
        }
        return claheImage(self, parameters, valueBits: valueBits, bins: histogramBins, schedule: schedule)
    }
}

/// The tile geometry OpenCV uses: when the image is not a whole number of tiles it is padded
/// (reflect-101) at the right by `tilesX − width % tilesX` columns and at the bottom by
/// `tilesY − height % tilesY` rows — a whole extra row of tiles' worth when one side divides
/// evenly and the other does not, as OpenCV does.
struct CLAHEGrid {
    let width: Int, height: Int
    let tilesX: Int, tilesY: Int
    let tileWidth: Int, tileHeight: Int

    init(width: Int, height: Int, tilesX: Int, tilesY: Int) {
        self.width = width
        self.height = height
        self.tilesX = tilesX
        self.tilesY = tilesY
        if width % tilesX == 0 && height % tilesY == 0 {
            tileWidth = width / tilesX
            tileHeight = height / tilesY
        } else {
            tileWidth = (width + tilesX - width % tilesX) / tilesX
            tileHeight = (height + tilesY - height % tilesY) / tilesY
        }
    }
}

/// Both phases: tile maps (parallel over tiles), then interpolation (parallel over row bands).
func claheImage<P: GrayPixel>(
    _ image: GrayImage<P>, _ p: CLAHEParameters, valueBits: Int, bins: Int, schedule: Schedule
) -> GrayImage<P> {
    let grid = CLAHEGrid(width: image.width, height: image.height, tilesX: p.tilesX, tilesY: p.tilesY)
    let shift = valueBits - bins.trailingZeroBitCount
    let tiles = p.tilesX * p.tilesY
    let area = grid.tileWidth * grid.tileHeight
    let clip = max(Int(p.clipLimit * Double(area) / Double(bins)), 1)
    let top = Float((1 << valueBits) - 1)
    // One map per tile: `bins` values for shift 0, `bins` (base, step) pairs otherwise.
    let entries = shift == 0 ? bins : 2 * bins
    var maps = [Float](repeating: 0, count: tiles * entries)
    image.withUnsafeBufferPointer { src in
        maps.withUnsafeMutableBufferPointer { out in
            schedule.forEachIndex(tiles) { t in
                claheTileMap(
                    src.baseAddress!, grid: grid, tile: t, shift: shift, bins: bins, clip: clip, top: top,
                    map: out.baseAddress! + t * entries)
            }
        }
    }
    return claheInterpolate(image, grid: grid, shift: shift, entries: entries, maps: maps, top: top, schedule: schedule)
}

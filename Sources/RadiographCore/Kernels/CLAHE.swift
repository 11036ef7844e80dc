/// Contrast Limited Adaptive Histogram Equalization parameters, in OpenCV's units.
public struct CLAHEParameters: Sendable, Hashable, Codable {
    /// OpenCV's `clipLimit`: a multiple of the mean count per histogram bin. Each tile's bins are
    /// clipped at `max(Int(clipLimit · tileArea / bins), 1)` counts and the excess is spread over
    /// all bins. Above 0 and finite.
    public var clipLimit: Double
    /// Tiles across (OpenCV's `tileGridSize.width`), at least 1.
    public var tilesX: Int
    /// Tiles down (OpenCV's `tileGridSize.height`), at least 1.
    public var tilesY: Int

    public init(clipLimit: Double = 2, tilesX: Int = 8, tilesY: Int = 8) {
        self.clipLimit = clipLimit
        self.tilesX = tilesX
        self.tilesY = tilesY
    }

    /// Throws `.invalidParameter` naming the "clip limit" when it is not above 0 and finite, and
    /// the "tile grid" when it has fewer than one tile, or more tiles than the image has pixels,
    /// in a direction. (OpenCV itself accepts more tiles than pixels: it pads the image.)
    public func validate(width: Int, height: Int) throws(RadiographCoreError) {
        guard clipLimit.isFinite, clipLimit > 0 else {
            throw .invalidParameter(name: "CLAHE clip limit", reason: "\(clipLimit) must be above 0 and finite")
        }
        guard tilesX >= 1, tilesY >= 1 else {
            throw .invalidParameter(
                name: "CLAHE tile grid", reason: "\(tilesX)x\(tilesY) needs at least one tile each way")
        }
        guard tilesX <= width, tilesY <= height else {
            throw .invalidParameter(
                name: "CLAHE tile grid",
                reason: "\(tilesX)x\(tilesY) tiles is more than the \(width)x\(height) image has pixels")
        }
    }
}

extension GrayImage where Pixel == UInt8 {
    /// CLAHE as OpenCV's `cv2.createCLAHE(clipLimit, (tilesX, tilesY)).apply` computes it: 256
    /// bins, reflect-101 padding to a whole number of tiles for the histograms, the four nearest
    /// tiles' maps interpolated bilinearly in OpenCV's float order, rounded half to even.
    /// Bit-exact with OpenCV 5.0 on every size, grid and clip limit tested.
    public func clahe(_ parameters: CLAHEParameters, schedule: Schedule = .serial) throws(RadiographCoreError)
        -> GrayImage<UInt8>
    {
        try parameters.validate(width: width, height: height)
        let plan = try CLAHEPlan(width: width, height: height, parameters: parameters, valueBits: 8, bins: 256)
        return claheImage(self, plan, schedule: schedule)
    }
}

extension GrayImage where Pixel == UInt16 {
    /// CLAHE on values in `0 ..< 2^valueBits` (`valueBits` 1...16) with a histogram of
    /// `histogramBins` bins (a power of two, `2 ... 2^valueBits`):
    /// `bin = value >> (valueBits − log2(histogramBins))`. The output is in the same range.
    ///
    /// - With as many bins as values, this is OpenCV's algorithm at that bin count: OpenCV's own
    ///   16-bit CLAHE is the 65,536-bin case (bit-exact), and 8-bit values with `valueBits` 8
    ///   give exactly the `UInt8` result.
    /// - With fewer bins, the output keeps every input level apart. Each tile's map is the one a
    ///   `histogramBins`-level CLAHE would use (OpenCV's: the clipped histogram's cumulative
    ///   count up to and including the bin, scaled to the output range) placed at the centre of
    ///   each bin, and linear between the centres of neighbouring bins (flat below the first
    ///   centre and above the last). So the result has the look of a `histogramBins`-bin CLAHE
    ///   without its banding: with 256 bins, within 3 grey levels (mean 0.6) of OpenCV's 8-bit
    ///   CLAHE of the same window on a periapical radiograph.
    ///
    /// Values at or above `2^valueBits` are read as `2^valueBits − 1`.
    public func clahe(
        _ parameters: CLAHEParameters, valueBits: Int = 16, histogramBins: Int, schedule: Schedule = .serial
    ) throws(RadiographCoreError) -> GrayImage<UInt16> {
        try parameters.validate(width: width, height: height)
        guard (1...16).contains(valueBits) else {
            throw .invalidParameter(name: "CLAHE value bits", reason: "\(valueBits) must be 1 to 16")
        }
        guard histogramBins >= 2, histogramBins <= 1 << valueBits, histogramBins & (histogramBins - 1) == 0 else {
            throw .invalidParameter(
                name: "CLAHE histogram bins",
                reason: "\(histogramBins) must be a power of two from 2 to \(1 << valueBits) (2^valueBits)")
        }
        let plan = try CLAHEPlan(
            width: width, height: height, parameters: parameters, valueBits: valueBits, bins: histogramBins)
        return claheImage(self, plan, schedule: schedule)
    }
}

/// What both phases need to know, worked out once.
///
/// The tile geometry is OpenCV's: when the image is not a whole number of tiles both ways, the
/// histograms' source is padded (reflect-101) at the right by `tilesX − width % tilesX` columns
/// and at the bottom by `tilesY − height % tilesY` rows, so a side that divides evenly still gets
/// a whole tile of padding when the other side does not.
struct CLAHEPlan {
    let width: Int, height: Int
    let tilesX: Int, tilesY: Int
    let tileWidth: Int, tileHeight: Int
    /// Pixels per tile.
    let area: Int
    let bins: Int
    /// `valueBits − log2(bins)`: 0 for OpenCV's exact maps (a bin per value).
    let shift: Int
    /// `2^valueBits − 1`: the largest value read (larger ones are clamped to it) and written.
    let maxValue: Int
    /// Map entries per tile: `bins` values for exact maps; `bins + 1` segments (between the bins'
    /// centres, and the flat ends) otherwise.
    let entries: Int
    /// OpenCV's integer clip limit.
    let clip: Int32
    /// Interleaved histograms per tile in phase 1 (pixels go to them in turn): they break the
    /// store-to-load chains of runs of pixels in one bin (radiographs are smooth, and have flat
    /// areas); fewer for larger histograms, to stay in cache.
    let histogramWays: Int

    var tiles: Int { tilesX * tilesY }
    var exact: Bool { shift == 0 }

    init(width: Int, height: Int, parameters p: CLAHEParameters, valueBits: Int, bins: Int) throws(RadiographCoreError)
    {
        self.width = width
        self.height = height
        tilesX = p.tilesX
        tilesY = p.tilesY
        if width % tilesX == 0 && height % tilesY == 0 {
            tileWidth = width / tilesX
            tileHeight = height / tilesY
        } else {
            tileWidth = (width + tilesX - width % tilesX) / tilesX
            tileHeight = (height + tilesY - height % tilesY) / tilesY
        }
        let (area, overflow) = tileWidth.multipliedReportingOverflow(by: tileHeight)
        guard !overflow, area <= Int(Int32.max) else {
            throw .invalidParameter(
                name: "CLAHE tile grid", reason: "tiles of \(tileWidth)x\(tileHeight) pixels are too large")
        }
        self.area = area
        self.bins = bins
        shift = valueBits - bins.trailingZeroBitCount
        maxValue = (1 << valueBits) - 1
        entries = shift == 0 ? bins : bins + 1
        // The maps take `tiles · entries` floats or float pairs: refuse grids that would need gigabytes.
        guard tilesX * tilesY <= (1 << 28) / entries else {
            throw .invalidParameter(
                name: "CLAHE tile grid",
                reason: "\(tilesX)x\(tilesY) tiles of \(entries) map entries each is more than 2^28 entries")
        }
        // OpenCV: static_cast<int>(clipLimit * tileSizeTotal / histSize), at least 1.
        let limit = (p.clipLimit * Double(area) / Double(bins)).rounded(.towardZero)
        clip = limit >= Double(Int32.max) ? Int32.max : max(Int32(limit), 1)
        histogramWays = bins <= 1024 ? 4 : (bins <= 4096 ? 2 : 1)
    }
}

/// Both phases: the tiles' maps in parallel over blocks of tiles, each tile with its own
/// histogram (CLAHE+Histogram.swift), then the interpolation in parallel over row bands
/// (CLAHE+Interpolate.swift). Every schedule gives the same bytes.
func claheImage<P: GrayPixel>(_ image: GrayImage<P>, _ plan: CLAHEPlan, schedule: Schedule) -> GrayImage<P> {
    let maps = CLAHEMaps(plan)
    defer { maps.deallocate() }
    // The histograms clamp values above maxValue only when the pixel type can hold them.
    let clamp = UInt64(plan.maxValue) < UInt64(P.max)
    // Blocks of tiles side by side: a tile row, split in groups of columns when there are too few
    // tile rows to keep the threads busy, or too many tiles for 4 MB of histograms a block.
    let columnsPerBlock = max(1, (1 << 20) / (plan.histogramWays * plan.bins))
    let groups = min(
        plan.tilesX,
        max(
            (2 * schedule.maxThreads + plan.tilesY - 1) / plan.tilesY,
            (plan.tilesX + columnsPerBlock - 1) / columnsPerBlock))
    image.withUnsafeBufferPointer { src in
        schedule.forEachIndex(plan.tilesY * groups) { block in
            let row = block / groups, group = block % groups
            let columns = (group * plan.tilesX / groups)..<((group + 1) * plan.tilesX / groups)
            claheTileMaps(src.baseAddress!, plan, row: row, columns: columns, clamp: clamp, into: maps)
        }
    }
    return claheInterpolate(image, plan, maps: maps, clamp: clamp, schedule: schedule)
}

/// The tiles' maps, `entries` per tile, row-major by tile. Exact maps hold OpenCV's rounded value
/// per bin; the others hold (value at the segment's start, rise per level) per segment. With
/// them, the lowest and highest value each tile holds (from its histogram, to whole bins).
struct CLAHEMaps {
    let exact: UnsafeMutablePointer<Float>?
    let segments: UnsafeMutablePointer<SIMD2<Float>>?
    let ranges: UnsafeMutablePointer<(low: Int, high: Int)>

    init(_ plan: CLAHEPlan) {
        let count = plan.tiles * plan.entries
        if plan.exact {
            exact = .allocate(capacity: count)
            segments = nil
        } else {
            exact = nil
            segments = .allocate(capacity: count)
        }
        ranges = .allocate(capacity: plan.tiles)
    }

    func deallocate() {
        exact?.deallocate()
        segments?.deallocate()
        ranges.deallocate()
    }
}

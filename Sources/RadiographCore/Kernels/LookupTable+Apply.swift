/// The table-lookup kernel: `dst[i] = table[pattern(src[i])]` over a row range.
///
/// Pure: no allocation, no locks, no Dispatch. The schedule picks the rows.
@inlinable
func applyTableKernel<Input: GrayPixel, Output: GrayPixel>(
    source: UnsafeBufferPointer<Input>,
    destination: UnsafeMutableBufferPointer<Output>,
    table: UnsafeBufferPointer<Output>,
    width: Int,
    rows: Range<Int>
) {
    let start = rows.lowerBound * width
    let end = rows.upperBound * width
    guard let src = source.baseAddress, let dst = destination.baseAddress, let lut = table.baseAddress else { return }
    var i = start
    while i < end {
        dst[i] = lut[Int(src[i].bitPattern16)]
        i &+= 1
    }
}

extension GrayImage {
    /// Maps every pixel through `lut` (see ``DisplayTransform/makeLUT8(pixelCount:)``).
    @inlinable
    public func applying<Output>(_ lut: DisplayLUT<Output>, schedule: Schedule = .serial) -> GrayImage<Output> {
        var output = GrayImage<Output>(width: width, height: height)
        let width = self.width
        withUnsafeBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                lut.entries.withUnsafeBufferPointer { table in
                    schedule.forEachBand(rows: height) { rows in
                        applyTableKernel(source: src, destination: dst, table: table, width: width, rows: rows)
                    }
                }
            }
        }
        return output
    }
}

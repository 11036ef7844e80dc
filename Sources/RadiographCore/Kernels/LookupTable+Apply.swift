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
        // Every pixel is written by the kernel below: no zero-fill first.
        var output = GrayImage<Output>(width: width, height: height, overwritingWith: { _ in })
        apply(lut, into: &output, schedule: schedule)
        return output
    }

    /// Maps every pixel through `lut` into `output` (same size), reusing its storage: for callers
    /// that render image after image and want no allocation per frame.
    @inlinable
    public func apply<Output>(_ lut: DisplayLUT<Output>, into output: inout GrayImage<Output>, schedule: Schedule = .serial) {
        precondition(output.width == width && output.height == height, "apply(into:): \(output) for \(self)")
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
    }
}

extension AnyGrayImage {
    /// Maps every pixel through `lut`, whatever the stored type.
    @inlinable
    public func applying<Output>(_ lut: DisplayLUT<Output>, schedule: Schedule = .serial) -> GrayImage<Output> {
        switch self {
        case .uint8(let i): i.applying(lut, schedule: schedule)
        case .uint16(let i): i.applying(lut, schedule: schedule)
        case .int16(let i): i.applying(lut, schedule: schedule)
        }
    }
}

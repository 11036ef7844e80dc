/// A table from every 16-bit stored pattern to a display value: how a ``DisplayTransform`` is applied.
///
/// 65,536 entries indexed by the pixel's bit pattern (``GrayPixel/bitPattern16``), so signed and
/// unsigned images, any modality stage and any VOI stage cost the same per pixel: one load.
public struct DisplayLUT<Output: GrayPixel & UnsignedInteger>: Sendable, Equatable {
    /// `entries[Int(pattern)]` is the display value of the stored value with that bit pattern.
    public let entries: [Output]

    public init(entries: [Output]) {
        precondition(entries.count == 65536, "DisplayLUT needs 65,536 entries")
        self.entries = entries
    }
}

extension DisplayTransform {
    /// The 8-bit display table (0...255).
    public func makeLUT8(pixelCount: Int = .max) throws(RadiographCoreError) -> DisplayLUT<UInt8> {
        DisplayLUT(entries: try displayValues(outputBits: 8, pixelCount: pixelCount).map { UInt8($0) })
    }

    /// The 16-bit display table (0...65535).
    public func makeLUT16(pixelCount: Int = .max) throws(RadiographCoreError) -> DisplayLUT<UInt16> {
        DisplayLUT(entries: try displayValues(outputBits: 16, pixelCount: pixelCount).map { UInt16($0) })
    }

    /// Display values for all 65,536 bit patterns; patterns outside the stored range take the value
    /// of the nearest storable value (the DICOM adapter never delivers them).
    func displayValues(outputBits: Int, pixelCount: Int) throws(RadiographCoreError) -> [Int] {
        let modalityValues = modalityValues(pixelCount: pixelCount)
        let outMax = Double((1 << outputBits) - 1)
        // MONOCHROME1 / INVERSE swap the ends before truncation, as DCMTK does (dimoopxt.h):
        // inverting after truncation is off by one on most pixels.
        let low = inverted ? outMax : 0
        let high = inverted ? 0 : outMax
        let map = try voiMapper(low: low, high: high)
        var byStored = [Int](repeating: 0, count: modalityValues.count)
        for (i, x) in modalityValues.enumerated() {
            byStored[i] = Int(map(x).rounded(.towardZero))
        }
        let lo = stored.minimum
        let hi = stored.maximum
        var table = [Int](repeating: 0, count: 65536)
        for pattern in 0..<65536 {
            let value = min(max(stored.value(ofPattern: pattern), lo), hi)
            table[pattern] = byStored[value - lo]
        }
        return table
    }

    /// The VOI stage as a function from modality value to an unrounded display value in [low, high].
    func voiMapper(low: Double, high: Double) throws(RadiographCoreError) -> (Double) -> Double {
        let outRange = high - low
        switch voi {
        case .window(let window):
            let c = window.center
            let w = window.width
            switch window.function {
            case .linear:
                // PS3.3 C.11.2.1.2.1, in DCMTK's evaluation order (dimoopxt.h), bit-exact with dcmj2pnm.
                let width1 = w - 1
                let left = c - 0.5 - width1 / 2
                let right = c - 0.5 + width1 / 2
                let offset = width1 == 0 ? 0 : high - ((c - 0.5) / width1 + 0.5) * outRange
                let gradient = width1 == 0 ? 0 : outRange / width1
                return { x in x <= left ? low : (x > right ? high : offset + x * gradient) }
            case .linearExact:
                // PS3.3 C.11.2.1.3.2.
                let left = c - w / 2
                let right = c + w / 2
                return { x in x <= left ? low : (x > right ? high : ((x - c) / w + 0.5) * outRange + low) }
            case .sigmoid:
                // PS3.3 C.11.2.1.3.1.
                return { x in outRange / (1 + exp4(-4 * (x - c) / w)) + low }
            }
        case .lookupTable(let lut):
            // PS3.3 C.11.2.1.1: LUT outputs span 0 ... 2^bits - 1. DCMTK (dimoopxt.h, voilut) scales
            // them as low + v * (high - low + 1) / 2^bits, the "+ 1" included and applied with the
            // ends already swapped for an inverted display; entries are masked to their bits.
            let mask = (1 << lut.bitsPerEntry) - 1
            let scale = Double(1 << lut.bitsPerEntry)
            let spread = high - low + 1
            let gradient = spread / scale
            let values = lut.values.map { Int($0) & mask }
            if let first = values.first, values.allSatisfy({ $0 == first }) {
                let y = low + (Double(first) / scale) * spread
                return { _ in y }
            }
            return { x in
                let index = min(max(Int(x.rounded(.towardZero)) - lut.firstMappedValue, 0), values.count - 1)
                return low + Double(values[index]) * gradient
            }
        case .none:
            // No VOI: the modality range spans the output range, as DCMTK's nowindow() maps it:
            // low + (x - min) * (high - low + 1) / (max - min + 1).
            let range = modalityRange
            let gradient = (high - low + 1) / (range.upperBound - range.lowerBound + 1)
            return { x in low + (x - range.lowerBound) * gradient }
        }
    }
}

/// `exp` without Foundation.
@usableFromInline
func exp4(_ x: Double) -> Double {
    #if canImport(Glibc)
    return Glibc.exp(x)
    #else
    return Darwin.exp(x)
    #endif
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

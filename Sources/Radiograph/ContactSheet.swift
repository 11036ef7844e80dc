import Foundation
import RadiographCodecs
import RadiographCore
import RadiographDICOM
import Synchronization

/// Thumbnails of a batch's results on one 8-bit PNG, in report order: a quick look at a folder.
///
/// Cells are square, 256 px a side for up to ~700 images and smaller beyond so that the sheet
/// stays under 48 megapixels (memory is bounded whatever the batch size). A file that failed
/// leaves its cell dark with a cross. Files passed over (not DICOM) get no cell.
final class ContactSheet: Sendable {
    let count: Int
    let cell: Int
    private let thumbnails: Mutex<[Int: GrayImage<UInt8>]>

    static let maximumPixels = 48_000_000
    static let gap = 4

    init(count: Int) {
        self.count = count
        let fit = Int((Double(Self.maximumPixels) / Double(max(1, count))).squareRoot()) - Self.gap
        cell = min(256, max(16, fit))
        thumbnails = Mutex([:])
    }

    /// Shrinks `image` into a cell and keeps it for slot `index` (thread-safe).
    func place(_ image: AnyGrayImage, at index: Int) {
        guard let thumbnail = try? Self.thumbnail(image, side: cell) else { return }
        thumbnails.withLock { $0[index] = thumbnail }
    }

    static func thumbnail(_ image: AnyGrayImage, side: Int) throws(RadiographCoreError) -> GrayImage<UInt8> {
        let eight: GrayImage<UInt8>
        switch image {
        case .uint8(let i): eight = i
        case .uint16(let i): eight = i.applying(DisplayLUT(entries: (0..<65536).map { UInt8(($0 + 128) / 257) }))
        case .int16(let i):
            eight = i.applying(DisplayLUT(entries: (0..<65536).map { UInt8((Int(Int16(truncatingIfNeeded: $0)) + 32768 + 128) / 257) }))
        }
        let size = eight.fittingSize(maxWidth: side, maxHeight: side)
        if size.width == eight.width && size.height == eight.height { return eight }
        return try eight.resized(width: size.width, height: size.height, filter: .area)
    }

    /// An existing output read back for its thumbnail (a resumed batch still shows every file).
    static func readOutput(_ path: String) -> AnyGrayImage? {
        if let image = try? InputImage.readIfImage(path) { return image }
        guard let dicom = try? DICOMReader.read(contentsOf: path) else { return nil }
        return try? Renderer.render(dicom).image
    }

    /// The sheet as one image.
    func compose() -> GrayImage<UInt8> {
        let columns = max(1, Int(Double(count).squareRoot().rounded(.up)))
        let rows = max(1, (count + columns - 1) / columns)
        let pitch = cell + Self.gap
        let width = columns * pitch + Self.gap
        let height = rows * pitch + Self.gap
        var sheet = GrayImage<UInt8>(width: width, height: height, repeating: 24)
        let placed = thumbnails.withLock { $0 }
        sheet.withUnsafeMutableBufferPointer { dst in
            for index in 0..<count {
                let x0 = Self.gap + (index % columns) * pitch
                let y0 = Self.gap + (index / columns) * pitch
                guard let t = placed[index] else {
                    // A dark cell with a cross: nothing to show for this file.
                    for i in 0..<cell {
                        dst[(y0 + i) * width + x0 + i] = 96
                        dst[(y0 + i) * width + x0 + cell - 1 - i] = 96
                    }
                    continue
                }
                let ox = x0 + (cell - t.width) / 2
                let oy = y0 + (cell - t.height) / 2
                t.withUnsafeBufferPointer { src in
                    for y in 0..<t.height {
                        for x in 0..<t.width { dst[(oy + y) * width + ox + x] = src[y * t.width + x] }
                    }
                }
            }
        }
        return sheet
    }

    /// Writes the sheet as PNG, atomically. Replaces an earlier contact sheet (a PNG); refuses
    /// to replace any other file.
    func write(to path: String, png: PNGCodec.Options) throws(RadiographError) {
        if AtomicFile.exists(path) {
            let head = FileHandle(forReadingAtPath: path).flatMap { h in
                defer { try? h.close() }
                return try? h.read(upToCount: 8)
            }
            guard let head, ImageFileFormat.detect(from: Array(head)) == .png else {
                throw .invalidRequest("\(path): exists and is not a PNG contact sheet; it was left alone")
            }
        }
        let bytes: [UInt8]
        do {
            bytes = try ImageCodec.encode(.uint8(compose()), as: .png, options: ImageCodec.EncodeOptions(png: png))
        } catch {
            throw .codec(path: path, error)
        }
        try AtomicFile.createFolder(AtomicFile.parentFolder(of: path))
        try AtomicFile.write(bytes, to: path, overwrite: true)
    }
}

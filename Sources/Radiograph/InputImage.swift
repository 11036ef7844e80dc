import Foundation
import RadiographCodecs
import RadiographCore

/// PNG, TIFF and JPEG files given where a DICOM file is expected (`radiograph render`).
public enum InputImage {
    /// Decodes `path` when its first bytes are a PNG, TIFF or JPEG signature; nil for anything
    /// else (DICOM files go to the DICOM reader, which reports what is wrong with them).
    public static func readIfImage(_ path: String) throws(RadiographError) -> AnyGrayImage? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        let head = (try? handle.read(upToCount: 16)) ?? nil
        try? handle.close()
        guard let head, ImageFileFormat.detect(from: Array(head)) != nil else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, operation: "read", reason: "the file cannot be read")
        }
        do {
            return try ImageCodec.decode(Array(data))
        } catch {
            throw .codec(path: path, error)
        }
    }
}

import RadiographCore

/// A decoded radiograph: its metadata and the stored pixel values of its first frame.
public struct DICOMImage: Sendable, Equatable {
    /// Where the image came from (a path, or the label given for a buffer); used in errors.
    public var source: String
    public var metadata: DICOMMetadata
    /// Stored values (after the bit shift and mask of High Bit/Bits Stored): `.uint16` for
    /// Pixel Representation 0, `.int16` for 1. 8-bit data is widened to `.uint16`.
    public var pixels: AnyGrayImage
}

/// Reads DICOM files and buffers through DCMTK.
///
/// Decodes uncompressed (implicit/explicit little endian, big endian, deflated), JPEG baseline,
/// extended and lossless, JPEG-LS and RLE pixel data. All functions are thread-safe.
public enum DICOMReader {
    /// Reads the file at `path` and decodes its first frame.
    public static func read(contentsOf path: String) throws(DICOMError) -> DICOMImage {
        try decode(DICOMDataSet.open(path: path))
    }

    /// Reads a DICOM stream (Part 10 file bytes) from memory; `source` labels errors.
    public static func read(bytes: [UInt8], source: String = "<memory>") throws(DICOMError) -> DICOMImage {
        try decode(DICOMDataSet.open(bytes: bytes, source: source))
    }

    /// Reads only the metadata of the file at `path` (the pixel module is still validated).
    public static func readMetadata(contentsOf path: String) throws(DICOMError) -> DICOMMetadata {
        let ds = try DICOMDataSet.open(path: path)
        return try DICOMMetadata(reading: ds, geometry: try ds.geometry())
    }

    /// Reads only the metadata of a DICOM stream in memory (the pixel module is still validated).
    public static func readMetadata(bytes: [UInt8], source: String = "<memory>") throws(DICOMError) -> DICOMMetadata {
        let ds = try DICOMDataSet.open(bytes: bytes, source: source)
        return try DICOMMetadata(reading: ds, geometry: try ds.geometry())
    }

    private static func decode(_ ds: DICOMDataSet) throws(DICOMError) -> DICOMImage {
        let geometry = try ds.geometry()
        let metadata = try DICOMMetadata(reading: ds, geometry: geometry)
        let pixels = try ds.decodeFrame(0, geometry: geometry)
        return DICOMImage(source: ds.source, metadata: metadata, pixels: pixels)
    }
}

internal import CRadiographDCMTK
import Glibc

/// DICOMDIR files for removable media and patient bundles, through DCMTK's `DicomDirInterface`.
public enum DICOMDIR {
    /// Creates `folder`/DICOMDIR under the Dental Radiograph Interchange profile (STD-DEN-CD),
    /// referencing `files`: paths relative to `folder`, `/`-separated, each component an ISO 9660
    /// name (uppercase letters, digits, `_`; at most 8 characters; no extension), at most 8 levels,
    /// e.g. `DICOM/P0001/IM000001`. DCMTK checks every file against the profile (For Presentation
    /// DX or intra-oral images, explicit VR little endian, 8/10/12/16 bits stored, the profile's
    /// Type 2 attributes present, the DICOMDIR's Type 1 keys valued). Files of one Patient ID whose
    /// other patient attributes differ are only warned about by DCMTK: the first file's record wins.
    ///
    /// - Throws: `.invalidAttribute` with DCMTK's own reasons when it refuses a file or a name.
    ///
    /// The corresponding C function is `rgd_dicomdir_write`.
    public static func write(folder: String, files: [String], filesetID: String) throws(DICOMError) {
        let source = folder + "/DICOMDIR"
        for file in files {
            let components = file.split(separator: "/", omittingEmptySubsequences: false)
            let valid =
                components.count <= 8
                && components.allSatisfy { c in
                    (1...8).contains(c.count)
                        && c.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
                }
            guard valid else {
                throw .invalidAttribute(
                    source: source, attribute: "Referenced File ID",
                    reason: "\(file): ISO 9660 components only (A-Z, 0-9, _; 1 to 8 characters; at most 8 levels)")
            }
        }
        guard filesetID.utf8.count <= 16 else {
            throw .invalidAttribute(source: source, attribute: "File-set ID", reason: "at most 16 characters")
        }
        let (status, message) = withCStrings(files) { pointers in
            shimCall { buffer, capacity in
                rgd_dicomdir_write(folder, pointers.baseAddress, pointers.count, filesetID, buffer, capacity)
            }
        }
        switch status {
        case RGD_OK: return
        case RGD_INTERNAL: throw .internalFailure(source: source, reason: message)
        default: throw .invalidAttribute(source: source, attribute: "DICOMDIR (STD-DEN-CD)", reason: message)
        }
    }
}

/// Transfer-syntax conversion for interchange: the pixel data decompressed, everything else kept.
public enum DICOMTranscoder {
    /// The Part 10 stream `bytes` re-encoded in Explicit VR Little Endian (new file meta
    /// information): JPEG, JPEG-LS and RLE pixel data decompressed by DCMTK's decoders, JPEG 2000 by
    /// OpenJPEG (16 bits allocated, High Bit = Bits Stored - 1; other layouts `.decodeFailed`), every
    /// other element kept. Lossless input comes out with identical stored values. `source` labels errors.
    ///
    /// The corresponding C function is `rgd_transcode_explicit_le`.
    public static func explicitLittleEndian(_ bytes: [UInt8], source: String) throws(DICOMError) -> [UInt8] {
        try transcode(bytes, source: source) { b, n, out, size, buffer, capacity in
            rgd_transcode_explicit_le(b, n, out, size, buffer, capacity)
        }
    }

    /// As ``explicitLittleEndian(_:source:)``, then made acceptable to the Dental Radiograph
    /// Interchange profile (STD-DEN-CD) without changing any stored value: the profile's Type 2
    /// attributes (Institution Name, Manufacturer's Model Name, Detector ID, Detector Manufacturer
    /// Name and Model Name) added empty when absent, and unsigned data of fewer bits stored low in
    /// 16-bit words (14-bit sensors) re-described as 16 bits stored, High Bit 15: the same numbers.
    ///
    /// The corresponding C function is `rgd_transcode_dental_media`.
    public static func dentalMedia(_ bytes: [UInt8], source: String) throws(DICOMError) -> [UInt8] {
        try transcode(bytes, source: source) { b, n, out, size, buffer, capacity in
            rgd_transcode_dental_media(b, n, out, size, buffer, capacity)
        }
    }

    private static func transcode(
        _ bytes: [UInt8], source: String,
        _ call: (
            UnsafePointer<UInt8>?, Int, UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, UnsafeMutablePointer<Int>,
            UnsafeMutablePointer<CChar>, Int
        ) -> rgd_status
    ) throws(DICOMError) -> [UInt8] {
        var out: UnsafeMutablePointer<UInt8>?
        var size = 0
        let (status, message) = bytes.withUnsafeBufferPointer { b in
            shimCall { buffer, capacity in call(b.baseAddress, b.count, &out, &size, buffer, capacity) }
        }
        defer { rgd_free(out) }
        switch status {
        case RGD_OK:
            guard let out else { throw .internalFailure(source: source, reason: "no bytes returned") }
            return Array(UnsafeBufferPointer(start: out, count: size))
        case RGD_READ_FAILED: throw .notDICOM(source: source, reason: message)
        case RGD_DECODE_FAILED: throw .decodeFailed(source: source, transferSyntax: "encapsulated", reason: message)
        case RGD_INTERNAL: throw .internalFailure(source: source, reason: message)
        default:
            throw .invalidAttribute(
                source: source, attribute: "pixel encoding", reason: message.isEmpty ? "refused" : message)
        }
    }
}

/// Runs a shim call with a message buffer large enough for DCMTK's collected reasons.
private func shimCall(_ body: (UnsafeMutablePointer<CChar>, Int) -> rgd_status) -> (rgd_status, String) {
    var buffer = [CChar](repeating: 0, count: 4096)
    let status = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!, $0.count) }
    return (status, String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
}

/// `strings` as an array of C string pointers, valid during `body`.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafeBufferPointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    return copies.map { UnsafePointer($0) }.withUnsafeBufferPointer(body)
}

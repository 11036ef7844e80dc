internal import CRadiographDCMTK
import RadiographCore

/// An opened DICOM data set. Owns the DCMTK handle; every C call goes through here.
///
/// Not `Sendable`: one thread at a time. ``DICOMReader`` turns it into `Sendable` values.
final class DICOMDataSet {
    private let handle: OpaquePointer
    let source: String

    private init(handle: OpaquePointer, source: String) {
        self.handle = handle
        self.source = source
    }

    deinit { rgd_close(handle) }

    /// Calls `body` with the C handle (for the writer, which copies the data set).
    func withHandle<R>(_ body: (OpaquePointer) -> R) -> R { body(handle) }

    /// Opens `path` with DCMTK (`DcmFileFormat::loadFile`).
    static func open(path: String) throws(DICOMError) -> DICOMDataSet {
        var handle: OpaquePointer?
        let (status, message) = withMessageBuffer { buf, cap in rgd_open_file(path, &handle, buf, cap) }
        guard status == RGD_OK, let handle else {
            throw openError(status: status, message: message, source: path)
        }
        return DICOMDataSet(handle: handle, source: path)
    }

    /// Parses `bytes` with DCMTK (`DcmFileFormat::read` on a `DcmInputBufferStream`). Copies every value.
    static func open(bytes: [UInt8], source: String) throws(DICOMError) -> DICOMDataSet {
        var handle: OpaquePointer?
        let (status, message) = bytes.withUnsafeBufferPointer { b in
            withMessageBuffer { buf, cap in rgd_open_memory(b.baseAddress, b.count, &handle, buf, cap) }
        }
        guard status == RGD_OK, let handle else {
            throw openError(status: status, message: message, source: source)
        }
        return DICOMDataSet(handle: handle, source: source)
    }

    private static func openError(status: rgd_status, message: String, source: String) -> DICOMError {
        switch status {
        case RGD_READ_FAILED:
            // DCMTK reports a missing or unreadable file through the same condition as a bad stream.
            let lower = message.lowercased()
            if lower.contains("no such file") || lower.contains("permission denied") || lower.contains("is a directory") {
                return .unreadable(source: source, reason: message)
            }
            return .notDICOM(source: source, reason: message.isEmpty ? "unreadable stream" : message)
        case RGD_INTERNAL: return .internalFailure(source: source, reason: message)
        // RGD_SYSTEM (the bytes could not be staged for parsing) and anything else: the data may be fine.
        default: return .unreadable(source: source, reason: message.isEmpty ? "cannot open" : message)
        }
    }

    // MARK: Elements

    /// The element's value as text (multiple values joined by `\`), or nil when absent.
    func string(_ path: [UInt32]) -> String? {
        var length = 0
        var capacity = 256
        while true {
            var buffer = [CChar](repeating: 0, count: capacity)
            let status = path.withUnsafeBufferPointer { p in
                rgd_get_string(handle, p.baseAddress, p.count, &buffer, capacity, &length)
            }
            if status == RGD_OK {
                return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            guard status == RGD_BAD_ARGUMENT, length + 1 > capacity else { return nil }
            capacity = length + 1
        }
    }

    func string(_ tag: DICOMTag) -> String? { string([tag.packed]) }

    /// The values of a multi-valued string element, trimmed of DICOM padding.
    func strings(_ path: [UInt32]) -> [String]? {
        string(path).map { $0.split(separator: "\\", omittingEmptySubsequences: false).map { trimmed(String($0)) } }
    }

    /// Items in a sequence (0 when absent).
    func itemCount(_ path: [UInt32]) -> Int {
        var count = 0
        let status = path.withUnsafeBufferPointer { p in rgd_count_items(handle, p.baseAddress, p.count, &count) }
        return status == RGD_OK ? count : 0
    }

    /// The element's 16-bit words (US, SS, OW), or nil when absent.
    func words(_ path: [UInt32]) -> [UInt16]? {
        var count = 0
        let probe = path.withUnsafeBufferPointer { p in rgd_get_words(handle, p.baseAddress, p.count, nil, 0, &count) }
        guard probe == RGD_OK else { return nil }
        var values = [UInt16](repeating: 0, count: count)
        var got = 0
        let status = path.withUnsafeBufferPointer { p in
            values.withUnsafeMutableBufferPointer { v in rgd_get_words(handle, p.baseAddress, p.count, v.baseAddress, count, &got) }
        }
        return status == RGD_OK ? Array(values.prefix(got)) : nil
    }

    var transferSyntaxUID: String {
        var buffer = [CChar](repeating: 0, count: 128)
        _ = rgd_transfer_syntax(handle, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: Pixels

    struct Geometry {
        var rows: Int, columns: Int, bitsAllocated: Int, bitsStored: Int, highBit: Int
        var isSigned: Bool, numberOfFrames: Int, isEncapsulated: Bool
    }

    /// The image pixel module, validated against the pixel data (`rgd_frame_geometry`).
    func geometry() throws(DICOMError) -> Geometry {
        var g = rgd_geometry()
        let (status, message) = withMessageBuffer { buf, cap in rgd_frame_geometry(handle, &g, buf, cap) }
        guard status == RGD_OK else {
            if status == RGD_INTERNAL { throw .internalFailure(source: source, reason: message) }
            throw .invalidImage(source: source, reason: message)
        }
        return Geometry(
            rows: Int(g.rows), columns: Int(g.columns), bitsAllocated: Int(g.bits_allocated),
            bitsStored: Int(g.bits_stored), highBit: Int(g.high_bit), isSigned: g.pixel_representation == 1,
            numberOfFrames: Int(g.number_of_frames), isEncapsulated: g.encapsulated == 1)
    }

    /// Decodes `frame` into stored values (`rgd_decode_frame`: DCMTK's `getUncompressedFrame`).
    func decodeFrame(_ frame: Int, geometry g: Geometry) throws(DICOMError) -> AnyGrayImage {
        var failure: (rgd_status, String)?
        let unsigned = GrayImage<UInt16>(width: g.columns, height: g.rows, overwritingWith: { buffer in
            let (status, message) = withMessageBuffer { buf, cap in
                rgd_decode_frame(handle, UInt32(frame), buffer.baseAddress, buffer.count, buf, cap)
            }
            if status != RGD_OK { failure = (status, message) }
        })
        if let (status, message) = failure {
            if status == RGD_INTERNAL { throw .internalFailure(source: source, reason: message) }
            throw .decodeFailed(source: source, transferSyntax: TransferSyntax.name(of: transferSyntaxUID), reason: message)
        }
        guard g.isSigned else { return .uint16(unsigned) }
        let signed = unsigned.withUnsafeBufferPointer { src in
            GrayImage<Int16>(width: g.columns, height: g.rows, overwritingWith: { dst in
                for i in 0..<src.count { dst[i] = Int16(bitPattern: src[i]) }
            })
        }
        return .int16(signed)
    }
}

/// Calls `body` with a message buffer; returns its status and the message.
private func withMessageBuffer(_ body: (UnsafeMutablePointer<CChar>, Int) -> rgd_status) -> (rgd_status, String) {
    var buffer = [CChar](repeating: 0, count: 1024)
    let status = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!, $0.count) }
    let message = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return (status, message)
}

/// DICOM pads strings with spaces (and UIDs with NUL); values compare without them.
func trimmed(_ s: String) -> String {
    var scalars = Substring(s)
    while let last = scalars.last, last == " " || last == "\0" { scalars.removeLast() }
    while let first = scalars.first, first == " " { scalars.removeFirst() }
    return String(scalars)
}

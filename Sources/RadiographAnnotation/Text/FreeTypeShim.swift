internal import CRadiographFreeType

/// The one path from Swift into `CRadiographFreeType`: every `rgf_` call goes through here, which
/// owns the message buffer and turns an `rgf_status` into a ``TextError``. No C type leaves this
/// file but the face's `OpaquePointer`, which only ``Font`` holds, under its lock.
enum FreeTypeShim {
    typealias Message = UnsafeMutablePointer<CChar>

    /// Runs `body` with a message buffer; throws the status as a ``TextError`` unless it is RGF_OK.
    private static func call(
        _ body: (_ message: Message, _ capacity: Int) -> rgf_status,
        failure: (_ status: rgf_status, _ message: String) -> TextError
    ) throws(TextError) {
        var buffer = [CChar](repeating: 0, count: Int(RGF_MESSAGE_CAPACITY))
        let status = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!, $0.count) }
        guard status != RGF_OK else { return }
        let message = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        throw failure(status, message)
    }

    /// The error of a layout or rendering call (the size was checked in Swift beforehand).
    private static func renderingError(_ status: rgf_status, _ message: String) -> TextError {
        message.hasPrefix("text too large: ")
            ? .textTooLarge(reason: String(message.dropFirst("text too large: ".count)))
            : .renderingFailed(reason: message)
    }

    /// Opens a face (`rgf_face_open`).
    static func open(path: String) throws(TextError) -> OpaquePointer {
        var face: OpaquePointer?
        try call({ rgf_face_open(path, &face, $0, $1) }) { status, message in
            status == RGF_NOT_FOUND ? .fontNotFound(path: path) : .fontUnreadable(path: path, reason: message)
        }
        return face!
    }

    /// Closes a face (`rgf_face_close`).
    static func close(_ face: OpaquePointer) {
        rgf_face_close(face)
    }

    static let pixelSizes = RGF_MIN_PIXEL_SIZE...RGF_MAX_PIXEL_SIZE
    static let haloRadii = 0...RGF_MAX_HALO

    /// Selects the size and halo radius (`rgf_face_set_size`).
    static func setSize(_ face: OpaquePointer, pixelSize: Double, halo: Double) throws(TextError) {
        try call({ rgf_face_set_size(face, pixelSize, halo, $0, $1) }) { status, message in
            guard status == RGF_BAD_ARGUMENT else { return .renderingFailed(reason: message) }
            return message.hasPrefix("halo") ? .invalidHalo(halo) : .invalidSize(pixelSize)
        }
    }

    private static func metrics(_ m: rgf_metrics) -> TextMetrics {
        TextMetrics(
            width: Int(m.width), height: Int(m.height), originX: Int(m.origin_x), baseline: Int(m.baseline),
            lineHeight: Int(m.line_height), ascender: Int(m.ascender), descender: Int(m.descender),
            lineCount: Int(m.line_count), advance: Int(m.advance))
    }

    /// Lays the text out without composing a mask (`rgf_measure`).
    static func measure(_ face: OpaquePointer, _ text: String) throws(TextError) -> TextMetrics {
        var m = rgf_metrics()
        var text = text
        try call(
            { message, capacity in
                text.withUTF8 { rgf_measure(face, $0.baseAddress, $0.count, &m, message, capacity) }
            }, failure: renderingError)
        return metrics(m)
    }

    /// Lays the text out and composes its ink and halo masks (`rgf_measure`, then `rgf_render`).
    static func render(_ face: OpaquePointer, _ text: String) throws(TextError) -> TextMask {
        let layout = try measure(face, text)
        let count = layout.width * layout.height
        guard count > 0 else { return TextMask(metrics: layout, coverage: [], halo: []) }
        var coverage = [UInt8](repeating: 0, count: count)
        var halo = [UInt8](repeating: 0, count: count)
        var m = rgf_metrics()
        var text = text
        try call(
            { message, capacity in
                text.withUTF8 { utf8 in
                    coverage.withUnsafeMutableBufferPointer { coverage in
                        halo.withUnsafeMutableBufferPointer { halo in
                            rgf_render(
                                face, utf8.baseAddress, utf8.count, coverage.baseAddress, halo.baseAddress, count,
                                &m, message, capacity)
                        }
                    }
                }
            }, failure: renderingError)
        // The same face, size and text lay out the same way twice.
        precondition(Int(m.width) == layout.width && Int(m.height) == layout.height)
        return TextMask(metrics: layout, coverage: coverage, halo: halo)
    }
}

/// Builds small Explicit VR Little Endian Part 10 files in memory, for tests only: geometry sweeps
/// and malformed inputs that no real writer would produce. (The library itself never writes DICOM
/// by hand: it goes through DCMTK.)
public struct DICOMTestWriter: Sendable {
    public enum Value: Sendable {
        case text(String)  // AE AS CS DA DS DT IS LO LT PN SH ST TM UI UT
        case us([UInt16])
        case ss([Int16])
        case words([UInt16])  // OW
        case bytes([UInt8])  // OB
        case sequence([[Element]])
        /// Encapsulated pixel data (undefined length): an empty Basic Offset Table, then one item
        /// per fragment, then the sequence delimiter.
        case encapsulated([[UInt8]])
        /// Raw bytes after the header, with the length written as `declaredLength`.
        case malformed(bytes: [UInt8], declaredLength: UInt32)
    }

    public struct Element: Sendable {
        public var group: UInt16
        public var element: UInt16
        public var vr: String
        public var value: Value
        public init(_ group: UInt16, _ element: UInt16, _ vr: String, _ value: Value) {
            self.group = group
            self.element = element
            self.vr = vr
            self.value = value
        }
    }

    public var elements: [Element] = []
    public var transferSyntax = "1.2.840.10008.1.2.1"

    public init() {}

    public mutating func set(_ group: UInt16, _ element: UInt16, _ vr: String, _ value: Value) {
        elements.removeAll { $0.group == group && $0.element == element }
        elements.append(Element(group, element, vr, value))
    }

    public mutating func remove(_ group: UInt16, _ element: UInt16) {
        elements.removeAll { $0.group == group && $0.element == element }
    }

    /// A monochrome image with the given stored values (16 bits allocated unless `bitsAllocated` is 8).
    public static func image(
        width: Int, height: Int, pixels: [Int], bitsAllocated: Int = 16, bitsStored: Int = 16, highBit: Int? = nil,
        signed: Bool = false, photometric: String = "MONOCHROME2"
    ) -> DICOMTestWriter {
        var w = DICOMTestWriter()
        w.set(0x0008, 0x0016, "UI", .text("1.2.840.10008.5.1.4.1.1.7"))
        w.set(0x0008, 0x0018, "UI", .text("2.25.1234567890"))
        w.set(0x0008, 0x0060, "CS", .text("OT"))
        w.set(0x0010, 0x0010, "PN", .text("SYNTHETIC^TEST"))
        w.set(0x0010, 0x0020, "LO", .text("SYN-TEST"))
        w.set(0x0020, 0x000D, "UI", .text("2.25.1"))
        w.set(0x0020, 0x000E, "UI", .text("2.25.2"))
        w.set(0x0028, 0x0002, "US", .us([1]))
        w.set(0x0028, 0x0004, "CS", .text(photometric))
        w.set(0x0028, 0x0010, "US", .us([UInt16(height)]))
        w.set(0x0028, 0x0011, "US", .us([UInt16(width)]))
        w.set(0x0028, 0x0100, "US", .us([UInt16(bitsAllocated)]))
        w.set(0x0028, 0x0101, "US", .us([UInt16(bitsStored)]))
        w.set(0x0028, 0x0102, "US", .us([UInt16(highBit ?? bitsStored - 1)]))
        w.set(0x0028, 0x0103, "US", .us([signed ? 1 : 0]))
        let mask = bitsStored >= 16 ? 0xFFFF : (1 << bitsStored) - 1
        if bitsAllocated == 8 {
            w.set(0x7FE0, 0x0010, "OB", .bytes(pixels.map { UInt8(truncatingIfNeeded: $0 & mask) }))
        } else {
            w.set(0x7FE0, 0x0010, "OW", .words(pixels.map { UInt16(truncatingIfNeeded: $0 & mask) }))
        }
        return w
    }

    /// The Part 10 bytes: preamble, `DICM`, file meta group, data set.
    public func bytes() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 128) + Array("DICM".utf8)
        var meta: [Element] = [
            Element(0x0002, 0x0001, "OB", .bytes([0, 1])),
            Element(0x0002, 0x0002, "UI", .text(textValue(0x0008, 0x0016) ?? "1.2.840.10008.5.1.4.1.1.7")),
            Element(0x0002, 0x0003, "UI", .text(textValue(0x0008, 0x0018) ?? "2.25.1")),
            Element(0x0002, 0x0010, "UI", .text(transferSyntax)),
            Element(0x0002, 0x0012, "UI", .text("2.25.99")),
        ]
        var body: [UInt8] = []
        for e in meta { body += Self.encode(e) }
        meta.insert(Element(0x0002, 0x0000, "UL", .bytes(le32(UInt32(body.count)))), at: 0)
        out += Self.encode(meta[0]) + body
        for e in elements.sorted(by: { ($0.group, $0.element) < ($1.group, $1.element) }) { out += Self.encode(e) }
        return out
    }

    private func textValue(_ g: UInt16, _ e: UInt16) -> String? {
        guard let el = elements.first(where: { $0.group == g && $0.element == e }), case .text(let s) = el.value else {
            return nil
        }
        return s
    }

    static func encode(_ e: Element) -> [UInt8] {
        var value: [UInt8]
        var declared: UInt32?
        switch e.value {
        case .text(let s):
            value = Array(s.utf8)
            if value.count % 2 == 1 { value.append(e.vr == "UI" ? 0 : 0x20) }
        case .us(let v): value = v.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case .ss(let v): value = v.flatMap { [UInt8(UInt16(bitPattern: $0) & 0xFF), UInt8(UInt16(bitPattern: $0) >> 8)] }
        case .words(let v): value = v.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case .bytes(let b):
            value = b
            if value.count % 2 == 1 { value.append(0) }
        case .sequence(let items):
            value = []
            for item in items {
                var content: [UInt8] = []
                for el in item.sorted(by: { ($0.group, $0.element) < ($1.group, $1.element) }) { content += encode(el) }
                value += le16(0xFFFE) + le16(0xE000) + le32(UInt32(content.count)) + content
            }
        case .malformed(let b, let length):
            value = b
            declared = length
        case .encapsulated(let fragments):
            value = le16(0xFFFE) + le16(0xE000) + le32(0)
            for f in fragments {
                let padded = f.count % 2 == 1 ? f + [0] : f
                value += le16(0xFFFE) + le16(0xE000) + le32(UInt32(padded.count)) + padded
            }
            value += le16(0xFFFE) + le16(0xE0DD) + le32(0)
            declared = 0xFFFF_FFFF
        }
        var out = le16(e.group) + le16(e.element)
        let length = declared ?? UInt32(value.count)
        if e.group == 0xFFFE {
            out += le32(length)
        } else if ["OB", "OW", "SQ", "UN", "UT", "OF", "OD", "OL", "UC", "UR"].contains(e.vr) {
            out += Array(e.vr.utf8) + [0, 0] + le32(length)
        } else {
            out += Array(e.vr.utf8) + le16(UInt16(truncatingIfNeeded: length))
        }
        return out + value
    }
}

private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
private func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }

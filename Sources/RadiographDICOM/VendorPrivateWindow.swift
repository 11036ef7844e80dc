import RadiographCore

/// A display window a vendor keeps in private attributes instead of (or besides) Window
/// Center/Width.
///
/// Private elements are found through their Private Creator: the creator string sits in
/// `(gggg,00xx)` and reserves the block `(gggg,xx00-xxFF)`; the element offsets below are within
/// that block, so the lookup works whichever block a file used.
///
/// Which tags: the window-like private attributes that DCMTK 3.6.7's private dictionary
/// (`private.dic`, the public record of vendors' private tags shipped with Debian's DCMTK)
/// documents with a center/width or minimum/maximum meaning. None of them is a dental vendor's:
/// that dictionary lists no private window for intraoral or panoramic equipment, and no vendor
/// documentation was available to verify one, so no dental private tag is guessed (a wrong guess
/// would be a silently wrong display). The table is data: a verified entry is one line.
public struct VendorPrivateWindow: Sendable, Hashable {
    /// What the two values mean.
    public enum Values: Sendable, Hashable {
        case centerWidth
        case minimumMaximum
    }

    /// The Private Creator string, as stored (DCMTK's dictionary keeps the vendors' spacing).
    public let creator: String
    public let group: UInt16
    /// Element offsets within the creator's block: center and width, or minimum and maximum.
    public let first: UInt16
    public let second: UInt16
    public let values: Values
    /// Who writes it and for what, for `info` and the README.
    public let vendor: String

    public init(creator: String, group: UInt16, first: UInt16, second: UInt16, values: Values, vendor: String) {
        self.creator = creator
        self.group = group
        self.first = first
        self.second = second
        self.values = values
        self.vendor = vendor
    }

    /// The entries read, from DCMTK 3.6.7's `private.dic`.
    public static let known: [VendorPrivateWindow] = [
        VendorPrivateWindow(
            creator: "SIEMENS SMS-AX  VIEW 1.0", group: 0x0019, first: 0x1C, second: 0x1D, values: .centerWidth,
            vendor: "Siemens AX (angiography/fluoroscopy) AutoWindowCenter/AutoWindowWidth"),
        VendorPrivateWindow(
            creator: "GEMS_RELA_01", group: 0x0021, first: 0x84, second: 0x83, values: .centerWidth,
            vendor: "GE CT AutoWindowLevelLevel/AutoWindowLevelWindow"),
        VendorPrivateWindow(
            creator: "PHILIPS MR/LAST", group: 0x0029, first: 0x50, second: 0x60, values: .minimumMaximum,
            vendor: "Philips MR WindowMinimum/WindowMaximum"),
    ]

    /// The window this entry finds in `ds`, if the creator is there with two usable numbers.
    func window(in ds: DICOMDataSet) -> Window? {
        for slot in UInt16(0x10)...UInt16(0xFF) {
            guard let found = ds.string(DICOMTag(group, slot)) else { continue }
            guard trimmed(found) == trimmed(creator) else { continue }
            guard let a = number(ds, DICOMTag(group, slot << 8 | first)),
                let b = number(ds, DICOMTag(group, slot << 8 | second))
            else { return nil }
            // Minimum and maximum as the ends of a LINEAR window (as the auto-window places its ends).
            let (center, width) = values == .centerWidth ? (a, b) : ((a + b) / 2 + 0.5, b - a + 1)
            return try? Window(center: center, width: width, explanation: "PRIVATE \(trimmed(creator))")
        }
        return nil
    }

    private func number(_ ds: DICOMDataSet, _ tag: DICOMTag) -> Double? {
        guard let text = ds.strings([tag.packed])?.first, let v = Double(text), v.isFinite else { return nil }
        return v
    }

    /// The first known private window in `ds`.
    static func firstWindow(in ds: DICOMDataSet) -> Window? {
        for entry in known {
            if let w = entry.window(in: ds) { return w }
        }
        return nil
    }
}

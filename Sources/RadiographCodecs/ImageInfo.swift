/// What a file's header says, read without decoding its pixels (``ImageCodec/info(_:)``).
public struct ImageInfo: Sendable, Hashable {
    public var format: ImageFileFormat
    public var width: Int
    public var height: Int
    /// Bits per pixel of the decoded image: 8 (``AnyGrayImage/uint8(_:)``) or 16
    /// (``AnyGrayImage/uint16(_:)``).
    public var bitDepth: Int
    /// Bits per sample as stored: a PNG may store 1, 2 or 4 bits, which decode to 8; a JPEG reports
    /// its precision (8, or 12 for a file that is then unsupported).
    public var storedBitDepth: Int
    /// TIFF only: the file stores 0 as white (PhotometricInterpretation MINISWHITE). Decoding
    /// inverts such data, so decoded images are always 0 = black.
    public var storedMinIsWhite: Bool
    /// TIFF only: the pixel spacing from XResolution / YResolution, when the resolution unit is
    /// centimetres or inches.
    public var pixelSpacing: TIFFCodec.PixelSpacing?

    public init(
        format: ImageFileFormat, width: Int, height: Int, bitDepth: Int, storedBitDepth: Int,
        storedMinIsWhite: Bool = false, pixelSpacing: TIFFCodec.PixelSpacing? = nil
    ) {
        self.format = format
        self.width = width
        self.height = height
        self.bitDepth = bitDepth
        self.storedBitDepth = storedBitDepth
        self.storedMinIsWhite = storedMinIsWhite
        self.pixelSpacing = pixelSpacing
    }
}

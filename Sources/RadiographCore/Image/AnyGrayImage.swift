/// A ``GrayImage`` whose pixel type is known only at run time (a decoded file, say).
public enum AnyGrayImage: Sendable, Equatable {
    case uint8(GrayImage<UInt8>)
    case uint16(GrayImage<UInt16>)
    case int16(GrayImage<Int16>)

    public var width: Int {
        switch self {
        case .uint8(let i): i.width
        case .uint16(let i): i.width
        case .int16(let i): i.width
        }
    }

    public var height: Int {
        switch self {
        case .uint8(let i): i.height
        case .uint16(let i): i.height
        case .int16(let i): i.height
        }
    }

    public var format: PixelFormat {
        switch self {
        case .uint8: .uint8
        case .uint16: .uint16
        case .int16: .int16
        }
    }
}

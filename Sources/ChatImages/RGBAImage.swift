/// Decoded pixels: `width × height` of them, four bytes each (red, green, blue, alpha, not
/// premultiplied), row after row from the top.
public struct RGBAImage: Sendable, Hashable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `width * height * 4` bytes.
    public let pixels: [UInt8]

    /// Creates an image; nil when `pixels` is not `width * height * 4` bytes or a side is not positive.
    public init?(width: Int, height: Int, pixels: [UInt8]) {
        guard width > 0, height > 0, pixels.count == width * height * 4 else { return nil }
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}

/// What an image may cost before chatterm refuses to decode it, so a hostile or huge file cannot
/// exhaust memory. Decoding takes 8 bytes a pixel at its peak (the decoder's buffer and the
/// ``RGBAImage`` copied from it), so the default 32 megapixels cost up to 256 MB for a moment
/// and 128 MB while the pixels are kept.
public struct ImageLimits: Sendable, Hashable {
    /// Most pixels (width × height).
    public var maxPixels: Int
    /// Widest or tallest side, in pixels.
    public var maxSide: Int
    /// Largest file (or data) in bytes.
    public var maxBytes: Int

    /// Creates limits.
    public init(maxPixels: Int = 32_000_000, maxSide: Int = 16_384, maxBytes: Int = 64 << 20) {
        self.maxPixels = maxPixels
        self.maxSide = maxSide
        self.maxBytes = maxBytes
    }

    /// The defaults: 32 megapixels, 16,384 pixels a side, 64 MB.
    public static let standard = ImageLimits()

    /// Throws ``ImageError/tooLarge(width:height:bytes:)`` when an image of this size is over a limit.
    func check(width: Int, height: Int, bytes: Int) throws(ImageError) {
        let overSide = width > maxSide || height > maxSide
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        if overSide || overflow || pixels > maxPixels || bytes > maxBytes {
            throw .tooLarge(width: width, height: height, bytes: bytes)
        }
    }
}

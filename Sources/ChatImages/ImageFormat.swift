/// The kinds of image file chatterm reads, told apart by their first bytes (exports keep images
/// as `file-XXXX.dat`, so the extension says nothing).
public enum ImageFormat: String, Sendable, Hashable, CaseIterable {
    case png
    case jpeg
    case gif
    case bmp
    case webp

    /// How many leading bytes ``sniff(_:)`` needs to tell every format.
    public static let magicLength = 12

    /// The format whose magic bytes `bytes` starts with, or nil for none chatterm reads.
    public static func sniff(_ bytes: some Collection<UInt8>) -> ImageFormat? {
        let head = Array(bytes.prefix(magicLength))
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<offset + magic.count]) == magic
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("BM".utf8)) && head.count >= 6 { return .bmp }
        return nil
    }

    /// The format's usual name, as a person reads it ("PNG", "WebP").
    public var displayName: String {
        switch self {
        case .png: "PNG"
        case .jpeg: "JPEG"
        case .gif: "GIF"
        case .bmp: "BMP"
        case .webp: "WebP"
        }
    }
}

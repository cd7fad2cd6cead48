/// Why an image cannot be shown, said as a sentence fragment a status line can show as is.
public enum ImageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bytes are no image chatterm reads (another kind of file, or an animated WebP).
    case notAnImage
    /// The bytes start as an image but cannot be decoded (truncated or corrupt).
    case damaged
    /// The image is larger than the limits allow (``ImageLimits``): its pixel size, or its byte
    /// count when that was what tripped.
    case tooLarge(width: Int, height: Int, bytes: Int)
    /// The file could not be read (missing, no permission…), with the system's reason.
    case unreadable(String)

    public var description: String {
        switch self {
        case .notAnImage: "not an image chatterm can read"
        case .damaged: "the image is damaged"
        case .tooLarge(let width, let height, let bytes) where width > 0 && height > 0:
            "the image is too large to show (\(width)×\(height) pixels, \(Self.size(bytes)))"
        case .tooLarge(_, _, let bytes): "the image is too large to show (\(Self.size(bytes)))"
        case .unreadable(let reason): "the image cannot be read: \(reason)"
        }
    }

    private static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MB" : bytes >= 1 << 10 ? "\(bytes >> 10) KB" : "\(bytes) bytes"
    }
}

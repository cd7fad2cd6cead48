import CImageDecode
import Foundation

/// What an image's header says — its format and size — read without decoding it, so it is cheap
/// enough to ask for every attachment a pane shows (a few kilobytes read, no pixels).
public struct ImageInfo: Sendable, Hashable {
    /// The format, from the magic bytes.
    public var format: ImageFormat
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// Creates an info.
    public init(format: ImageFormat, width: Int, height: Int) {
        self.format = format
        self.width = width
        self.height = height
    }

    /// Width × height.
    public var pixelCount: Int { width * height }

    /// Reads the header at the start of `data`. Throws ``ImageError/notAnImage`` when the magic
    /// bytes are no format chatterm reads, ``ImageError/damaged`` when the header is cut short
    /// or wrong.
    public init(data: Data) throws(ImageError) {
        let parsed = data.withUnsafeBytes { Self.parse($0) }
        self = try parsed.get()
    }

    /// Reads the header of the file at `path`: its first 4 KB, and more only for a JPEG whose
    /// size comes after a large block (an EXIF thumbnail), up to the whole file (at most
    /// ``ImageLimits/maxBytes`` of the standard limits).
    public init(contentsOfFile path: String) throws(ImageError) {
        let most = ImageLimits.standard.maxBytes
        var count = 4096
        while true {
            let bytes = try ImageFile.readPrefix(path, upTo: count)
            let parsed = bytes.withUnsafeBytes { Self.parse($0) }
            switch parsed {
            case .success(let info):
                self = info
                return
            case .failure(.damaged) where bytes.count == count && count < most:
                count = min(count * 16, most)
            case .failure(let error):
                throw error
            }
        }
    }

    /// The header of the image at the start of `bytes`.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> Result<ImageInfo, ImageError> {
        guard let format = ImageFormat.sniff(bytes) else { return .failure(.notAnImage) }
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return .failure(.damaged) }
        var width: Int32 = 0
        var height: Int32 = 0
        switch format {
        case .webp:
            var features = WebPBitstreamFeatures()
            guard WebPGetFeatures(base, bytes.count, &features) == VP8_STATUS_OK else { return .failure(.damaged) }
            width = features.width
            height = features.height
        case .png, .jpeg, .gif, .bmp:
            guard bytes.count <= Int(Int32.max) else { return .failure(.damaged) }
            var components: Int32 = 0
            guard stbi_info_from_memory(base, Int32(bytes.count), &width, &height, &components) == 1 else {
                return .failure(.damaged)
            }
        }
        guard width > 0, height > 0 else { return .failure(.damaged) }
        return .success(ImageInfo(format: format, width: Int(width), height: Int(height)))
    }
}

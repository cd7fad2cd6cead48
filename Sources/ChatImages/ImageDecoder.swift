import CImageDecode
import Foundation

/// Decodes PNG, JPEG, GIF (its first frame) and BMP with stb_image and WebP with libwebp into
/// ``RGBAImage`` pixels. An image over its ``ImageLimits`` is refused from what its header says,
/// before any pixel is allocated.
public enum ImageDecoder {
    /// The pixels of the image file at `path`. Throws ``ImageError``: `.notAnImage`, `.damaged`,
    /// `.tooLarge` (the file or the pixel size the header states), `.unreadable`.
    public static func decode(contentsOfFile path: String, limits: ImageLimits = .standard) throws(ImageError)
        -> RGBAImage
    {
        let identity = try FileIdentity(path: path)
        if identity.size > limits.maxBytes {
            guard ImageFormat.sniff(try ImageFile.readPrefix(path, upTo: ImageFormat.magicLength)) != nil else {
                throw .notAnImage
            }
            // Say the pixel size too when the header can be read.
            let info = try? ImageInfo(contentsOfFile: path)
            throw .tooLarge(width: info?.width ?? 0, height: info?.height ?? 0, bytes: identity.size)
        }
        let bytes = try ImageFile.readPrefix(path, upTo: identity.size)
        return try bytes.withUnsafeBytes { buffer in
            Result { () throws(ImageError) in try decode(buffer, limits: limits) }
        }
        .get()
    }

    /// The pixels of the image in `data` (see ``decode(contentsOfFile:limits:)``).
    public static func decode(_ data: Data, limits: ImageLimits = .standard) throws(ImageError) -> RGBAImage {
        try data.withUnsafeBytes { buffer in Result { () throws(ImageError) in try decode(buffer, limits: limits) } }
            .get()
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, limits: ImageLimits) throws(ImageError) -> RGBAImage {
        let info = try ImageInfo.parse(bytes).get()
        try limits.check(width: info.width, height: info.height, bytes: bytes.count)
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { throw .damaged }
        switch info.format {
        case .webp: return try decodeWebP(base, count: bytes.count)
        case .png, .jpeg, .gif, .bmp: return try decodeSTB(base, count: bytes.count)
        }
    }

    private static func decodeWebP(_ base: UnsafePointer<UInt8>, count: Int) throws(ImageError) -> RGBAImage {
        var features = WebPBitstreamFeatures()
        guard WebPGetFeatures(base, count, &features) == VP8_STATUS_OK else { throw .damaged }
        guard features.has_animation == 0 else { throw .notAnImage }
        var width: Int32 = 0
        var height: Int32 = 0
        guard let pixels = WebPDecodeRGBA(base, count, &width, &height) else { throw .damaged }
        defer { WebPFree(pixels) }
        return try image(pixels, width: width, height: height)
    }

    private static func decodeSTB(_ base: UnsafePointer<UInt8>, count: Int) throws(ImageError) -> RGBAImage {
        guard count <= Int(Int32.max) else { throw .damaged }
        var width: Int32 = 0
        var height: Int32 = 0
        var components: Int32 = 0
        guard let pixels = stbi_load_from_memory(base, Int32(count), &width, &height, &components, 4) else {
            throw .damaged
        }
        defer { stbi_image_free(pixels) }
        return try image(pixels, width: width, height: height)
    }

    private static func image(_ pixels: UnsafePointer<UInt8>, width: Int32, height: Int32) throws(ImageError)
        -> RGBAImage
    {
        let count = Int(width) * Int(height) * 4
        guard
            let image = RGBAImage(
                width: Int(width), height: Int(height), pixels: Array(UnsafeBufferPointer(start: pixels, count: count)))
        else { throw .damaged }
        return image
    }
}

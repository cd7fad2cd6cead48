import CImageDecode
import Foundation

@testable import ChatImages

/// Images the tests make and write with the libraries' own encoders (stb_image_write for PNG,
/// JPEG and BMP, libwebp for WebP) and a small GIF writer of ours, into a folder of their own.
struct TestImages {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("chatimages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// `width × height` pixels, the left half `left` and the right half `right`, opaque.
    static func split(width: Int, height: Int, left: (UInt8, UInt8, UInt8), right: (UInt8, UInt8, UInt8))
        -> RGBAImage
    {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(width * height * 4)
        for _ in 0..<height {
            for x in 0..<width {
                let c = x < width / 2 ? left : right
                pixels += [c.0, c.1, c.2, 255]
            }
        }
        return RGBAImage(width: width, height: height, pixels: pixels)!
    }

    /// Writes `image` in `format` to `name`, returning the path.
    @discardableResult
    func write(_ image: RGBAImage, as format: ImageFormat, to name: String) throws -> String {
        let path = path(name)
        let ok: Bool =
            switch format {
            case .png:
                stbi_write_png(path, Int32(image.width), Int32(image.height), 4, image.pixels, Int32(image.width * 4))
                    != 0
            case .jpeg: stbi_write_jpg(path, Int32(image.width), Int32(image.height), 4, image.pixels, 90) != 0
            case .bmp: stbi_write_bmp(path, Int32(image.width), Int32(image.height), 4, image.pixels) != 0
            case .webp: FileManager.default.createFile(atPath: path, contents: Self.webp(image))
            case .gif: FileManager.default.createFile(atPath: path, contents: Data(Self.gif(image)))
            }
        if !ok { throw CocoaError(.fileWriteUnknown) }
        return path
    }

    /// `image` as a lossless WebP (its pixels come back exactly).
    static func webp(_ image: RGBAImage) -> Data {
        var output: UnsafeMutablePointer<UInt8>?
        let size = WebPEncodeLosslessRGBA(
            image.pixels, Int32(image.width), Int32(image.height), Int32(image.width * 4), &output)
        defer { WebPFree(output) }
        return Data(bytes: output!, count: size)
    }

    /// `image` as a GIF of up to four colours (those of its pixels, in order of appearance),
    /// its LZW data written with a clear code every two pixels so codes stay 3 bits wide.
    static func gif(_ image: RGBAImage) -> [UInt8] {
        var palette: [[UInt8]] = []
        var indices: [Int] = []
        for i in stride(from: 0, to: image.pixels.count, by: 4) {
            let rgb = Array(image.pixels[i..<i + 3])
            if let known = palette.firstIndex(of: rgb) {
                indices.append(known)
            } else {
                precondition(palette.count < 4, "at most four colours")
                palette.append(rgb)
                indices.append(palette.count - 1)
            }
        }
        while palette.count < 4 { palette.append([0, 0, 0]) }
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
        var out = Array("GIF89a".utf8) + le16(image.width) + le16(image.height) + [0x91, 0, 0]
        out += palette.flatMap { $0 }
        out += [0x2C] + le16(0) + le16(0) + le16(image.width) + le16(image.height) + [0]
        // Codes: 4 clears, 5 ends; each 3 bits, least significant bit first.
        var codes: [Int] = []
        for start in stride(from: 0, to: indices.count, by: 2) {
            codes.append(4)
            codes += indices[start..<min(start + 2, indices.count)]
        }
        codes.append(5)
        var data: [UInt8] = []
        var bits = 0
        var count = 0
        for code in codes {
            bits |= code << count
            count += 3
            while count >= 8 {
                data.append(UInt8(bits & 0xFF))
                bits >>= 8
                count -= 8
            }
        }
        if count > 0 { data.append(UInt8(bits & 0xFF)) }
        out.append(2)
        for start in stride(from: 0, to: data.count, by: 255) {
            let block = data[start..<min(start + 255, data.count)]
            out.append(UInt8(block.count))
            out += block
        }
        out += [0, 0x3B]
        return out
    }
}

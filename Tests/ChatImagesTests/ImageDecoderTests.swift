import Foundation
import Testing

@testable import ChatImages

/// Files decode to their pixels; a damaged one, a non-image and one over the limits are refused
/// with a sentence, before anything large is allocated.
@Suite struct ImageDecoderTests {
    @Test(arguments: [ImageFormat.png, .webp, .gif, .bmp])
    func losslessFormatsGiveTheirPixelsBack(format: ImageFormat) throws {
        let images = try TestImages()
        defer { images.remove() }
        let image = TestImages.split(width: 9, height: 5, left: (255, 0, 0), right: (0, 0, 255))
        let path = try images.write(image, as: format, to: "file-\(format.rawValue).dat")
        #expect(try ImageDecoder.decode(contentsOfFile: path) == image, "\(format)")
        #expect(try ImageDecoder.decode(Data(contentsOf: URL(fileURLWithPath: path))) == image)
    }

    @Test func aJPEGDecodesCloseToItsPixels() throws {
        let images = try TestImages()
        defer { images.remove() }
        let image = TestImages.split(width: 64, height: 32, left: (255, 0, 0), right: (0, 0, 255))
        let decoded = try ImageDecoder.decode(contentsOfFile: try images.write(image, as: .jpeg, to: "a.jpg"))
        #expect(decoded.width == 64 && decoded.height == 32)
        let leftPixel = Array(decoded.pixels[(16 * 64 + 4) * 4..<(16 * 64 + 4) * 4 + 3])
        #expect(leftPixel[0] > 200 && leftPixel[2] < 60, "\(leftPixel)")
    }

    @Test(arguments: [ImageFormat.png, .webp, .gif, .jpeg])
    func aTruncatedFileIsDamaged(format: ImageFormat) throws {
        let images = try TestImages()
        defer { images.remove() }
        var pixels: [UInt8] = []
        for i in 0..<(48 * 48) { pixels += [UInt8(i % 251), UInt8(i * 7 % 253), UInt8(i * 13 % 255), 255] }
        let noisy = RGBAImage(width: 48, height: 48, pixels: pixels)!
        let image = format == .gif ? TestImages.split(width: 48, height: 48, left: (1, 1, 1), right: (2, 2, 2)) : noisy
        let path = try images.write(image, as: format, to: "whole")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        // stb_image shows what arrived of a JPEG or GIF cut inside its pixel data (as browsers
        // do), so those two are cut before it: inside the JPEG's tables, the GIF's palette.
        let cut =
            switch format {
            case .jpeg: bytes.prefix(200)
            case .gif: bytes.prefix(20)
            default: bytes.prefix(bytes.count / 2)
            }
        let cutPath = images.path("file-cut.dat")
        try cut.write(to: URL(fileURLWithPath: cutPath))
        #expect(throws: ImageError.damaged) { _ = try ImageDecoder.decode(contentsOfFile: cutPath) }
    }

    @Test func garbageAfterGoodMagicIsDamaged() throws {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        bytes += (0..<400).map { UInt8($0 * 31 % 256) }
        #expect(throws: ImageError.damaged) { _ = try ImageDecoder.decode(Data(bytes)) }
        #expect(throws: ImageError.notAnImage) { _ = try ImageDecoder.decode(Data("just text".utf8)) }
    }

    @Test func anImageOverTheLimitsIsRefused() throws {
        let images = try TestImages()
        defer { images.remove() }
        let image = TestImages.split(width: 40, height: 30, left: (0, 0, 0), right: (255, 255, 255))
        let path = try images.write(image, as: .png, to: "big.png")
        let small = ImageLimits(maxPixels: 1000)
        #expect(throws: ImageError.self) { _ = try ImageDecoder.decode(contentsOfFile: path, limits: small) }
        do {
            _ = try ImageDecoder.decode(contentsOfFile: path, limits: small)
        } catch {
            guard case .tooLarge(40, 30, _) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(error.description.hasPrefix("the image is too large to show (40×30 pixels, "))
        }
        #expect(throws: ImageError.self) {
            _ = try ImageDecoder.decode(contentsOfFile: path, limits: ImageLimits(maxSide: 39))
        }
        #expect(throws: ImageError.self) {
            _ = try ImageDecoder.decode(contentsOfFile: path, limits: ImageLimits(maxBytes: 10))
        }
        #expect(try ImageDecoder.decode(contentsOfFile: path, limits: ImageLimits(maxPixels: 1200)) == image)
    }

    @Test func aHeaderClaimingAHugeImageIsRefusedBeforeDecoding() {
        // A PNG whose header says 20000 × 10000 (800 MB of pixels) and has no pixel data.
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        bytes += Array("IHDR".utf8)
        bytes += [0, 0, 0x4E, 0x20, 0, 0, 0x27, 0x10, 8, 6, 0, 0, 0, 0, 0, 0, 0]
        #expect(throws: ImageError.tooLarge(width: 20000, height: 10000, bytes: bytes.count)) {
            _ = try ImageDecoder.decode(Data(bytes))
        }
        #expect(throws: Never.self) { try ImageInfo(data: Data(bytes)) }
    }

    @Test func aFileOverTheByteLimitThatIsNoImageSaysSo() throws {
        let images = try TestImages()
        defer { images.remove() }
        let path = images.path("big.bin")
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        #expect(throws: ImageError.notAnImage) {
            _ = try ImageDecoder.decode(contentsOfFile: path, limits: ImageLimits(maxBytes: 100))
        }
    }
}

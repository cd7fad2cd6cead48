import Foundation
import Testing

@testable import ChatImages

/// The header alone gives an image's format (from its magic bytes, whatever the file is called)
/// and size; anything else is said in words.
@Suite struct ImageInfoTests {
    @Test(arguments: ImageFormat.allCases)
    func theHeaderGivesFormatAndSize(format: ImageFormat) throws {
        let images = try TestImages()
        defer { images.remove() }
        let image = TestImages.split(width: 37, height: 21, left: (255, 0, 0), right: (0, 0, 255))
        let path = try images.write(image, as: format, to: "image.\(format.rawValue)")
        let info = try ImageInfo(contentsOfFile: path)
        #expect(info == ImageInfo(format: format, width: 37, height: 21))
        #expect(try ImageInfo(data: Data(contentsOf: URL(fileURLWithPath: path))) == info)
    }

    @Test func anExportsDatFileIsToldByItsBytes() throws {
        let images = try TestImages()
        defer { images.remove() }
        let image = TestImages.split(width: 64, height: 48, left: (1, 2, 3), right: (4, 5, 6))
        let webp = try images.write(image, as: .webp, to: "file-AbC123XyZ.dat")
        #expect(try ImageInfo(contentsOfFile: webp) == ImageInfo(format: .webp, width: 64, height: 48))
        let png = try images.write(image, as: .png, to: "file-Q9.jpg")  // a name that lies
        #expect(try ImageInfo(contentsOfFile: png).format == .png)
    }

    @Test func aFileThatIsNoImageSaysSo() throws {
        let images = try TestImages()
        defer { images.remove() }
        let path = images.path("notes.png")
        try Data("hello, this is text and no image at all".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ImageError.notAnImage) { try ImageInfo(contentsOfFile: path) }
        #expect(ImageError.notAnImage.description == "not an image chatterm can read")
        #expect(throws: ImageError.notAnImage) { try ImageInfo(data: Data()) }
        let pdf = Data("%PDF-1.7\n".utf8)
        #expect(throws: ImageError.notAnImage) { try ImageInfo(data: pdf) }
    }

    @Test func aHeaderCutShortIsDamaged() throws {
        let image = TestImages.split(width: 10, height: 10, left: (0, 0, 0), right: (9, 9, 9))
        let images = try TestImages()
        defer { images.remove() }
        for format in [ImageFormat.png, .webp, .gif, .jpeg] {
            let path = try images.write(image, as: format, to: "cut.\(format.rawValue)")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            // Cut inside the part that says the size (a GIF's is in its first 10 bytes).
            let cut = bytes.prefix(format == .gif ? 8 : 14)
            #expect(throws: ImageError.damaged, "\(format)") { try ImageInfo(data: cut) }
        }
        #expect(ImageError.damaged.description == "the image is damaged")
    }

    @Test func aMissingFileIsUnreadable() {
        #expect {
            try ImageInfo(contentsOfFile: "/nonexistent/chatterm/image.png")
        } throws: { error in
            (error as? ImageError)?.description == "the image cannot be read: No such file or directory"
        }
    }

    @Test func magicBytesNameTheFormat() {
        #expect(ImageFormat.sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]) == .png)
        #expect(ImageFormat.sniff([0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(ImageFormat.sniff(Array("GIF87a..".utf8)) == .gif)
        #expect(ImageFormat.sniff(Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)) == .webp)
        #expect(ImageFormat.sniff(Array("RIFF\u{0}\u{0}\u{0}\u{0}WAVEfmt ".utf8)) == nil)
        #expect(ImageFormat.sniff(Array("BM\u{0}\u{0}\u{0}\u{0}".utf8)) == .bmp)
        #expect(ImageFormat.sniff(Array("PK\u{3}\u{4}".utf8)) == nil)
        #expect(ImageFormat.sniff([UInt8]()) == nil)
    }
}

import Foundation
import Testing

@testable import ChatImages

/// Drawing a frame again finds the preview made for the last one; a file rewritten is read again.
@Suite struct ImagePreviewCacheTests {
    @Test func aSecondLookupIsAHitAndARewriteIsAMiss() throws {
        let images = try TestImages()
        defer { images.remove() }
        let cache = ImagePreviewCache(capacity: 4)
        let redBlue = TestImages.split(width: 40, height: 20, left: (255, 0, 0), right: (0, 0, 255))
        let path = try images.write(redBlue, as: .webp, to: "file-1.dat")
        let first = try cache.preview(contentsOfFile: path, columns: 20, rows: 5, colors: .truecolor)
        #expect(try cache.preview(contentsOfFile: path, columns: 20, rows: 5, colors: .truecolor) == first)
        #expect(cache.statistics == (1, 1))
        #expect(first == ImagePreview.render(redBlue, columns: 20, rows: 5, colors: .truecolor))

        // Another box is another preview (of the image kept from the first).
        let smaller = try cache.preview(contentsOfFile: path, columns: 10, rows: 5, colors: .truecolor)
        #expect(smaller.columns == 10 && cache.statistics == (1, 2))

        // The file rewritten, larger: its identity changes, so it is decoded again.
        let green = TestImages.split(width: 80, height: 20, left: (0, 255, 0), right: (0, 255, 0))
        try images.write(green, as: .png, to: "file-1.dat")
        let again = try cache.preview(contentsOfFile: path, columns: 20, rows: 5, colors: .truecolor)
        #expect(again == ImagePreview.render(green, columns: 20, rows: 5, colors: .truecolor))
        #expect(cache.statistics == (1, 3))
    }

    @Test func failuresAreKeptToo() throws {
        let images = try TestImages()
        defer { images.remove() }
        let cache = ImagePreviewCache(capacity: 4)
        let path = images.path("file-2.dat")
        try Data("not an image".utf8).write(to: URL(fileURLWithPath: path))
        for _ in 0..<3 {
            #expect(throws: ImageError.notAnImage) {
                try cache.preview(contentsOfFile: path, columns: 20, rows: 5, colors: .ansi16)
            }
            #expect(throws: ImageError.notAnImage) { try cache.info(contentsOfFile: path) }
        }
        #expect(cache.statistics == (4, 2))
        #expect(throws: ImageError.self) {
            try cache.preview(contentsOfFile: images.path("missing"), columns: 20, rows: 5, colors: .ansi16)
        }
    }

    @Test func theLeastRecentlyUsedGoesFirst() throws {
        let images = try TestImages()
        defer { images.remove() }
        let cache = ImagePreviewCache(capacity: 2)
        let image = TestImages.split(width: 8, height: 8, left: (1, 1, 1), right: (2, 2, 2))
        let paths = try (0..<3).map { try images.write(image, as: .png, to: "f\($0).png") }
        for path in paths { _ = try cache.info(contentsOfFile: path) }
        _ = try cache.info(contentsOfFile: paths[2])
        _ = try cache.info(contentsOfFile: paths[1])
        #expect(cache.statistics == (2, 3))
        _ = try cache.info(contentsOfFile: paths[0])
        #expect(cache.statistics == (2, 4), "the first was dropped")
    }
}

import CImageDecode
import ChatImages
import Foundation

// chatterm-bench images [--runs N]: image previews (ChatImages). A 1024×1024 picture (smooth
// gradients, a disc and fine stripes) is written as a lossy WebP (as ChatGPT's generated images
// are), a PNG and a JPEG; then: the header info of each file (µs), decoding the WebP, the
// preview of the decoded pixels at 60×12 cells, both together (ms p50/p99 of N runs, default
// 50), a cache hit, and the large view's kitty and sixel sequences at 120×40 cells.

/// A `width × height` picture with structure for the encoders and chafa to work on.
private func benchPicture(width: Int, height: Int) -> [UInt8] {
    var pixels = [UInt8](repeating: 255, count: width * height * 4)
    for y in 0..<height {
        for x in 0..<width {
            let i = (y * width + x) * 4
            let dx = x - width / 2
            let dy = y - height / 2
            let inDisc = dx * dx + dy * dy < (width / 4) * (width / 4)
            let stripe = (x / 3 + y / 5) % 2 == 0
            pixels[i] = UInt8(inDisc ? 230 : x * 255 / width)
            pixels[i + 1] = UInt8(inDisc ? (stripe ? 40 : 90) : y * 255 / height)
            pixels[i + 2] = UInt8((x + y) * 255 / (width + height))
        }
    }
    return pixels
}

private func percentile(_ samples: [Double], _ p: Int) -> Double {
    let sorted = samples.sorted()
    return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, sorted.count * p / 100)]
}

private func us(_ seconds: Double) -> String { String(format: "%.1f µs", seconds * 1e6) }

func runImagesBench(_ args: [String]) {
    var runs = 50
    if let i = args.firstIndex(of: "--runs"), i + 1 < args.count, let n = Int(args[i + 1]) { runs = max(1, n) }
    let side = 1024
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chatterm-images-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let pixels = benchPicture(width: side, height: side)
    var encoded: UnsafeMutablePointer<UInt8>?
    let webpSize = WebPEncodeRGBA(pixels, Int32(side), Int32(side), Int32(side * 4), 80, &encoded)
    let webp = dir.appendingPathComponent("file-WebP.dat").path
    _ = FileManager.default.createFile(atPath: webp, contents: Data(bytes: encoded!, count: webpSize))
    WebPFree(encoded)
    let png = dir.appendingPathComponent("file-PNG.dat").path
    let jpeg = dir.appendingPathComponent("file-JPEG.dat").path
    _ = stbi_write_png(png, Int32(side), Int32(side), 4, pixels, Int32(side * 4))
    _ = stbi_write_jpg(jpeg, Int32(side), Int32(side), 4, pixels, 85)

    for (name, path) in [("WebP", webp), ("PNG", png), ("JPEG", jpeg)] {
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        var samples: [Double] = []
        for _ in 0..<2000 { samples.append(time { try? ImageInfo(contentsOfFile: path) }.1) }
        print(
            "images: header info, \(name) \(side)×\(side) (\(bytes / 1024) KB): \(us(percentile(samples, 50))) p50, "
                + "\(us(percentile(samples, 99))) p99")
    }

    var decode: [Double] = []
    var preview: [Double] = []
    var both: [Double] = []
    guard let image = try? ImageDecoder.decode(contentsOfFile: webp) else {
        print("images: the WebP did not decode")
        return
    }
    for _ in 0..<runs {
        decode.append(time { try? ImageDecoder.decode(contentsOfFile: webp) }.1)
        preview.append(time { ImagePreview.render(image, columns: 60, rows: 12, colors: .truecolor) }.1)
        both.append(
            time {
                (try? ImageDecoder.decode(contentsOfFile: webp)).map {
                    ImagePreview.render($0, columns: 60, rows: 12, colors: .truecolor)
                }
            }.1)
    }
    func line(_ label: String, _ samples: [Double]) {
        print("images: \(label): \(ms(percentile(samples, 50))) p50, \(ms(percentile(samples, 99))) p99 (\(runs) runs)")
    }
    line("decode WebP \(side)×\(side)", decode)
    line("preview 60×12 truecolor of the decoded pixels", preview)
    line("decode + preview 60×12", both)
    for colors in [ImageColors.palette256, .ansi16, .monochrome] {
        let samples = (0..<runs).map { _ in
            time { ImagePreview.render(image, columns: 60, rows: 12, colors: colors) }.1
        }
        line("preview 60×12 \(colors.rawValue)", samples)
    }
    for (name, path) in [("PNG", png), ("JPEG", jpeg)] {
        let samples = (0..<max(1, runs / 5)).map { _ in time { try? ImageDecoder.decode(contentsOfFile: path) }.1 }
        print("images: decode \(name) \(side)×\(side): \(ms(percentile(samples, 50))) p50")
    }

    let cache = ImagePreviewCache(capacity: 8)
    let (_, miss) = time { try? cache.preview(contentsOfFile: webp, columns: 60, rows: 12, colors: .truecolor) }
    var hits: [Double] = []
    for _ in 0..<10_000 {
        hits.append(time { try? cache.preview(contentsOfFile: webp, columns: 60, rows: 12, colors: .truecolor) }.1)
    }
    var infoHits: [Double] = []
    for _ in 0..<10_000 { infoHits.append(time { try? cache.info(contentsOfFile: webp) }.1) }
    print(
        "images: cache: first preview \(ms(miss)), hit \(us(percentile(hits, 50))) p50 / \(us(percentile(hits, 99))) p99, "
            + "info hit \(us(percentile(infoHits, 50))) p50")

    for graphics in [GraphicsProtocol.kitty, .sixel] {
        var output = 0
        let samples = (0..<max(1, runs / 5)).map { _ in
            time {
                if case .graphics(let g) = LargeImage.render(
                    image, columns: 120, rows: 40, graphicsProtocol: graphics, colors: .truecolor)
                {
                    output = g.escapes.utf8.count
                }
            }.1
        }
        print(
            "images: large view \(graphics.rawValue) 120×40 cells (10×20 px): \(ms(percentile(samples, 50))) p50, "
                + "\(output / 1024) KB of escapes")
    }
}

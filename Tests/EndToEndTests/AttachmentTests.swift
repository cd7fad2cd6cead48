import ChatTestSupport
import Foundation
import Testing

/// A person imports an export whose prompts carry images, opens the conversation and sees them:
/// each file a line with its name, type, size and pixel size, a generated image with its prompt,
/// `o` listing them, and `export --with-assets` copying them beside the Markdown.
@Suite(
    .serialized, .timeLimit(.minutes(3)),
    .enabled(if: E2EFixture.canRun, "needs tmux and a built .build/debug/chatterm"))
struct AttachmentEndToEndTests {
    /// A real 40×30 PNG: red on the left half, blue on the right.
    static let png = TestPNG.make(width: 40, height: 30) { x, _ in x < 20 ? (230, 20, 20) : (20, 40, 230) }

    /// A 2026-shaped export: no `children`, a `.dat` upload, a DALL·E image, one file left out.
    static func export() throws -> Data {
        let json = #"""
            [{"id": "pics-1", "title": "Pictures", "create_time": 1700000000, "update_time": 1700000100,
              "current_node": "a2", "default_model_slug": "gpt-4o", "mapping": {
              "root": {"id": "root", "message": null, "parent": null},
              "u1": {"id": "u1", "parent": "root", "message": {"id": "u1", "author": {"role": "user"},
                "create_time": 1700000000, "content": {"content_type": "multimodal_text", "parts": [
                  {"content_type": "image_asset_pointer", "asset_pointer": "sediment://file_00cat",
                   "width": 640, "height": 480},
                  {"content_type": "image_asset_pointer", "asset_pointer": "sediment://file_00gone"},
                  "what is this?"]}, "metadata": {}}},
              "a1": {"id": "a1", "parent": "u1", "message": {"id": "a1", "author": {"role": "assistant"},
                "create_time": 1700000010, "content": {"content_type": "text", "parts": ["A cat on a sofa."]},
                "metadata": {}}},
              "u2": {"id": "u2", "parent": "a1", "message": {"id": "u2", "author": {"role": "user"},
                "create_time": 1700000020, "content": {"content_type": "text", "parts": ["draw one"]},
                "metadata": {}}},
              "t1": {"id": "t1", "parent": "u2", "message": {"id": "t1",
                "author": {"role": "tool", "name": "dalle.text2im"}, "create_time": 1700000030,
                "content": {"content_type": "multimodal_text", "parts": [
                  {"content_type": "image_asset_pointer", "asset_pointer": "file-service://file-Gen7",
                   "width": 1024, "height": 1024, "metadata": {"dalle": {"prompt": "a cat asleep on a red sofa"}}}]},
                "metadata": {}}},
              "a2": {"id": "a2", "parent": "t1", "message": {"id": "a2", "author": {"role": "assistant"},
                "create_time": 1700000040, "content": {"content_type": "text", "parts": ["Here it is."]},
                "metadata": {}}}
            }}]
            """#
        return StoredZip.make([
            ("conversations-000.json", Data(json.utf8)),
            ("file_00cat.dat", png),
            ("file-Gen7.dat", TestPNG.make(width: 32, height: 32) { _, y in y < 16 ? (20, 200, 20) : (250, 250, 250) }),
            (
                "conversation_asset_file_names.json",
                Data(
                    #"{"file_00cat.dat": "cat on the sofa.png", "file-Gen7.dat": "dalle-generations/5e1c7d7e-0d7e-4a4e-9a43-6c0d2b1f0a11.webp"}"#
                        .utf8)
            ),
        ])
    }

    /// The background colour of each cell of a captured line, left to right (nil: the
    /// terminal's default): the colour each `ESC [ … m` leaves set, for every character after it.
    static func cellBackgrounds(_ line: String) -> [(r: Int, g: Int, b: Int)?] {
        var cells: [(r: Int, g: Int, b: Int)?] = []
        var current: (r: Int, g: Int, b: Int)?
        var rest = Substring(line)
        while let first = rest.first {
            if first == "\u{1B}", let match = rest.prefixMatch(of: /\u{1B}\[([0-9;]*)m/) {
                let codes = match.output.1.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
                var i = 0
                while i < codes.count {
                    switch codes[i] {
                    case 0, 49: current = nil
                    case 48 where i + 2 < codes.count && codes[i + 1] == 5:
                        current = palette(codes[i + 2])
                        i += 2
                    case 48 where i + 4 < codes.count && codes[i + 1] == 2:
                        current = (codes[i + 2], codes[i + 3], codes[i + 4])
                        i += 4
                    case 38 where i + 1 < codes.count:
                        i += codes[i + 1] == 5 ? 2 : 4
                    default: break
                    }
                    i += 1
                }
                rest = rest[match.range.upperBound...]
            } else {
                cells.append(current)
                rest = rest.dropFirst()
            }
        }
        return cells
    }

    /// An xterm palette entry's colour (the 6×6×6 cube and the grey ramp; the first 16 roughly).
    static func palette(_ n: Int) -> (r: Int, g: Int, b: Int) {
        let basic: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
            (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        if n < 16 { return basic[n] }
        if n >= 232 {
            let v = 8 + (n - 232) * 10
            return (v, v, v)
        }
        let steps = [0, 95, 135, 175, 215, 255]
        let c = n - 16
        return (steps[c / 36], steps[c / 6 % 6], steps[c % 6])
    }

    @Test func vShowsTheImageLargeInSymbolsAndEscClosesIt() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let zip = fixture.home.appendingPathComponent("export.zip")
        try Self.export().write(to: zip)
        let imported = try fixture.run(["import", zip.path])
        #expect(imported.status == 0, "\(imported.stderr)")

        let tui = try fixture.browse(cols: 100, rows: 40, extra: "--open pics-1", environment: ["NO_COLOR": ""])
        defer { tui.close() }
        _ = try tui.settle()
        try tui.press(.top, in: .messages)
        try tui.press(.viewImage, in: .messages)
        var screen = try tui.settle()
        #expect(screen.contains("┌ cat on the sofa.png · 1/1 · 40×30 "), "screen:\n\(screen)")
        #expect(!screen.contains("what is this?"), "the window covers the pane:\n\(screen)")

        // Inside tmux only symbols: rows of them, red on the left half and blue on the right.
        let styled = try tui.tmux("capture-pane", "-p", "-e", "-t", "t").split(separator: "\n").map(String.init)
        let middle = Self.cellBackgrounds(styled[18])
        let isRed = { (c: (r: Int, g: Int, b: Int)?) in (c?.r ?? 0) > 150 && (c?.b ?? 255) < 100 }
        let isBlue = { (c: (r: Int, g: Int, b: Int)?) in (c?.b ?? 0) > 150 && (c?.r ?? 255) < 100 }
        let reds = middle.filter(isRed).count
        let blues = middle.filter(isBlue).count
        #expect(reds >= 40 && blues >= 40, "a large image: \(reds) red and \(blues) blue cells in \(styled[18])")
        let firstRed = try #require(middle.firstIndex(where: isRed))
        let firstBlue = try #require(middle.firstIndex(where: isBlue))
        #expect(firstRed < firstBlue)
        let tall = styled.filter { line in Self.cellBackgrounds(line).contains(where: isRed) }.count
        #expect(tall >= 30, "the image is \(tall) rows high")
        #expect(!styled.joined().contains("\u{1B}_G") && !styled.joined().contains("\u{1B}P"), "no pixels in tmux")

        // A prompt with no image the archive holds says so.
        try tui.press(.cancel, in: .global)
        screen = try tui.settle()
        #expect(!screen.contains("· 1/1 · 40×30"), "screen:\n\(screen)")
        #expect(screen.contains("what is this?"), "screen:\n\(screen)")
        try tui.press(.selectNext, in: .messages)
        try tui.press(.viewImage, in: .messages)
        screen = try tui.settle()
        #expect(screen.contains("This message has no image to view"), "screen:\n\(screen)")
        try tui.press(.forceQuit, in: .messages)
        try tui.waitForExit()
    }

    @Test func importedImagesAreShownListedAndExported() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let zip = fixture.home.appendingPathComponent("export.zip")
        try Self.export().write(to: zip)
        let imported = try fixture.run(["import", zip.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("2 attachments found: 2 stored — "), "\(imported.stdout)")
        #expect(
            imported.stdout.contains(
                "1 attachment the conversations point at is not in the export (shown as missing)"),
            "\(imported.stdout)")

        // In colour, whatever the test run's NO_COLOR says (an empty one is not set).
        let tui = try fixture.browse(cols: 100, rows: 50, extra: "--open pics-1", environment: ["NO_COLOR": ""])
        defer { tui.close() }
        var screen = try tui.settle()
        let tenths = (Self.png.count + 50) / 100
        let size = "\(tenths / 10).\(tenths % 10) kB"
        #expect(screen.contains("📷 cat on the sofa.png · PNG image · \(size) · 40×30"), "screen:\n\(screen)")
        #expect(screen.contains("📷 Image file_00gone — not in the archive"), "screen:\n\(screen)")
        #expect(screen.contains("🎨 Generated image · PNG image · "), "screen:\n\(screen)")
        #expect(screen.contains(" · 32×32"), "screen:\n\(screen)")
        #expect(screen.contains("“a cat asleep on a red sofa”"), "screen:\n\(screen)")
        #expect(!screen.contains("[image"), "screen:\n\(screen)")

        // The image is drawn under its line in colour: red cells on the left, blue on the right.
        let styled = try tui.tmux("capture-pane", "-p", "-e", "-t", "t").split(separator: "\n").map(String.init)
        let imageLine = try #require(styled.firstIndex { $0.contains("cat on the sofa.png") })
        let colours = Self.cellBackgrounds(styled[imageLine + 2]).compactMap { $0 }
        #expect(colours.contains { $0.r > 150 && $0.b < 100 }, "a red cell in \(colours)")
        #expect(colours.contains { $0.b > 150 && $0.r < 100 }, "a blue cell in \(colours)")
        let firstRed = try #require(colours.firstIndex { $0.r > 150 && $0.b < 100 })
        let firstBlue = try #require(colours.firstIndex { $0.b > 150 && $0.r < 100 })
        #expect(firstRed < firstBlue)

        // `o` on the first prompt lists its files; the missing one cannot be opened.
        try tui.press(.top, in: .messages)
        try tui.press(.openLink, in: .messages)
        screen = try tui.settle()
        #expect(screen.contains("Links and files · Enter opens"), "screen:\n\(screen)")
        #expect(screen.contains("/assets/"), "the selected file's path:\n\(screen)")
        try tui.press(.selectNext, in: .tree)
        try tui.press(.open, in: .tree)
        screen = try tui.settle()
        #expect(screen.contains("This file is not in the archive"), "screen:\n\(screen)")
        try tui.press(.forceQuit, in: .tree)
        try tui.waitForExit()

        // `show` names the files too, with where the archive keeps them.
        let shown = try fixture.run(["show", "pics-1"])
        #expect(shown.stdout.contains("📷 cat on the sofa.png · PNG image · "), "\(shown.stdout)")
        #expect(shown.stdout.contains("📷 Image file_00gone — not in the archive"), "\(shown.stdout)")
        #expect(shown.stdout.contains("/assets/"), "\(shown.stdout)")

        let folder = fixture.home.appendingPathComponent("md")
        let exported = try fixture.run(["export", "--all", "-o", folder.path, "--with-assets"])
        #expect(exported.status == 0, "\(exported.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
        let markdown = try String(contentsOf: folder.appendingPathComponent(try #require(names.first)), encoding: .utf8)
        let link = try #require(markdown.firstMatch(of: /!\[cat on the sofa.png\]\((assets\/[^)]+)\)/)?.output.1)
        #expect(FileManager.default.contents(atPath: folder.appendingPathComponent(String(link)).path) == Self.png)
    }
}

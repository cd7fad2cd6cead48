import ChatArchive
import ChatConfig
import ChatImages
import ChatModel
import ChatStore
import ChatTestSupport
import ChatUI
import Foundation
import Synchronization
import TerminalCanvas
import Testing

/// A message with an image the archive holds: its line, then a preview of the image drawn into
/// the cells in colour (symbols with no colour under `NO_COLOR`).
@Suite struct ImagePreviewScreenTests {
    /// A 40×20 PNG, red on the left half and blue on the right.
    static let png = TestPNG.make(width: 40, height: 20) { x, _ in x < 20 ? (230, 20, 20) : (20, 40, 230) }

    /// A world whose archive imported an export of one conversation with that image.
    static func world() async throws -> (UITestWorld, TempDir) {
        let temp = TempDir()
        let world = try UITestWorld(width: 90, height: 24)
        let json = #"""
            [{"id": "img-1", "title": "A picture", "create_time": 1700000000, "update_time": 1700050000,
              "current_node": "a1", "mapping": {
              "r": {"id": "r", "parent": null, "children": ["u1"], "message": null},
              "u1": {"id": "u1", "parent": "r", "children": ["a1"], "message": {"id": "u1",
                "author": {"role": "user"}, "create_time": 1700000000, "content": {"content_type": "multimodal_text",
                "parts": [{"content_type": "image_asset_pointer", "asset_pointer": "sediment://file_00flag"},
                  "which flag?"]}}},
              "a1": {"id": "a1", "parent": "u1", "children": [], "message": {"id": "a1",
                "author": {"role": "assistant"}, "create_time": 1700000005,
                "content": {"content_type": "text", "parts": ["Red and blue."]}}}}}]
            """#
        let zip = temp.file(
            "export.zip",
            StoredZip.make([
                ("conversations.json", Data(json.utf8)), ("file_00flag.dat", png),
                ("conversation_asset_file_names.json", Data(#"{"file_00flag.dat": "flag.png"}"#.utf8)),
            ]))
        _ = try Importer(archive: world.archive).importFile(at: zip)
        await world.send(.terminal(.started(width: 90, height: 24)), .user(.open(id: "img-1", focusNode: nil)))
        return (world, temp)
    }

    @Test func theImageIsDrawnUnderItsLineInItsColours() async throws {
        let (world, temp) = try await Self.world()
        defer { _ = temp }
        let buffer = await world.render().buffer
        // 40×20 pixels on cells half as wide as tall would need 9.5 rows at the 40 columns a
        // preview may take: 8 rows (the most), 32 columns; the colour is in the cells' backgrounds.
        expectScreen(
            buffer,
            """
            ┌ Conversations (3) ───┐┌ A picture ─────────────────────────────────────────────────────┐
            │ A picture       11-15││ You                                           2023-11-14 22:13 │
            │ Branching test  11-14││  📷 flag.png · PNG image · 2.5 kB · 40×20                      │
            │ 中文 red        11-14││                    ▊▎                                          │
            │                      ││                    ▊▎                                          │
            │                      ││                    ▊▎                                          │
            │                      ││                    ▊▎                                          │
            │                      ││                    ▊▎                                          │
            │                      ││                    ▊▎                                          │
            │                      ││                    ▊▎                                          │
            │                      ││                    ▊▎                                          │
            │                      ││  which flag?                                                   │
            │                      ││                                                                │
            │                      ││▌Assistant                                     2023-11-14 22:13 │
            │                      ││▌ Red and blue.                                                 │
            │                      ││                                                                │
            │                      ││                                                                │
            │                      ││                                                                │
            │                      │└────────────────────────────────────────────────────────────────┘
            │                      │┌ Message ───────────────────────────────────────────────────────┐
            │                      ││Tab here to write a message                                     │
            └──────────────────────┘└────────────────────────────────────────────────────────────────┘
             A picture · branch 1/1 · message 2/2                           chatterm · chatgpt-export 
             Enter open  j down  / filter  A archived  Ctrl-K search  Tab focus  ? help  q quit       
            """)
        for row in 3...10 {
            #expect(Self.isRed(buffer[31, row].style.bg), "row \(row) left: \(buffer[31, row].style)")
            #expect(Self.isBlue(buffer[60, row].style.bg), "row \(row) right: \(buffer[60, row].style)")
        }
        let pane = buffer[26, 3].style.bg
        #expect(buffer[29, 3].style.bg == pane && buffer[63, 3].style.bg == pane, "nothing beyond the box")
    }

    @Test func withoutColourThePreviewIsSymbolsAlone() async throws {
        let (world, temp) = try await Self.world()
        defer { _ = temp }
        var context = UITestWorld.context
        context.imageColors = .monochrome
        let buffer = Screen.render(await world.store.state, context: context).buffer
        for row in 3...10 {
            for x in 30..<62 where buffer[x, row].style.fg != .default || buffer[x, row].style.bg != .default {
                Issue.record("a coloured cell at \(x),\(row): \(buffer[x, row].style)")
            }
        }
        // Red and blue differ in brightness: symbols draw the one apart from the other.
        #expect(buffer.lines[3...10].allSatisfy { $0.contains { "▀▄█▌▐▇▆▅▃▂▁▔▏▎▍▋▊▉┃".contains($0) } })
    }

    @Test func offTheDrawPathThePreviewComesInALaterFrame() async throws {
        let (world, temp) = try await Self.world()
        defer { _ = temp }
        ImagePreviewCache.shared.removeAll()
        let ready = Mutex(0)
        var context = UITestWorld.context
        context.previewPainter = PreviewPainter { ready.withLock { $0 += 1 } }
        var renderer = FrameRenderer(context: context)
        let state = await world.store.state
        let first = renderer.render(state).buffer
        // Its place is left empty (the line above it is drawn) while the painter makes it.
        #expect(first.lines[2].contains("📷 flag.png"))
        #expect(!Self.isRed(first[31, 3].style.bg))
        let painter = try #require(context.previewPainter)
        let deadline = Date().addingTimeInterval(10)
        while !painter.isIdle || ready.withLock({ $0 }) == 0, Date() < deadline { usleep(1_000) }
        #expect(ready.withLock { $0 } == 1)
        // The same renderer, the same state: the rows that waited are drawn now.
        let second = renderer.render(state).buffer
        #expect(Self.isRed(second[31, 3].style.bg) && Self.isBlue(second[60, 10].style.bg))
        #expect(second == Screen.render(state, context: UITestWorld.context).buffer)
    }

    static func rgb(_ color: Color) -> (Int, Int, Int)? {
        switch color {
        case .rgb(let r, let g, let b): (Int(r), Int(g), Int(b))
        default: nil
        }
    }

    static func isRed(_ color: Color) -> Bool { rgb(color).map { $0.0 > 150 && $0.2 < 100 } ?? false }
    static func isBlue(_ color: Color) -> Bool { rgb(color).map { $0.2 > 150 && $0.0 < 100 } ?? false }
}

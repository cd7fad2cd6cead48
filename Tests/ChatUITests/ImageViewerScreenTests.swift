import ChatArchive
import ChatConfig
import ChatModel
import ChatStore
import ChatTestSupport
import Foundation
import TerminalCanvas
import Testing

@testable import ChatUI

/// The image window (`v`) as a whole screen, drawn from a real PNG the archive holds, its keys
/// and its footer.
@Suite struct ImageViewerScreenTests {
    static let red = (UInt8(230), UInt8(20), UInt8(20))
    static let blue = (UInt8(20), UInt8(40), UInt8(230))
    /// A real 40×30 PNG: red on the left half, blue on the right.
    static let halves = TestPNG.make(width: 40, height: 30) { x, _ in x < 20 ? red : blue }
    /// A real 16×16 PNG, all green.
    static let green = TestPNG.make(width: 16, height: 16) { _, _ in (20, 200, 20) }

    /// An archive in `temp` holding one conversation whose prompt carries both PNGs.
    static func archive(_ temp: TempDir) throws -> Archive {
        let archive = try Archive(directory: temp.url.appendingPathComponent("data"))
        let object = TestJSON.withParts(
            TestJSON.conversation(
                id: "pics", nodes: [("u1", nil, "user", "what are these?"), ("a1", "u1", "assistant", "Two colours.")]),
            node: "u1",
            [
                ["content_type": "image_asset_pointer", "asset_pointer": "sediment://file_00halves"],
                ["content_type": "image_asset_pointer", "asset_pointer": "sediment://file_00green"],
                "what are these?",
            ])
        let zip = temp.file(
            "export.zip",
            StoredZip.make([
                ("conversations.json", TestJSON.data([object])), ("file_00halves.dat", halves),
                ("file_00green.dat", green),
                (
                    "conversation_asset_file_names.json",
                    TestJSON.data(["file_00halves.dat": "halves.png", "file_00green.dat": "green.png"])
                ),
            ]))
        _ = try Importer(archive: archive).importFile(at: zip)
        return archive
    }

    /// A 60×16 world with the conversation open, its prompt selected and `v` pressed.
    static func viewing(_ temp: TempDir) async throws -> (UITestWorld, AppState) {
        let world = try UITestWorld(width: 60, height: 16, archive: try archive(temp))
        await world.send(
            .terminal(.started(width: 60, height: 16)), .user(.open(id: "pics", focusNode: nil)),
            .user(.focus(.messages)), .command(.top))
        let state = await world.send(.command(.viewImage))
        return (world, state)
    }

    @Test func vShowsTheImageLargeInSymbolsWithItsNameNumberAndSize() async throws {
        let temp = TempDir()
        let (world, state) = try await Self.viewing(temp)
        guard case .image(let viewer) = state.overlay else {
            Issue.record("no image window: \(String(describing: state.overlay)) \(String(describing: state.message))")
            return
        }
        #expect(viewer.images.count == 2)
        let frame = await world.render()
        // The window's inside is 58×12; a 40×30 image on cells half as wide as tall fits 32×12.
        let red = Color.rgb(Self.red.0, Self.red.1, Self.red.2)
        let blue = Color.rgb(Self.blue.0, Self.blue.1, Self.blue.2)
        let image = "│                            ▊▎                            │"
        // The inside is 58×12; a 40×30 image on cells half as wide as tall fits 32×12, centred
        // (columns 14–45): red cells, blue cells, the colours meeting in the two between.
        expectScreen(
            frame,
            """
            ┌ halves.png · 1/2 · 40×30 ────────────────────────────────┐
            \(Array(repeating: image, count: 12).joined(separator: "\n"))
            └──────────────────────────────────────────────────────────┘
             Title · branch 1/1 · message 1/2 chatterm · chatgpt-export
             [ ] images  Enter open file  q close
            """, cursor: nil,
            styles: [1, 6, 12].flatMap { row -> [ScreenMatch.StyleExpectation] in
                [
                    .cells(1..<14, row: row, Self.slot("ui.help")), .cells(14..<29, row: row, .bg(red)),
                    .cells(31..<46, row: row, .bg(blue)), .cells(46..<59, row: row, Self.slot("ui.help")),
                ]
            } + [
                .text(" halves.png · 1/2 · 40×30 ", row: 0, Self.slot("ui.title")),
                .text("[ ]", row: 15, Self.slot("ui.footer.key")),
            ])
    }

    @Test func theKeysStepToTheNextImageAndEscCloses() async throws {
        let temp = TempDir()
        let (world, state) = try await Self.viewing(temp)
        #expect(
            KeyRouter.action(for: .key(Key(.char("]"))), in: state, keymap: .builtin) == .command(.siblingNext))
        #expect(KeyRouter.action(for: .key(Key(.char("j"))), in: state, keymap: .builtin) == .command(.selectNext))
        #expect(KeyRouter.action(for: .key(Key(.char("q"))), in: state, keymap: .builtin) == .command(.cancel))
        #expect(KeyRouter.action(for: .key(Key(.escape)), in: state, keymap: .builtin) == .command(.cancel))
        await world.send(.command(.siblingNext))
        let frame = await world.render()
        #expect(frame.buffer.lines[0].hasPrefix("┌ green.png · 2/2 · 16×16 ─"), "\(frame.buffer.lines[0])")
        // A square on cells half as wide as tall: 24×12, centred.
        let green = Color.rgb(20, 200, 20)
        #expect(Self.colours(frame.buffer[18, 6]).contains(green), "\(frame.buffer[18, 6])")
        #expect(Self.colours(frame.buffer[41, 6]).contains(green))
        #expect(frame.buffer[16, 6].style == UITestWorld.context.theme.style("ui.help"))
        let closed = await world.send(.command(.cancel))
        #expect(closed.overlay == nil)
        let screen = await world.screen()
        #expect(!screen.contains("2/2 · 16×16") && screen.contains("📷 halves.png · PNG image"), "\(screen)")
    }

    @Test func vIsInTheMessagesFooterOnlyWhereThereIsAnImage() async throws {
        let temp = TempDir()
        let world = try UITestWorld(width: 160, height: 16, archive: try Self.archive(temp))
        var state = await world.send(
            .terminal(.started(width: 160, height: 16)), .user(.open(id: "pics", focusNode: nil)),
            .user(.focus(.messages)), .command(.top))
        #expect(KeyRouter.action(for: .key(Key(.char("v"))), in: state, keymap: .builtin) == .command(.viewImage))
        #expect(KeyHints.footer(state, .builtin).map { "\($0.0) \($0.1)" }.contains("v image"))
        state = await world.send(.command(.bottom))
        #expect(!KeyHints.footer(state, .builtin).map { "\($0.0) \($0.1)" }.contains("v image"))
        state = await world.send(.command(.viewImage))
        #expect(state.overlay == nil)
        #expect(state.message?.text == "This message has no image to view")
    }

    @Test func anImageThatCannotBeDecodedSaysWhy() async throws {
        let temp = TempDir()
        let broken = temp.file("broken.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]))
        var state = AppState(width: 60, height: 16)
        let file = ChatModel.Attachment(
            fileID: "file_x", kind: .image, name: "broken.png", local: LocalAsset(path: broken.path, sizeBytes: 11))
        state.overlay = .image(ImageViewerState(images: [file]))
        let frame = Screen.render(state, context: UITestWorld.context)
        #expect(frame.buffer.lines[0].hasPrefix("┌ broken.png · 1/1 ─"), "\(frame.buffer.lines[0])")
        #expect(
            frame.buffer.lines[1].contains("This image cannot be shown: the image is damaged"),
            "\(frame.buffer.lines[1])")
    }

    // MARK: - Helpers

    static func slot(_ name: String) -> ScreenMatch.Look { .style(UITestWorld.context.theme.style(name)) }

    /// The colours a cell shows.
    static func colours(_ cell: Cell) -> [Color] { [cell.style.fg, cell.style.bg] }
}

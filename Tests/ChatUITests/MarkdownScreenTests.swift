import ChatArchive
import ChatConfig
import ChatModel
import ChatProtocol
import ChatStore
import ChatTestSupport
import ChatUI
import Foundation
import TerminalCanvas
import Testing

/// Golden screens of a rendered answer: the pane's literal rows at two widths, and the styles
/// of chosen cells (ratatui's `assert_buffer_lines` in spirit).
@Suite struct MarkdownScreenTests {
    static let answer = """
        ## Trees

        Spruce is **tall**, birch is *white*.

        | Tree | 中文 |
        |:-----|-----:|
        | Spruce | 云杉 |

        - one
        - two
        """

    static func world(width: Int, height: Int) async throws -> (Store, RenderContext) {
        try await world(
            ConversationObject.questionAndAnswer(
                id: "md", title: "Markdown", answer: answer, answerMetadata: ["model_slug": "gpt-4o"]),
            width: width, height: height)
    }

    /// A store over an archive holding one conversation (a JSON object), opened, and the
    /// context to render it in.
    static func world(_ object: [String: Any], width: Int, height: Int) async throws -> (Store, RenderContext) {
        let archive = try Archive.inMemory()
        let data = try JSONSerialization.data(withJSONObject: object)
        try archive.upsert(try ConversationJSON.decode(data), raw: data, source: "test")
        let store = Store(
            state: AppState(width: width, height: height), environment: StoreEnvironment(archive: archive))
        _ = await store.send(.terminal(.started(width: width, height: height)))
        _ = await store.send(.command(.open))
        return (store, RenderContext(theme: .builtinDark, keymap: .builtin, now: 1_700_100_000))
    }

    /// The message pane's inner rows (between its borders, trailing spaces trimmed), from the
    /// row holding `header` on, `count` of them.
    static func paneRows(_ buffer: Buffer, from header: String, count: Int) -> [String] {
        // The pane's left border: the second box corner on the top row.
        let corners = (0..<buffer.width).filter { buffer[$0, 0].text == "┌" }
        guard corners.count >= 2, let start = buffer.lines.firstIndex(where: { $0.contains(header) }) else { return [] }
        let left = corners[1] + 1
        return (start..<min(buffer.height, start + count)).map { y in
            var row = ""
            for x in left..<(buffer.width - 1) where !buffer[x, y].isContinuation { row += buffer[x, y].text }
            while row.last == " " { row.removeLast() }
            return row
        }
    }

    @Test func anAnswerAt100ColumnsLooksLikeThis() async throws {
        let (store, context) = try await Self.world(width: 100, height: 30)
        let buffer = Screen.render(await store.state, context: context).buffer
        let rows = Self.paneRows(buffer, from: "ChatGPT · gpt-4o", count: 14)
        #expect(
            rows == [
                "▌ChatGPT · gpt-4o",
                "▌ Trees",
                "▌ ─────",
                "▌",
                "▌ Spruce is tall, birch is white.",
                "▌",
                "▌ ┌────────┬──────┐",
                "▌ │ Tree   │ 中文 │",
                "▌ ├────────┼──────┤",
                "▌ │ Spruce │ 云杉 │",
                "▌ └────────┴──────┘",
                "▌",
                "▌ • one",
                "▌ • two",
            ], "\(rows)")
        // "tall" is bold, "white" italic, the heading in its slot's colour.
        let y = try #require(buffer.lines.firstIndex { $0.contains("Spruce is tall") })
        let x = try #require(Self.column(of: "tall", in: buffer.lines[y]))
        #expect(buffer[x, y].style.attributes.contains(.bold))
        let xi = try #require(Self.column(of: "white", in: buffer.lines[y]))
        #expect(buffer[xi, y].style.attributes.contains(.italic))
        let hy = try #require(
            buffer.lines.firstIndex { $0.hasSuffix("│") && $0.contains("Trees") && !$0.contains("?") })
        let hx = try #require(Self.column(of: "Trees", in: buffer.lines[hy]))
        #expect(buffer[hx, hy].style.fg == context.theme.style("markup.heading.2").fg)
    }

    @Test func anAnswerAt50ColumnsStillFitsAndKeepsTheTable() async throws {
        let (store, context) = try await Self.world(width: 50, height: 40)
        let buffer = Screen.render(await store.state, context: context).buffer
        #expect(buffer.lines.allSatisfy { DisplayWidth.of($0) == 50 })
        let screen = buffer.lines.joined(separator: "\n")
        #expect(screen.contains("│ Spruce │ 云杉 │"))
        #expect(!screen.contains("**") && !screen.contains("|:-----|"))
    }

    /// The column (in cells) where `needle` starts in a row of the buffer.
    static func column(of needle: String, in line: String) -> Int? {
        guard let range = line.range(of: needle) else { return nil }
        return DisplayWidth.of(line[..<range.lowerBound])
    }
}

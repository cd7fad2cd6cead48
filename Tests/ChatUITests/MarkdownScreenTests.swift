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
        return (store, UITestWorld.context)
    }

    @Test func anAnswerAt100ColumnsLooksLikeThis() async throws {
        let (store, context) = try await Self.world(width: 100, height: 24)
        let buffer = Screen.render(await store.state, context: context).buffer
        expectScreen(
            buffer,
            """
            ┌ Conversations (1) ────┐┌ Markdown ───────────────────────────────────────────────────────────────┐
            │ Markdown          test││ You                                                                     │
            │                       ││  Trees?                                                                 │
            │                       ││                                                                         │
            │                       ││▌ChatGPT · gpt-4o                                                        │
            │                       ││▌ Trees                                                                  │
            │                       ││▌ ─────                                                                  │
            │                       ││▌                                                                        │
            │                       ││▌ Spruce is tall, birch is white.                                        │
            │                       ││▌                                                                        │
            │                       ││▌ ┌────────┬──────┐                                                      │
            │                       ││▌ │ Tree   │ 中文 │                                                      │
            │                       ││▌ ├────────┼──────┤                                                      │
            │                       ││▌ │ Spruce │ 云杉 │                                                      │
            │                       ││▌ └────────┴──────┘                                                      │
            │                       ││▌                                                                        │
            │                       ││▌ • one                                                                  │
            │                       ││▌ • two                                                                  │
            │                       │└─────────────────────────────────────────────────────────────────────────┘
            │                       │┌ Message ────────────────────────────────────────────────────────────────┐
            │                       ││Tab here to write a message                                              │
            └───────────────────────┘└─────────────────────────────────────────────────────────────────────────┘
             Markdown · branch 1/1 · message 2/2                                                chatterm · test
             j k select  t tree  y copy  z reasoning  ? help  L label  b bookmark
            """,
            styles: [
                // "tall" is bold, "white" italic, the heading in its slot's colour.
                .text("tall", row: 8, .has(.bold)),
                .text("white", row: 8, .has(.italic)),
                .text("Trees", row: 5, .fg(context.theme.style("markup.heading.2").fg)),
            ])
    }

    @Test func anAnswerAt50ColumnsStillFitsAndKeepsTheTable() async throws {
        let (store, _) = try await Self.world(width: 50, height: 30)
        expectScreen(
            Screen.render(await store.state, context: UITestWorld.context).buffer,
            """
            ┌ Conversations (1) ───┐┌ Markdown ──────────────┐
            │ Markdown         test││ You                    │
            │                      ││  Trees?                │
            │                      ││                        │
            │                      ││▌ChatGPT · gpt-4o       │
            │                      ││▌ Trees                 │
            │                      ││▌ ─────                 │
            │                      ││▌                       │
            │                      ││▌ Spruce is tall, birch │
            │                      ││▌ is white.             │
            │                      ││▌                       │
            │                      ││▌ ┌────────┬──────┐     │
            │                      ││▌ │ Tree   │ 中文 │     │
            │                      ││▌ ├────────┼──────┤     │
            │                      ││▌ │ Spruce │ 云杉 │     │
            │                      ││▌ └────────┴──────┘     │
            │                      ││▌                       │
            │                      ││▌ • one                 │
            │                      ││▌ • two                 │
            │                      ││                        │
            │                      ││                        │
            │                      ││                        │
            │                      ││                        │
            │                      ││                        │
            │                      │└────────────────────────┘
            │                      │┌ Message ───────────────┐
            │                      ││Tab here to write a mess│
            └──────────────────────┘└────────────────────────┘
             Markdown · branch 1/1 · message… chatterm · test
             j k select  t tree  y copy  z reasoning  ? help
            """)
    }

    /// The column (in cells) where `needle` starts in a row of the buffer.
    static func column(of needle: String, in line: String) -> Int? {
        guard let range = line.range(of: needle) else { return nil }
        return DisplayWidth.of(line[..<range.lowerBound])
    }
}

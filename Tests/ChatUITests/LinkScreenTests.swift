import ChatConfig
import ChatModel
import ChatProtocol
import ChatStore
import ChatTestSupport
import ChatUI
import Foundation
import TerminalCanvas
import Testing

/// Link text in the pane carries its address into the cells; `o` shows the links window.
@Suite struct LinkScreenTests {
    static let marker = "\u{E200}cite\u{E202}turn0search0\u{E201}"
    static let answer = """
        Read [the spruce guide](https://guide.example/spruce) today.\(marker)

        | Tree | Where |
        |------|-------|
        | Birch | [birch page](https://birch.example/) |

        Not [this one](javascript:alert(1)).
        """

    static func world(width: Int = 100, height: Int = 30) async throws -> (Store, RenderContext) {
        let object = ConversationObject.questionAndAnswer(
            id: "ln", title: "Links", answer: answer,
            answerMetadata: [
                "model_slug": "gpt-4o",
                "content_references": [
                    [
                        "matched_text": marker, "type": "grouped_webpages",
                        "items": [["title": "Spruce facts", "url": "https://www.spruce.example/a"]],
                    ]
                ],
            ])
        return try await MarkdownScreenTests.world(object, width: width, height: height)
    }

    @Test func linkTextCellsCarryTheirAddressAndStayUnderlined() async throws {
        let (store, context) = try await Self.world()
        let buffer = Screen.render(await store.state, context: context).buffer
        // Rows are found by their text: the point here is the cells' links; the layout is
        // pinned by the whole screens of `theLinksWindowNumbersEntriesAsTheSourcesList`.
        let guide = try #require(Hyperlink("https://guide.example/spruce"))
        let y = try #require(buffer.lines.firstIndex { $0.contains("Read the spruce guide today. [1]") })
        let x = try #require(MarkdownScreenTests.column(of: "the spruce guide", in: buffer.lines[y]))
        for column in x..<(x + "the spruce guide".count) {
            #expect(buffer[column, y].link == guide, "column \(column)")
            #expect(buffer[column, y].style.attributes.contains(.underline))
        }
        #expect(buffer[x - 1, y].link == nil && buffer[x + "the spruce guide".count, y].link == nil)
        let ty = try #require(buffer.lines.firstIndex { $0.contains("birch page") })
        let tx = try #require(MarkdownScreenTests.column(of: "birch page", in: buffer.lines[ty]))
        #expect(buffer[tx, ty].link == Hyperlink("https://birch.example/"), "links in table cells too")
        let jy = try #require(buffer.lines.firstIndex { $0.contains("Not this one.") })
        let jx = try #require(MarkdownScreenTests.column(of: "this one", in: buffer.lines[jy]))
        #expect(buffer[jx, jy].link == nil, "a javascript: link is underlined text, never a hyperlink")
        #expect(buffer[jx, jy].style.attributes.contains(.underline))
        // Above its Sources list only the link texts link; each line of the list links too.
        let sources = try #require(buffer.lines.firstIndex { $0.contains("Sources") })
        let linked = (0..<sources).reduce(0) { sum, row in
            sum + (0..<buffer.width).filter { buffer[$0, row].link != nil }.count
        }
        #expect(linked == "the spruce guide".count + "birch page".count)
        let sy = try #require(buffer.lines.firstIndex { $0.contains("[1] Spruce facts") })
        let sx = try #require(MarkdownScreenTests.column(of: "[1] Spruce facts", in: buffer.lines[sy]))
        #expect(buffer[sx, sy].link == Hyperlink("https://www.spruce.example/a"))
    }

    @Test func theLinksWindowNumbersEntriesAsTheSourcesList() async throws {
        let (store, context) = try await Self.world(width: 100, height: 24)
        // The Sources list numbers the cited source first, then the answer's own links; the
        // footer names the key that lists them.
        expectScreen(
            Screen.render(await store.state, context: context).buffer,
            """
            ┌ Conversations (1) ────┐┌ Links ──────────────────────────────────────────────────────────────────┐
            │ Links             test││ You                                                                     │
            │                       ││  Trees?                                                                 │
            │                       ││                                                                         │
            │                       ││▌ChatGPT · gpt-4o                                                        │
            │                       ││▌ Read the spruce guide today. [1]                                       │
            │                       ││▌                                                                        │
            │                       ││▌ ┌───────┬────────────┐                                                 │
            │                       ││▌ │ Tree  │ Where      │                                                 │
            │                       ││▌ ├───────┼────────────┤                                                 │
            │                       ││▌ │ Birch │ birch page │                                                 │
            │                       ││▌ └───────┴────────────┘                                                 │
            │                       ││▌                                                                        │
            │                       ││▌ Not this one.                                                          │
            │                       ││▌ Sources                                                                │
            │                       ││▌ [1] Spruce facts — spruce.example                                      │
            │                       ││▌ [2] the spruce guide — guide.example                                   │
            │                       ││▌ [3] birch page — birch.example                                         │
            │                       │└─────────────────────────────────────────────────────────────────────────┘
            │                       │┌ Message ────────────────────────────────────────────────────────────────┐
            │                       ││Tab here to write a message                                              │
            └───────────────────────┘└─────────────────────────────────────────────────────────────────────────┘
             Links · branch 1/1 · message 2/2                                                   chatterm · test
             j k select  t tree  y copy  o links  z reasoning  ? help  L label  b bookmark
            """)
        _ = await store.send(.command(.openLink))
        _ = await store.send(.command(.selectNext))
        // The window numbers them the same way; under them the selected one's whole address.
        expectScreen(
            Screen.render(await store.state, context: context),
            """
            ┌ Conversations (1) ────┐┌ Links ──────────────────────────────────────────────────────────────────┐
            │ Links             test││ You                                                                     │
            │                       ││  Trees?                                                                 │
            │                       ││                                                                         │
            │                       ││▌ChatGPT · gpt-4o                                                        │
            │                       ││▌ Read the spruce guide today. [1]                                       │
            │                       ││▌                                                                        │
            │    ┌ Links · Enter opens ───────────────────────────────────────────────────────────────────┐    │
            │    │ [1] Spruce facts                                                        spruce.example │    │
            │    │ [2] the spruce guide                                                     guide.example │    │
            │    │ [3] birch page                                                           birch.example │    │
            │    │                                                                                        │    │
            │    │ https://guide.example/spruce                                                           │    │
            │    └────────────────────────────────────────────────────────────────────────────────────────┘    │
            │                       ││▌ Sources                                                                │
            │                       ││▌ [1] Spruce facts — spruce.example                                      │
            │                       ││▌ [2] the spruce guide — guide.example                                   │
            │                       ││▌ [3] birch page — birch.example                                         │
            │                       │└─────────────────────────────────────────────────────────────────────────┘
            │                       │┌ Message ────────────────────────────────────────────────────────────────┐
            │                       ││Tab here to write a message                                              │
            └───────────────────────┘└─────────────────────────────────────────────────────────────────────────┘
             Links · branch 1/1 · message 2/2                                                   chatterm · test
             Enter open  j down  k up  q close
            """, cursor: nil,
            styles: [
                .text(" [2] the spruce guide", row: 9, .style(context.theme.style("ui.sidebar.selected"))),
                .text(" [1] Spruce facts", row: 8, .style(context.theme.style("ui.help"))),
                .text("https://guide.example/spruce", row: 12, .style(context.theme.style("ui.input.placeholder"))),
            ])
    }

    @Test func theKeyRouterSendsOToTheLinksAndMovesInTheWindow() async throws {
        let (store, context) = try await Self.world()
        var state = await store.state
        #expect(KeyRouter.context(for: state) == .messages)
        #expect(
            KeyRouter.action(for: .key(Key(.char("o"))), in: state, keymap: context.keymap) == .command(.openLink),
            "o shows the links")
        state = await store.send(.command(.openLink))
        #expect(
            KeyRouter.action(for: .key(Key(.char("j"))), in: state, keymap: context.keymap) == .command(.selectNext))
        #expect(KeyRouter.action(for: .key(Key(.enter)), in: state, keymap: context.keymap) == .command(.open))
    }
}

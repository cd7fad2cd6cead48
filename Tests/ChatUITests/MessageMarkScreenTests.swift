import ChatConfig
import ChatModel
import ChatStore
import ChatTestSupport
import ChatUI
import Foundation
import TerminalCanvas
import Testing

/// A label put on a message with `L` and a bookmark with `b`, as the pane's header, the tree
/// overview and the bookmark list show them.
@Suite struct MessageMarkScreenTests {
    static func slot(_ name: String) -> ScreenMatch.Look { .style(UITestWorld.context.theme.style(name)) }

    @Test func aLabelShowsInTheHeaderAndTheTreeOverview() async throws {
        let world = try UITestWorld(width: 72, height: 12)
        await world.send(.terminal(.started(width: 72, height: 12)), .command(.open), .command(.labelMessage))
        await world.send(.user(.type("the keeper")))
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (2) ───┐┌ Branching test ──────────────────────────────┐
            │ Branching test  11-14││▌ChatGPT · gpt-4o ‹2/3›                       │
            │ 中文 red        11-14││▌ Version two: pine                           │
            │ ┌ Label · Enter saves · empty removes · Esc cancels ───────────────┐ │
            │ │the keeper                                                        │ │
            │ └──────────────────────────────────────────────────────────────────┘ │
            │                      │└──────────────────────────────────── ↓ 2 more ┘
            │                      │┌ Message ─────────────────────────────────────┐
            │                      ││Tab here to write a message                   │
            └──────────────────────┘└──────────────────────────────────────────────┘
             Branching test · branch 2/3 · message 2/2 ‹… chatterm · chatgpt-export
             Enter save label  Esc cancel
            """, cursor: (x: 13, y: 4))
        await world.send(.command(.open))
        expectScreen(
            await world.render().buffer,
            """
            ┌ Conversations (2) ───┐┌ Branching test ──────────────────────────────┐
            │ Branching test  11-14││▌ChatGPT · gpt-4o · [the keeper] ‹2/3›        │
            │ 中文 red        11-14││▌ Version two: pine                           │
            │                      ││▌                                             │
            │                      ││▌ [1] swift                                   │
            │                      ││▌   let tree = "pine"                         │
            │                      │└──────────────────────────────────── ↓ 2 more ┘
            │                      │┌ Message ─────────────────────────────────────┐
            │                      ││Tab here to write a message                   │
            └──────────────────────┘└──────────────────────────────────────────────┘
             Labelled “the keeper”                        chatterm · chatgpt-export
             j k select  [ ] versions  = compare  t tree  y copy  ? help
            """)
        await world.send(.command(.treeOverview))
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (2) ───┐┌ Branching test ──────────────────────────────┐
            │ B┌ Tree · 3 branches · Enter shows one ───────────────────────────┐  │
            │  │ ● You Tell me about trees                                      │  │
            │  │   · AI  ‹1/3› Version one: oak                       1 message │  │
            │  │   ● AI  ‹2/3› [the keeper] Version two: pine         1 message │  │
            │  │   · AI  ‹3/3› Version three: birch                   1 message │  │
            │  │                                                                │e ┘
            │  │                                                                │──┐
            │  └─────────────────── ● shown  ○ opened before  ▸ folded  » match ┘  │
            └──────────────────────┘└──────────────────────────────────────────────┘
             Labelled “the keeper”                        chatterm · chatgpt-export
             Enter show branch  Space fold  p my prompts  / search  T branches
            """, cursor: nil,
            styles: [.text("  ● AI  ‹2/3› [the keeper] Version two: pine", row: 4, Self.slot("ui.sidebar.selected"))])
        // The archive has it: opened again, the header still shows it.
        await world.send(.command(.cancel), .user(.open(id: "conv-c", focusNode: nil)))
        let state = await world.send(.user(.open(id: "conv-b", focusNode: nil)))
        #expect(state.open?.turns.last?.label == "the keeper")
        #expect(try world.archive.marks(in: "conv-b") == ["a2": MessageMark(label: "the keeper")])
    }

    @Test func aBookmarkIsListedAndOpensItsMessage() async throws {
        let world = try UITestWorld(width: 72, height: 12)
        await world.send(.terminal(.started(width: 72, height: 12)), .command(.open), .command(.toggleBookmark))
        await world.send(.user(.open(id: "conv-c", focusNode: nil)), .command(.showBookmarks))
        let list = await world.render().buffer
        #expect(list.line(3).contains("Bookmarks · Enter opens one"))
        #expect(list.line(4).contains(" Branching test "))
        let state = await world.send(.command(.open))
        #expect(state.open?.id == "conv-b")
        #expect(state.open.map { $0.turns[$0.selected].id } == "a2")
        #expect(state.open?.turns.last?.isBookmarked == true)
        // Back where the list was opened.
        let back = await world.send(.command(.jumpBack))
        #expect(back.open?.id == "conv-c")
    }
}

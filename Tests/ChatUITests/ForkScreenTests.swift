import ChatArchive
import ChatModel
import ChatStore
import ChatTestSupport
import ChatUI
import Foundation
import TerminalCanvas
import Testing

/// The fork window (`F`) and a fork as the pane and status line show it.
@Suite struct ForkScreenTests {
    static func slot(_ name: String) -> ScreenMatch.Look { .style(UITestWorld.context.theme.style(name)) }

    @Test func theForkWindowListsTheScopesWithTheirMessageCounts() async throws {
        let world = try UITestWorld(width: 72, height: 14)
        await world.send(.terminal(.started(width: 72, height: 14)), .command(.open), .command(.fork))
        await world.send(.command(.selectNext))
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (2) ───┐┌ Branching test ──────────────────────────────┐
            │ Branching test  11-14││▌ChatGPT · gpt-4o ‹2/3›                       │
            │ 中文 red        11-14││▌ Version two: pine                           │
            │ ┌ Fork from this message · Enter forks ────────────────────────────┐ │
            │ │ This path only                                        2 messages │ │
            │ │ This path and its branches                            2 messages │ │
            │ │ The whole tree                                        4 messages │ │
            │ └──────────────────────────────────────────────────────────────────┘ │
            │                      │└──────────────────────────────────────────────┘
            │                      │┌ Message ─────────────────────────────────────┐
            │                      ││Tab here to write a message                   │
            └──────────────────────┘└──────────────────────────────────────────────┘
             Branching test · branch 2/3 · message 2/2 ‹… chatterm · chatgpt-export
             Enter fork  j down  k up  q close
            """, cursor: nil,
            styles: [
                .text(" This path and its branches", row: 5, Self.slot("ui.sidebar.selected")),
                .text(" This path only", row: 4, Self.slot("ui.help")),
            ])
    }

    @Test func aForkSaysWhereItCameFromAndTheOriginHowOftenItWasForked() async throws {
        let world = try UITestWorld(width: 110, height: 10)
        var state = await world.send(.terminal(.started(width: 110, height: 10)), .command(.open))
        let origin = try #require(state.open)
        let fork = try #require(origin.tree.fork(at: "a2", scope: .path, id: "f1", now: 1_700_000_950))
        let link = ForkLink(
            forkID: "f1", originID: origin.id, originNodeID: "a2", scope: .path, created: 1_700_000_950,
            forkTitle: "Branching test (fork)", originTitle: "Branching test")
        _ = Reducer.reduce(
            &state, .loaded(.forkLinks(conversationID: origin.id, ForkLinks(forks: [link, link]))))
        state.message = nil
        expectScreen(
            Screen.render(state, context: world.context).buffer,
            """
            ┌ Conversations (2) ──────┐┌ Branching test ─────────────────────────────────────────────────────────────────┐
            │ Branching test     11-14││▌ChatGPT · gpt-4o ‹2/3›                                                          │
            │ 中文 red           11-14││▌ Version two: pine                                                              │
            │                         ││▌                                                                                │
            │                         │└─────────────────────────────────────────────────────────────────────── ↓ 4 more ┘
            │                         │┌ Message ────────────────────────────────────────────────────────────────────────┐
            │                         ││Tab here to write a message                                                      │
            └─────────────────────────┘└─────────────────────────────────────────────────────────────────────────────────┘
             Branching test · forked 2× · branch 2/3 · message 2/2 ‹2/3› · 2 other branches of… chatterm · chatgpt-export
             j k select  [ ] versions  t tree  y copy  1-9 copy code  z reasoning  ? help
            """)
        _ = Reducer.reduce(
            &state, .loaded(.forked(MadeFork(conversation: fork, source: "local", link: link, visibleMessages: 2))))
        state.message = nil
        expectScreen(
            Screen.render(state, context: world.context).buffer,
            """
            ┌ Conversations (2) ──────┐┌ Branching test (fork) · forked from Branching test ─────────────────────────────┐
            │ Branching test     11-14││▌ChatGPT · gpt-4o                                                                │
            │ 中文 red           11-14││▌ Version two: pine                                                              │
            │                         ││▌                                                                                │
            │                         │└─────────────────────────────────────────────────────────────────────── ↓ 4 more ┘
            │                         │┌ Message ────────────────────────────────────────────────────────────────────────┐
            │                         ││Tab here to write a message                                                      │
            └─────────────────────────┘└─────────────────────────────────────────────────────────────────────────────────┘
             Branching test (fork) · forked from “Branching test” · branch 1/1 · message 2/2             chatterm · local
             j k select  t tree  y copy  1-9 copy code  z reasoning  ? help
            """)
    }
}

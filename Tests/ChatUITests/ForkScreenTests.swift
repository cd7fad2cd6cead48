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
            │ ┌ Fork from this message · Enter forks ────────────────────────────┐ │
            │ │ This path only                                        2 messages │ │
            │ │ This path and its branches                            2 messages │ │
            │ │ The whole tree                                        4 messages │ │
            │ │                                                                  │ │
            │ │ Continue with: local                                             │ │
            │ └──────────────────────────────────────────────────────────────────┘─┘
            │                      │┌ Message ─────────────────────────────────────┐
            │                      ││Tab here to write a message                   │
            └──────────────────────┘└──────────────────────────────────────────────┘
             Branching test · branch 2/3 · message 2/2 ‹… chatterm · chatgpt-export
             Enter fork  j down  k up  q close
            """, cursor: nil,
            styles: [
                .text(" This path and its branches", row: 4, Self.slot("ui.sidebar.selected")),
                .text(" This path only", row: 3, Self.slot("ui.help")),
                .text("local", row: 7, Self.slot("ui.sidebar.selected")),
            ])
    }

    static let profiles = [
        BackendInfo(name: "work", sourceName: "work", kind: "chatgpt"),
        BackendInfo(name: "bot", sourceName: "bot", kind: "coze"),
        BackendInfo(name: "llama", sourceName: "llama", kind: "openai"),
        BackendInfo(name: "team", sourceName: "team", kind: "dify"),
        BackendInfo(name: "local", sourceName: "local", kind: "local"),
    ]

    /// On a ChatGPT profile the window offers the profiles that can continue a fork, `local`
    /// first and chosen, says why the current one is not offered, and `]` chooses the next.
    @Test(arguments: [120, 80]) func theForkWindowChoosesTheProfileThatContinuesIt(width: Int) async throws {
        let world = try UITestWorld(
            width: width, height: 16, backend: Self.profiles[0], profiles: Self.profiles)
        await world.send(.terminal(.started(width: width, height: 16)), .command(.open), .command(.fork))
        await world.send(.command(.siblingNext))
        let expected =
            width == 120
            ? """
            ┌ Conversations (2) ─────────┐┌ Branching test ────────────────────────────────────────────────────────────────────────┐
            │ Branching test        11-14││  Tell me about trees                                                                   │
            │ 中文 red              11-14││                                                                                        │
            │                        ┌ Fork from this message · [ ] profile · Enter forks ────────────────┐                        │
            │                        │ This path only                                          2 messages │                        │
            │                        │ This path and its branches                              2 messages │                        │
            │                        │ The whole tree                                          4 messages │                        │
            │                        │                                                                    │                        │
            │                        │ Continue with: local · bot (coze) · llama (openai)                 │                        │
            │                        │ work keeps its chats on its server, so it is not offered           │                        │
            │                        └────────────────────────────────────────────────────────────────────┘────────────────────────┘
            │                            │┌ Message ───────────────────────────────────────────────────────────────────────────────┐
            │                            ││Tab here to write a message                                                             │
            └────────────────────────────┘└────────────────────────────────────────────────────────────────────────────────────────┘
             Branching test · branch 2/3 · message 2/2 ‹2/3› · 2 other branches off this path (T lists t… chatterm · chatgpt-export
             [ ] profile  Enter fork  j down  k up  q close
            """
            : """
            ┌ Conversations (2) ───┐┌ Branching test ──────────────────────────────────────┐
            │ Branching test  11-14││  Tell me about trees                                 │
            │ 中文 red        11-14││                                                      │
            │    ┌ Fork from this message · [ ] profile · Enter forks ────────────────┐    │
            │    │ This path only                                          2 messages │    │
            │    │ This path and its branches                              2 messages │    │
            │    │ The whole tree                                          4 messages │    │
            │    │                                                                    │    │
            │    │ Continue with: local · bot (coze) · llama (openai)                 │    │
            │    │ work keeps its chats on its server, so it is not offered           │    │
            │    └────────────────────────────────────────────────────────────────────┘────┘
            │                      │┌ Message ─────────────────────────────────────────────┐
            │                      ││Tab here to write a message                           │
            └──────────────────────┘└──────────────────────────────────────────────────────┘
             Branching test · branch 2/3 · message 2/2 ‹2/3› · 2… chatterm · chatgpt-export
             [ ] profile  Enter fork  j down  k up  q close
            """
        let chosen = Self.slot("ui.sidebar.selected")
        expectScreen(
            await world.render(), expected, cursor: nil,
            styles: [.text("bot (coze)", row: 8, chosen), .text("local", row: 8, Self.slot("ui.help"))])
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
             j k select  [ ] versions  = compare  t tree  y copy  1-9 copy code  z reasoning  ? help  L label
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
             j k select  t tree  y copy  1-9 copy code  z reasoning  ? help  L label  b bookmark
            """)
    }
}

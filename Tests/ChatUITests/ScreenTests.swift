import ChatConfig
import ChatStore
import ChatTestSupport
import ChatUI
import TerminalCanvas
import Testing

@Suite struct ScreenTests {
    static func slot(_ name: String) -> ScreenMatch.Look { .style(UITestWorld.context.theme.style(name)) }

    @Test func sidebarListsConversationsNewestFirst() async throws {
        let world = try UITestWorld(width: 100, height: 10)
        await world.send(.terminal(.started(width: 100, height: 10)))
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (2) ────┐┌ chatterm ───────────────────────────────────────────────────────────────┐
            │ Branching test   11-14││ Pick a conversation on the left and press Enter.                        │
            │ 中文 red         11-14││                                                                         │
            │                       ││ [ ]  other versions of a message                                        │
            │                       │└─────────────────────────────────────────────────────────────────────────┘
            │                       │┌ New message ────────────────────────────────────────────────────────────┐
            │                       ││Tab here to write a message                                              │
            └───────────────────────┘└─────────────────────────────────────────────────────────────────────────┘
             2 conversations                                                                 chatterm · archive
             Enter open  j down  / filter  A archived  Ctrl-K search  Tab focus  ? help  q quit
            """, cursor: nil,
            styles: [
                .text(" Branching test", row: 1, Self.slot("ui.sidebar.selected")),
                .text(" 中文 red", row: 2, Self.slot("ui.sidebar")),
            ])
    }

    @Test func openConversationShowsTheCurrentBranchWithMarkers() async throws {
        let world = try UITestWorld(width: 100, height: 17, source: "test")
        await world.send(.terminal(.started(width: 100, height: 17)), .command(.open))
        // The fence and the other versions' text are not drawn; the status line counts the
        // branches. (Offline, a service's conversations are tagged with it in the sidebar.)
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (2) ────┐┌ Branching test ─────────────────────────────────────────────────────────┐
            │ Branching test    test││ You                                                                     │
            │ 中文 red          test││  Tell me about trees                                                    │
            │                       ││                                                                         │
            │                       ││▌ChatGPT · gpt-4o ‹2/3›                                                  │
            │                       ││▌ Version two: pine                                                      │
            │                       ││▌                                                                        │
            │                       ││▌ [1] swift                                                              │
            │                       ││▌   let tree = "pine"                                                    │
            │                       ││▌                                                                        │
            │                       ││▌ after code                                                             │
            │                       │└─────────────────────────────────────────────────────────────────────────┘
            │                       │┌ Message ────────────────────────────────────────────────────────────────┐
            │                       ││Tab here to write a message                                              │
            └───────────────────────┘└─────────────────────────────────────────────────────────────────────────┘
             Branching test · branch 2/3 · message 2/2 ‹2/3› · 2 other branches off this path … chatterm · test
             j k select  [ ] versions  = compare  t tree  y copy  1-9 copy code  z reasoning  ? help  L label
            """, cursor: nil,
            styles: [
                .text("‹2/3›", row: 4, Self.slot("ui.branch.marker")),
                .text("ChatGPT · gpt-4o", row: 4, Self.slot("ui.message.assistant").adding(.bold)),
                .cell(column: 26, row: 4, Self.slot("ui.message.selected")),
                .cell(column: 26, row: 2, Self.slot("ui.message.user")),
                .text("[1] swift", row: 7, Self.slot("ui.code.header")),
                .text("let tree", row: 8, .bg(UITestWorld.context.theme.style("ui.code").bg)),
            ])
    }

    @Test func switchingSiblingChangesOnlyThePaneAndStatus() async throws {
        let world = try UITestWorld(width: 100, height: 16)
        await world.send(.terminal(.started(width: 100, height: 16)), .command(.open))
        let before = await world.render().buffer
        await world.send(.command(.siblingNext))
        let after = await world.render().buffer
        expectScreen(
            after,
            """
            ┌ Conversations (2) ────┐┌ Branching test ─────────────────────────────────────────────────────────┐
            │ Branching test   11-14││ You                                                                     │
            │ 中文 red         11-14││  Tell me about trees                                                    │
            │                       ││                                                                         │
            │                       ││▌Assistant ‹3/3›                                                         │
            │                       ││▌ Version three: birch                                                   │
            │                       ││                                                                         │
            │                       ││                                                                         │
            │                       ││                                                                         │
            │                       ││                                                                         │
            │                       │└─────────────────────────────────────────────────────────────────────────┘
            │                       │┌ Message ────────────────────────────────────────────────────────────────┐
            │                       ││Tab here to write a message                                              │
            └───────────────────────┘└─────────────────────────────────────────────────────────────────────────┘
             Branching test · branch 3/3 · message 2/2 ‹3/3› · 2 other branches off … chatterm · chatgpt-export
             j k select  [ ] versions  = compare  t tree  y copy  z reasoning  ? help  L label  b bookmark
            """)
        let geometry = await world.store.state.geometry
        let changes = after.diff(from: before)
        #expect(!changes.isEmpty)
        #expect(changes.allSatisfy { $0.x >= geometry.pane.x || $0.y >= geometry.status.y })
        #expect(after.diff(from: after).isEmpty)
    }

    @Test func cjkRowsFitTheWidthAndHostileTextIsNeutralised() async throws {
        let world = try UITestWorld(width: 60, height: 20)
        await world.send(.terminal(.started(width: 60, height: 20)), .command(.selectNext), .command(.open))
        let frame = await world.render()
        // The title's colour codes and the answer's OSC 52 (clipboard) sequence are gone, and
        // every wide row keeps its right border in the last column.
        expectScreen(
            frame,
            """
            ┌ Conversations (2) ───┐┌ 中文 red ────────────────────────┐
            │ Branching test  11-14││ You                              │
            │ 中文 red        11-14││  介绍下你自己                    │
            │                      ││                                  │
            │                      ││▌Assistant                        │
            │                      ││▌ 你好，我是一个终端聊天客户端 🤖 │
            │                      ││▌ 我可以进行各种自然语言处理任务，│
            │                      ││▌ 例如生成文本、回答问题、语言翻译│
            │                      ││▌ 、情感分析、文本摘要等。done    │
            │                      ││                                  │
            │                      ││                                  │
            │                      ││                                  │
            │                      ││                                  │
            │                      ││                                  │
            │                      │└──────────────────────────────────┘
            │                      │┌ Message ─────────────────────────┐
            │                      ││Tab here to write a message       │
            └──────────────────────┘└──────────────────────────────────┘
             中文 red · branch 1/1 · message… chatterm · chatgpt-export
             j k select  t tree  y copy  z reasoning  ? help  L label
            """, cursor: nil)
        for cell in frame.buffer.cells {
            #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f })
        }
    }

    @Test func helpIsGeneratedFromTheKeymap() async throws {
        let world = try UITestWorld(width: 80, height: 14)
        await world.send(.terminal(.started(width: 80, height: 14)), .command(.help))
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (2) ───┐┌ chatterm ────────────────────────────────────────────┐
            │ ┌ Keys · default ──────────────────────────────────────────────────────────┐ │
            │ │ Everywhere                                                               │ │
            │ │  Ctrl-Q                  Quit at once                                    │ │
            │ │  Ctrl-C                  Interrupt; asks before quitting                 │ │
            │ │  F1                      Show or hide this help                          │ │
            │ │  Esc                     Close, clear or go back                         │ │
            │ │  Ctrl-K                  Search all conversations                        │ │
            │ │  Tab                     Focus the next pane                             │─┘
            │ │  Shift-Tab               Focus the previous pane                         │─┐
            │ └────────────────────────────────────────────────────────────── Esc closes ┘ │
            └──────────────────────┘└──────────────────────────────────────────────────────┘
             2 conversations                                             chatterm · archive
             q close  j scroll
            """, cursor: nil,
            styles: [
                .text("Ctrl-K", row: 7, Self.slot("ui.help.key")),
                .text(Command.search.summary, row: 7, Self.slot("ui.help")),
                .text("Everywhere", row: 2, .has(.bold)),
            ])
        // A rebinding shows at once, under the keymap's name.
        var context = UITestWorld.context
        context.keymap = try Keymap.parse(
            toml: "[global]\n\(Command.search.rawValue) = [\"ctrl+f\"]", name: "mine", base: .builtin)
        let rebound = Screen.render(await world.store.state, context: context).buffer
        #expect(rebound.line(1) == "│ ┌ Keys · mine ─────────────────────────────────────────────────────────────┐ │")
        #expect(rebound.line(7) == "│ │  Ctrl-F                  Search all conversations                        │ │")
    }

    @Test func treeOverviewListsEveryBranch() async throws {
        let world = try UITestWorld(width: 72, height: 12)
        await world.send(.terminal(.started(width: 72, height: 12)), .command(.open), .command(.treeOverview))
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (2) ───┐┌ Branching test ──────────────────────────────┐
            │ B┌ Tree · 3 branches · Enter shows one ───────────────────────────┐  │
            │  │ ● You Tell me about trees                                      │  │
            │  │   · AI  ‹1/3› Version one: oak                       1 message │  │
            │  │   ● AI  ‹2/3› Version two: pine                      1 message │  │
            │  │   · AI  ‹3/3› Version three: birch                   1 message │  │
            │  │                                                                │e ┘
            │  │                                                                │──┐
            │  └─────────────────── ● shown  ○ opened before  ▸ folded  » match ┘  │
            └──────────────────────┘└──────────────────────────────────────────────┘
             Branching test · branch 2/3 · message 2/2 ‹… chatterm · chatgpt-export
             Enter show branch  Space fold  p my prompts  / search  T branches
            """, cursor: nil,
            styles: [
                .text("  ● AI  ‹2/3› Version two: pine", row: 4, Self.slot("ui.sidebar.selected")),
                .text("‹1/3›", row: 3, Self.slot("ui.branch.marker")),
                .text("1 message", row: 3, Self.slot("ui.branch.marker")),
                .text("● You Tell me about trees", row: 2, Self.slot("ui.tree.current")),
            ])
        await world.send(.command(.selectPrev), .command(.open))
        expectScreen(
            await world.render().buffer,
            """
            ┌ Conversations (2) ───┐┌ Branching test ──────────────────────────────┐
            │ Branching test  11-14││ You                                          │
            │ 中文 red        11-14││  Tell me about trees                         │
            │                      ││                                              │
            │                      ││▌Assistant ‹1/3›                              │
            │                      ││▌ Version one: oak                            │
            │                      │└──────────────────────────────────────────────┘
            │                      │┌ Message ─────────────────────────────────────┐
            │                      ││Tab here to write a message                   │
            └──────────────────────┘└──────────────────────────────────────────────┘
             Branching test · branch 1/3 · message 2/2 ‹… chatterm · chatgpt-export
             j k select  [ ] versions  = compare  t tree  y copy  ? help
            """)
    }

    @Test func searchOverlayShowsHitsAndOpensOnTheirBranch() async throws {
        let world = try UITestWorld(width: 72, height: 12)
        await world.send(.terminal(.started(width: 72, height: 12)), .command(.search))
        for c in "birch" { await world.send(.user(.type(String(c)))) }
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (2) ───┐┌ chatterm ────────────────────────────────────┐
            │ ┌ Search · 1 hit ──────────────────────────────────────────────────┐t│
            │ │Search: birch                                                     │ │
            │ │                                                                  │ │
            │ │ Branching test                                         assistant │ │
            │ │   Version three: birch                                           │ │
            │ │                                                                  │─┘
            │ │                                                                  │─┐
            │ └──────────────────────────────────────────────────────────────────┘ │
            └──────────────────────┘└──────────────────────────────────────────────┘
             2 conversations                                     chatterm · archive
             Enter open hit  ↓ next  ↑ previous  Esc close
            """, cursor: (x: 16, y: 2),
            styles: [
                .text(" Branching test", row: 4, Self.slot("ui.sidebar.selected").adding(.bold)),
                .text("Search · 1 hit", row: 1, Self.slot("ui.title")),
            ])
        await world.send(.command(.open))
        expectScreen(
            await world.render().buffer,
            """
            ┌ Conversations (2) ───┐┌ Branching test ──────────────────────────────┐
            │ Branching test  11-14││ You                                          │
            │ 中文 red        11-14││  Tell me about trees                         │
            │                      ││                                              │
            │                      ││▌Assistant ‹3/3›                              │
            │                      ││▌ Version three: birch                        │
            │                      │└──────────────────────────────────────────────┘
            │                      │┌ Message ─────────────────────────────────────┐
            │                      ││Tab here to write a message                   │
            └──────────────────────┘└──────────────────────────────────────────────┘
             Branching test · branch 3/3 · message 2/2 ‹… chatterm · chatgpt-export
             j k select  [ ] versions  = compare  t tree  y copy  ? help
            """)
    }

    @Test func inputBoxGrowsWithLinesAndShowsTheCaret() async throws {
        let world = try UITestWorld(width: 72, height: 16)
        await world.send(
            .terminal(.started(width: 72, height: 16)), .command(.open), .user(.focus(.input)),
            .terminal(.paste("one\ntwo\nthree")))
        let state = await world.store.state
        #expect(state.geometry.input.height == 5)
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (2) ───┐┌ Branching test ──────────────────────────────┐
            │ Branching test  11-14││▌ChatGPT · gpt-4o ‹2/3›                       │
            │ 中文 red        11-14││▌ Version two: pine                           │
            │                      ││▌                                             │
            │                      ││▌ [1] swift                                   │
            │                      ││▌   let tree = "pine"                         │
            │                      ││▌                                             │
            │                      ││▌ after code                                  │
            │                      │└──────────────────────────────────────────────┘
            │                      │┌ Message ─────────────────────────────────────┐
            │                      ││one                                           │
            │                      ││two                                           │
            │                      ││three                                         │
            └──────────────────────┘└────────────────────── 13 chars · draft saved ┘
             Branching test · branch 2/3 · message 2/2 ‹… chatterm · chatgpt-export
             Alt-Enter new line  Ctrl-G editor  Tab focus  Ctrl-K search  F1 help
            """, cursor: (x: state.geometry.input.x + 1 + 5, y: state.geometry.input.y + 3),
            styles: [.cell(column: 24, row: 9, Self.slot("ui.border.focused"))])
    }

    @Test func tinyTerminalsDoNotCrash() async throws {
        for (w, h) in [(1, 1), (10, 5), (20, 8), (30, 10)] {
            let world = try UITestWorld(width: w, height: h)
            await world.send(.terminal(.started(width: w, height: h)), .command(.open), .command(.help))
            let frame = await world.render()
            #expect(frame.buffer.width == w)
        }
    }
}

extension ScreenMatch.Look {
    /// The look with attributes added, for a slot drawn bold on top.
    func adding(_ attributes: Attributes) -> ScreenMatch.Look {
        guard case .style(let style) = self else { return self }
        return .style(style.adding(attributes))
    }
}

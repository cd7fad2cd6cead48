import ChatClient
import ChatConfig
import ChatStore
import ChatTestSupport
import ChatUI
import Foundation
import TerminalCanvas
import Testing

/// Whole screens, every row written out (ratatui's `assert_buffer_lines`): the panes, wide
/// characters, the status line and the smallest sizes. Dates are in UTC (`UITestWorld.context`).
@Suite struct GoldenScreenTests {
    static func slot(_ name: String) -> ScreenMatch.Look { .style(UITestWorld.context.theme.style(name)) }

    @Test func theSidebarListsConversationsNewestFirstWithDatesAndCutsWideTitlesWhole() async throws {
        let world = try UITestWorld(width: 72, height: 16, extra: [UITestWorld.archived, UITestWorld.emoji])
        await world.send(.terminal(.started(width: 72, height: 16)))
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (3) ───┐┌ chatterm ────────────────────────────────────┐
            │ Branching test  11-14││ Pick a conversation on the left and press Ent│
            │ 中文 red        11-14││                                              │
            │ Trees 🌲 树木 … 11-03││ [ ]  other versions of a message             │
            │                      ││ t     every branch of the conversation       │
            │                      ││ Ctrl-K  search all conversations             │
            │                      ││ F1     all keys                              │
            │                      ││                                              │
            │                      ││                                              │
            │                      ││                                              │
            │                      │└──────────────────────────────────────────────┘
            │                      │┌ New message ─────────────────────────────────┐
            │                      ││Tab here to write a message                   │
            └──────────────────────┘└──────────────────────────────────────────────┘
             3 conversations                                     chatterm · archive
             Enter open  j down  / filter  A archived  Ctrl-K search  ? help
            """, cursor: nil,
            styles: [
                .text(" Branching test  11-14", row: 1, Self.slot("ui.sidebar.selected")),
                .text("11-14", row: 2, Self.slot("ui.sidebar.date")),
                .text(" Conversations (3) ", row: 0, Self.slot("ui.title")),
                .cell(column: 0, row: 0, Self.slot("ui.border.focused")),
                .cell(column: 24, row: 0, Self.slot("ui.border")),
                .text("Enter", row: 15, Self.slot("ui.footer.key")),
                .text(" open  ", row: 15, Self.slot("ui.footer")),
            ])
    }

    @Test func theArchivedViewListsOnlyArchivedConversations() async throws {
        let world = try UITestWorld(width: 72, height: 16, extra: [UITestWorld.archived, UITestWorld.emoji])
        await world.send(.terminal(.started(width: 72, height: 16)), .command(.toggleArchived))
        expectScreen(
            await world.render(),
            """
            ┌ Archived (1) ────────┐┌ chatterm ────────────────────────────────────┐
            │ Old archived ch… 2020││ Pick a conversation on the left and press Ent│
            │                      ││                                              │
            │                      ││ [ ]  other versions of a message             │
            │                      ││ t     every branch of the conversation       │
            │                      ││ Ctrl-K  search all conversations             │
            │                      ││ F1     all keys                              │
            │                      ││                                              │
            │                      ││                                              │
            │                      ││                                              │
            │                      │└──────────────────────────────────────────────┘
            │                      │┌ New message ─────────────────────────────────┐
            │                      ││Tab here to write a message                   │
            └──────────────────────┘└──────────────────────────────────────────────┘
             Showing archived conversations                      chatterm · archive
             Enter open  j down  / filter  A active  Ctrl-K search  ? help
            """, cursor: nil,
            styles: [.text(" Old archived ch… 2020", row: 1, Self.slot("ui.sidebar.selected"))])
    }

    @Test func wideCharactersKeepEveryBorderInPlace() async throws {
        let world = try UITestWorld(width: 72, height: 20, extra: [UITestWorld.emoji])
        await world.send(
            .terminal(.started(width: 72, height: 20)), .command(.selectNext), .command(.open), .user(.focus(.input)),
            .terminal(.paste("宽字符 🌲 emoji")))
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (3) ───┐┌ 中文 red ────────────────────────────────────┐
            │ Branching test  11-14││ You                                          │
            │ 中文 red        11-14││  介绍下你自己                                │
            │ Trees 🌲 树木 … 11-03││                                              │
            │                      ││▌Assistant                                    │
            │                      ││▌ 你好，我是一个终端聊天客户端 🤖 我可以进行各│
            │                      ││▌ 种自然语言处理任务，例如生成文本、回答问题、│
            │                      ││▌ 语言翻译、情感分析、文本摘要等。done        │
            │                      ││                                              │
            │                      ││                                              │
            │                      ││                                              │
            │                      ││                                              │
            │                      ││                                              │
            │                      ││                                              │
            │                      │└──────────────────────────────────────────────┘
            │                      │┌ Message ─────────────────────────────────────┐
            │                      ││宽字符 🌲 emoji                               │
            └──────────────────────┘└────────────────────── 11 chars · draft saved ┘
             中文 red · branch 1/1 · message 2/2          chatterm · chatgpt-export
             Alt-Enter new line  Ctrl-G editor  Tab focus  Ctrl-K search  F1 help
            """, cursor: (x: 40, y: 16),
            styles: [.text("宽字符 🌲 emoji", row: 16, Self.slot("ui.input"))])
    }

    @Test func anErrorInTheStatusLineIsInTheErrorStyleAsFarAsItGoes() async throws {
        let world = try UITestWorld(width: 72, height: 12)
        await world.send(
            .terminal(.started(width: 72, height: 12)),
            .failed("Could not reach http://127.0.0.1:9: connection refused"))
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (2) ───┐┌ chatterm ────────────────────────────────────┐
            │ Branching test  11-14││ Pick a conversation on the left and press Ent│
            │ 中文 red        11-14││                                              │
            │                      ││ [ ]  other versions of a message             │
            │                      ││ t     every branch of the conversation       │
            │                      ││ Ctrl-K  search all conversations             │
            │                      │└──────────────────────────────────────────────┘
            │                      │┌ New message ─────────────────────────────────┐
            │                      ││Tab here to write a message                   │
            └──────────────────────┘└──────────────────────────────────────────────┘
             Could not reach http://127.0.0.1:9: connection ref… chatterm · archive
             Enter open  j down  / filter  A archived  Ctrl-K search  ? help
            """, cursor: nil,
            styles: [
                .text(" Could not reach http://127.0.0.1:9: connection ref…", row: 10, Self.slot("ui.error")),
                .text("chatterm · archive ", row: 10, Self.slot("ui.statusline")),
            ])
    }

    @Test func theSmallestSupportedScreenStillDrawsEveryPane() async throws {
        let world = try UITestWorld(width: Screen.minimumWidth, height: Screen.minimumHeight)
        await world.send(.terminal(.started(width: Screen.minimumWidth, height: Screen.minimumHeight)))
        expectScreen(
            await world.render(),
            """
            ┌ Conversatio… ┐┌──┐
            │ Branch… 11-14││ P│
            │ 中文 r… 11-14│└──┘
            │              │┌──┐
            │              ││Ta│
            └──────────────┘└──┘
             chatterm · archive
             ? help
            """, cursor: nil)
    }

    @Test func belowTheSmallestSizeTheScreenSaysSo() async throws {
        let tooNarrow = """
            chatterm: the
            window is too small
            (at least 20×8)





            """
        let tooShort = """
            chatterm: the window
            is too small (at
            least 20×8)




            """
        for (width, height, expected) in [(19, 8, tooNarrow), (20, 7, tooShort), (1, 1, "c")] {
            let world = try UITestWorld(width: width, height: height)
            await world.send(.terminal(.started(width: width, height: height)), .command(.open), .command(.help))
            let frame = await world.render()
            expectScreen(frame, expected, cursor: nil)
            #expect(frame.buffer[0, 0].style == UITestWorld.context.theme.style("ui.warning"))
        }
    }
}

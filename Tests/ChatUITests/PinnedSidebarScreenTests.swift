import ChatConfig
import ChatStore
import ChatTestSupport
import ChatUI
import Foundation
import TerminalCanvas
import Testing

/// The sidebar with pinned, starred and tagged conversations, every row written out.
@Suite struct PinnedSidebarScreenTests {
    static func slot(_ name: String) -> ScreenMatch.Look { .style(UITestWorld.context.theme.style(name)) }

    /// Pinned on the web page, older than every other conversation of the world.
    static let roadmap = """
        {"id":"conv-p","title":"Roadmap","create_time":1690000000,"update_time":1690000000,
         "pinned_time":1699900000,"current_node":"p1","mapping":{
          "r":{"id":"r","parent":null,"children":["p1"],"message":null},
          "p1":{"id":"p1","parent":"r","children":[],"message":{"id":"p1","author":{"role":"user"},
            "content":{"content_type":"text","parts":["the plan"]}}}}}
        """

    /// Starred, with a custom GPT, in study mode.
    static let notes = """
        {"id":"conv-n","title":"Notes","create_time":1699000000,"update_time":1699000000,
         "is_starred":true,"gizmo_id":"g-abc","gizmo_type":"gpt","is_study_mode":true,"current_node":"n1",
         "mapping":{
          "r":{"id":"r","parent":null,"children":["n1"],"message":null},
          "n1":{"id":"n1","parent":"r","children":[],"message":{"id":"n1","author":{"role":"user"},
            "content":{"content_type":"text","parts":["notes"]}}}}}
        """

    @Test func pinnedConversationsSitUnderTheirHeadingAndMarksReadInWords() async throws {
        let world = try UITestWorld(width: 80, height: 14, extra: [Self.roadmap, Self.notes])
        await world.send(.terminal(.started(width: 80, height: 14)))
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (4) ───┐┌ chatterm ────────────────────────────────────────────┐
            │ Pinned               ││ Pick a conversation on the left and press Enter.     │
            │ Roadmap         07-22││                                                      │
            │ Chats                ││ [ ]  other versions of a message                     │
            │ Branching test  11-14││ t     every branch of the conversation               │
            │ 中文 red        11-14││ Ctrl-K  search all conversations                     │
            │★Notes          study+││ F1     all keys                                      │
            │                      ││                                                      │
            │                      │└──────────────────────────────────────────────────────┘
            │                      │┌ New message ─────────────────────────────────────────┐
            │                      ││Tab here to write a message                           │
            └──────────────────────┘└──────────────────────────────────────────────────────┘
             4 conversations                                             chatterm · archive
             Enter open  j down  / filter  A archived  Ctrl-K search  Tab focus  ? help
            """, cursor: nil,
            styles: [
                .text(" Pinned", row: 1, Self.slot("ui.sidebar.heading")),
                .text(" Chats", row: 3, Self.slot("ui.sidebar.heading")),
                .text(" Roadmap         07-22", row: 2, Self.slot("ui.sidebar.selected")),
                .text("★", row: 6, Self.slot("ui.sidebar.mark")),
                .text("Notes", row: 6, Self.slot("ui.sidebar")),
                .text("study+", row: 6, Self.slot("ui.sidebar.mark")),
                .text("11-14", row: 4, Self.slot("ui.sidebar.date")),
            ])
    }

    @Test func theFilterSaysWhatItTakesAndIsPinnedKeepsThePinned() async throws {
        let world = try UITestWorld(width: 80, height: 14, extra: [Self.roadmap, Self.notes])
        await world.send(.terminal(.started(width: 80, height: 14)), .command(.filter))
        let empty = await world.render()
        #expect(
            empty.buffer.lines[1] == "│/title words, is:pinn…││ Pick a conversation on the left and press Enter.     │")
        #expect(empty.buffer[2, 1].style == UITestWorld.context.theme.style("ui.input.placeholder"))
        await world.send(.user(.type("is:pinned")))
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (1) ───┐┌ chatterm ────────────────────────────────────────────┐
            │/is:pinned            ││ Pick a conversation on the left and press Enter.     │
            │ Pinned               ││                                                      │
            │ Roadmap         07-22││ [ ]  other versions of a message                     │
            │                      ││ t     every branch of the conversation               │
            │                      ││ Ctrl-K  search all conversations                     │
            │                      ││ F1     all keys                                      │
            │                      ││                                                      │
            │                      │└──────────────────────────────────────────────────────┘
            │                      │┌ New message ─────────────────────────────────────────┐
            │                      ││Tab here to write a message                           │
            └──────────────────────┘└──────────────────────────────────────────────────────┘
             1 conversation                                              chatterm · archive
             Enter open  Esc clear filter
            """, cursor: (x: 11, y: 1),
            styles: [
                .text(" Pinned", row: 2, Self.slot("ui.sidebar.heading")),
                .text(" Roadmap         07-22", row: 3, Self.slot("ui.sidebar.selected")),
            ])
    }

    @Test func withNoColourTheHeadingsAndMarksStillStandApart() {
        let theme = Theme.monochrome
        #expect(theme.style("ui.sidebar.heading").attributes.contains(.bold))
        #expect(theme.style("ui.sidebar.mark").attributes.contains(.bold))
        #expect(theme.style("ui.sidebar.heading") != theme.style("ui.sidebar"))
    }
}

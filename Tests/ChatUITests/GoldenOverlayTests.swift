import ChatClient
import ChatConfig
import ChatModel
import ChatStore
import ChatTestSupport
import ChatUI
import Foundation
import TerminalCanvas
import Testing

/// Every overlay as a whole screen (the search and tree overlays are in `ScreenTests`, the
/// links window in `LinkScreenTests`). States that need a backend are made by the reducer
/// alone, so no effect reaches for a server.
@Suite struct GoldenOverlayTests {
    static func slot(_ name: String) -> ScreenMatch.Look { .style(UITestWorld.context.theme.style(name)) }

    static let local = BackendInfo(name: "local", sourceName: "local", model: "gpt-4o", kind: "chatgpt")
    static let ollama = BackendInfo(name: "ollama", sourceName: "ollama", model: "llama3.2", kind: "openai")

    /// The world's state after `started`, with a backend and two profiles, then `actions`
    /// applied by the reducer (their effects are not run).
    static func online(_ world: UITestWorld, _ actions: AppAction...) async -> AppState {
        var state = await world.send(.terminal(.started(width: world.width, height: world.height)))
        state.backend = local
        state.profiles = [local, ollama]
        for action in actions { _ = Reducer.reduce(&state, action) }
        return state
    }

    @Test func helpShowsWhyACommandCannotActNow() async throws {
        let world = try UITestWorld(width: 72, height: 20)
        // Offline, on an answer with no links: the messages' section says why keys do nothing.
        await world.send(.terminal(.started(width: 72, height: 20)), .command(.open), .command(.help))
        for _ in 0..<72 { await world.send(.command(.selectNext)) }
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (2) ───┐┌ Branching test ──────────────────────────────┐
            │ ┌ Keys · default ──────────────────────────────────────────────────┐ │
            │ │  1 2 3 4 5 6 7 8 9     Copy code block 1–9 of the message        │ │
            │ │  o                     List the message's links to open one      │ │
            │ │                        ↳ This message has no links to open       │ │
            │ │  v                     Show the message's images large           │ │
            │ │                        ↳ This message has no image to view       │ │
            │ │  n                     Start a new chat                          │ │
            │ │                        ↳ No chat backend is configured: this     │ │
            │ │                          archive is read-only                    │ │
            │ │  r                     Regenerate the selected answer            │ │
            │ │                        ↳ No chat backend is configured: this     │ │
            │ │                          archive is read-only                    │ │
            │ │  e                     Edit the selected prompt (new branch)     │ │
            │ │                        ↳ None of your messages is selected       │─┘
            │ │  c                     Continue the last answer                  │─┐
            │ └────────────────────────────────────────────────────── Esc closes ┘ │
            └──────────────────────┘└──────────────────────────────────────────────┘
             Branching test · branch 2/3 · message 2/2 ‹… chatterm · chatgpt-export
             q close  j scroll
            """, cursor: nil,
            styles: [
                .text("v", row: 5, Self.slot("ui.help.key").adding(.dim)),
                .text("↳ This message has no image to view", row: 6, Self.slot("ui.input.placeholder")),
                .text("r", row: 10, Self.slot("ui.help.key").adding(.dim)),
                .text("Regenerate the selected answer", row: 10, Self.slot("ui.help").adding(.dim)),
                .text("↳ No chat backend is configured: this", row: 11, Self.slot("ui.input.placeholder")),
                .text("1 2 3 4 5 6 7 8 9", row: 2, Self.slot("ui.help.key")),
                .text("Copy code block 1–9 of the message", row: 2, Self.slot("ui.help")),
            ])
    }

    @Test func theModelPickerMarksTheModelInUse() async throws {
        let world = try UITestWorld(width: 72, height: 14)
        let models = [
            ModelInfo(slug: "gpt-4o", title: "GPT-4o", description: "Fast"),
            ModelInfo(slug: "o3", title: "o3", description: "Thinks first"),
        ]
        let state = await Self.online(world, .command(.pickModel), .loaded(.models(models)))
        expectScreen(
            Screen.render(state, context: world.context),
            """
            ┌ Conversations (2) ───┐┌ chatterm ────────────────────────────────────┐
            │ ┌ Model · Enter picks ─────────────────────────────────────────────┐ │
            │ │● GPT-4o  Fast                                             gpt-4o │ │
            │ │  o3  Thinks first                                             o3 │t│
            │ │                                                                  │ │
            │ │                                                                  │ │
            │ │                                                                  │ │
            │ │                                                                  │ │
            │ │                                                                  │─┘
            │ │                                                                  │─┐
            │ └──────────────────────────────────────────────────────────────────┘ │
            └──────────────────────┘└──────────────────────────────────────────────┘
             2 conversations                              chatterm · local · gpt-4o
             Enter use this model  j down  k up  q close
            """, cursor: nil,
            styles: [.text("● GPT-4o  Fast", row: 2, Self.slot("ui.sidebar.selected"))])
        let loading = await Self.online(world, .command(.pickModel))
        expectScreen(
            Screen.render(loading, context: world.context).buffer,
            """
            ┌ Conversations (2) ───┐┌ chatterm ────────────────────────────────────┐
            │ ┌ Model · Enter picks ─────────────────────────────────────────────┐ │
            │ │ loading…                                                         │ │
            │ │                                                                  │t│
            │ │                                                                  │ │
            │ │                                                                  │ │
            │ │                                                                  │ │
            │ │                                                                  │ │
            │ │                                                                  │─┘
            │ │                                                                  │─┐
            │ └──────────────────────────────────────────────────────────────────┘ │
            └──────────────────────┘└──────────────────────────────────────────────┘
             2 conversations                              chatterm · local · gpt-4o
             j down  k up  q close
            """)
    }

    @Test func theProfilePickerMarksTheCurrentProfile() async throws {
        let world = try UITestWorld(width: 72, height: 14)
        let state = await Self.online(world, .command(.pickProfile), .command(.selectNext))
        expectScreen(
            Screen.render(state, context: world.context),
            """
            ┌ Conversations (2) ───┐┌ chatterm ────────────────────────────────────┐
            │ Branching test  11-14││ New chat with local (gpt-4o): type below and │
            │ 中文 red        11-14││                                              │
            │                      ││ Pick a conversation on the left and press Ent│
            │ ┌ Profile · Enter switches ────────────────────────────────────────┐ │
            │ │● local                                          chatgpt · gpt-4o │ │
            │ │  ollama                                        openai · llama3.2 │ │
            │ └──────────────────────────────────────────────────────────────────┘ │
            │                      │└──────────────────────────────────────────────┘
            │                      │┌ New message ─────────────────────────────────┐
            │                      ││Tab here to write a message                   │
            └──────────────────────┘└──────────────────────────────────────────────┘
             2 conversations                              chatterm · local · gpt-4o
             Enter switch to this profile  j down  k up  q close
            """, cursor: nil,
            styles: [
                .text("● local", row: 5, Self.slot("ui.help")),
                .text("  ollama", row: 6, Self.slot("ui.sidebar.selected")),
            ])
    }

    @Test func renameEditsTheTitleInPlace() async throws {
        let world = try UITestWorld(width: 72, height: 14)
        await world.send(.terminal(.started(width: 72, height: 14)), .command(.rename), .user(.type(" 🌲")))
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (2) ───┐┌ chatterm ────────────────────────────────────┐
            │ Branching test  11-14││ Pick a conversation on the left and press Ent│
            │ 中文 red        11-14││                                              │
            │                      ││ [ ]  other versions of a message             │
            │ ┌ Rename · Enter saves · Esc cancels ──────────────────────────────┐ │
            │ │Branching test 🌲                                                 │ │
            │ └──────────────────────────────────────────────────────────────────┘ │
            │                      ││                                              │
            │                      │└──────────────────────────────────────────────┘
            │                      │┌ New message ─────────────────────────────────┐
            │                      ││Tab here to write a message                   │
            └──────────────────────┘└──────────────────────────────────────────────┘
             2 conversations                                     chatterm · archive
             Enter rename  Esc cancel
            """, cursor: (x: 20, y: 5),
            styles: [.text("Branching test 🌲", row: 5, Self.slot("ui.input"))])
    }

    @Test func quittingAsksFirstAndSaysWhenADraftWouldBeLost() async throws {
        let world = try UITestWorld(width: 72, height: 14)
        await world.send(.terminal(.started(width: 72, height: 14)), .command(.interrupt))
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (2) ───┐┌ chatterm ────────────────────────────────────┐
            │ Branching test  11-14││ Pick a conversation on the left and press Ent│
            │ 中文 red        11-14││                                              │
            │                 ┌ Quit ────────────────────────────┐sage             │
            │                 │ Quit chatterm?                   │nversation       │
            │                 │                                  │ions             │
            │                 │ y quit   n stay                  │                 │
            │                 └──────────────────────────────────┘                 │
            │                      │└──────────────────────────────────────────────┘
            │                      │┌ New message ─────────────────────────────────┐
            │                      ││Tab here to write a message                   │
            └──────────────────────┘└──────────────────────────────────────────────┘
             2 conversations                                     chatterm · archive
             y quit  n stay
            """, cursor: nil,
            styles: [
                .text("y", row: 6, Self.slot("ui.help.key")),
                .text(" quit   ", row: 6, Self.slot("ui.help")),
                .text("n", row: 6, Self.slot("ui.help.key")),
            ])
        await world.send(.drafts(.failed("disk full")))
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (2) ───┐┌ chatterm ────────────────────────────────────┐
            │ Branching test  11-14││ Pick a conversation on the left and press Ent│
            │ 中文 red        11-14││                                              │
            │               ┌ Quit ────────────────────────────────┐ge             │
            │               │ Your draft is not saved (disk full). │ersation       │
            │               │ Quitting now loses it. Quit anyway?  │ns             │
            │               │                                      │               │
            │               │ y quit   n stay                      │               │
            │               └──────────────────────────────────────┘───────────────┘
            │                      │┌ New message ─────────────────────────────────┐
            │                      ││Tab here to write a message                   │
            └──────────────────────┘└──────────────────────── not saved: disk full ┘
             2 conversations                                     chatterm · archive
             y quit  n stay
            """, cursor: nil,
            styles: [
                .text("Your draft is not saved (disk full).", row: 4, Self.slot("ui.error")),
                .text("not saved: disk full", row: 11, Self.slot("ui.error")),
            ])
    }

    @Test func deletingAsksFirstNamingTheConversation() async throws {
        let world = try UITestWorld(width: 72, height: 14)
        await world.send(.terminal(.started(width: 72, height: 14)), .command(.selectNext), .command(.delete))
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (2) ───┐┌ chatterm ────────────────────────────────────┐
            │ Branching test  11-14││ Pick a conversation on the left and press Ent│
            │ 中文 red        11-14││                                              │
            │     ┌ Delete ──────────────────────────────────────────────────┐     │
            │     │ Delete “中文 red”?                                       │     │
            │     │                                                          │     │
            │     │ y delete   n keep                                        │     │
            │     └──────────────────────────────────────────────────────────┘     │
            │                      │└──────────────────────────────────────────────┘
            │                      │┌ New message ─────────────────────────────────┐
            │                      ││Tab here to write a message                   │
            └──────────────────────┘└──────────────────────────────────────────────┘
             2 conversations                                     chatterm · archive
             y delete  n keep
            """, cursor: nil,
            styles: [.text("y", row: 6, Self.slot("ui.help.key")), .text("n", row: 6, Self.slot("ui.help.key"))])
    }
}

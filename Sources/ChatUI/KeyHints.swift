import ChatConfig
import ChatModel
import ChatStore
import Foundation
import TerminalCanvas

/// Key names for hints, read from the active keymap so a rebinding shows everywhere.
enum KeyHints {
    /// The first key bound to a command in a context, e.g. `Enter`; `—` when unbound.
    static func first(_ command: Command, _ context: KeyContext, _ keymap: Keymap) -> String {
        keymap.keys(for: command, in: context).first?.description
            ?? keymap.keys(for: command, in: .global).first?.description ?? "—"
    }

    /// Two keys joined (`[ ]`), for pairs of commands.
    static func pair(_ a: Command, _ b: Command, _ context: KeyContext, _ keymap: Keymap) -> String {
        first(a, context, keymap) + " " + first(b, context, keymap)
    }

    /// The footer's (keys, label) pairs for what has the keys now.
    static func footer(_ state: AppState, _ keymap: Keymap) -> [(String, String)] {
        var items: [(String, String)] = []
        func add(_ command: Command, _ context: KeyContext, _ label: String) {
            let key = first(command, context, keymap)
            if key != "—" { items.append((key, label)) }
        }
        switch state.overlay {
        case .help:
            add(.cancel, .help, "close")
            add(.selectNext, .help, "scroll")
            return items
        case .tree:
            add(.open, .tree, "show branch")
            add(.selectNext, .tree, "down")
            add(.selectPrev, .tree, "up")
            add(.cancel, .tree, "close")
            return items
        case .search:
            add(.open, .search, "open hit")
            add(.selectNext, .search, "next")
            add(.selectPrev, .search, "previous")
            add(.cancel, .search, "close")
            return items
        case .confirmQuit:
            return [("y", "quit"), ("n", "stay")]
        case .confirmDelete:
            return [("y", "delete"), ("n", "keep")]
        case .rename:
            add(.open, .search, "rename")
            add(.cancel, .search, "cancel")
            return items
        case .profiles, .models, .links:
            // The pickers move like the tree overview.
            var verb = "use this model"
            if case .profiles = state.overlay { verb = "switch to this profile" }
            if case .links = state.overlay { verb = "open" }
            add(.open, .tree, verb)
            add(.selectNext, .tree, "down")
            add(.selectPrev, .tree, "up")
            add(.cancel, .tree, "close")
            return items
        case nil:
            break
        }
        switch state.focus {
        case .sidebar where state.sidebar.isEditingFilter:
            add(.open, .sidebar, "open")
            add(.cancel, .sidebar, "clear filter")
        case .sidebar:
            add(.open, .sidebar, "open")
            add(.selectNext, .sidebar, "down")
            add(.filter, .sidebar, "filter")
            add(.toggleArchived, .sidebar, state.sidebar.showArchived ? "active" : "archived")
            if state.backend != nil { add(.newChat, .sidebar, "new chat") }
            add(.search, .global, "search")
            add(.focusNext, .global, "focus")
            add(.help, KeyRouter.context(for: state), "help")
            add(.quit, .sidebar, "quit")
        case .messages:
            if state.streams.values.contains(where: { $0.openKey == state.open?.id }) {
                add(.cancel, .global, "stop")
            }
            items.append((pair(.selectNext, .selectPrev, .messages, keymap), "select"))
            items.append((pair(.siblingPrev, .siblingNext, .messages, keymap), "versions"))
            if state.backend != nil, state.open?.source == state.backend?.sourceName {
                let role = state.open.flatMap { $0.turns.indices.contains($0.selected) ? $0.turns[$0.selected] : nil }?
                    .author.role
                if role == .assistant { add(.regenerate, .messages, "regenerate") }
                if role == .user { add(.editPrompt, .messages, "edit") }
            }
            items.append((pair(.branchPointPrev, .branchPointNext, .messages, keymap), "branch points"))
            add(.treeOverview, .messages, "tree")
            add(.copyMessage, .messages, "copy")
            add(.openLink, .messages, "links")
            items.append(("1-9", "copy code"))
            add(.toggleReasoning, .messages, "reasoning")
            add(.help, KeyRouter.context(for: state), "help")
        case .input:
            if state.streams.values.contains(where: { $0.openKey == state.open?.id }) {
                add(.cancel, .global, "stop")
            }
            add(.send, .input, "send")
            add(.inputNewline, .input, "new line")
            add(.openEditor, .input, "editor")
            add(.focusNext, .global, "focus")
            add(.search, .global, "search")
            add(.help, KeyRouter.context(for: state), "help")
        }
        return items
    }
}

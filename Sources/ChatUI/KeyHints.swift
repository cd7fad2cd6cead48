import ChatConfig
import ChatModel
import ChatStore
import Foundation
import TerminalCanvas

/// Key names for hints, read from the active keymap so a rebinding shows everywhere.
enum KeyHints {
    /// The first key bound to a command (by its keymap name) in a context, e.g. `Enter`; `—` when unbound.
    static func first(_ command: String, _ context: KeyContext, _ keymap: Keymap) -> String {
        guard let cmd = Command(rawValue: command) else { return "—" }
        return keymap.keys(for: cmd, in: context).first?.description
            ?? keymap.keys(for: cmd, in: .global).first?.description ?? "—"
    }

    /// Two keys joined (`[ ]`), for pairs of commands.
    static func pair(_ a: String, _ b: String, _ context: KeyContext, _ keymap: Keymap) -> String {
        first(a, context, keymap) + " " + first(b, context, keymap)
    }

    /// The footer's (keys, label) pairs for what has the keys now.
    static func footer(_ state: AppState, _ keymap: Keymap) -> [(String, String)] {
        var items: [(String, String)] = []
        func add(_ command: String, _ context: KeyContext, _ label: String) {
            let key = first(command, context, keymap)
            if key != "—" { items.append((key, label)) }
        }
        switch state.overlay {
        case .help:
            add("cancel", .help, "close")
            add("select_next", .help, "scroll")
            return items
        case .tree:
            add("open", .tree, "show branch")
            add("select_next", .tree, "down")
            add("select_prev", .tree, "up")
            add("cancel", .tree, "close")
            return items
        case .search:
            add("open", .search, "open hit")
            add("select_next", .search, "next")
            add("select_prev", .search, "previous")
            add("cancel", .search, "close")
            return items
        case .confirmQuit:
            return [("y", "quit"), ("n", "stay")]
        case .confirmDelete:
            return [("y", "delete"), ("n", "keep")]
        case .rename:
            add("open", .search, "rename")
            add("cancel", .search, "cancel")
            return items
        case .profiles, .models, .links:
            // The pickers move like the tree overview.
            var verb = "use this model"
            if case .profiles = state.overlay { verb = "switch to this profile" }
            if case .links = state.overlay { verb = "open" }
            add("open", .tree, verb)
            add("select_next", .tree, "down")
            add("select_prev", .tree, "up")
            add("cancel", .tree, "close")
            return items
        case nil:
            break
        }
        switch state.focus {
        case .sidebar where state.sidebar.isEditingFilter:
            add("open", .sidebar, "open")
            add("cancel", .sidebar, "clear filter")
        case .sidebar:
            add("open", .sidebar, "open")
            add("select_next", .sidebar, "down")
            add("filter", .sidebar, "filter")
            add("toggle_archived", .sidebar, state.sidebar.showArchived ? "active" : "archived")
            if state.backend != nil { add("new_chat", .sidebar, "new chat") }
            add("search", .global, "search")
            add("focus_next", .global, "focus")
            add("help", KeyRouter.context(for: state), "help")
            add("quit", .sidebar, "quit")
        case .messages:
            if state.streams.values.contains(where: { $0.openKey == state.open?.id }) {
                add("cancel", .global, "stop")
            }
            items.append((pair("select_next", "select_prev", .messages, keymap), "select"))
            items.append((pair("sibling_prev", "sibling_next", .messages, keymap), "versions"))
            if state.backend != nil, state.open?.source == state.backend?.sourceName {
                let role = state.open.flatMap { $0.turns.indices.contains($0.selected) ? $0.turns[$0.selected] : nil }?
                    .author.role
                if role == .assistant { add("regenerate", .messages, "regenerate") }
                if role == .user { add("edit_prompt", .messages, "edit") }
            }
            items.append((pair("branch_point_prev", "branch_point_next", .messages, keymap), "branch points"))
            add("tree_overview", .messages, "tree")
            add("copy_message", .messages, "copy")
            add("open_link", .messages, "links")
            items.append(("1-9", "copy code"))
            add("toggle_reasoning", .messages, "reasoning")
            add("help", KeyRouter.context(for: state), "help")
        case .input:
            if state.streams.values.contains(where: { $0.openKey == state.open?.id }) {
                add("cancel", .global, "stop")
            }
            add("send", .input, "send")
            add("input_newline", .input, "new line")
            add("open_editor", .input, "editor")
            add("focus_next", .global, "focus")
            add("search", .global, "search")
            add("help", KeyRouter.context(for: state), "help")
        }
        return items
    }
}

import ChatConfig
import ChatModel
import ChatStore
import Foundation
import TerminalCanvas

/// Turns terminal input into actions: the focused context's keymap first, then the global one;
/// in a text field, plain characters are typed rather than taken as commands.
public enum KeyRouter {
    /// The keymap context that has the keys in a state.
    public static func context(for state: AppState) -> KeyContext {
        switch state.overlay {
        case .help: return .help
        case .tree(let tree): return tree.query == nil ? .tree : .search
        case .search: return .search
        case .confirmQuit, .confirmDelete: return .global
        case .rename, .label: return .search
        case .models, .profiles, .links, .image, .bookmarks, .fork: return .tree
        case .compare: return .compare
        case nil: break
        }
        switch state.focus {
        case .sidebar: return state.sidebar.isEditingFilter ? .search : .sidebar
        case .messages: return .messages
        case .input: return .input
        }
    }

    /// Whether typed characters go into a text field in this state.
    static func isTyping(_ state: AppState) -> Bool {
        switch state.overlay {
        case .search, .rename, .label: return true
        case .tree(let tree): return tree.query != nil
        case .some: return false
        case nil: return state.focus == .input || (state.focus == .sidebar && state.sidebar.isEditingFilter)
        }
    }

    /// The action for an input event, or nil when it means nothing here.
    public static func action(for event: InputEvent, in state: AppState, keymap: Keymap) -> AppAction? {
        switch event {
        case .resize(let width, let height):
            return .terminal(.resized(width: width, height: height))
        case .paste(let text):
            return isTyping(state) ? .terminal(.paste(text)) : nil
        case .key(let key):
            return action(for: key, in: state, keymap: keymap)
        case .mouse, .modeReport:
            // The mouse goes through the frame's hit map (``MouseRouter``); a mode report is
            // the screen's own.
            return nil
        }
    }

    /// A key's action: the answer to an open question, a numbered suggestion, a typed
    /// character, else the command the keymap binds it to.
    static func action(for key: Key, in state: AppState, keymap: Keymap) -> AppAction? {
        if case .confirmQuit = state.overlay {
            return .user(.confirm(key.code == .char("y") || key.code == .char("Y") || key.code == .enter))
        }
        if case .confirmDelete = state.overlay {
            return .user(.confirm(key.code == .char("y") || key.code == .char("Y")))
        }
        let context = context(for: state)
        let typing = isTyping(state)
        if context == .input, state.open == nil, state.input.isEmpty, key.modifiers.isEmpty,
            case .char(let c) = key.code, let n = c.wholeNumberValue, n >= 1, n <= state.starters.count
        {
            return .user(.pickStarter(n))
        }
        if let n = followUpNumber(key, context: context, state: state) { return .user(.pickFollowUp(n)) }
        if typing, case .char(let c) = key.code, key.modifiers.subtracting(.shift).isEmpty {
            // Plain characters are text here, unless this context binds them itself.
            if let command = keymap.command(for: key, in: context), keymap.keys(for: command, in: context).contains(key)
            {
                return action(for: command, key: key)
            }
            return .user(.type(String(c)))
        }
        if let command = keymap.command(for: key, in: context) {
            return action(for: command, key: key)
        }
        if typing, context != .input {
            // The filter and the search query borrow the input box's editing keys.
            if let command = keymap.command(for: key, in: .input), command.editsInput {
                return action(for: command, key: key)
            }
        }
        return nil
    }

    /// The action of a command bound to `key`; nil for `copy_code_block` on a key without a
    /// digit 1–9. What a command does is the reducer's (``Reducer``, Reducer+Commands.swift).
    static func action(for command: Command, key: Key) -> AppAction? {
        guard command == .copyCodeBlock else { return .command(command) }
        return Command.codeBlockNumber(for: key).map { .command(.copyCodeBlock, .digit($0)) }
    }

    /// Alt+digit picks a follow-up suggestion of the last answer, in the message pane or
    /// the input box (plain digits copy code blocks there, and are text here).
    private static func followUpNumber(_ key: Key, context: KeyContext, state: AppState) -> Int? {
        guard context == .messages || context == .input, key.modifiers == .alt, let open = state.open,
            case .char(let c) = key.code, let n = c.wholeNumberValue, n >= 1,
            n <= (open.turns.last?.followUps.count ?? 0)
        else { return nil }
        return n
    }
}

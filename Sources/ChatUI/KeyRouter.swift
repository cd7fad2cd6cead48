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
        case .tree: return .tree
        case .search: return .search
        case .confirmQuit, .confirmDelete: return .global
        case .rename: return .search
        case .models, .profiles, .links: return .tree
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
        case .search, .rename: return true
        case .some: return false
        case nil: return state.focus == .input || (state.focus == .sidebar && state.sidebar.isEditingFilter)
        }
    }

    /// The action for an input event, or nil when it means nothing here.
    public static func action(for event: InputEvent, in state: AppState, keymap: Keymap) -> AppAction? {
        switch event {
        case .resize(let width, let height):
            return .resized(width: width, height: height)
        case .paste(let text):
            return isTyping(state) ? .paste(text) : nil
        case .key(let key):
            return action(for: key, in: state, keymap: keymap)
        }
    }

    static func action(for key: Key, in state: AppState, keymap: Keymap) -> AppAction? {
        if case .confirmQuit = state.overlay {
            switch key.code {
            case .char("y"), .char("Y"), .enter: return .confirmQuit(true)
            default: return .confirmQuit(false)
            }
        }
        if case .confirmDelete = state.overlay {
            switch key.code {
            case .char("y"), .char("Y"): return .confirmDelete(true)
            default: return .confirmDelete(false)
            }
        }
        let context = context(for: state)
        let typing = isTyping(state)
        if context == .input, state.open == nil, state.input.isEmpty, key.modifiers.isEmpty,
            case .char(let c) = key.code, let n = c.wholeNumberValue, n >= 1, n <= state.starters.count
        {
            return .pickStarter(n)
        }
        if let n = followUpNumber(key, context: context, state: state) { return .pickFollowUp(n) }
        if typing, case .char(let c) = key.code, key.modifiers.subtracting(.shift).isEmpty {
            // Plain characters are text here, unless this context binds them itself.
            if let command = keymap.command(for: key, in: context), keymap.keys(for: command, in: context).contains(key)
            {
                return action(for: command, key: key)
            }
            return .edit(.insert(String(c)))
        }
        if let command = keymap.command(for: key, in: context) {
            if command == .inputUp, context == .input, state.input.isEmpty, state.open != nil {
                return .editLastPrompt
            }
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

    /// The action a command stands for (`key` supplies the digit of `copy_code_block`).
    static func action(for command: Command, key: Key) -> AppAction? {
        switch command {
        case .quit: return .quit
        case .forceQuit: return .forceQuit
        case .interrupt: return .interrupt
        case .help: return .showHelp
        case .focusNext: return .focusNext
        case .focusPrev: return .focusPrevious
        case .selectNext: return .move(1)
        case .selectPrev: return .move(-1)
        case .pageDown: return .page(1)
        case .pageUp: return .page(-1)
        case .halfPageDown: return .halfPage(1)
        case .halfPageUp: return .halfPage(-1)
        case .top: return .top
        case .bottom: return .bottom
        case .open: return .openSelected
        case .filter: return .beginFilter
        case .toggleArchived: return .toggleArchived
        case .siblingPrev: return .switchSibling(-1)
        case .siblingNext: return .switchSibling(1)
        case .branchPointPrev: return .jumpBranchPoint(-1)
        case .branchPointNext: return .jumpBranchPoint(1)
        case .copyMessage: return .copyMessage
        case .openLink: return .showLinks
        case .copyCodeBlock:
            if case .char(let c) = key.code, let n = c.wholeNumberValue { return .copyCodeBlock(n) }
            return nil
        case .search: return .showSearch
        case .treeOverview: return .showTree
        case .toggleReasoning: return .toggleReasoning
        case .cancel: return .cancel
        case .send: return .submit
        case .inputNewline: return .edit(.newline)
        case .inputLeft: return .edit(.left)
        case .inputRight: return .edit(.right)
        case .inputUp: return .edit(.up)
        case .inputDown: return .edit(.down)
        case .inputWordLeft: return .edit(.wordLeft)
        case .inputWordRight: return .edit(.wordRight)
        case .inputHome: return .edit(.lineStart)
        case .inputEnd: return .edit(.lineEnd)
        case .inputBackspace: return .edit(.backspace)
        case .inputDelete: return .edit(.deleteForward)
        case .inputDeleteWord: return .edit(.deleteWordBackward)
        case .inputKillLine: return .edit(.killLine)
        case .inputKillToEnd: return .edit(.killToLineEnd)
        case .openEditor: return .openEditor
        case .newChat: return .newChat
        case .regenerate: return .regenerate
        case .editPrompt: return .editPrompt
        case .continueAnswer: return .continueAnswer
        case .reload: return .reload
        case .rename: return .renameConversation
        case .archive: return .toggleArchiveConversation
        case .delete: return .deleteConversation
        case .pickModel: return .pickModel
        case .pickProfile: return .pickProfile
        }
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

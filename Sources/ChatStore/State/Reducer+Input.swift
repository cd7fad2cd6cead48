import ChatConfig
import ChatModel
import Foundation

/// Editing the text fields (the input box, the sidebar filter, the search query and the new
/// title), and the draft's trip to `$EDITOR`.
extension Reducer {
    static func applyEdit(_ state: inout AppState, _ edit: TextEdit) -> [Effect] {
        switch state.overlay {
        case .search(var search):
            let changed = search.query.apply(edit, singleLine: true)
            state.overlay = .search(search)
            let query = search.query.text
            guard changed else { return [] }
            return query.trimmingCharacters(in: .whitespaces).isEmpty ? [] : [.search(query)]
        case .rename(var rename):
            rename.title.apply(edit, singleLine: true)
            state.overlay = .rename(rename)
            return []
        case .label(var label):
            label.text.apply(edit, singleLine: true)
            state.overlay = .label(label)
            return []
        case .tree(var tree):
            guard var query = tree.query, query.apply(edit, singleLine: true) else { return [] }
            tree.query = query
            searchTree(&tree, state.open?.tree)
            state.overlay = .tree(tree)
            return []
        case .some:
            return []
        case nil:
            break
        }
        if state.focus == .sidebar && state.sidebar.isEditingFilter {
            guard state.sidebar.filter.apply(edit, singleLine: true) else { return [] }
            let text = state.sidebar.filter.text
            if text.isEmpty {
                state.sidebar.filtered = nil
                state.sidebar.selected = 0
                return ensureSidebarWindow(&state)
            }
            return [.filterSidebar(archived: state.sidebar.showArchived, text: text)]
        }
        guard state.focus == .input else { return [] }
        let lines = state.inputLineCount
        let changed = state.input.apply(edit)
        if state.inputLineCount != lines { relayoutPane(&state) }
        guard changed else { return [] }
        return [.saveDraft(key: state.draftKey, draft: state.input)]
    }

    /// Whether Up edits the last prompt instead of moving the cursor: in an empty input box
    /// under an open conversation, where `e` on that prompt could act (offline, or in a
    /// conversation that cannot take a branch, Up only moves the cursor, which has nowhere to go).
    static func upEditsLastPrompt(_ state: AppState) -> Bool {
        guard state.overlay == nil, state.focus == .input, state.input.isEmpty, var open = state.open,
            let index = open.turns.lastIndex(where: { $0.author.role == .user })
        else { return false }
        var editing = state
        open.selected = index
        editing.open = open
        return Availability.disabledReason(.editPrompt, in: editing) == nil
    }

    /// The draft goes to `$EDITOR` (``TerminalServices/editText``); its text comes back as
    /// ``AppAction/TerminalEvent/editorFinished(_:)``.
    static func openEditor(_ state: inout AppState) -> [Effect] {
        [.editText(state.input.text)]
    }

    /// The editor's text replaces the draft (it is not sent); a failed editor leaves it alone.
    static func editorFinished(_ state: inout AppState, _ text: String?) -> [Effect] {
        guard let text else {
            state.message = StatusMessage("The editor failed; your draft is unchanged", kind: .warning)
            return []
        }
        state.input = TextEditor(text)
        state.focus = .input
        relayoutPane(&state)
        state.message = StatusMessage("Draft updated from the editor; Enter sends it")
        return [.saveDraft(key: state.draftKey, draft: state.input)]
    }
}

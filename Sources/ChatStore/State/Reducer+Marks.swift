import ChatArchive
import ChatModel

/// Labels (`L`) and bookmarks (`b`, and `B` for the list) on messages: the pane shows them at
/// once and the archive keeps them (``Effect/saveLabel(conversationID:nodeID:label:)``); they are
/// never sent to a service.
extension Reducer {
    /// `label_message`: the label window for the selected message, its label to edit.
    static func beginLabel(_ state: inout AppState) -> [Effect] {
        guard let open = state.open, open.turns.indices.contains(open.selected) else { return [] }
        let node = open.turns[open.selected].id
        state.overlay = .label(
            LabelEditState(conversationID: open.id, nodeID: node, label: open.marks[node]?.label ?? ""))
        return []
    }

    /// Enter in the label window: the label is saved (an empty one removes it).
    static func commitLabel(_ state: inout AppState, _ edit: LabelEditState) -> [Effect] {
        state.overlay = nil
        let label = MessageMark.cleanLabel(edit.text.text)
        if var open = state.open, open.id == edit.conversationID {
            open.changeMark(of: edit.nodeID) { $0.label = label }
            open.revealSelection(rows: state.geometry.paneRows)
            state.open = open
        }
        state.message = StatusMessage(label.map { "Labelled “\($0)”" } ?? "Label removed")
        return [.saveLabel(conversationID: edit.conversationID, nodeID: edit.nodeID, label: label)]
    }

    /// `toggle_bookmark`: bookmarks the selected message, or removes its bookmark.
    static func toggleBookmark(_ state: inout AppState) -> [Effect] {
        guard var open = state.open, open.turns.indices.contains(open.selected) else { return [] }
        let node = open.turns[open.selected].id
        let bookmarked = open.marks[node]?.bookmarkedAt == nil
        let time = ReducerDependencies.current.date()
        open.changeMark(of: node) { $0.bookmarkedAt = bookmarked ? time : nil }
        open.revealSelection(rows: state.geometry.paneRows)
        state.open = open
        state.message = StatusMessage(bookmarked ? "Bookmarked" : "Bookmark removed")
        return [.saveBookmark(conversationID: open.id, nodeID: node, bookmarked: bookmarked, time: time)]
    }

    /// `show_bookmarks`: the bookmark list, filled when the archive answers.
    static func showBookmarks(_ state: inout AppState) -> [Effect] {
        state.overlay = .bookmarks(BookmarkListState())
        return [.loadBookmarks]
    }

    static func bookmarksLoaded(_ state: inout AppState, _ bookmarks: [Bookmark]) -> [Effect] {
        guard case .bookmarks(var list) = state.overlay else { return [] }
        list.bookmarks = bookmarks
        list.loaded = true
        list.selected = min(list.selected, max(0, bookmarks.count - 1))
        state.overlay = .bookmarks(list)
        return []
    }

    /// Enter in the bookmark list: opens the bookmarked message (a jump).
    static func openBookmark(_ state: inout AppState, _ list: BookmarkListState) -> [Effect] {
        guard list.bookmarks.indices.contains(list.selected) else { return [] }
        let bookmark = list.bookmarks[list.selected]
        recordJump(&state)
        state.overlay = nil
        state.focus = .messages
        guard var open = state.open, open.id == bookmark.conversationID,
            open.tree.node(bookmark.nodeID) != nil
        else { return [.loadConversation(id: bookmark.conversationID, focusNode: bookmark.nodeID)] }
        open.show(leaf: open.tree.leaf(under: bookmark.nodeID, memory: open.memory))
        open.selected = open.turnIndex(containing: bookmark.nodeID) ?? open.selected
        open.revealSelection(rows: state.geometry.paneRows)
        state.open = open
        return [.saveBranchMemory(conversationID: open.id, memory: open.memory)]
    }
}

import ChatArchive
import ChatModel
import ChatRender
import Foundation

extension Reducer {
    static func pageSize(_ state: AppState) -> Int {
        switch state.overlay {
        case .compare: return CompareState.sideRows(screenWidth: state.width, screenHeight: state.height)
        case .some: return max(1, state.height - 8)
        case nil: break
        }
        switch state.focus {
        case .sidebar: return max(1, state.geometry.sidebarRows)
        case .messages, .input: return max(1, state.geometry.paneRows)
        }
    }

    static func sidebarLoadLimit(_ state: AppState) -> Int {
        max(50, state.geometry.sidebarRows * 3)
    }

    /// Moves the selection of whatever has the keys; `scrollPane` scrolls the pane by lines instead.
    static func move(_ state: inout AppState, by delta: Int, scrollPane: Bool = false) -> [Effect] {
        switch state.overlay {
        case .help(let scroll):
            state.overlay = .help(scroll: clampedAdd(scroll, delta, max: 200))
            return []
        case .tree(var tree):
            tree.selected = clampedAdd(tree.selected, delta, max: tree.lines.count - 1)
            state.overlay = .tree(tree)
            return []
        case .search(var search):
            search.selected = clampedAdd(search.selected, delta, max: search.hits.count - 1)
            state.overlay = .search(search)
            return []
        case .models(var picker):
            picker.selected = clampedAdd(picker.selected, delta, max: picker.models.count - 1)
            state.overlay = .models(picker)
            return []
        case .profiles(let selected):
            state.overlay = .profiles(selected: clampedAdd(selected, delta, max: state.profiles.count - 1))
            return []
        case .links(var picker):
            picker.selected = clampedAdd(picker.selected, delta, max: picker.count - 1)
            state.overlay = .links(picker)
            return []
        case .image(var viewer):
            viewer.selected = clampedAdd(viewer.selected, delta, max: viewer.images.count - 1)
            state.overlay = .image(viewer)
            state.message = nil
            return []
        case .compare(var compare):
            let limit = compare.maxScroll(screenWidth: state.width, screenHeight: state.height)
            compare.scroll = clampedAdd(compare.scroll, delta, max: limit)
            state.overlay = .compare(compare)
            return []
        case .bookmarks(var list):
            list.selected = clampedAdd(list.selected, delta, max: list.bookmarks.count - 1)
            state.overlay = .bookmarks(list)
            return []
        case .fork(var picker):
            picker.selected = clampedAdd(picker.selected, delta, max: ForkScope.allCases.count - 1)
            state.overlay = .fork(picker)
            return []
        case .confirmQuit, .rename, .confirmDelete, .label:
            return []
        case nil:
            break
        }
        switch state.focus {
        case .sidebar:
            state.message = nil
            let count = state.sidebar.rowCount
            guard count > 0 else { return [] }
            // Headings are stepped over, in the direction of the move.
            let row = clampedAdd(state.sidebar.selected, delta, max: count - 1)
            state.sidebar.selected = state.sidebar.selectable(row, step: delta)
            return ensureSidebarWindow(&state)
        case .messages, .input:
            if scrollPane {
                Self.scrollPane(&state, by: delta)
                return []
            }
            guard var open = state.open else { return [] }
            open.selected = clampedAdd(open.selected, delta, max: open.turns.count - 1)
            open.revealSelection(rows: state.geometry.paneRows)
            state.open = open
            return []
        }
    }

    /// Scrolls the message pane by `delta` lines; the selection follows: the first turn whose
    /// header is on screen, else the one shown.
    static func scrollPane(_ state: inout AppState, by delta: Int) {
        guard var open = state.open else { return }
        let rows = state.geometry.paneRows
        open.scrollTop = clampedAdd(open.scrollTop, delta, max: max(0, open.layout.lines.count - rows))
        let firstVisible = open.layout.turnRanges.firstIndex { $0.lowerBound >= open.scrollTop }
        let shown = open.layout.turn(atLine: open.scrollTop) ?? open.selected
        if let first = firstVisible, open.layout.turnRanges[first].lowerBound < open.scrollTop + rows {
            open.selected = first
        } else {
            open.selected = shown
        }
        state.open = open
    }

    /// Keeps the selected sidebar row on screen and its rows loaded.
    static func ensureSidebarWindow(_ state: inout AppState) -> [Effect] {
        let rows = max(1, state.geometry.sidebarRows)
        var sidebar = state.sidebar
        revealSidebarSelection(&sidebar, rows: rows)
        var effects: [Effect] = []
        if state.backend != nil, sidebar.filtered == nil, !sidebar.remoteLoading, let next = sidebar.remoteNextOffset,
            next > 0, sidebar.selected >= sidebar.rowCount - rows
        {
            // Near the end of the list: the server's next page.
            sidebar.remoteLoading = true
            effects.append(.listRemote(archived: sidebar.showArchived, offset: next))
        }
        state.sidebar = sidebar
        guard sidebar.loaded, !sidebar.hasRows(sidebar.top..<(sidebar.top + rows)) else { return effects }
        let offset = max(0, sidebar.top - rows)
        return effects + [.loadSidebar(archived: sidebar.showArchived, offset: offset, limit: max(50, rows * 3))]
    }

    /// Moves the sidebar's first row on screen (`top`) so that the selection shows, with the
    /// heading right above it when it is the first of its group.
    static func revealSidebarSelection(_ sidebar: inout SidebarState, rows: Int) {
        let rows = max(1, rows)
        if sidebar.selected < sidebar.top { sidebar.top = sidebar.selected }
        if sidebar.selected >= sidebar.top + rows { sidebar.top = sidebar.selected - rows + 1 }
        if rows > 1, sidebar.top == sidebar.selected, sidebar.selected > 0, sidebar.heading(sidebar.selected - 1) != nil
        {
            sidebar.top -= 1
        }
        sidebar.top = max(0, min(sidebar.top, max(0, sidebar.rowCount - rows)))
    }

    static func openSelected(_ state: inout AppState) -> [Effect] {
        switch state.overlay {
        case .tree(var tree):
            if tree.query != nil {
                tree.query = nil
                state.overlay = .tree(tree)
                return []
            }
            state.overlay = nil
            guard var open = state.open, let selectedRow = tree.selectedRow else { return [] }
            recordJump(&state)
            let row = tree.rows[selectedRow]
            let leaf = open.tree.leaf(under: row.nodeID, memory: open.memory)
            open.show(leaf: leaf)
            open.selected = open.turnIndex(containing: row.nodeID) ?? open.selected
            open.revealSelection(rows: state.geometry.paneRows)
            state.open = open
            state.focus = .messages
            return [.saveBranchMemory(conversationID: open.id, memory: open.memory)]
        case .search(let search):
            guard search.hits.indices.contains(search.selected) else { return [] }
            let hit = search.hits[search.selected]
            recordJump(&state)
            state.overlay = nil
            state.focus = .messages
            return [.loadConversation(id: hit.conversationID, focusNode: hit.nodeID)]
        case .rename(let rename):
            return commitRename(&state, rename)
        case .label(let edit):
            return commitLabel(&state, edit)
        case .bookmarks(let list):
            return openBookmark(&state, list)
        case .fork(let picker):
            return commitFork(&state, picker)
        case .models(let picker):
            return chooseModel(&state, picker)
        case .profiles(let selected):
            return chooseProfile(&state, selected)
        case .links(let picker):
            return chooseLink(&state, picker)
        case .image(let viewer):
            return openImageFile(&state, viewer)
        case .confirmDelete:
            return confirmDelete(&state, true)
        case .help, .confirmQuit:
            state.overlay = nil
            return []
        case .compare:
            return []
        case nil:
            break
        }
        switch state.focus {
        case .sidebar:
            state.sidebar.isEditingFilter = false
            guard let summary = state.sidebar.row(state.sidebar.selected) else { return [] }
            recordJump(&state)
            state.focus = .messages
            return [.loadConversation(id: summary.id, focusNode: nil)]
        case .messages:
            state.focus = .input
            return []
        case .input:
            return submit(&state)
        }
    }

    /// Tab and Shift-Tab: the next or previous pane (not while a window is open).
    static func cycleFocus(_ state: inout AppState, by step: Int) -> [Effect] {
        if case .fork = state.overlay { return stepForkProfile(&state, by: step) }  // Reducer+Forks.swift
        guard state.overlay == nil else { return [] }
        let all = Focus.allCases
        let index = all.firstIndex(of: state.focus) ?? 0
        state.focus = all[(index + all.count + step) % all.count]
        state.sidebar.isEditingFilter = false
        return []
    }

    /// `/` in the sidebar: keys go to the title filter.
    static func beginFilter(_ state: inout AppState) -> [Effect] {
        state.focus = .sidebar
        state.sidebar.isEditingFilter = true
        return []
    }

    /// `A`: lists the archived conversations instead of the others, or back.
    static func toggleArchived(_ state: inout AppState) -> [Effect] {
        let archived = !state.sidebar.showArchived
        state.sidebar = SidebarState()
        state.sidebar.showArchived = archived
        state.message = StatusMessage(archived ? "Showing archived conversations" : "Showing conversations")
        var effects: [Effect] = [.loadSidebar(archived: archived, offset: 0, limit: sidebarLoadLimit(state))]
        if state.backend != nil {
            state.sidebar.remoteLoading = true
            effects.append(.listRemote(archived: archived, offset: 0))
        }
        return effects
    }

    /// `[` and `]`: the previous or next image in the image window (in the fork window, profile),
    /// else the selected message's previous or next version.
    static func switchSibling(_ state: inout AppState, by delta: Int) -> [Effect] {
        if case .image = state.overlay { return move(&state, by: delta) }
        if case .fork = state.overlay { return stepForkProfile(&state, by: delta) }
        if case .compare = state.overlay { return moveCompareSide(&state, .left, by: delta) }
        guard var open = state.open, open.turns.indices.contains(open.selected),
            let leaf = open.tree.switchSibling(of: open.turns[open.selected].id, by: delta, memory: open.memory)
        else { return [] }
        recordJump(&state)
        let index = open.selected
        open.show(leaf: leaf)
        open.selected = min(index, max(0, open.turns.count - 1))
        open.revealSelection(rows: state.geometry.paneRows)
        state.open = open
        state.message = nil
        return [.saveBranchMemory(conversationID: open.id, memory: open.memory)]
    }

    static func jumpBranchPoint(_ state: inout AppState, direction: Int) -> [Effect] {
        if case .compare = state.overlay { return moveCompareSide(&state, .right, by: direction) }
        guard var open = state.open else { return [] }
        let indices = open.turns.indices.filter { open.turns[$0].siblingCount > 1 }
        let target =
            direction > 0
            ? indices.first { $0 > open.selected } : indices.last { $0 < open.selected }
        guard let target else { return [] }
        recordJump(&state)
        open.selected = target
        open.revealSelection(rows: state.geometry.paneRows)
        state.open = open
        return []
    }

    /// The pane after the screen's geometry or the reasoning toggle changed: laid out again only
    /// when its width or the toggle did (a taller input box only moves the view).
    static func relayoutPane(_ state: inout AppState) {
        guard var open = state.open else { return }
        open.setLayout(width: state.geometry.paneColumns, showReasoning: state.showReasoning)
        open.revealSelection(rows: state.geometry.paneRows)
        state.open = open
        relayoutCompare(&state)
    }

    static func clampedAdd(_ value: Int, _ delta: Int, max upper: Int) -> Int {
        let (sum, overflow) = value.addingReportingOverflow(delta)
        let raw = overflow ? (delta > 0 ? Int.max : Int.min) : sum
        return Swift.max(0, Swift.min(raw, Swift.max(0, upper)))
    }
}

/// What a click or a wheel turn asks (the mouse router in ChatUI maps them to these intents
/// through the frame's hit map). Nothing here acts while a window is open over the panes.
extension Reducer {
    /// A click on sidebar row `row`: the sidebar takes the keys and the row is selected, unless
    /// it is a heading or past the list.
    static func selectSidebarRow(_ state: inout AppState, _ row: Int) -> [Effect] {
        guard state.overlay == nil else { return [] }
        state.focus = .sidebar
        state.sidebar.isEditingFilter = false
        guard (0..<state.sidebar.rowCount).contains(row), state.sidebar.heading(row) == nil else { return [] }
        state.sidebar.selected = row
        state.message = nil
        return ensureSidebarWindow(&state)
    }

    /// A click on message `turn`: the pane takes the keys and the message is selected; the view
    /// stays where it is (the message is on screen, where it was clicked).
    static func selectMessage(_ state: inout AppState, _ turn: Int) -> [Effect] {
        guard state.overlay == nil else { return [] }
        state.focus = .messages
        state.sidebar.isEditingFilter = false
        guard var open = state.open, open.turns.indices.contains(turn) else { return [] }
        open.selected = turn
        state.open = open
        return []
    }

    /// A wheel turn over `pane`: the message pane scrolls by lines (its selection follows, as
    /// it does when the keys scroll it); the sidebar's list scrolls with its selection kept on
    /// screen (a filtered list, which keeps its selection in view itself, moves the selection).
    static func scroll(_ state: inout AppState, _ pane: Focus, by lines: Int) -> [Effect] {
        guard state.overlay == nil, lines != 0 else { return [] }
        switch pane {
        case .sidebar:
            return scrollSidebar(&state, by: lines)
        case .messages:
            scrollPane(&state, by: lines)
            return []
        case .input:
            return []
        }
    }

    private static func scrollSidebar(_ state: inout AppState, by lines: Int) -> [Effect] {
        var sidebar = state.sidebar
        let count = sidebar.rowCount
        guard count > 0 else { return [] }
        if sidebar.filtered != nil {
            sidebar.selected = sidebar.selectable(clampedAdd(sidebar.selected, lines, max: count - 1), step: lines)
            state.sidebar = sidebar
            return []
        }
        let rows = max(1, state.geometry.sidebarRows)
        sidebar.top = clampedAdd(sidebar.top, lines, max: max(0, count - rows))
        let bottom = min(count - 1, sidebar.top + rows - 1)
        if sidebar.selected < sidebar.top {
            sidebar.selected = sidebar.selectable(sidebar.top, step: 1)
        } else if sidebar.selected > bottom {
            sidebar.selected = sidebar.selectable(bottom, step: -1)
        }
        state.sidebar = sidebar
        return ensureSidebarWindow(&state)
    }
}

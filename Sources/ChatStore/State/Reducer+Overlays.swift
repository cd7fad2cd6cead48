import ChatModel

/// Quitting, the windows over the panes (help, tree, search), Esc, and the reasoning toggle.
extension Reducer {
    /// `q`: quits, after asking when a draft is not saved.
    static func quit(_ state: inout AppState) -> [Effect] {
        if state.draftSaveFailure != nil {
            state.overlay = .confirmQuit
        } else {
            state.isRunning = false
        }
        return []
    }

    /// Quits at once (`force_quit`).
    static func forceQuit(_ state: inout AppState) -> [Effect] {
        state.isRunning = false
        return []
    }

    /// Ctrl-C: stops the answer streaming here, else asks whether to quit.
    static func interrupt(_ state: inout AppState) -> [Effect] {
        if state.overlay == nil, isStreamingOpen(state) { return stopStreaming(&state) }
        state.overlay = .confirmQuit
        return []
    }

    /// The answer to the open question: quit, or delete.
    static func confirm(_ state: inout AppState, _ yes: Bool) -> [Effect] {
        switch state.overlay {
        case .confirmQuit:
            state.overlay = nil
            if yes { state.isRunning = false }
            return []
        case .confirmDelete:
            return confirmDelete(&state, yes)
        case .help, .tree, .search, .rename, .models, .profiles, .links, .image, .compare, .label, .bookmarks, .fork,
            nil:
            return []
        }
    }

    /// `?`: opens the help over whatever shows, or closes it, back to the window it was opened
    /// over (`?` inside the comparison returns to the comparison).
    static func toggleHelp(_ state: inout AppState) -> [Effect] {
        if case .help = state.overlay {
            closeHelp(&state)
        } else {
            state.overlayUnderHelp = state.overlay
            state.overlay = .help(scroll: 0)
        }
        return []
    }

    /// Closes the help, showing again the window it was opened over (laid out for the width
    /// the screen has now).
    static func closeHelp(_ state: inout AppState) {
        state.overlay = state.overlayUnderHelp
        state.overlayUnderHelp = nil
        relayoutCompare(&state)
    }

    static func showSearch(_ state: inout AppState) -> [Effect] {
        state.overlay = .search(SearchState())
        return []
    }

    static func toggleReasoning(_ state: inout AppState) -> [Effect] {
        state.showReasoning.toggle()
        relayoutPane(&state)
        state.message = StatusMessage(state.showReasoning ? "Reasoning shown" : "Reasoning hidden")
        return []
    }

    /// Esc: leaves the tree overview's query line, else closes the window, else stops the answer, else cancels the edit of a prompt, else
    /// clears the filter, else leaves the input box.
    static func cancel(_ state: inout AppState) -> [Effect] {
        if case .help = state.overlay {
            closeHelp(&state)
        } else if case .tree(var tree) = state.overlay, tree.query != nil {
            // Esc leaves the tree's query line, and drops its search.
            tree.clearSearch()
            state.overlay = .tree(tree)
        } else if state.overlay != nil {
            state.overlay = nil
        } else if isStreamingOpen(state) {
            return stopStreaming(&state)
        } else if state.editingPrompt != nil {
            state.editingPrompt = nil
            state.input = TextEditor()
            relayoutPane(&state)
            state.message = StatusMessage("Edit cancelled")
            return [.saveDraft(key: state.draftKey, draft: state.input)]
        } else if state.sidebar.isEditingFilter || state.sidebar.filtered != nil {
            state.sidebar.isEditingFilter = false
            state.sidebar.filter = TextEditor()
            state.sidebar.filtered = nil
            state.sidebar.selected = 0
            state.sidebar.top = 0
            return ensureSidebarWindow(&state)
        } else if state.focus == .input {
            // Esc leaves the input box (the draft stays).
            state.focus = state.open == nil ? .sidebar : .messages
        }
        return []
    }
}

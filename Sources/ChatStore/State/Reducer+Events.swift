/// The user's choices that are not commands, and what the terminal reported.
extension Reducer {
    static func apply(_ intent: AppAction.UserIntent, _ state: inout AppState) -> [Effect] {
        switch intent {
        case .type(let text):
            return applyEdit(&state, .insert(text))
        case .confirm(let yes):
            return confirm(&state, yes)
        case .pickStarter(let n):
            return pickStarter(&state, n)
        case .pickFollowUp(let n):
            return pickFollowUp(&state, n)
        case .open(let id, let focusNode):
            return [.loadConversation(id: id, focusNode: focusNode)]
        case .focus(let focus):
            state.focus = focus
            return []
        case .selectRow(let row):
            return selectSidebarRow(&state, row)
        case .selectMessage(let turn):
            return selectMessage(&state, turn)
        case .scroll(let pane, let lines):
            return scroll(&state, pane, by: lines)
        }
    }

    static func apply(_ event: AppAction.TerminalEvent, _ state: inout AppState) -> [Effect] {
        switch event {
        case .started(let width, let height):
            state.width = width
            state.height = height
            var effects: [Effect] = [
                .loadSidebar(archived: false, offset: 0, limit: sidebarLoadLimit(state)),
                .loadDraft(key: state.draftKey),
            ]
            if state.backend != nil {
                state.sidebar.remoteLoading = true
                effects.append(.listRemote(archived: false, offset: 0))
            }
            return effects
        case .resized(let width, let height):
            state.width = width
            state.height = height
            relayoutPane(&state)
            return ensureSidebarWindow(&state)
        case .paste(let text):
            return applyEdit(&state, .insert(text))
        case .editorFinished(let text):
            return editorFinished(&state, text)
        case .linkHandled(let url, let outcome):
            state.message = linkMessage(url: url, outcome)
            return []
        case .fileHandled(let path, let outcome):
            state.message = fileMessage(path: path, outcome)
            return []
        }
    }
}

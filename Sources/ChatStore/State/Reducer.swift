import ChatModel
import ChatRender
import TerminalCanvas

/// The one place state changes: `reduce(&state, action)` returns the effects to run.
public enum Reducer {
    /// Setting key of the conversation open when chatterm last quit.
    public static let lastOpenSetting = "last_open_conversation"

    /// Applies an action to the state.
    public static func reduce(_ state: inout AppState, _ action: AppAction) -> [Effect] {
        var effects = apply(&state, action)
        if let open = state.open, !open.layout.deferredTexts.isEmpty, !open.rendersRequested {
            // Answers far from the screen were left unrendered: render them off the draw path.
            state.open?.rendersRequested = true
            effects.append(
                .prepareRenders(
                    conversationID: open.id, texts: open.layout.deferredTexts,
                    width: max(1, open.layout.width - PaneLayout.indent)))
        }
        return effects
    }

    private static func apply(_ state: inout AppState, _ action: AppAction) -> [Effect] {
        switch action {
        case .started(let width, let height):
            state.width = width
            state.height = height
            var effects: [Effect] = [
                .loadSidebar(archived: false, offset: 0, limit: max(50, state.geometry.sidebarRows * 3)),
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
        case .focusNext, .focusPrevious:
            guard state.overlay == nil else { return [] }
            let all = Focus.allCases
            let index = all.firstIndex(of: state.focus) ?? 0
            let step = { if case .focusNext = action { 1 } else { all.count - 1 } }()
            state.focus = all[(index + step) % all.count]
            state.sidebar.isEditingFilter = false
            return []
        case .focus(let focus):
            state.focus = focus
            return []
        case .move(let delta):
            return move(&state, by: delta)
        case .page(let pages):
            return move(&state, by: pages * pageSize(state), scrollPane: true)
        case .halfPage(let halves):
            return move(&state, by: halves * max(1, pageSize(state) / 2), scrollPane: true)
        case .top:
            return move(&state, by: Int.min / 2)
        case .bottom:
            return move(&state, by: Int.max / 2)
        case .openSelected:
            return openSelected(&state)
        case .open(let id, let focusNode):
            return [.loadConversation(id: id, focusNode: focusNode)]
        case .switchSibling(let delta):
            return switchSibling(&state, by: delta)
        case .jumpBranchPoint(let direction):
            jumpBranchPoint(&state, direction: direction)
            return []
        case .toggleArchived:
            let archived = !state.sidebar.showArchived
            state.sidebar = SidebarState()
            state.sidebar.showArchived = archived
            state.message = StatusMessage(archived ? "Showing archived conversations" : "Showing conversations")
            var effects: [Effect] = [
                .loadSidebar(archived: state.sidebar.showArchived, offset: 0, limit: sidebarLoadLimit(state))
            ]
            if state.backend != nil {
                state.sidebar.remoteLoading = true
                effects.append(.listRemote(archived: archived, offset: 0))
            }
            return effects
        case .beginFilter:
            state.focus = .sidebar
            state.sidebar.isEditingFilter = true
            return []
        case .edit(let edit):
            return applyEdit(&state, edit)
        case .paste(let text):
            return applyEdit(&state, .insert(text))
        case .submit:
            return submit(&state)
        case .regenerate:
            return regenerate(&state)
        case .editPrompt:
            return editPrompt(&state)
        case .editLastPrompt:
            return editLastPrompt(&state)
        case .continueAnswer:
            return continueAnswer(&state)
        case .newChat:
            return newChat(&state)
        case .reload:
            guard let open = state.open, !open.isPending else { return [] }
            state.message = StatusMessage("Reloading…", kind: .progress)
            if state.backend?.sourceName == open.source { return [.fetchConversation(id: open.id)] }
            return [.loadConversation(id: open.id, focusNode: nil)]
        case .openEditor:
            return []
        case .renameConversation:
            return beginRename(&state)
        case .toggleArchiveConversation:
            return toggleArchive(&state)
        case .deleteConversation:
            return askDelete(&state)
        case .confirmDelete(let yes):
            return confirmDelete(&state, yes)
        case .pickModel:
            return pickModel(&state)
        case .pickStarter(let n):
            return pickStarter(&state, n)
        case .pickFollowUp(let n):
            return pickFollowUp(&state, n)
        case .pickProfile:
            return pickProfile(&state)
        case .profileSwitched(let info):
            return profileSwitched(&state, info)
        case .profileSwitchFailed(let name, let why):
            state.switchingTo = nil
            state.message = StatusMessage("Could not switch to \(name): \(why)", kind: .error)
            return []
        case .conversationChanged(let id, let change):
            return conversationChanged(&state, id, change)
        case .modelsLoaded(let models):
            return modelsLoaded(&state, models)
        case .startersLoaded(let starters):
            state.starters = starters
            return []
        case .editorFinished(let text):
            guard let text else {
                state.message = StatusMessage("The editor failed; your draft is unchanged", kind: .warning)
                return []
            }
            state.input = TextEditor(text)
            state.focus = .input
            relayoutPane(&state)
            state.message = StatusMessage("Draft updated from the editor; Enter sends it")
            return [.saveDraft(key: state.draftKey, draft: state.input)]
        case .streamItem(let id, let item):
            return streamItem(&state, id: id, item: item)
        case .streamFailed(let id, let why):
            return streamFailed(&state, id: id, why: why)
        case .streamEnded(let id):
            return streamEnded(&state, id: id)
        case .conversationFetched(let conversation):
            return conversationFetched(&state, conversation)
        case .remoteListed(let archived, let offset, let received, let pageSize):
            guard archived == state.sidebar.showArchived else { return [] }
            state.sidebar.remoteLoading = false
            if received < 0 {
                state.sidebar.remoteNextOffset = offset  // failed: try again when the reader scrolls
                return []
            }
            state.sidebar.remoteNextOffset = received < pageSize || received == 0 ? nil : offset + received
            return [
                .loadSidebar(archived: archived, offset: state.sidebar.windowOffset, limit: sidebarLoadLimit(state))
            ]
        case .titleGenerated(let conversationID, let title):
            return applyTitle(&state, title, to: conversationID)
        case .copyMessage:
            guard let open = state.open, open.turns.indices.contains(open.selected) else { return [] }
            // Untrusted text: a later paste must not replay escape sequences (code blocks are
            // sanitised when they are laid out).
            let text = TextSanitizer.clean(open.turns[open.selected].text)
            state.message = StatusMessage("Copied message (\(text.count) characters)")
            return [.copy(text)]
        case .copyCodeBlock(let n):
            guard let open = state.open, open.layout.codeBlocks.indices.contains(open.selected) else { return [] }
            let blocks = open.layout.codeBlocks[open.selected]
            guard blocks.indices.contains(n - 1) else {
                state.message = StatusMessage(
                    blocks.isEmpty ? "This message has no code block" : "No code block \(n) (it has \(blocks.count))",
                    kind: .warning)
                return []
            }
            state.message = StatusMessage("Copied code block \(n)")
            return [.copy(blocks[n - 1].text)]
        case .showLinks:
            return showLinks(&state)
        case .linkHandled(let url, let outcome):
            state.message = linkMessage(url: url, outcome)
            return []
        case .toggleReasoning:
            state.showReasoning.toggle()
            relayoutPane(&state)
            state.message = StatusMessage(state.showReasoning ? "Reasoning shown" : "Reasoning hidden")
            return []
        case .showHelp:
            if case .help = state.overlay {
                state.overlay = nil
            } else {
                state.overlay = .help(scroll: 0)
            }
            return []
        case .showTree:
            guard let open = state.open else {
                state.message = StatusMessage("Open a conversation first", kind: .warning)
                return []
            }
            let rows = open.tree.outline()
            let path = Set(open.tree.path(to: open.leaf))
            let selected = rows.lastIndex { path.contains($0.nodeID) } ?? 0
            state.overlay = .tree(TreeOverviewState(rows: rows, selected: selected))
            return []
        case .showSearch:
            state.overlay = .search(SearchState())
            return []
        case .cancel:
            if state.overlay != nil {
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
        case .interrupt:
            if state.overlay == nil, isStreamingOpen(state) { return stopStreaming(&state) }
            state.overlay = .confirmQuit
            return []
        case .confirmQuit(let yes):
            state.overlay = nil
            if yes { state.isRunning = false }
            return []
        case .quit:
            if state.draftSaveFailure != nil {
                state.overlay = .confirmQuit
            } else {
                state.isRunning = false
            }
            return []
        case .forceQuit:
            state.isRunning = false
            return []
        case .sidebarLoaded(let count, let offset, let rows):
            state.sidebar.count = count
            state.sidebar.loaded = true
            state.sidebar.windowOffset = offset
            state.sidebar.window = rows
            state.sidebar.selected = min(state.sidebar.selected, max(0, count - 1))
            return []
        case .sidebarFiltered(let query, let rows):
            guard query == state.sidebar.filter.text else { return [] }
            state.sidebar.filtered = query.isEmpty ? nil : rows
            state.sidebar.selected = 0
            state.sidebar.top = 0
            return []
        case .rendersPrepared(let id, let width):
            guard var open = state.open, open.id == id, !open.layout.deferredTexts.isEmpty,
                width == max(1, state.geometry.paneColumns - PaneLayout.indent)
            else { return [] }
            open.relayoutKeepingPlace(rows: state.geometry.paneRows)
            state.open = open
            return []
        case .conversationLoaded(let conversation, let summary, let memory, let draft, let focusNode):
            return conversationLoaded(&state, conversation, summary, memory, draft, focusNode)
        case .searchFinished(let query, let hits):
            guard case .search(var search) = state.overlay, search.query.text == query else { return [] }
            search.hits = hits
            search.searched = query
            search.selected = 0
            state.overlay = .search(search)
            return []
        case .draftLoaded(let key, let text):
            if key == state.draftKey && state.input.isEmpty { state.input = TextEditor(text) }
            relayoutPane(&state)
            return []
        case .draftSaveFailed(let why):
            state.draftSaveFailure = why
            return []
        case .draftsSaved:
            state.draftSaveFailure = nil
            return []
        case .failed(let why):
            state.message = StatusMessage(why, kind: .error)
            return []
        }
    }
}

import ChatArchive
import ChatRender

/// What the store's effects brought back: data for the screen, an answer's stream, the
/// backend's results.
extension Reducer {
    static func apply(_ loaded: AppAction.Loaded, _ state: inout AppState) -> [Effect] {
        switch loaded {
        case .sidebar(let listing, let selecting):
            var sidebar = state.sidebar
            sidebar.count = listing.count
            sidebar.pinnedCount = listing.pinnedCount
            sidebar.loaded = true
            sidebar.windowOffset = listing.offset
            sidebar.window = listing.rows
            if let selecting, sidebar.filtered == nil { sidebar.selected = sidebar.row(ofConversation: selecting) }
            sidebar.selected = sidebar.selectable(sidebar.selected)
            revealSidebarSelection(&sidebar, rows: state.geometry.sidebarRows)
            state.sidebar = sidebar
            return []
        case .filteredSidebar(let query, let rows):
            guard query == state.sidebar.filter.text else { return [] }
            state.sidebar.filtered = query.isEmpty ? nil : rows
            state.sidebar.selected = state.sidebar.selectable(0)
            state.sidebar.top = 0
            return []
        case .conversation(let conversation, let summary, let memory, let draft, let focusNode, let assets, let marks):
            return conversationLoaded(
                &state, conversation, summary, memory, draft, focusNode, assets: assets, marks: marks)
        case .bookmarks(let bookmarks):
            return bookmarksLoaded(&state, bookmarks)
        case .forked(let made):
            return forked(&state, made)
        case .forkLinks(let id, let links):
            return forkLinksLoaded(&state, id, links)
        case .searchHits(let query, let hits):
            guard case .search(var search) = state.overlay, search.query.text == query else { return [] }
            search.hits = hits
            search.searched = query
            search.selected = 0
            state.overlay = .search(search)
            return []
        case .draft(let key, let text):
            if key == state.draftKey && state.input.isEmpty { state.input = TextEditor(text) }
            relayoutPane(&state)
            return []
        case .renders(let id, let width):
            guard var open = state.open, open.id == id, !open.layout.deferredTexts.isEmpty,
                width == max(1, state.geometry.paneColumns - PaneLayout.indent)
            else { return [] }
            open.relayoutKeepingPlace(rows: state.geometry.paneRows)
            state.open = open
            return []
        case .comparisonMarked(let layout):
            guard case .compare(var compare) = state.overlay else { return [] }
            compare.takeMarks(layout)
            state.overlay = .compare(compare)
            return []
        case .models(let models):
            return modelsLoaded(&state, models)
        case .account(let profile, let info):
            return accountLoaded(&state, profile: profile, info)
        case .starters(let starters):
            state.starters = starters
            return []
        }
    }

    static func apply(_ update: AppAction.StreamUpdate, stream id: String, _ state: inout AppState) -> [Effect] {
        switch update {
        case .item(let item): return streamItem(&state, id: id, item: item)
        case .failed(let why): return streamFailed(&state, id: id, why: why)
        case .ended: return streamEnded(&state, id: id)
        }
    }

    static func apply(_ result: AppAction.BackendResult, _ state: inout AppState) -> [Effect] {
        switch result {
        case .listFailed(let archived, let offset):
            guard archived == state.sidebar.showArchived else { return [] }
            state.sidebar.remoteLoading = false
            state.sidebar.remoteNextOffset = offset  // try again when the reader scrolls
            return []
        case .listed(let archived, let next):
            guard archived == state.sidebar.showArchived else { return [] }
            state.sidebar.remoteLoading = false
            state.sidebar.remoteNextOffset = next
            return [
                .loadSidebar(archived: archived, offset: state.sidebar.windowOffset, limit: sidebarLoadLimit(state))
            ]
        case .fetched(let conversation):
            return conversationFetched(&state, conversation)
        case .titleGenerated(let conversationID, let title):
            return applyGeneratedTitle(&state, title, to: conversationID)
        case .changed(let id, let change):
            return conversationChanged(&state, id, change)
        case .profileSwitched(let info):
            return profileSwitched(&state, info)
        case .profileSwitchFailed(let name, let why):
            state.switchingTo = nil
            state.message = StatusMessage("Could not switch to \(name): \(why)", kind: .error)
            return forkSwitchFailed(&state, name: name, why: why)
        }
    }
}

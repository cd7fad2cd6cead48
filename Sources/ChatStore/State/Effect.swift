import ChatArchive
import ChatClient
import ChatModel
import ChatRender

/// What happened to a conversation on the server (and in the cache).
public enum ConversationChange: Sendable, Equatable {
    case renamed(String)
    case archived(Bool)
    case deleted
    /// Pinned (`true`) or unpinned here: kept in the archive whatever the backend, which is
    /// never told (``Archive/setLocalPin(_:id:at:)``), at the time given.
    case pinned(Bool, at: Double)
}

/// Work the store does after a state change; its results come back as actions.
public enum Effect: Sendable, Equatable {
    /// Reads `limit` conversations of the list from `offset`, or, `selecting` one, those around it.
    case loadSidebar(archived: Bool, offset: Int, limit: Int, selecting: String? = nil)
    case filterSidebar(archived: Bool, text: String)
    case loadConversation(id: String, focusNode: String?)
    /// Stores a message's label (nil removes it) in the archive only.
    case saveLabel(conversationID: String, nodeID: String, label: String?)
    /// Bookmarks a message at `time`, or removes its bookmark, in the archive only.
    case saveBookmark(conversationID: String, nodeID: String, bookmarked: Bool, time: Double)
    /// Reads every bookmark for the bookmark list.
    case loadBookmarks
    /// Makes conversation `id` kept under `source` of `originID` from its message `nodeID`
    /// (``Archive/fork(_:at:scope:id:source:now:)``); reports ``AppAction/Loaded/forked(_:)``.
    case fork(originID: String, nodeID: String, scope: ForkScope, id: String, source: String, now: Double)
    case loadDraft(key: String)
    /// Saves the draft of a conversation (`""`: a new chat); the store keeps it until it is on disk.
    case saveDraft(key: String, draft: TextEditor)
    case saveBranchMemory(conversationID: String, memory: BranchMemory)
    case saveSetting(key: String, value: String?)
    case search(String)
    /// Renders answers the pane left unrendered (``PaneLayout/deferredTexts``) off the draw
    /// path, then reports ``AppAction/Loaded/renders(conversationID:width:)``.
    case prepareRenders(conversationID: String, texts: [String], width: Int)
    /// Compares the words of a comparison window's two sides off the draw path, then reports
    /// ``AppAction/Loaded/comparisonMarked(_:)``.
    case markComparison(CompareLayout)
    // The terminal (``TerminalServices``).
    /// Puts text on the clipboard.
    case copy(String)
    /// Opens an address (already made safe) in the browser, or copies it when none can run;
    /// reports ``AppAction/TerminalEvent/linkHandled(url:_:)``.
    case openLink(String)
    /// Opens a file of the archive with the system's opener (`xdg-open`), or copies its path
    /// when none can run; reports ``AppAction/TerminalEvent/fileHandled(path:_:)``.
    case openFile(path: String)
    /// Edits the draft in `$EDITOR`, the screen suspended meanwhile; reports
    /// ``AppAction/TerminalEvent/editorFinished(_:)``.
    case editText(String)
    // The backend.
    case startStream(ChatRequest)
    case stopStream(id: String, conversationID: String?)
    case fetchConversation(id: String)
    case listRemote(archived: Bool, offset: Int)
    case generateTitle(conversationID: String, messageID: String)
    case changeConversation(id: String, ConversationChange, remote: Bool)
    case loadModels
    case loadStarters
    /// Asks the backend who the current profile signs in as (``AppAction/Loaded/account(profile:_:)``).
    case loadAccount
    /// Connects the named profile and makes it the backend.
    case switchProfile(String)
}

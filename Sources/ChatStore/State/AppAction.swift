import ChatArchive
import ChatClient
import ChatModel

/// What happened: a key command, a terminal event, or a result the store's effects fed back.
public enum AppAction: Sendable {
    // Terminal.
    case started(width: Int, height: Int)
    case resized(width: Int, height: Int)
    // Commands from keys.
    case focusNext
    case focusPrevious
    case focus(Focus)
    case move(Int)
    case page(Int)
    case halfPage(Int)
    case top
    case bottom
    case openSelected
    case open(id: String, focusNode: String?)
    case switchSibling(Int)
    case jumpBranchPoint(Int)
    case toggleArchived
    case beginFilter
    case edit(TextEdit)
    case paste(String)
    case submit
    case copyMessage
    case copyCodeBlock(Int)
    /// `o`: the selected message's links and sources, to open one.
    case showLinks
    /// What became of a link chosen in the links window (opened, or copied instead).
    case linkHandled(url: String, LinkOpener.Outcome)
    case toggleReasoning
    case showHelp
    case showTree
    case showSearch
    case cancel
    case interrupt
    case confirmQuit(Bool)
    /// `q`: quits, after asking when a draft is not saved.
    case quit
    /// Quits at once (`force_quit`).
    case forceQuit
    // Chat.
    case regenerate
    case editPrompt
    case editLastPrompt
    case continueAnswer
    case newChat
    case reload
    case renameConversation
    case toggleArchiveConversation
    case deleteConversation
    case confirmDelete(Bool)
    case pickModel
    case pickStarter(Int)
    /// A digit on an answer with follow-up suggestions: the n-th fills the input box.
    case pickFollowUp(Int)
    /// `P`: the profile picker.
    case pickProfile
    /// A profile is connected and is now the backend.
    case profileSwitched(BackendInfo)
    /// Connecting to a profile failed; the previous backend stays.
    case profileSwitchFailed(name: String, why: String)
    /// Edit the draft in `$EDITOR` (the run loop handles it: it owns the terminal).
    case openEditor
    /// The text `$EDITOR` saved (nil when the editor failed: the draft is kept).
    case editorFinished(String?)
    // Results of effects.
    case sidebarLoaded(count: Int, offset: Int, rows: [ConversationSummary])
    case sidebarFiltered(query: String, rows: [ConversationSummary])
    case conversationLoaded(
        Conversation, summary: ConversationSummary?, memory: BranchMemory, draft: String?, focusNode: String?)
    case searchFinished(query: String, hits: [SearchHit])
    case draftLoaded(key: String, text: String)
    /// Saving a draft failed, for this reason ("disk full"); the draft stays in memory and is retried.
    case draftSaveFailed(String)
    /// Every draft held in memory is saved now.
    case draftsSaved
    case failed(String)
    /// The answers a layout left unrendered are rendered now (for a pane `width` columns wide).
    case rendersPrepared(conversationID: String, width: Int)
    // Streams and the backend.
    case streamItem(id: String, ChatStreamItem)
    case streamFailed(id: String, String)
    case streamEnded(id: String)
    case conversationFetched(Conversation)
    case remoteListed(archived: Bool, offset: Int, received: Int, pageSize: Int)
    case titleGenerated(conversationID: String, title: String)
    case conversationChanged(id: String, ConversationChange)
    case modelsLoaded([ModelInfo])
    case startersLoaded([StarterPrompt])
}

/// What happened to a conversation on the server (and in the cache).
public enum ConversationChange: Sendable, Equatable {
    case renamed(String)
    case archived(Bool)
    case deleted
}

/// Work the store does after a state change; its results come back as actions.
public enum Effect: Sendable, Equatable {
    case loadSidebar(archived: Bool, offset: Int, limit: Int)
    case filterSidebar(archived: Bool, text: String)
    case loadConversation(id: String, focusNode: String?)
    case loadDraft(key: String)
    /// Saves the draft of a conversation (`""`: a new chat); the store keeps it until it is on disk.
    case saveDraft(key: String, draft: TextEditor)
    case saveBranchMemory(conversationID: String, memory: BranchMemory)
    case saveSetting(key: String, value: String?)
    case search(String)
    case copy(String)
    /// Opens an address (already made safe) in the browser, or copies it when none can run.
    case openLink(String)
    /// Renders answers the pane left unrendered (``PaneLayout/deferredTexts``) off the draw
    /// path, then reports ``AppAction/rendersPrepared(conversationID:width:)``.
    case prepareRenders(conversationID: String, texts: [String], width: Int)
    // The backend.
    case startStream(ChatRequest)
    case stopStream(id: String, conversationID: String?)
    case fetchConversation(id: String)
    case listRemote(archived: Bool, offset: Int)
    case generateTitle(conversationID: String, messageID: String)
    case changeConversation(id: String, ConversationChange, remote: Bool)
    case loadModels
    case loadStarters
    /// Connects the named profile and makes it the backend.
    case switchProfile(String)
}

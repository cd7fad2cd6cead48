import ChatArchive
import ChatClient
import ChatModel
import ChatRender

extension AppAction {
    /// Data read for the screen: from the archive, or the backend's lists.
    public enum Loaded: Sendable, Equatable {
        /// A window of the conversation list, how many it holds and how many are pinned; with
        /// `selecting`, the index in the list of the conversation to select.
        case sidebar(ConversationListing, selecting: Int? = nil)
        /// The conversations whose title holds `query`.
        case filteredSidebar(query: String, rows: [ConversationSummary])
        /// A conversation read from the archive, with its branch memory and draft.
        case conversation(
            Conversation, summary: ConversationSummary?, memory: BranchMemory, draft: String?, focusNode: String?,
            assets: [String: LocalAsset] = [:], marks: [String: MessageMark] = [:])
        /// Every bookmark, for the bookmark list.
        case bookmarks([Bookmark])
        /// A fork was made; it opens.
        case forked(MadeFork)
        /// Where a conversation was forked from and its forks (read after it is loaded, when it
        /// has any).
        case forkLinks(conversationID: String, ForkLinks)
        /// The hits of a full-text search.
        case searchHits(query: String, hits: [SearchHit])
        /// The draft kept under `key`.
        case draft(key: String, text: String)
        /// The answers a layout left unrendered are rendered now (for a pane `width` columns wide).
        case renders(conversationID: String, width: Int)
        /// A comparison window's sides with their words compared (``Effect/markComparison(_:)``).
        case comparisonMarked(CompareLayout)
        /// The backend's models.
        case models([ModelInfo])
        /// The backend's starter prompts.
        case starters([StarterPrompt])
        /// Who the named profile signs in as, as its service said (nil: it says nothing of it).
        case account(profile: String, AccountInfo?)
    }
}

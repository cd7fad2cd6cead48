import ChatModel

extension AppAction {
    /// The backend did what an effect asked of it.
    public enum BackendResult: Sendable, Equatable {
        /// A page of the server's list was merged into the archive; `next` is where the next
        /// page starts, nil when the server said this was the last (``ConversationPage/isLast``).
        case listed(archived: Bool, next: Int?)
        /// Listing the page at `offset` failed.
        case listFailed(archived: Bool, offset: Int)
        /// The server's copy of a conversation (now cached).
        case fetched(Conversation)
        /// The server named a conversation.
        case titleGenerated(conversationID: String, title: String)
        /// A conversation was renamed, archived or deleted (on the server and in the cache).
        case changed(id: String, ConversationChange)
        /// A profile is connected and is now the backend.
        case profileSwitched(BackendInfo)
        /// Connecting to a profile failed; the previous backend stays.
        case profileSwitchFailed(name: String, why: String)
    }

    /// What became of the drafts held in memory.
    public enum DraftSaving: Sendable, Equatable {
        /// A save failed, for this reason ("disk full"); the draft stays in memory and is retried.
        case failed(String)
        /// Every draft held in memory is saved now.
        case allSaved
    }
}

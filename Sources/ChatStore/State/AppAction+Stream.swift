import ChatClient

extension AppAction {
    /// News of an answer stream, in order: its items, then a failure if it failed, then its end.
    public enum StreamUpdate: Sendable, Equatable {
        /// An item of the stream (an event, how it is carried, how it finished).
        case item(ChatStreamItem)
        /// The request failed, or the connection dropped, for this reason.
        case failed(String)
        /// The stream is over (after its last item, or after it failed or was cancelled).
        case ended
    }
}

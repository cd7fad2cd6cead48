import ChatProtocol

/// What an answer stream reports, in order: how it is carried, then the decoded events,
/// then once, at the end, whether the answer is complete.
public enum ChatStreamItem: Sendable, Equatable {
    /// How the answer is carried (`SSE`, `WebSocket`, `WebSocket (fallback URL)`, ...), and
    /// any fallback that happened on the way; sent before the first event and again on a switch
    /// (not at all by a backend in the same process, where nothing carries it).
    case transport(String)
    /// A decoded stream event.
    case event(StreamEvent)
    /// The stream ended; `completion` tells whether the answer is whole.
    case finished(StreamCompletion)
}

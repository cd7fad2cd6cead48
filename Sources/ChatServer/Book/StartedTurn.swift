import ChatModel

/// A turn the server has stored and is about to stream.
struct StartedTurn: Sendable {
    var conversationID: String
    /// The hidden system message of a new conversation, echoed first.
    var system: Message?
    /// The user message the answer replies to (echoed before the answer).
    var user: Message?
    /// The assistant message, `in_progress` with empty text.
    var assistant: Message
    /// What the engine is asked.
    var engineRequest: EngineRequest
}

/// How a streamed answer ended.
enum AnswerOutcome: Sendable, Hashable {
    /// The engine finished.
    case finished
    /// `stop_conversation` was called.
    case stopped
    /// The client went away mid-stream.
    case disconnected
    /// The engine failed with this message.
    case failed(String)
}

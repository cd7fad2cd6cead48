/// Why a stream did not deliver a complete answer.
public enum IncompleteReason: Sendable, Hashable {
    /// The input ended without `[DONE]` or `message_stream_complete` (a dropped connection):
    /// re-fetch the conversation or resume.
    case noConfirmation
    /// The stream was confirmed but no answer message appeared (e.g. an image-generation turn).
    case noAnswer
    /// The stream was confirmed while the answer had not reached `finished_successfully` with
    /// `end_turn: true` (stopped, interrupted, `[DONE]` while `in_progress`).
    case answerNotFinished(status: String?, endTurn: Bool?)
    /// The server reported an error in the stream.
    case serverError(String)
    /// A `stream_handoff` said the rest continues on another transport (WebSocket topic, resume).
    case handedOff
}

/// Whether a stream delivered a whole answer.
public enum StreamCompletion: Sendable, Hashable {
    /// The answer reached `finished_successfully` (or, in 2023 streams without `status`, no
    /// status) with `end_turn: true`, and the server confirmed the end.
    case complete
    /// Anything else; the store should keep the partial text and re-fetch.
    case incomplete(IncompleteReason)
}

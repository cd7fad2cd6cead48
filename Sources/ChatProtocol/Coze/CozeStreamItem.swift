import ChatModel

/// What one event of a Coze chat stream means (PROTOCOL.md §6), in either form: the v3
/// Open API (`/v3/chat`, `/v1/workflows/chat`) or the legacy v2-style `event:message` frames.
public enum CozeStreamItem: Sendable, Hashable {
    /// The chat's ids (v3 `conversation.chat.created`; the legacy form names only the
    /// conversation). Reported once per distinct pair.
    case chat(conversationID: String, chatID: String?)
    /// More answer text (v3 `conversation.message.delta` of type `answer`, a legacy
    /// `answer` chunk).
    case answerDelta(String)
    /// An answer message is complete; this is its whole text (v3
    /// `conversation.message.completed` repeats the deltas, or differs from them; a legacy
    /// `is_finish` gives the chunks of its `index` joined). Never to be appended to the deltas.
    case answerCompleted(String)
    /// Reasoning text of a reasoning model (`reasoning_content`), kept apart from the answer.
    case reasoningDelta(String)
    /// A `verbose` message (`label` is its `msg_type`, such as `generate_answer_finish`;
    /// `text` the raw content), or an answer that is not text (`label` is its content type).
    case verbose(label: String, text: String)
    /// A finished tool step: `type` is `function_call`, `tool_response` or `tool_output`.
    case step(type: String, text: String)
    /// A suggested next prompt (`follow_up`).
    case followUp(String)
    /// Tokens of the chat (v3 `conversation.chat.completed` `usage`; in the legacy form, what
    /// the reply's `extra_info` said, with its `time_cost` as the latency, just before `done`).
    case usage(TokenUsage)
    /// The chat failed (`conversation.chat.failed` as `msg (code N)`, an `error` event,
    /// `requires_action`); the text is one line.
    case failed(String)
    /// `event:done`: the stream is complete.
    case done
}

/// Which of the two Coze stream forms a decoder has seen.
public enum CozeStreamForm: Sendable, Hashable {
    /// Nothing telling yet.
    case unknown
    /// v3 `conversation.*` events.
    case v3
    /// Legacy v2-style `event:message` frames with `is_finish` and `index`.
    case legacy
}

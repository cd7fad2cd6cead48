import ChatModel

/// How a message seen in a stream relates to the answer being generated.
public enum StreamMessageKind: Sendable, Hashable {
    /// The visible answer: an assistant message to `all` (recipient absent or `all`), on no
    /// channel or the `final` channel, with `text` or `multimodal_text` content, not visually hidden.
    case answer
    /// An echo of the request: the user message and the (usually hidden) system message that
    /// precede the answer. Kept in the tree, never the answer.
    case echo
    /// Kept in the tree but not shown as the answer: tool calls and their output, memory
    /// writes (`recipient: "bio"`), `commentary`/`analysis` channels, `thoughts`, hidden messages.
    case auxiliary

    /// Classifies a message snapshot.
    public init(classifying message: Message) {
        switch message.author.role {
        case .user, .system:
            self = .echo
            return
        case .assistant:
            break
        default:
            self = .auxiliary
            return
        }
        let toAll = message.recipient == nil || message.recipient == "all"
        let finalChannel = message.channel == nil || message.channel == "final"
        let textual = message.content.kind == .text || message.content.kind == .multimodalText
        let hidden = message.metadata["is_visually_hidden_from_conversation"]?.boolValue == true
        self = toAll && finalChannel && textual && !hidden ? .answer : .auxiliary
    }
}

/// The first snapshot of a message in a stream, with what a store needs to add its tree node.
public struct StreamMessage: Sendable, Hashable {
    /// The message as first seen (its text so far is `message.content.streamedText`).
    public var message: Message
    /// The parent message id from `metadata.parent_id`, when the server sent it.
    public var parentID: String?
    /// The id of the message that started before this one in the same stream, if any. Use it as
    /// the parent when ``parentID`` is nil (2023 streams: system → user → assistant), and the
    /// request's `parent_message_id` when both are nil.
    public var previousMessageID: String?
    /// The conversation the message belongs to, when known.
    public var conversationID: String?
    /// Whether it is the answer, an echo or auxiliary.
    public var kind: StreamMessageKind
    /// The delta-encoding channel `c` carrying the message (nil in the cumulative form).
    public var channel: Int?

    /// Creates a stream message.
    public init(
        message: Message, parentID: String? = nil, previousMessageID: String? = nil, conversationID: String? = nil,
        kind: StreamMessageKind, channel: Int? = nil
    ) {
        self.message = message
        self.parentID = parentID
        self.previousMessageID = previousMessageID
        self.conversationID = conversationID
        self.kind = kind
        self.channel = channel
    }
}

/// A moderation verdict (`moderation_response`), sent after the answer in 2023 streams.
public struct ModerationResult: Sendable, Hashable {
    /// The message the verdict is about, if given.
    public var messageID: String?
    /// Whether the text was flagged (shown with a warning).
    public var flagged: Bool
    /// Whether the text was blocked (hidden by the official client).
    public var blocked: Bool
    /// The `moderation_id`, if given.
    public var moderationID: String?

    /// Creates a verdict.
    public init(messageID: String? = nil, flagged: Bool, blocked: Bool, moderationID: String? = nil) {
        self.messageID = messageID
        self.flagged = flagged
        self.blocked = blocked
        self.moderationID = moderationID
    }
}

/// What a ChatGPT stream said, independent of its wire form (cumulative 2023 snapshots,
/// `delta_encoding` v1 patches, or either carried by WebSocket frames).
///
/// A store builds the streaming node from ``messageStarted(_:)``, then applies text events in
/// order: the text of a message is its first snapshot's `content.streamedText`, extended by each
/// ``textAppended(messageID:suffix:)`` and reset by each ``textReplaced(messageID:text:)``.
public enum StreamEvent: Sendable, Equatable {
    /// A message appeared for the first time (the user/system echo, the answer, a tool message...).
    /// Carries its first snapshot, its parent, its kind and its text so far.
    case messageStarted(StreamMessage)
    /// Text was added at the end of a message's streamed text; everything before is unchanged,
    /// so a view can append without re-wrapping what it already laid out.
    case textAppended(messageID: String, suffix: String)
    /// The server rewrote a message's text (its prefix changed): the whole text so far.
    case textReplaced(messageID: String, text: String)
    /// Something other than the text changed (status, `end_turn`, metadata, content type, recipient):
    /// the full current snapshot, text included. Never sent for a pure text change.
    case messageUpdated(Message)
    /// A message reached a terminal state: a status other than `in_progress`, or `end_turn: true`.
    /// Sent again if the pair changes later (e.g. `end_turn` set after `status`).
    case messageFinished(messageID: String, status: String?, endTurn: Bool?)
    /// The conversation's title (`title_generation`; may arrive mid-answer and again at the end).
    case title(String)
    /// The conversation id, sent when first seen and whenever it changes.
    case conversationID(String)
    /// A moderation verdict.
    case moderation(ModerationResult)
    /// An error reported inside the stream (a non-null `error` field, an `error` event or payload).
    case serverError(String)
    /// A pass-through event the decoder does not interpret, by its `type`
    /// (`resume_conversation_token`, `message_marker`, `server_ste_metadata`,
    /// `conversation_detail_metadata`, `stream_handoff`, `input_message`), with its whole payload.
    case metadata(name: String, JSONValue)
    /// The server confirmed the end of the stream (`data: [DONE]` or `message_stream_complete`;
    /// sent once). Metadata may still follow; whether the answer is complete is
    /// ``ChatGPTStreamDecoder/completion``.
    case done
}

extension MessageContent {
    /// The text a stream grows for this content: string `parts` joined with `\n` (objects such
    /// as image pointers skipped), else the `text` field (`code`, `execution_output`), else the
    /// display text (`thoughts`). Text events are relative to this value.
    public var streamedText: String {
        if !parts.isEmpty {
            var out = ""
            var first = true
            for case .text(let s) in parts {
                if !first { out += "\n" }
                out += s
                first = false
            }
            return out
        }
        if let text { return text }
        return displayText
    }
}

import ChatModel

/// Decodes the 2023 cumulative stream form (PROTOCOL.md §2a), where every `data:` payload is the
/// whole current state of one message:
/// `{"message": {…}, "conversation_id": "…", "error": null}`.
///
/// Each snapshot becomes the difference from the previous one: ``StreamEvent/textAppended(messageID:suffix:)``
/// when the text so far is unchanged at its start, ``StreamEvent/textReplaced(messageID:text:)``
/// otherwise, ``StreamEvent/messageUpdated(_:)`` when status or metadata changed. Echoes of the user
/// and system messages start messages of kind ``StreamMessageKind/echo``, never the answer.
/// `code`/`execution_output` content grows its `text` rather than `parts`. The 2023-12 moderation
/// frame `{conversation_id, message_id, is_completion, moderation_response}` becomes
/// ``StreamEvent/moderation(_:)``; a non-null `error` becomes ``StreamEvent/serverError(_:)``.
/// `[DONE]` and SSE framing are the caller's (see ``ChatGPTStreamDecoder``).
public struct CumulativeDecoder: Sendable {
    var tracker = MessageTracker()

    /// Creates a decoder at the start of a stream.
    public init() {}

    /// The id of the current answer message, if one has started.
    public var answerMessageID: String? { tracker.answerKey?.id }

    /// The answer's streamed text so far, if one has started.
    public var answerText: String? { tracker.answer?.text }

    /// The conversation id, once seen.
    public var conversationID: String? { tracker.conversationID }

    /// Decodes one parsed `data:` payload. Returns nil when the payload is not a cumulative
    /// frame (no `message`, `moderation_response` or non-null `error`), so the caller can
    /// count it as skipped.
    public mutating func decode(_ payload: JSONValue) -> [StreamEvent]? {
        guard let object = payload.objectValue else { return nil }
        var events: [StreamEvent] = []
        var understood = false
        events += tracker.noteConversation(object["conversation_id"]?.stringValue)
        if let messageValue = object["message"], let message = ConversationJSON.message(messageValue) {
            understood = true
            events += tracker.observe(message)
        }
        if let moderation = object["moderation_response"], let verdict = Self.moderation(moderation, in: object) {
            understood = true
            events.append(.moderation(verdict))
        }
        if let error = object["error"], !error.isNull {
            understood = true
            events.append(.serverError(Self.errorText(error)))
        }
        return understood ? events : nil
    }

    /// Feeds a snapshot decoded elsewhere (legacy `{message}` frames inside a v1 stream, delta documents).
    mutating func observe(_ message: Message, conversationID: String?, channel: Int?) -> [StreamEvent] {
        tracker.noteConversation(conversationID) + tracker.observe(message, channel: channel)
    }

    /// Reads a `moderation_response` object.
    static func moderation(_ value: JSONValue, in frame: [String: JSONValue]) -> ModerationResult? {
        guard let object = value.objectValue else { return nil }
        return ModerationResult(
            messageID: frame["message_id"]?.stringValue ?? object["message_id"]?.stringValue,
            flagged: object["flagged"]?.boolValue ?? false,
            blocked: object["blocked"]?.boolValue ?? false,
            moderationID: object["moderation_id"]?.stringValue)
    }

    /// A one-line description of an error value: the string itself, or an object's
    /// `message`/`detail`/`code`, or the value's JSON-ish rendering.
    static func errorText(_ value: JSONValue) -> String {
        switch value {
        case .string(let s):
            return s
        case .object(let o):
            for key in ["message", "detail", "error", "code"] {
                if let inner = o[key], !inner.isNull {
                    return errorText(inner)
                }
            }
            return o.keys.sorted().joined(separator: ", ")
        case .number(let n):
            return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .bool(let b):
            return String(b)
        case .array(let a):
            return a.map(errorText).joined(separator: "; ")
        case .null:
            return "error"
        }
    }
}

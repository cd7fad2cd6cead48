import ChatModel
import Foundation

/// Decodes a ChatGPT conversation stream in either wire form into ``StreamEvent``s: feed it the
/// ``SSEEvent``s of one response, in order.
///
/// The form is detected from the `event: delta_encoding` / `data: "v1"` preamble or from the
/// first payload's shape, and legacy `{message}` frames are accepted in both. `data: [DONE]` and
/// `message_stream_complete` confirm the end (``StreamEvent/done``, once). Typed payloads
/// (`title_generation`, `resume_conversation_token`, `message_marker`, `server_ste_metadata`,
/// `conversation_detail_metadata`, `stream_handoff`, `input_message`, `moderation`, `error`) pass
/// through; empty `data:` lines (pings) are ignored; unknown event names, unknown payload types,
/// invalid JSON and deltas that cannot be applied are skipped and counted in ``skippedEvents``.
/// No input makes it fail.
public struct ChatGPTStreamDecoder: Sendable {
    /// The wire form of the stream.
    public enum Form: Sendable, Hashable {
        /// Nothing decisive seen yet.
        case undetermined
        /// 2023 cumulative snapshots (PROTOCOL.md §2a).
        case cumulative
        /// `delta_encoding` v1 patches (PROTOCOL.md §2b).
        case deltaV1
    }

    /// The detected wire form.
    public private(set) var form = Form.undetermined
    /// The latest title the server generated.
    public private(set) var title: String?
    /// Whether `[DONE]` or `message_stream_complete` arrived.
    public private(set) var confirmed = false
    /// The last error the server reported in the stream.
    public private(set) var lastError: String?
    /// Whether a `stream_handoff` arrived.
    public private(set) var handedOff = false
    private var skipped = 0
    private var delta = DeltaV1Decoder()

    /// Creates a decoder for one response.
    public init() {}

    /// Events skipped: unknown event names or payload types, invalid JSON, deltas that could not be applied.
    public var skippedEvents: Int { skipped + delta.rejectedDeltas }

    /// The id of the current answer message, if one has started.
    public var answerMessageID: String? { delta.answerMessageID }

    /// The answer's streamed text so far, as the decoder tracked it.
    public var answerText: String? { delta.answerText }

    /// The conversation id, once seen.
    public var conversationID: String? { delta.conversationID }

    /// Whether the answer is complete; meaningful once the input has ended.
    public var completion: StreamCompletion {
        let answer = delta.legacy.tracker.answer
        let status = answer?.shape.status
        let endTurn = answer?.shape.endTurn
        let finished = answer != nil && endTurn == true && (status == nil || status == "finished_successfully")
        if confirmed && finished { return .complete }
        if let lastError { return .incomplete(.serverError(lastError)) }
        if !confirmed { return .incomplete(handedOff ? .handedOff : .noConfirmation) }
        if answer == nil { return .incomplete(.noAnswer) }
        return .incomplete(.answerNotFinished(status: status, endTurn: endTurn))
    }

    /// Decodes one SSE event.
    public mutating func decode(_ event: SSEEvent) -> [StreamEvent] {
        let events = route(event)
        for case .serverError(let text) in events {
            lastError = text
        }
        return events
    }

    private mutating func route(_ event: SSEEvent) -> [StreamEvent] {
        let data = event.data.trimmingJSONWhitespace()
        switch event.event {
        case nil, "message":
            return decodePayload(data, isDelta: false)
        case "delta":
            return decodePayload(data, isDelta: true)
        case "delta_encoding":
            if let encoding = parse(data)?.stringValue, encoding == "v1" {
                form = .deltaV1
                return []
            }
            skipped += 1
            return fail("unsupported delta_encoding \(data.prefix(40))")
        case "error":
            let text = parse(data).map(CumulativeDecoder.errorText) ?? (data.isEmpty ? "error event" : data)
            return fail(text)
        default:
            if !data.isEmpty { skipped += 1 }
            return []
        }
    }

    private mutating func decodePayload(_ data: String, isDelta: Bool) -> [StreamEvent] {
        if data.isEmpty { return [] }
        if data == "[DONE]" { return confirm() }
        guard let payload = parse(data) else {
            skipped += 1
            return []
        }
        if isDelta {
            if form == .undetermined { form = .deltaV1 }
            return delta.apply(payload)
        }
        guard let object = payload.objectValue else {
            skipped += 1
            return []
        }
        if let type = object["type"]?.stringValue {
            return typed(type, object, payload)
        }
        if let events = delta.decodeLegacy(payload) {
            if form == .undetermined { form = .cumulative }
            return events
        }
        if form == .deltaV1,
            object["o"] != nil || object["p"] != nil || (object["v"] != nil && object["v"]?.stringValue == nil)
        {
            return delta.apply(payload)
        }
        if let detail = object["detail"], !detail.isNull {
            return fail(CumulativeDecoder.errorText(detail))
        }
        skipped += 1
        return []
    }

    private mutating func typed(_ type: String, _ object: [String: JSONValue], _ payload: JSONValue) -> [StreamEvent] {
        var events = delta.legacy.tracker.noteConversation(object["conversation_id"]?.stringValue)
        switch type {
        case "title_generation":
            if let title = object["title"]?.stringValue {
                self.title = title
                events.append(.title(title))
            }
        case "message_stream_complete":
            events += confirm()
        case "moderation":
            if let verdict = object["moderation_response"].flatMap({ CumulativeDecoder.moderation($0, in: object) }) {
                events.append(.moderation(verdict))
            }
        case "error":
            let text = object["error"].map(CumulativeDecoder.errorText) ?? object["message"]?.stringValue ?? "error"
            events += fail(text)
        case "input_message":
            events.append(.metadata(name: type, payload))
            if let value = object["input_message"], let message = ConversationJSON.message(value) {
                events += delta.legacy.observe(message, conversationID: nil, channel: nil)
            }
        case "stream_handoff":
            handedOff = true
            events.append(.metadata(name: type, payload))
        case "resume_conversation_token", "message_marker", "server_ste_metadata", "conversation_detail_metadata":
            events.append(.metadata(name: type, payload))
        default:
            skipped += 1
        }
        return events
    }

    private mutating func confirm() -> [StreamEvent] {
        guard !confirmed else { return [] }
        confirmed = true
        return [.done]
    }

    private func fail(_ text: String) -> [StreamEvent] {
        [.serverError(text)]
    }

    private func parse(_ data: String) -> JSONValue? {
        try? FastJSON.parse(Data(data.utf8))
    }
}

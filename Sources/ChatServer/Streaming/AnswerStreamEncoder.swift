import ChatModel
import ChatProtocol

/// Turns a streaming answer into what carries it: SSE text in one of the wire forms
/// (PROTOCOL.md §2), or the decoded events themselves for a client in the same process
/// (``AnswerEventEncoder``).
protocol AnswerStreamEncoder<Output>: Sendable {
    /// What one step produces (SSE text, or events).
    associatedtype Output: Sendable
    /// The events before the first chunk: preamble, echoes of system and user messages,
    /// the empty assistant message.
    mutating func start(_ turn: StartedTurn) -> Output
    /// The events for one chunk; `answer` holds the text so far, chunk included.
    mutating func chunk(_ chunk: String, answer: Message) -> Output
    /// The events for a rewrite of the whole answer text; `answer` holds the new text.
    mutating func replace(answer: Message) -> Output
    /// The closing events: the final state of `answer`, an error frame when `error` is
    /// set, then the end of the stream (`data: [DONE]`).
    mutating func finish(_ answer: Message, error: String?) -> Output
}

extension StreamMode {
    /// A fresh encoder for this form (``StreamMode/websocket`` carries the delta form).
    func makeEncoder() -> any AnswerStreamEncoder<String> {
        switch self {
        case .cumulative: CumulativeEncoder()
        case .delta, .websocket: DeltaV1Encoder()
        }
    }
}

/// SSE framing helpers.
enum SSE {
    /// A `data:` event with a JSON payload, optionally named.
    static func json(_ payload: JSONValue, event name: String? = nil) -> String {
        raw(WireJSON.string(payload), event: name)
    }

    /// A `data:` event with a raw payload, optionally named.
    static func raw(_ raw: String, event name: String? = nil) -> String {
        (name.map { "event: \($0)\n" } ?? "") + "data: \(raw)\n\n"
    }

    /// The terminator every stream ends with.
    static let done = "data: [DONE]\n\n"

    /// `{"message": m, "conversation_id": id, "error": null}`.
    static func envelope(_ m: Message, _ conversationID: String) -> JSONValue {
        .object([
            "message": ConversationEncoding.json(m), "conversation_id": .string(conversationID), "error": .null,
        ])
    }

    /// The in-stream error frame clients check: `{"message": null, "conversation_id": …, "error": …}`.
    static func errorFrame(_ error: String, _ conversationID: String) -> JSONValue {
        .object(["message": .null, "conversation_id": .string(conversationID), "error": .string(error)])
    }
}

/// The 2023 cumulative form (§2a): each `data:` holds the whole message so far.
struct CumulativeEncoder: AnswerStreamEncoder {
    var conversationID = ""

    mutating func start(_ turn: StartedTurn) -> String {
        conversationID = turn.conversationID
        var out = ""
        for m in [turn.system, turn.user].compactMap({ $0 }) {
            out += SSE.json(SSE.envelope(m, conversationID))
        }
        return out + SSE.json(SSE.envelope(turn.assistant, conversationID))
    }

    mutating func chunk(_ chunk: String, answer: Message) -> String {
        SSE.json(SSE.envelope(answer, conversationID))
    }

    mutating func replace(answer: Message) -> String {
        SSE.json(SSE.envelope(answer, conversationID))
    }

    mutating func finish(_ answer: Message, error: String?) -> String {
        var out = SSE.json(SSE.envelope(answer, conversationID))
        if let error { out += SSE.json(SSE.errorFrame(error, conversationID)) }
        return out + SSE.done
    }
}

/// The `delta_encoding` v1 form (§2b), shaped like the 2024-10 capture: the preamble, the
/// user echo as an `input_message` event, one root `add` of the assistant message on
/// channel 0, `append`s to `/message/content/parts/0` (the first with `p` and `o`, the
/// rest bare `{"v": …}`), a closing `patch` of status, `end_turn` and metadata, then
/// `message_stream_complete` and `[DONE]`.
struct DeltaV1Encoder: AnswerStreamEncoder {
    var conversationID = ""
    var initialMetadata: [String: JSONValue] = [:]
    var sentAppend = false

    mutating func start(_ turn: StartedTurn) -> String {
        conversationID = turn.conversationID
        initialMetadata = turn.assistant.metadata
        var out = SSE.raw("\"v1\"", event: "delta_encoding")
        if let user = turn.user {
            out += SSE.json(
                .object([
                    "type": .string("input_message"), "input_message": ConversationEncoding.json(user),
                    "conversation_id": .string(conversationID),
                ]))
        }
        out += SSE.json(
            .object([
                "p": .string(""), "o": .string("add"), "v": SSE.envelope(turn.assistant, conversationID),
                "c": .number(0),
            ]), event: "delta")
        return out
    }

    mutating func chunk(_ chunk: String, answer: Message) -> String {
        if sentAppend { return SSE.json(.object(["v": .string(chunk)]), event: "delta") }
        sentAppend = true
        return SSE.json(
            .object(["p": .string("/message/content/parts/0"), "o": .string("append"), "v": .string(chunk)]),
            event: "delta")
    }

    mutating func replace(answer: Message) -> String {
        sentAppend = false
        return SSE.json(
            .object([
                "p": .string("/message/content/parts/0"), "o": .string("replace"),
                "v": .string(answer.content.displayText),
            ]), event: "delta")
    }

    mutating func finish(_ answer: Message, error: String?) -> String {
        var added: [String: JSONValue] = [:]
        for (key, value) in answer.metadata where initialMetadata[key] != value {
            added[key] = value
        }
        let ops: [JSONValue] = [
            .object([
                "p": .string("/message/status"), "o": .string("replace"), "v": .string(answer.status ?? "finished"),
            ]),
            .object(["p": .string("/message/end_turn"), "o": .string("replace"), "v": .bool(answer.endTurn ?? false)]),
            .object(["p": .string("/message/metadata"), "o": .string("append"), "v": .object(added)]),
        ]
        var out = SSE.json(.object(["p": .string(""), "o": .string("patch"), "v": .array(ops)]), event: "delta")
        if let error { out += SSE.json(SSE.errorFrame(error, conversationID)) }
        out += SSE.json(
            .object(["type": .string("message_stream_complete"), "conversation_id": .string(conversationID)]))
        return out + SSE.done
    }
}

import ChatModel

/// Decodes `delta_encoding` v1 patches (PROTOCOL.md §2b) into ``StreamEvent``s.
///
/// Each `event: delta` payload `{"p", "o", "v", "c"}` edits one JSON document per channel `c`
/// (the root `add` at `p: ""` starts a new document, normally `{message, conversation_id, error}`).
/// `p`, `o` and `c` carry forward from the previous delta when absent (`v` never does); the
/// sub-operations of a `patch` neither inherit nor change them. After each edit the channel's
/// message is compared with what was reported, as in the cumulative form; a string `append` to
/// the message's last text part (or to `content.text`) is reported directly as its suffix, so
/// long answers cost no more per token than the token itself.
///
/// Legacy `{message}` frames inside a v1 stream go through ``decodeLegacy(_:)`` and land on the
/// same messages. Everything else (SSE framing, `[DONE]`, typed events) is ``ChatGPTStreamDecoder``'s.
public struct DeltaV1Decoder: Sendable {
    /// The current document of each channel.
    public private(set) var documents: [Int: JSONValue] = [:]
    /// Deltas that could not be applied (malformed, unknown op, path naming nothing).
    public private(set) var rejectedDeltas = 0
    private var path = JSONPointer(segments: [])
    private var operation = JSONPatchOperation.add
    private var channel = 0
    private var channelMessages: [Int: MessageTracker.Key] = [:]
    var legacy = CumulativeDecoder()

    /// Creates a decoder at the start of a stream (sticky state `p: ""`, `o: "add"`, `c: 0`).
    public init() {}

    /// The id of the current answer message, if one has started.
    public var answerMessageID: String? { legacy.answerMessageID }

    /// The answer's streamed text so far, if one has started.
    public var answerText: String? { legacy.answerText }

    /// The conversation id, once seen.
    public var conversationID: String? { legacy.conversationID }

    /// Applies one parsed `event: delta` payload. A delta that cannot be applied is counted in
    /// ``rejectedDeltas``; the events of a `patch` batch's sub-operations applied before the
    /// failing one are still returned.
    public mutating func apply(_ delta: JSONValue) -> [StreamEvent] {
        guard let object = delta.objectValue else {
            rejectedDeltas += 1
            return []
        }
        if let p = object["p"] {
            guard let string = p.stringValue else { return reject() }
            path = JSONPointer(string)
        }
        if let o = object["o"] {
            guard let name = o.stringValue, let op = JSONPatchOperation(rawValue: name) else { return reject() }
            operation = op
        }
        if let c = object["c"] {
            guard let number = c.doubleValue, number == number.rounded(), abs(number) < 1e15 else { return reject() }
            channel = Int(number)
        }
        let value = object["v"]
        if value == nil, operation != .remove { return reject() }
        var events: [StreamEvent] = []
        var needsSnapshot = false
        var rootReplaced = false
        do {
            try applyOperation(
                operation, at: path.segments, value: value, events: &events, needsSnapshot: &needsSnapshot,
                rootReplaced: &rootReplaced)
        } catch {
            rejectedDeltas += 1
        }
        if needsSnapshot {
            events += snapshot(rootReplaced: rootReplaced)
        }
        return events
    }

    /// Decodes a legacy-shaped payload (`{message, conversation_id, error}` or a moderation frame)
    /// met inside a v1 stream; nil when it is neither.
    public mutating func decodeLegacy(_ payload: JSONValue) -> [StreamEvent]? {
        legacy.decode(payload)
    }

    private mutating func reject() -> [StreamEvent] {
        rejectedDeltas += 1
        return []
    }

    private mutating func applyOperation(
        _ op: JSONPatchOperation, at segments: [String], value: JSONValue?, events: inout [StreamEvent],
        needsSnapshot: inout Bool, rootReplaced: inout Bool, depth: Int = 0
    ) throws {
        if op == .patch {
            guard depth < JSONValue.maxPatchDepth else { throw JSONPatchError.tooDeep }
            guard let items = value?.arrayValue else { throw JSONPatchError.badValue("patch needs a list") }
            for item in items {
                guard let sub = item.objectValue else { throw JSONPatchError.badValue("patch item") }
                let name = sub["o"]?.stringValue ?? ""
                guard let subOp = JSONPatchOperation(rawValue: name) else {
                    throw JSONPatchError.unknownOperation(name)
                }
                let subPath = segments + JSONPointer(sub["p"]?.stringValue ?? "").segments
                try applyOperation(
                    subOp, at: subPath, value: sub["v"], events: &events, needsSnapshot: &needsSnapshot,
                    rootReplaced: &rootReplaced, depth: depth + 1)
            }
            return
        }
        if op == .append, case .string(let suffix) = value, let key = textTarget(segments) {
            try edit { try $0.apply(.append, at: segments[...], value: value, depth: 0) }
            events += legacy.tracker.appendText(suffix, to: key)
            return
        }
        if segments.isEmpty, op == .add || op == .replace {
            documents[channel] = value ?? .null
            channelMessages[channel] = nil
            rootReplaced = true
        } else {
            try edit { try $0.apply(op, at: segments[...], value: value, depth: 0) }
        }
        needsSnapshot = true
    }

    /// Edits the current channel's document in place (it is moved out so nothing else holds it).
    private mutating func edit(_ body: (inout JSONValue) throws -> Void) throws {
        var document = documents.removeValue(forKey: channel) ?? .object([:])
        defer { documents[channel] = document }
        try body(&document)
    }

    /// The tracked message whose streamed text ends with the string at `segments`, if any:
    /// `/message/content/parts/N` with N the last part, or `/message/content/text` without parts.
    private func textTarget(_ segments: [String]) -> MessageTracker.Key? {
        guard let key = channelMessages[channel], segments.count >= 3, segments[0] == "message",
            segments[1] == "content", let content = documents[channel]?["message"]?["content"]
        else { return nil }
        if segments.count == 4, segments[2] == "parts", let parts = content["parts"]?.arrayValue,
            let index = Int(segments[3]), index == parts.count - 1, parts[index].stringValue != nil,
            segments[3] == String(index)
        {
            return key
        }
        if segments.count == 3, segments[2] == "text", content["text"]?.stringValue != nil,
            content["parts"]?.arrayValue?.isEmpty ?? true
        {
            return key
        }
        return nil
    }

    /// Reports the channel's message after an edit other than a plain text append.
    private mutating func snapshot(rootReplaced: Bool) -> [StreamEvent] {
        guard let document = documents[channel] else { return [] }
        var events: [StreamEvent] = []
        if rootReplaced, let error = document["error"], !error.isNull {
            events.append(.serverError(CumulativeDecoder.errorText(error)))
        }
        guard let messageValue = document["message"], let message = ConversationJSON.message(messageValue) else {
            events += legacy.tracker.noteConversation(document["conversation_id"]?.stringValue)
            return events
        }
        events += legacy.observe(message, conversationID: document["conversation_id"]?.stringValue, channel: channel)
        channelMessages[channel] = MessageTracker.key(message)
        return events
    }
}

import ChatModel
import Foundation

/// Turns the SSE events of a Coze chat stream, v3 or legacy, into ``CozeStreamItem``s and
/// keeps the answer text. Pure: feed it what an ``SSEParser`` produces (`event:x`/`data:{…}`
/// without a space after the colon works).
///
/// The answer is built per message: v3 messages by `id`, legacy ones by `index`. Deltas
/// append to their message; a completed message's full text replaces what its deltas
/// built (it is never appended a second time); several answer messages are joined with a
/// blank line. ``text`` only grows by appending, except when a message is rewritten or a
/// delta lands in an earlier message: then ``rewrites`` counts one more. The legacy form's
/// `extra_info` (tokens, `time_cost`) becomes one ``CozeStreamItem/usage(_:)`` before `done`.
///
/// ```swift
/// var sse = SSEParser(), decoder = CozeStreamDecoder()
/// for event in sse.feed(bytes) { for item in decoder.decode(event) { … } }
/// print(decoder.text)
/// ```
public struct CozeStreamDecoder: Sendable {
    /// One answer message: its key (`id:…` or `index:…`), text, and whether it is complete.
    private struct Part: Sendable {
        var key: String
        var text: String
        var closed = false
    }

    private var parts: [Part] = []
    /// Non-answer legacy messages being put together, by `index` (they finish with `is_finish`).
    private var pending: [Int: (type: String, text: String)] = [:]
    private var lastChat: CozeStreamItem?
    /// What the legacy messages' `extra_info` said of the reply so far.
    private var extraInfo = CozeExtraInfo()

    /// The answer text so far.
    public private(set) var text = ""
    /// How many times ``text`` changed other than by appending.
    public private(set) var rewrites = 0
    /// The reasoning text so far.
    public private(set) var reasoning = ""
    /// The stream form seen so far.
    public private(set) var form = CozeStreamForm.unknown
    /// Whether `event:done` arrived.
    public private(set) var isDone = false
    /// Whether `conversation.chat.completed` arrived.
    public private(set) var chatCompleted = false
    /// The first failure reported, if any.
    public private(set) var error: String?
    /// Events that meant nothing here (unknown events, unreadable payloads), for diagnostics.
    public private(set) var skippedEvents = 0

    /// Creates a decoder at the start of a stream.
    public init() {}

    /// Whether the stream ended properly: `done` or `conversation.chat.completed` arrived.
    public var isComplete: Bool { isDone || chatCompleted }

    /// Decodes one SSE event into the items it means (often one, none for progress events).
    public mutating func decode(_ event: SSEEvent) -> [CozeStreamItem] {
        let name = event.event ?? "message"
        if name == "done" {
            isDone = true
            // The legacy form reports its tokens and time only in `extra_info`: said once, at the end.
            guard form == .legacy, let usage = extraInfo.usage(answered: !text.isEmpty) else { return [.done] }
            return [.usage(usage), .done]
        }
        let json = try? FastJSON.parse(Data(event.data.utf8))
        if name == "error" {
            let message = json.flatMap(CozeErrorBody.message(in:)) ?? OpenAIErrorBody.oneLine(event.data)
            return [fail(message.isEmpty || message == "{}" ? "an error event without a message" : message)]
        }
        guard let json else {
            if event.event == nil, event.data.trimmingCharacters(in: .whitespaces) == "[DONE]" {
                isDone = true
                return [.done]
            }
            skippedEvents += 1
            return []
        }
        if name.hasPrefix("conversation.") {
            form = .v3
            return decodeV3(name, json)
        }
        if name == "message", json["message"]?.objectValue != nil {
            if form == .unknown { form = .legacy }
            return decodeLegacy(json)
        }
        if name == "message", let failure = CozeErrorBody.message(in: json), json["error_information"] != nil {
            return [fail(failure)]
        }
        skippedEvents += 1
        return []
    }

    // MARK: v3

    private mutating func decodeV3(_ name: String, _ json: JSONValue) -> [CozeStreamItem] {
        switch name {
        case "conversation.chat.created", "conversation.chat.in_progress":
            return chat(json["conversation_id"]?.stringValue, json["id"]?.stringValue)
        case "conversation.message.delta":
            guard json["type"]?.stringValue ?? "answer" == "answer" else { return [] }
            var items = reasoningItems(json["reasoning_content"]?.stringValue)
            let content = json["content"]?.stringValue ?? ""
            if !content.isEmpty, Self.isText(json) {
                append(content, to: "id:" + (json["id"]?.stringValue ?? ""))
                items.append(.answerDelta(content))
            }
            return items
        case "conversation.message.completed":
            return completedV3(json)
        case "conversation.chat.completed":
            chatCompleted = true
            let usage = json["usage"]
            func count(_ key: String) -> Int? { usage?[key]?.doubleValue.flatMap { Int(exactly: $0) } }
            guard usage != nil else { return [] }
            return [
                .usage(
                    TokenUsage(
                        promptTokens: count("input_count"), completionTokens: count("output_count"),
                        totalTokens: count("token_count")))
            ]
        case "conversation.chat.failed":
            return [fail(CozeErrorBody.message(in: json) ?? "the chat failed without a message")]
        case "conversation.chat.requires_action":
            return [fail("the bot asked for tool outputs (requires_action), which chatterm cannot send")]
        default:
            return []
        }
    }

    private mutating func completedV3(_ json: JSONValue) -> [CozeStreamItem] {
        let type = json["type"]?.stringValue ?? "answer"
        let content = json["content"]?.stringValue ?? ""
        switch type {
        case "answer" where Self.isText(json):
            return [complete("id:" + (json["id"]?.stringValue ?? ""), full: content)]
        case "answer":
            return content.isEmpty ? [] : [.verbose(label: json["content_type"]?.stringValue ?? "", text: content)]
        default:
            return finished(type: type, content: content)
        }
    }

    // MARK: legacy

    private mutating func decodeLegacy(_ json: JSONValue) -> [CozeStreamItem] {
        var items = chat(json["conversation_id"]?.stringValue, nil)
        guard let message = json["message"] else { return items }
        let type = message["type"]?.stringValue ?? "answer"
        let role = message["role"]?.stringValue ?? "assistant"
        let content = message["content"]?.stringValue ?? ""
        let index = json["index"]?.doubleValue.flatMap { Int(exactly: $0) } ?? 0
        let isFinish = json["is_finish"]?.boolValue ?? false
        guard role == "assistant", type != "ack" else { return items }
        extraInfo.read(message["extra_info"])
        if type == "answer", Self.isText(message) {
            items += reasoningItems(message["reasoning_content"]?.stringValue)
            let key = "index:\(index)"
            if !content.isEmpty {
                append(content, to: key)
                items.append(.answerDelta(content))
            }
            if isFinish, let open = parts.last(where: { $0.key == key && !$0.closed }) {
                items.append(complete(key, full: open.text))
            }
            return items
        }
        var entry = pending[index] ?? (type, "")
        entry.text += content
        guard isFinish else {
            pending[index] = entry
            return items
        }
        pending[index] = nil
        if entry.type == "answer" {
            guard !entry.text.isEmpty else { return items }
            return items + [.verbose(label: message["content_type"]?.stringValue ?? "", text: entry.text)]
        }
        return items + finished(type: entry.type, content: entry.text)
    }

    // MARK: shared

    /// The item for a finished message that is not an answer.
    private func finished(type: String, content: String) -> [CozeStreamItem] {
        switch type {
        case "verbose":
            let label = (try? FastJSON.parse(Data(content.utf8)))?["msg_type"]?.stringValue ?? ""
            return [.verbose(label: label, text: content)]
        case "follow_up":
            let prompt = content.trimmingCharacters(in: .whitespacesAndNewlines)
            return prompt.isEmpty ? [] : [.followUp(prompt)]
        case "function_call", "tool_response", "tool_output":
            return [.step(type: type, text: content)]
        default:
            return []
        }
    }

    private static func isText(_ message: JSONValue) -> Bool {
        let type = message["content_type"]?.stringValue ?? "text"
        return type == "text" || type.isEmpty
    }

    private mutating func chat(_ conversationID: String?, _ chatID: String?) -> [CozeStreamItem] {
        guard let conversationID, !conversationID.isEmpty else { return [] }
        let item = CozeStreamItem.chat(conversationID: conversationID, chatID: chatID)
        guard item != lastChat else { return [] }
        lastChat = item
        return [item]
    }

    private mutating func reasoningItems(_ chunk: String?) -> [CozeStreamItem] {
        guard let chunk, !chunk.isEmpty else { return [] }
        reasoning += chunk
        return [.reasoningDelta(chunk)]
    }

    private mutating func fail(_ message: String) -> CozeStreamItem {
        if error == nil { error = message }
        return .failed(message)
    }
}

extension CozeStreamDecoder {
    /// Appends `chunk` to the open message `key` (a new one when there is none).
    fileprivate mutating func append(_ chunk: String, to key: String) {
        if let last = parts.indices.last, parts[last].key == key, !parts[last].closed {
            if parts[last].text.isEmpty, !text.isEmpty { text += "\n\n" }
            parts[last].text += chunk
            text += chunk
            return
        }
        if let i = parts.lastIndex(where: { $0.key == key && !$0.closed }) {
            parts[i].text += chunk
            rebuild()
            return
        }
        parts.append(Part(key: key, text: ""))
        append(chunk, to: key)
    }

    /// Closes the open message `key` with its full text and returns the item saying so. An
    /// empty `full` keeps the deltas; a `full` that extends the deltas of the last message is
    /// an append; any other difference is a rewrite.
    fileprivate mutating func complete(_ key: String, full: String) -> CozeStreamItem {
        guard let i = parts.lastIndex(where: { $0.key == key && !$0.closed }) else {
            if !full.isEmpty {
                parts.append(Part(key: key, text: ""))
                append(full, to: key)
                parts[parts.count - 1].closed = true
            }
            return .answerCompleted(full)
        }
        let built = parts[i].text
        defer { parts[i].closed = true }
        if full.isEmpty || full == built { return .answerCompleted(built) }
        if i == parts.count - 1, full.hasPrefix(built) {
            append(String(full.dropFirst(built.count)), to: key)
        } else {
            parts[i].text = full
            rebuild()
        }
        return .answerCompleted(full)
    }

    private mutating func rebuild() {
        text = parts.map(\.text).filter { !$0.isEmpty }.joined(separator: "\n\n")
        rewrites += 1
    }
}

import ChatModel
import Foundation

/// Decodes the SSE stream of Dify's `POST /chat-messages` (`response_mode: "streaming"`,
/// PROTOCOL.md §5) into ``StreamEvent``s: feed it the ``SSEEvent``s of one response, in order.
///
/// Every event is `data: {json}` with its name in the `event` field:
/// - the first `message` / `agent_message` gives ``StreamEvent/conversationID(_:)``, then
///   ``StreamEvent/messageStarted(_:)`` of the answer (its id is `message_id`, its parent the
///   node given to ``init(parentID:)``), then its `answer` chunk as
///   ``StreamEvent/textAppended(messageID:suffix:)``; later chunks append;
/// - `message_replace` replaces the whole answer text (``StreamEvent/textReplaced(messageID:text:)``);
/// - `agent_thought` updates the answer's ``ChatModel/Message/notes`` (kind `thought`, labelled
///   with the tool) through ``StreamEvent/messageUpdated(_:)``;
/// - `message_end` puts `metadata.usage` (tokens, latency, `total_price` and `currency`) into
///   ``ChatModel/Message/tokenUsage``, `retriever_resources` into ``ChatModel/Message/sources``
///   and its `files` into `metadata.attachments` (both also kept raw), then finishes the answer
///   (`finished_successfully`, end of turn) and confirms the stream (``StreamEvent/done``);
/// - `error` sets the answer's ``ChatModel/Message/errorText``, reports
///   ``StreamEvent/serverError(_:)`` and finishes the answer with status `error`;
/// - a chatflow's `workflow_finished` with status `failed` ends the answer with its error (once,
///   whichever of it and an `error` event comes first); `stopped` marks the answer interrupted;
/// - `workflow_*`, `node_*`, `iteration_*`, `parallel_branch_*`, `loop_*`, `agent_log`,
///   `tts_*` and `message_file` pass through as ``StreamEvent/metadata(name:_:)``; `ping` is ignored;
/// - a `message_file` the assistant made (an image a tool drew) is also one of the answer's
///   `metadata.attachments` at once, with `message_end`'s `files` added to those streamed.
///
/// Lenient like Dify's own doc samples need: objects run together in one `data` field
/// (no blank line between events) are decoded one by one, and trailing commas are accepted.
/// Unknown events and unreadable payloads are skipped and counted. No input makes it fail.
public struct DifyStreamDecoder: Sendable {
    /// The node the answer hangs under: the user message echoed before it, or the prompt
    /// being regenerated.
    public let parentID: String?
    /// The stream's `task_id`, which `POST /chat-messages/{task_id}/stop` needs.
    public private(set) var taskID: String?
    /// The conversation id, once seen.
    public private(set) var conversationID: String?
    /// Whether `message_end` arrived: the stream closed properly.
    public private(set) var closedProperly = false
    /// The last error the stream reported (one line).
    public private(set) var lastError: String?
    /// The answer's token usage, once `message_end` reported it.
    public private(set) var usage: TokenUsage?
    /// Events skipped: unknown names, payloads that are not JSON objects.
    public private(set) var skippedEvents = 0
    private var answer: Message?
    private var text = ""
    private var thoughts: [Thought] = []
    /// The answer's own files as `message_file` events streamed them, in order, each once.
    private var streamedFiles: [JSONValue] = []

    /// One `agent_thought`, kept by its id so later events about it replace it.
    private struct Thought: Sendable {
        var id: String
        var position: Int
        var order: Int
        var note: AnswerNote?
    }

    /// Creates a decoder for one response; `parentID` becomes the answer's parent.
    public init(parentID: String?) {
        self.parentID = parentID
    }

    /// The answer's id (Dify's `message_id`), once it started.
    public var answerMessageID: String? { answer?.id }

    /// The answer's text so far.
    public var answerText: String { text }

    /// The answer as it stands: its text so far, notes, usage, error and status.
    public var answerSnapshot: Message? {
        guard var message = answer else { return nil }
        message.content = .text(text)
        return message
    }

    /// Whether the answer is whole; meaningful once the input has ended. An `error` event
    /// makes it incomplete with that error; a stream without `message_end` is incomplete
    /// (``IncompleteReason/noConfirmation``), its partial answer kept.
    public var completion: StreamCompletion {
        if let lastError { return .incomplete(.serverError(lastError)) }
        if !closedProperly { return .incomplete(.noConfirmation) }
        if answer == nil { return .incomplete(.noAnswer) }
        return .complete
    }

    /// Decodes one SSE event.
    public mutating func decode(_ event: SSEEvent) -> [StreamEvent] {
        let data = event.data.trimmingJSONWhitespace()
        if event.event == "ping" || data.isEmpty { return [] }
        let payloads: [JSONValue]
        if let value = try? DifyJSON.parse(Data(data.utf8)) {
            payloads = [value]
        } else {
            let found = DifyJSON.values(in: data)
            skippedEvents += found.skipped
            payloads = found.values
        }
        var events: [StreamEvent] = []
        for payload in payloads {
            events += decode(payload: payload, eventName: event.event)
        }
        return events
    }

    /// Decodes one payload object; `eventName` is the SSE `event:` field, used when the
    /// payload has no `event` of its own.
    public mutating func decode(payload: JSONValue, eventName: String? = nil) -> [StreamEvent] {
        guard let object = payload.objectValue else {
            skippedEvents += 1
            return []
        }
        let name = object["event"]?.stringValue ?? eventName ?? ""
        switch name {
        case "message", "agent_message":
            var events = start(object, idKeys: ["message_id", "id"])
            if let chunk = object["answer"]?.stringValue, !chunk.isEmpty, let id = answer?.id {
                text += chunk
                events.append(.textAppended(messageID: id, suffix: chunk))
            }
            return events
        case "message_replace":
            var events = start(object, idKeys: ["message_id", "id"])
            if let id = answer?.id, let replacement = object["answer"]?.stringValue {
                text = replacement
                events.append(.textReplaced(messageID: id, text: replacement))
            }
            return events
        case "agent_thought":
            return thought(object)
        case "message_end":
            return end(object)
        case "error":
            return fail(object)
        case "workflow_finished":
            return [.metadata(name: name, payload)] + workflowFinished(object["data"])
        case "ping":
            return []
        default:
            if Self.passesThrough(name) {
                if name == "message_file" { return file(object, payload) }
                return [.metadata(name: name, payload)]
            }
            skippedEvents += 1
            return []
        }
    }

    /// Whether an event name is passed on as metadata.
    static func passesThrough(_ name: String) -> Bool {
        if name == "message_file" || name == "agent_log" { return true }
        let prefixes = ["workflow_", "node_", "tts_", "iteration_", "parallel_branch_", "loop_"]
        return prefixes.contains { name.hasPrefix($0) }
    }

    /// The conversation id and task id of an answer event; a `.conversationID` when the id is new.
    private mutating func noteConversation(_ object: [String: JSONValue]) -> [StreamEvent] {
        if taskID == nil, let task = DifyAnswerParts.string(object["task_id"]) { taskID = task }
        guard let id = DifyAnswerParts.string(object["conversation_id"]), id != conversationID else { return [] }
        conversationID = id
        return [.conversationID(id)]
    }

    /// Notes the ids, and starts the answer when it has not started and the object names it.
    private mutating func start(_ object: [String: JSONValue], idKeys: [String]) -> [StreamEvent] {
        var events = noteConversation(object)
        guard answer == nil, let id = idKeys.lazy.compactMap({ DifyAnswerParts.string(object[$0]) }).first else {
            return events
        }
        var message = Message(
            id: id, author: Author(role: .assistant), createTime: object["created_at"]?.doubleValue,
            content: .text(""), status: "in_progress", recipient: "all")
        Self.attach(streamedFiles, to: &message)
        answer = message
        events.append(
            .messageStarted(
                StreamMessage(message: message, parentID: parentID, conversationID: conversationID, kind: .answer)))
        return events
    }

    private mutating func thought(_ object: [String: JSONValue]) -> [StreamEvent] {
        var events = start(object, idKeys: ["message_id"])
        guard answer != nil else { return events }
        let id = DifyAnswerParts.string(object["id"]) ?? "position-\(thoughts.count)"
        let note = DifyAnswerParts.note(thought: .object(object))
        if let index = thoughts.firstIndex(where: { $0.id == id }) {
            thoughts[index].note = note
            if let position = DifyAnswerParts.position(.object(object)) { thoughts[index].position = position }
        } else {
            let order = thoughts.count
            let position = DifyAnswerParts.position(.object(object)) ?? order
            thoughts.append(Thought(id: id, position: position, order: order, note: note))
        }
        answer?.notes = thoughts.sorted { ($0.position, $0.order) < ($1.position, $1.order) }.compactMap(\.note)
        if let snapshot = answerSnapshot { events.append(.messageUpdated(snapshot)) }
        return events
    }

    private mutating func end(_ object: [String: JSONValue]) -> [StreamEvent] {
        guard !closedProperly else {
            skippedEvents += 1
            return []
        }
        var events = start(object, idKeys: ["message_id", "id"])
        closedProperly = true
        let metadata = object["metadata"]
        if let usage = TokenUsage(json: metadata?["usage"]) { self.usage = usage }
        if var message = answer {
            message.tokenUsage = usage ?? message.tokenUsage
            if let resources = metadata?["retriever_resources"], DifyAnswerParts.isPresent(resources) {
                message.metadata[DifyAnswerParts.retrieverResourcesKey] = resources
                message.sources = DifyAnswerParts.sources(resources)
            }
            if let files = object["files"], DifyAnswerParts.isPresent(files) {
                for file in files.arrayValue ?? [] { keepStreamedFile(file) }
            }
            Self.attach(streamedFiles, to: &message)
            if message.errorText == nil {
                message.status = "finished_successfully"
                message.endTurn = true
            }
            answer = message
            if let snapshot = answerSnapshot { events.append(.messageUpdated(snapshot)) }
            if message.errorText == nil {
                events.append(.messageFinished(messageID: message.id, status: "finished_successfully", endTurn: true))
            }
        }
        events.append(.done)
        return events
    }

    private mutating func fail(_ object: [String: JSONValue]) -> [StreamEvent] {
        let line = DifyErrorBody(json: .object(object))?.line ?? ""
        return fail(object, why: line.isEmpty ? "the stream reported an error" : line)
    }

    /// A chatflow's end (`workflow_finished`'s `data`): `failed` ends the answer with the
    /// workflow's error, unless an `error` event already said why; `stopped` marks the answer
    /// interrupted (`finish_details`), as ChatGPT's stopped answers are.
    private mutating func workflowFinished(_ data: JSONValue?) -> [StreamEvent] {
        switch DifyAnswerParts.string(data?["status"]) {
        case "failed":
            guard lastError == nil else { return [] }
            let error = DifyAnswerParts.string(data?["error"]).map(OpenAIErrorBody.oneLine) ?? ""
            return fail([:], why: error.isEmpty ? "the app's workflow failed" : "the app's workflow failed: \(error)")
        case "stopped":
            guard var message = answer, message.errorText == nil else { return [] }
            message.metadata["finish_details"] = .object(["type": .string("interrupted")])
            answer = message
            return answerSnapshot.map { [.messageUpdated($0)] } ?? []
        default:
            return []
        }
    }

    /// Ends the answer with `why` (once: a second error, from an `error` event after a failed
    /// workflow or the other way round, is not said again).
    private mutating func fail(_ object: [String: JSONValue], why: String) -> [StreamEvent] {
        guard lastError == nil else { return [] }
        lastError = why
        let existed = answer != nil
        var events = start(object, idKeys: ["message_id"])
        guard var message = answer else { return events + [.serverError(why)] }
        message.errorText = why
        message.status = "error"
        message.endTurn = true
        answer = message
        if existed, let snapshot = answerSnapshot {
            events.append(.messageUpdated(snapshot))
        } else if case .messageStarted(var started)? = events.last, let snapshot = answerSnapshot {
            // The answer starts with the error: its first snapshot carries it.
            started.message = snapshot
            events[events.count - 1] = .messageStarted(started)
        }
        events.append(.serverError(why))
        events.append(.messageFinished(messageID: message.id, status: "error", endTurn: true))
        return events
    }

    /// A `message_file` event: passed on, and when the file is the assistant's, one of the
    /// answer's attachments (at once when the answer has started, else when it starts).
    private mutating func file(_ object: [String: JSONValue], _ payload: JSONValue) -> [StreamEvent] {
        var events = noteConversation(object) + [.metadata(name: "message_file", payload)]
        guard (DifyAnswerParts.string(object["belongs_to"]) ?? "assistant") == "assistant" else { return events }
        keepStreamedFile(payload)
        guard var message = answer else { return events }
        Self.attach(streamedFiles, to: &message)
        answer = message
        if let snapshot = answerSnapshot { events.append(.messageUpdated(snapshot)) }
        return events
    }

    /// Keeps a file of the answer once (by its id; a file without one is kept each time).
    private mutating func keepStreamedFile(_ file: JSONValue) {
        if let id = DifyAnswerParts.string(file["id"]),
            streamedFiles.contains(where: { DifyAnswerParts.string($0["id"]) == id })
        {
            return
        }
        streamedFiles.append(file)
    }

    /// `files` as the message's attachments (and kept raw beside them); nothing when empty.
    private static func attach(_ files: [JSONValue], to message: inout Message) {
        guard !files.isEmpty else { return }
        message.metadata[DifyAnswerParts.filesKey] = .array(files)
        let entries = DifyAnswerParts.attachmentEntries(files)
        if !entries.isEmpty { message.metadata["attachments"] = .array(entries) }
    }
}

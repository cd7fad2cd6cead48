import ChatModel
import Foundation
import Hummingbird

/// A fake Dify Service API (PROTOCOL.md §5) under `/v1`, over real HTTP on Hummingbird: it keeps
/// conversations and messages, pages them by `last_id` and `first_id`, streams answers as
/// Dify does (`data: {json}` events, `message_end` with usage), stops, names and deletes, and
/// answers errors as Dify's `{code, message, status}`. It records what it was asked.
public actor DifyPeerBook {
    /// The app key the peer accepts.
    public static let key = "app-peer-secret-key-0123456789"
    /// The app's name, as `GET /info` gives it.
    public static let appName = "Phone helper 手机"

    struct Item: Sendable {
        var id: String
        var conversationID: String
        var query: String
        var answer: String
        var created: Int
        var parent: String?
        var status = "normal"
        var error: String?
    }

    struct Chat: Sendable {
        var id: String
        var name: String
        var created: Int
        var updated: Int
    }

    private(set) var chats: [String: Chat] = [:]
    private(set) var items: [String: [Item]] = [:]
    /// One line per request: `GET /conversations last_id=… limit=…`, `POST /chat-messages`, ...
    public private(set) var log: [String] = []
    /// The bodies of `POST /chat-messages`, `…/stop`, `…/name` and `DELETE`, in order.
    public private(set) var bodies: [String: [JSONValue]] = [:]
    /// Errors to answer instead, by route name, consumed in order.
    private var failures: [String: [(Int, String)]] = [:]
    private var gates: [String: Gate] = [:]
    private var clock = 1_700_000_000
    private var counter = 0

    /// A book with no conversations.
    public init() {}

    func record(_ line: String) { log.append(line) }

    func recordBody(_ route: String, _ body: JSONValue) { bodies[route, default: []].append(body) }

    /// Makes the next `count` requests to `route` fail with `status` and Dify's error body.
    public func fail(_ route: String, status: Int, code: String, message: String, count: Int = 1) {
        let body = #"{"code": "\#(code)", "message": "\#(message)", "status": \#(status)}"#
        failures[route, default: []] += Array(repeating: (status, body), count: count)
    }

    func takeFailure(_ route: String) -> (Int, String)? {
        guard var list = failures[route], !list.isEmpty else { return nil }
        let first = list.removeFirst()
        failures[route] = list
        return first
    }

    private func next(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)-\(counter)"
    }

    private func tick() -> Int {
        clock += 1
        return clock
    }

    /// `count` conversations, `chat-000` updated first … `chat-<count-1>` updated last.
    public func seedChats(_ count: Int) {
        for n in 0..<count {
            let id = String(format: "chat-%03d", n)
            chats[id] = Chat(id: id, name: "Chat \(n)", created: 1_000 + n, updated: 2_000 + n)
        }
    }

    /// A conversation of `count` linear messages `m-000`…, one second apart: with Dify's nil
    /// UUID as parent (as the Service API files them), or, with `parents`, each naming the one before.
    public func seedConversation(_ id: String, name: String, count: Int, parents: Bool = false) {
        chats[id] = Chat(id: id, name: name, created: 10, updated: 10 + count)
        items[id] = (0..<count).map { n in
            let parent =
                parents ? (n > 0 ? String(format: "m-%03d", n - 1) : nil) : "00000000-0000-0000-0000-000000000000"
            return Item(
                id: String(format: "m-%03d", n), conversationID: id, query: "question \(n)", answer: "answer \(n)",
                created: 10 + n, parent: parent)
        }
    }

    func conversationsPage(lastID: String?, limit: Int) -> (Int, JSONValue) {
        let sorted = chats.values.sorted { ($0.updated, $0.id) > ($1.updated, $1.id) }
        var start = 0
        if let lastID {
            guard let index = sorted.firstIndex(where: { $0.id == lastID }) else {
                return (404, Self.error(404, "not_found", "Last Conversation Not Exists."))
            }
            start = index + 1
        }
        let page = sorted[start...].prefix(limit)
        return (
            200,
            .object([
                "limit": .number(Double(limit)), "has_more": .bool(start + page.count < sorted.count),
                "data": .array(page.map(Self.json)),
            ])
        )
    }

    func messagesPage(conversation: String, firstID: String?, limit: Int) -> (Int, JSONValue) {
        guard let list = items[conversation] else {
            return (404, Self.error(404, "not_found", "Conversation Not Exists."))
        }
        var older = list[...]
        if let firstID {
            guard let index = list.firstIndex(where: { $0.id == firstID }) else {
                return (404, Self.error(404, "not_found", "First Message Not Exists."))
            }
            older = list[..<index]
        }
        let page = older.suffix(limit)
        return (
            200,
            .object([
                "limit": .number(Double(limit)), "has_more": .bool(older.count > limit),
                "data": .array(page.map(Self.json)),
            ])
        )
    }

    /// Starts an answer to a `POST /chat-messages` body: the SSE bytes, whether to drop the
    /// connection, and the gate to wait for (stop); or an error status and body.
    func chat(_ body: JSONValue) -> Result<(bytes: [UInt8], drop: Bool, gate: Gate?), DifyPeerError> {
        guard let query = body["query"]?.stringValue, !query.isEmpty else {
            return .failure(DifyPeerError(status: 400, body: Self.error(400, "invalid_param", "query is required")))
        }
        var conversation = body["conversation_id"]?.stringValue ?? ""
        let now = tick()
        if conversation.isEmpty {
            conversation = next("conv")
            chats[conversation] = Chat(id: conversation, name: "", created: now, updated: now)
        }
        guard chats[conversation] != nil else {
            return .failure(DifyPeerError(status: 404, body: Self.error(404, "not_found", "Conversation Not Exists.")))
        }
        let message = next("msg")
        let task = next("task")
        let chunks = ["Echo: ", query, " — 你好 🌍"]
        var item = Item(
            id: message, conversationID: conversation, query: query, answer: chunks.joined(), created: now,
            parent: body["parent_message_id"]?.stringValue)
        func event(_ fields: String) -> String {
            #"data: {"conversation_id": "\#(conversation)", "message_id": "\#(message)", "created_at": \#(now), "task_id": "\#(task)", "id": "\#(message)", \#(fields)}"#
                + "\n\n"
        }
        func text(_ chunk: String) -> String {
            let encoded = String(
                decoding: (try? JSONEncoder().encode(JSONValue.string(chunk))) ?? Data(), as: UTF8.self)
            return event(#""event": "message", "answer": \#(encoded)"#)
        }
        let end = event(
            #""event": "message_end", "metadata": {"usage": {"prompt_tokens": 7, "completion_tokens": 5, "total_tokens": 12, "total_price": "0.0001", "currency": "USD", "latency": 0.25}}"#
        )
        var sse = "data: {\"event\": \"ping\"}\n\n"
        var drop = false
        var gate: Gate?
        switch query {
        case "please fail":
            item.answer = "Partial"
            item.status = "error"
            item.error = "Model overloaded"
            sse += text("Partial")
            sse += event(
                #""event": "error", "status": 400, "code": "completion_request_error", "message": "Model overloaded""#)
        case "cut":
            item.answer = "Echo: "
            sse += text("Echo: ")
        case "drop":
            item.answer = "Echo: "
            sse += text("Echo: ")
            drop = true
        case "wait for stop":
            item.answer = "Thinking"
            sse += text("Thinking")
            let opened = Gate()
            gates[task] = opened
            gate = opened
            sse += end
        default:
            sse += chunks.map(text).joined() + end
        }
        items[conversation, default: []].append(item)
        chats[conversation]?.updated = now
        // The stop test reads the first event before the gate: the end waits behind it.
        return .success((Array(sse.utf8), drop, gate))
    }

    func stop(task: String) -> Bool {
        guard let gate = gates.removeValue(forKey: task) else { return false }
        gate.open()
        return true
    }

    func name(_ id: String, body: JSONValue) -> (Int, JSONValue) {
        guard var chat = chats[id] else { return (404, Self.error(404, "not_found", "Conversation Not Exists.")) }
        if body["auto_generate"]?.boolValue == true {
            chat.name = "About " + (items[id]?.first?.query ?? "nothing")
        } else if let name = body["name"]?.stringValue, !name.isEmpty {
            chat.name = name
        } else {
            return (400, Self.error(400, "invalid_param", "name is required"))
        }
        chats[id] = chat
        return (200, Self.json(chat))
    }

    func delete(_ id: String) -> Bool {
        guard chats.removeValue(forKey: id) != nil else { return false }
        items[id] = nil
        return true
    }

    static func error(_ status: Int, _ code: String, _ message: String) -> JSONValue {
        .object(["code": .string(code), "message": .string(message), "status": .number(Double(status))])
    }

    static func json(_ chat: Chat) -> JSONValue {
        .object([
            "id": .string(chat.id), "name": .string(chat.name), "inputs": .object([:]), "status": .string("normal"),
            "introduction": .string(""), "created_at": .number(Double(chat.created)),
            "updated_at": .number(Double(chat.updated)),
        ])
    }

    static func json(_ item: Item) -> JSONValue {
        .object([
            "id": .string(item.id), "conversation_id": .string(item.conversationID), "inputs": .object([:]),
            "query": .string(item.query), "answer": .string(item.answer), "message_files": .array([]),
            "feedback": .null, "retriever_resources": .array([]), "agent_thoughts": .array([]),
            "created_at": .number(Double(item.created)), "status": .string(item.status),
            "error": item.error.map(JSONValue.string) ?? .null,
            "parent_message_id": item.parent.map(JSONValue.string) ?? .null,
        ])
    }
}

/// An error answer of the peer.
struct DifyPeerError: Error {
    let status: Int
    let body: JSONValue
}

import ChatClient
import ChatProtocol
import Foundation
import Hummingbird

/// A conversation the history peer serves: a user question with two answers (two branches).
public struct PeerConversation: Sendable, Hashable {
    /// Its id.
    public var id: String
    /// Its title, if it has one.
    public var title: String?
    /// When it was created (epoch seconds).
    public var createTime: Double
    /// When it was last updated (epoch seconds).
    public var updateTime: Double
    /// Whether it is in the archived list.
    public var archived: Bool
}

/// Faults the history peer injects (hit numbers count from 1, per endpoint).
public struct PeerFaults: Sendable {
    /// List hits answered 429 with `Retry-After: 1`.
    public var listRateLimited: Set<Int> = []
    /// List hits whose connection is cut halfway through the body.
    public var listDropped: Set<Int> = []
    /// Detail hits answered 429 with `Retry-After: 1`.
    public var detailRateLimited: Set<Int> = []
    /// Conversations whose detail always answers 500.
    public var detailFailing: Set<String> = []
    /// Conversations whose detail answers 500 this many times, then works.
    public var detailFlaky: [String: Int] = [:]
    /// Detail hits after this many answer 401 (an expired token).
    public var detailUnauthorizedAfter: Int?
    /// `total` is the real count plus this; nil sends `"total": null`.
    public var totalExtra: Int? = 0
    /// Before answering list hit N, conversation ID is updated (it moves to the top).
    public var touchBeforeListHit: [Int: String] = [:]
    /// How long each detail request takes.
    public var detailDelay: Duration = .zero
    /// The most a list page serves, whatever was asked; the answer's `limit` says so.
    public var pageCap: Int?
    /// Lists and details in seed 004's 2023 shape: no `update_time` anywhere (list items carry
    /// only `id`, `title` and `create_time`).
    public var withoutUpdateTime = false

    /// No faults.
    public init() {}
}

/// The history peer's state: its conversations, faults and what it was asked.
public actor HistoryBook {
    /// The bearer token the peer accepts.
    public static let token = "sync-peer-token"
    /// The largest `limit` a list accepts (more is a 422).
    public static let maxPageSize = 100

    /// The conversations, by id.
    public private(set) var conversations: [String: PeerConversation] = [:]
    /// The faults it injects now.
    public private(set) var faults = PeerFaults()
    /// How many list requests came (since ``resetCounts()``).
    public private(set) var listHits = 0
    /// How many detail requests came (since ``resetCounts()``).
    public private(set) var detailHits = 0
    /// `<list>:<offset>:<limit>` of every list request, faulted ones included.
    public private(set) var listQueries: [String] = []
    /// Ids of every detail request that was answered 200.
    public private(set) var served: [String] = []
    private var clock = 1_700_000_000.0
    private var flakyCounts: [String: Int] = [:]

    /// A book with no conversations and no faults.
    public init() {}

    /// Adds `count` conversations, each updated after the last; returns their ids (oldest first).
    @discardableResult
    public func add(_ count: Int, archived: Bool = false, prefix: String = "conv", titles: [String?] = []) -> [String] {
        (0..<count).map { n in
            clock += 61.5
            let id = "\(prefix)-\(UUID().uuidString.lowercased())"
            let title = n < titles.count ? titles[n] : "\(prefix) number \(n)"
            conversations[id] = PeerConversation(
                id: id, title: title, createTime: clock - 30, updateTime: clock, archived: archived)
            return id
        }
    }

    /// Updates a conversation now (it moves to the top of its list).
    public func touch(_ id: String) {
        clock += 61.5
        conversations[id]?.updateTime = clock
    }

    /// Injects `faults` from now on.
    public func setFaults(_ faults: PeerFaults) { self.faults = faults }

    /// Forgets what was asked so far.
    public func resetCounts() {
        listHits = 0
        detailHits = 0
        listQueries = []
        served = []
    }

    /// The conversations of a list, newest updated first.
    func sorted(archived: Bool) -> [PeerConversation] {
        conversations.values.filter { $0.archived == archived }.sorted {
            $0.updateTime != $1.updateTime ? $0.updateTime > $1.updateTime : $0.id < $1.id
        }
    }

    enum Answer: Sendable {
        case ok(String)
        case status(Int, String, retryAfter: Bool)
        case drop(String)
    }

    func list(offset: Int, limit: Int, archived: Bool) -> Answer {
        listHits += 1
        listQueries.append("\(archived ? "archived" : "active"):\(offset):\(limit)")
        if let id = faults.touchBeforeListHit[listHits] { touch(id) }
        if limit > Self.maxPageSize {
            let entry = """
                {"loc": ["query", "limit"], "msg": "ensure this value is less than or equal to 100", \
                "type": "value_error.number.not_le", "ctx": {"limit_value": 100}}
                """
            return .status(422, #"{"detail": [\#(entry), \#(entry)]}"#, retryAfter: false)
        }
        if faults.listRateLimited.contains(listHits) {
            return .status(429, #"{"detail": "Too many requests"}"#, retryAfter: true)
        }
        let all = sorted(archived: archived)
        let served = min(limit, faults.pageCap ?? limit)
        let page = all.dropFirst(offset).prefix(served)
        let items = page.map { c in
            faults.withoutUpdateTime
                ? Self.json(["id": c.id, "title": c.title ?? NSNull(), "create_time": Self.iso(c.createTime)])
                : Self.json([
                    "id": c.id, "title": c.title ?? NSNull(), "create_time": Self.iso(c.createTime),
                    "update_time": Self.iso(c.updateTime), "mapping": NSNull(), "current_node": NSNull(),
                    "is_archived": c.archived, "workspace_id": NSNull(),
                ])
        }
        let total = faults.totalExtra.map { String(all.count + $0) } ?? "null"
        let body =
            faults.withoutUpdateTime
            ? """
            {"items": [\(items.joined(separator: ", "))], "limit": \(served), "offset": \(offset), "total": \(total)}
            """
            : """
            {"items": [\(items.joined(separator: ", "))], "total": \(total), "limit": \(served), \
            "offset": \(offset), "has_missing_conversations": false}
            """
        return faults.listDropped.contains(listHits) ? .drop(body) : .ok(body)
    }

    func detail(id: String) -> Answer {
        detailHits += 1
        if let after = faults.detailUnauthorizedAfter, detailHits > after {
            let body = #"{"detail": {"message": "Your authentication token has expired.", "code": "token_expired"}}"#
            return .status(401, body, retryAfter: false)
        }
        if faults.detailRateLimited.contains(detailHits) {
            return .status(429, #"{"detail": "Too many requests"}"#, retryAfter: true)
        }
        if faults.detailFailing.contains(id) {
            return .status(500, #"{"detail": "Something went wrong"}"#, retryAfter: false)
        }
        if let times = faults.detailFlaky[id], flakyCounts[id, default: 0] < times {
            flakyCounts[id, default: 0] += 1
            return .status(502, "<html><body>Bad gateway</body></html>", retryAfter: false)
        }
        guard let c = conversations[id] else {
            return .status(404, #"{"detail": "Conversation not found"}"#, retryAfter: false)
        }
        served.append(id)
        return .ok(Self.detailJSON(c, withUpdateTime: !faults.withoutUpdateTime))
    }

    /// The detail object (epoch-float times, as the real endpoint sends them; seed 004's has
    /// no `update_time`).
    static func detailJSON(_ c: PeerConversation, withUpdateTime: Bool = true) -> String {
        func node(_ id: String, _ parent: String?, _ children: [String], _ role: String?, _ text: String) -> Any {
            let message: Any =
                role.map { role in
                    [
                        "id": id, "author": ["role": role, "name": NSNull(), "metadata": [:] as [String: Any]],
                        "create_time": c.createTime, "content": ["content_type": "text", "parts": [text]],
                        "status": "finished_successfully", "recipient": "all",
                        "metadata": role == "assistant" ? ["model_slug": "gpt-4o"] : [:],
                    ] as [String: Any]
                } ?? NSNull()
            return ["id": id, "parent": parent ?? NSNull(), "children": children, "message": message] as [String: Any]
        }
        var object: [String: Any] = [
            "title": c.title ?? NSNull(), "create_time": c.createTime, "update_time": c.updateTime,
            "conversation_id": c.id, "current_node": "a2", "is_archived": c.archived,
            "default_model_slug": "gpt-4o", "moderation_results": [] as [Any],
            "mapping": [
                "root": node("root", nil, ["u1"], nil, ""),
                "u1": node("u1", "root", ["a1", "a2"], "user", "question of \(c.id)"),
                "a1": node("a1", "u1", [], "assistant", "first answer to \(c.id)"),
                "a2": node("a2", "u1", [], "assistant", "second answer to \(c.id)"),
            ],
        ]
        if !withUpdateTime { object["update_time"] = nil }
        return json(object)
    }

    static func json(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// `2023-12-15T12:03:32.675000+00:00` (whole milliseconds, as every time here is).
    static func iso(_ t: Double) -> String {
        let millis = Int((t * 1000).rounded())
        let seconds = millis / 1000
        let days = seconds / 86_400
        let (y, m, d) = ISOTime.civil(days: days)
        let s = seconds - days * 86_400
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%06d+00:00", y, m, d, s / 3600, s / 60 % 60, s % 60,
            (millis % 1000) * 1000)
    }
}

/// The backend-api list and detail endpoints over `book`, behind a bearer token.
public func historyPeer(_ book: HistoryBook) -> Router<BasicRequestContext> {
    let router = Router()
    let authorized: @Sendable (Request) -> Bool = { $0.headers[.authorization] == "Bearer \(HistoryBook.token)" }
    let unauthorized = #"{"detail": "Unauthorized - Access token is missing"}"#
    router.get("/backend-api/conversations") { request, _ -> Response in
        guard authorized(request) else { return jsonResponse(401, unauthorized) }
        let query = request.uri.queryParameters
        let offset = Int(query.get("offset") ?? "0") ?? 0
        let limit = Int(query.get("limit") ?? "28") ?? 28
        return respond(await book.list(offset: offset, limit: limit, archived: query.get("is_archived") == "true"))
    }
    router.get("/backend-api/conversation/:id") { request, context -> Response in
        guard authorized(request) else { return jsonResponse(401, unauthorized) }
        let delay = await book.faults.detailDelay
        if delay > .zero { try await Task.sleep(for: delay) }
        return respond(await book.detail(id: try context.parameters.require("id")))
    }
    return router
}

/// The HTTP response for a peer answer; `.drop` sends half the body, then cuts the connection.
private func respond(_ answer: HistoryBook.Answer) -> Response {
    switch answer {
    case .ok(let body):
        return jsonResponse(200, body)
    case .status(let status, let body, let retryAfter):
        var response = jsonResponse(status, body, headers: retryAfter ? [.retryAfter: "1"] : [:])
        if body.hasPrefix("<") { response.headers[.contentType] = "text/html" }
        return response
    case .drop(let body):
        let half = Array(body.utf8.prefix(body.utf8.count / 2))
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(bytes: half))
                throw TestFailure("the peer cuts the connection mid-list")
            })
    }
}

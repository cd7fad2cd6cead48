import ChatModel
import ChatProtocol
import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import Synchronization

/// A peer that streams answers the way a 2024 Web PubSub group does (PROTOCOL.md §3a): an
/// answer's frames are published to the user's group, which reaches only the sockets connected
/// when the message is posted. A socket connected later (to `register-websocket`'s URL, or to
/// the `wss_url`/`fallback_wss_url` of the hand-off) joins the group, says `connected`, answers
/// pings, and never hears that answer: it stays open and silent.
///
/// `POST /backend-api/conversation` answers seed 001's JSON hand-off and publishes the answer
/// (``pieces``, as cumulative SSE snapshots ending in `data: [DONE]`, one Web PubSub message a
/// piece) at once, possibly before the client has read the hand-off. `GET
/// /backend-api/conversation/{id}` gives the conversation with the whole answer, finished.
/// ``hits`` counts `register`, `socket`, `send` and `detail`, and keeps their order under
/// `order`.
public struct WebPubSubGroupPeer: Sendable {
    /// The conversation of every answer (seed 001's).
    public static let conversationID = WebSocketReplayPeer.conversationID
    /// The response id of every answer (seed 001's).
    public static let responseID = WebSocketReplayPeer.responseID
    /// The answer's id.
    public static let answerID = "group-answer-1"
    /// The answer's text, in the pieces it is published in.
    public static let pieces = ["Group ", "messages reach ", "only the sockets ", "already ", "connected. ", "完"]
    /// The whole answer.
    public static var answer: String { pieces.joined() }

    /// Whether answers are published at all; false leaves every socket silent, so the answer
    /// is only in the conversation.
    public var publishes: Bool
    /// The requests, counted.
    public var hits: Hits
    private let group = SocketGroup()

    /// A peer publishing (or not) to the sockets connected at the post, counting into `hits`.
    public init(publishes: Bool = true, hits: Hits) {
        self.publishes = publishes
        self.hits = hits
    }

    /// Serves on 127.0.0.1 and a free port for the length of `body`, which gets the base URL.
    public func run<T: Sendable>(_ body: (String) async throws -> T) async throws -> T {
        let signal = PortSignal()
        let app = Application(
            router: httpRouter(), server: .http1WebSocketUpgrade(webSocketRouter: socketRouter()),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in signal.send(channel.localAddress?.port ?? 0) })
        return try await withServer(signal, serve: { try await app.run() }, body)
    }

    private static let socketPath = "/client/hubs/conversations"
    private static let token = "group-token"

    private static func socketURL(_ authority: String, region: String) -> String {
        "ws://\(authority)\(socketPath)?region=\(region)&access_token=\(token)"
    }

    private func httpRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let (hits, group, publishes) = (self.hits, self.group, self.publishes)
        router.post("/backend-api/register-websocket") { request, _ -> Response in
            await hits.record("register")
            await hits.record("order", note: "register")
            let url = Self.socketURL(request.head.authority ?? "127.0.0.1", region: "registered")
            return jsonResponse(200, #"{"wss_url": "\#(url)", "expires_at": "2099-01-01T00:00:00.000000+00:00"}"#)
        }
        router.post("/backend-api/conversation") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let members = group.members()
            await hits.record("send")
            await hits.record("order", note: "send")
            let json = try? FastJSON.parse(Data(body.readableBytesView))
            let message = json?["messages"]?.arrayValue?.first
            let userID = message?["id"]?.stringValue ?? "user-1"
            group.remember(prompt: message?["content"]?["parts"]?.arrayValue?.first?.stringValue ?? "", id: userID)
            let requestID = json?["websocket_request_id"]?.stringValue ?? ""
            if publishes {
                let frames = Self.frames(userID: userID)
                Task {
                    for frame in frames {
                        group.publish(frame, to: members)
                        try? await Task.sleep(for: .milliseconds(5))
                    }
                }
            }
            let authority = request.head.authority ?? "127.0.0.1"
            let fields: [(String, String)] = [
                ("wss_url", Self.socketURL(authority, region: "primary")),
                ("fallback_wss_url", Self.socketURL(authority, region: "fallback")),
                ("expires_at", "2099-01-01T00:00:00.000000+00:00"), ("conversation_id", Self.conversationID),
                ("response_id", Self.responseID), ("websocket_request_id", requestID),
            ]
            let text = fields.map { "\"\($0.0)\": \"\($0.1)\"" }.joined(separator: ", ")
            return jsonResponse(200, "{\(text)}")
        }
        router.get("/backend-api/conversation/:id") { _, context -> Response in
            await hits.record("detail")
            await hits.record("order", note: "detail")
            let id = try context.parameters.require("id")
            guard id == Self.conversationID, let prompt = group.prompt else {
                return jsonResponse(404, #"{"detail": "Conversation not found"}"#)
            }
            return jsonResponse(200, Self.conversation(userID: prompt.id, prompt: prompt.text))
        }
        return router
    }

    private func socketRouter() -> Router<BasicWebSocketRequestContext> {
        let router = Router(context: BasicWebSocketRequestContext.self)
        let (hits, group) = (self.hits, self.group)
        router.ws(RouterPath(Self.socketPath)) { request, _ in
            let offered = request.headers[values: .secWebSocketProtocol].flatMap { $0.split(separator: ",") }
            guard request.uri.queryParameters.get("access_token") == Self.token,
                offered.contains(where: { $0.trimmingCharacters(in: .whitespaces) == WebPubSubFrame.subprotocol })
            else { return .dontUpgrade }
            return .upgrade([.secWebSocketProtocol: WebPubSubFrame.subprotocol])
        } onUpgrade: { inbound, outbound, _ in
            let (key, frames) = group.join()
            defer { group.leave(key) }
            await hits.record("socket")
            await hits.record("order", note: "socket")
            let connected =
                #"{"type":"system","event":"connected","userId":"user-group-peer","#
                + #""connectionId":"group-connection-\#(key.uuidString)","reconnectionToken":"group-reconnect"}"#
            do {
                try await outbound.write(.text(connected))
            } catch {
                return
            }
            await withTaskGroup(of: Void.self) { tasks in
                tasks.addTask {
                    for await frame in frames {
                        do {
                            try await outbound.write(.text(frame))
                        } catch {
                            return
                        }
                    }
                }
                tasks.addTask {
                    // Reading answers the client's pings; it ends when the client closes.
                    do {
                        for try await _ in inbound.messages(maxSize: 1 << 16) {}
                    } catch {}
                }
                await tasks.next()
                tasks.cancelAll()
            }
        }
        return router
    }

    /// The answer's frames: a cumulative snapshot a piece, the last one finished and followed
    /// by `data: [DONE]` with `more_body: false`.
    static func frames(userID: String) -> [String] {
        var frames: [String] = []
        var text = ""
        for (index, piece) in pieces.enumerated() {
            text += piece
            let last = index == pieces.count - 1
            var body = "data: " + envelope(text: text, userID: userID, finished: last) + "\n\n"
            if last { body += "data: [DONE]\n\n" }
            frames.append(
                WebPubSubFrame.serverMessage(
                    sequenceID: index + 1, body: Array(body.utf8), moreBody: !last, responseID: responseID,
                    conversationID: conversationID))
        }
        return frames
    }

    private static func envelope(text: String, userID: String, finished: Bool) -> String {
        json([
            "message": answerMessage(text: text, userID: userID, finished: finished),
            "conversation_id": conversationID, "error": NSNull(),
        ])
    }

    private static func answerMessage(text: String, userID: String, finished: Bool) -> [String: Any] {
        [
            "id": answerID, "author": ["role": "assistant", "metadata": [:] as [String: Any]],
            "create_time": 1_718_521_780.5, "content": ["content_type": "text", "parts": [text]],
            "status": finished ? "finished_successfully" : "in_progress",
            "end_turn": finished ? true as Any : NSNull(), "weight": 1.0, "recipient": "all",
            "metadata": ["parent_id": userID, "model_slug": "gpt-4o"],
        ]
    }

    /// The conversation as `GET /backend-api/conversation/{id}` gives it: the prompt, and the
    /// whole answer under it, finished.
    static func conversation(userID: String, prompt: String) -> String {
        let user: [String: Any] = [
            "id": userID, "author": ["role": "user", "metadata": [:] as [String: Any]], "create_time": 1_718_521_779.5,
            "content": ["content_type": "text", "parts": [prompt]], "status": "finished_successfully",
            "recipient": "all", "metadata": [:] as [String: Any],
        ]
        let mapping: [String: Any] = [
            "client-created-root": ["id": "client-created-root", "children": [userID], "parent": NSNull()],
            userID: ["id": userID, "message": user, "parent": "client-created-root", "children": [answerID]],
            answerID: [
                "id": answerID, "message": answerMessage(text: answer, userID: userID, finished: true),
                "parent": userID, "children": [] as [Any],
            ],
        ]
        return json([
            "title": "Group answers", "create_time": 1_718_521_779.5, "update_time": 1_718_521_781.5,
            "conversation_id": conversationID, "current_node": answerID, "mapping": mapping,
            "moderation_results": [] as [Any], "is_archived": false,
        ])
    }

    private static func json(_ object: [String: Any]) -> String {
        // The objects above are always valid JSON.
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// The sockets of one user's group, each with the stream its frames go to, and the prompt
/// last posted to it.
final class SocketGroup: Sendable {
    private let sockets = Mutex<[UUID: AsyncStream<String>.Continuation]>([:])
    private let posted = Mutex<(id: String, text: String)?>(nil)

    /// The prompt last posted, with its message id.
    var prompt: (id: String, text: String)? { posted.withLock { $0 } }

    /// Keeps the prompt a post carried.
    func remember(prompt text: String, id: String) { posted.withLock { $0 = (id, text) } }

    /// A socket joins: its key and the frames published to it from now on.
    func join() -> (UUID, AsyncStream<String>) {
        let (frames, continuation) = AsyncStream<String>.makeStream()
        let key = UUID()
        sockets.withLock { $0[key] = continuation }
        return (key, frames)
    }

    /// A socket leaves.
    func leave(_ key: UUID) {
        sockets.withLock { $0.removeValue(forKey: key) }?.finish()
    }

    /// The sockets connected now.
    func members() -> Set<UUID> { sockets.withLock { Set($0.keys) } }

    /// Sends `frame` to those of `members` still connected.
    func publish(_ frame: String, to members: Set<UUID>) {
        let targets = sockets.withLock { sockets in members.compactMap { sockets[$0] } }
        for target in targets { target.yield(frame) }
    }
}

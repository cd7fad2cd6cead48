import ChatModel
import ChatProtocol
import ChatServer
import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// What one of the replay peer's socket URLs does when the client connects.
public enum SocketBehavior: String, Sendable, CaseIterable {
    /// Upgrades, says `connected`, sends the answer's frames, then reads until the client closes.
    case serve
    /// Refuses the upgrade (the client gets an HTTP error instead of `101`).
    case refuse
    /// Upgrades, then closes at once without a frame.
    case closeAtOnce
    /// Upgrades, says `connected`, then closes.
    case connectedThenClose
    /// Upgrades, says `connected`, then neither sends nor reads (so answers no ping) until the
    /// server stops.
    case silent
}

/// A peer that answers `POST /backend-api/conversation` with seed 001's JSON hand-off
/// (PROTOCOL.md §3a), naming two socket URLs on itself, and serves the answer's SSE bytes on
/// them as Web PubSub `message` frames (`json.reliable.webpubsub.azure.v1`).
public struct WebSocketReplayPeer: Sendable {
    /// The conversation id of seed 001's hand-off.
    public static let conversationID = "4744527e-da3d-4ae8-ba71-c16904fb36fe"
    /// The response id of seed 001's hand-off.
    public static let responseID = "8948f9bac9347964-NRT"
    /// Another response sharing the socket: the client must ignore its frames.
    public static let foreignResponseID = "55aa0c0ffee0d00d-SJC"
    /// The conversation of that other response.
    public static let foreignConversationID = "0b7a1c55-f00d-4e11-8d2b-5eed0f0e1915"

    /// The socket URLs of the hand-off, each with its own path and token.
    public enum Entrance: String, Sendable, CaseIterable {
        case primary, fallback

        var path: String { "/\(rawValue)/client/hubs/conversations" }
        var token: String { "replay-\(rawValue)-token" }
        var connectionID: String { "replay-connection-\(rawValue)" }
    }

    /// The text frames a serving socket sends after `connected`.
    public var frames: [String]
    /// What the `wss_url` does; the `fallback_wss_url` always serves.
    public var primary: SocketBehavior = .serve
    /// Counts `send`, `register` and each entrance's upgrade requests.
    public var hits: Hits

    /// A peer whose sockets send `frames`, its `wss_url` doing `primary`, counting into `hits`.
    public init(frames: [String], primary: SocketBehavior = .serve, hits: Hits) {
        self.frames = frames
        self.primary = primary
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

    /// `POST /backend-api/conversation` answers the hand-off; `register-websocket` is counted
    /// and refused, so a client that asks for a socket before posting (the web page's order)
    /// falls back on the hand-off's URLs, as against a service without it.
    public func httpRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let hits = self.hits
        router.post("/backend-api/conversation") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            await hits.record("send")
            let requestID = (try? FastJSON.parse(Data(body.readableBytesView)))?["websocket_request_id"]?.stringValue
            guard let authority = request.head.authority else {
                return jsonResponse(400, #"{"detail": "no Host header"}"#)
            }
            return jsonResponse(200, Self.handoff(authority: authority, websocketRequestID: requestID ?? ""))
        }
        router.post("/backend-api/register-websocket") { _, _ -> Response in
            await hits.record("register")
            return jsonResponse(503, #"{"detail": "the replay peer registers no sockets"}"#)
        }
        return router
    }

    /// The JSON hand-off, keys in seed 001's order, URLs on `authority`, expiring in an hour.
    public static func handoff(authority: String, websocketRequestID: String) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let expires = formatter.string(from: Date(timeIntervalSinceNow: 3600)).replacingOccurrences(
            of: "Z", with: "+00:00")
        func url(_ entrance: Entrance) -> String {
            "ws://\(authority)\(entrance.path)?access_token=\(entrance.token)"
        }
        let pairs = [
            ("wss_url", url(.primary)), ("fallback_wss_url", url(.fallback)), ("expires_at", expires),
            ("conversation_id", conversationID), ("response_id", responseID),
            ("websocket_request_id", websocketRequestID),
        ]
        let fields = pairs.map { WireJSON.string(.string($0.0)) + ": " + WireJSON.string(.string($0.1)) }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// One upgrade route per entrance: the right token and the Web PubSub subprotocol are required.
    public func socketRouter() -> Router<BasicWebSocketRequestContext> {
        let router = Router(context: BasicWebSocketRequestContext.self)
        for entrance in Entrance.allCases {
            let behavior = entrance == .primary ? primary : .serve
            let (hits, frames) = (self.hits, self.frames)
            router.ws(RouterPath(entrance.path)) { request, _ in
                await hits.record(entrance.rawValue)
                let offered = request.headers[values: .secWebSocketProtocol].flatMap { $0.split(separator: ",") }
                guard behavior != .refuse, request.uri.queryParameters.get("access_token") == entrance.token,
                    offered.contains(where: { $0.trimmingCharacters(in: .whitespaces) == WebPubSubFrame.subprotocol })
                else { return .dontUpgrade }
                return .upgrade([.secWebSocketProtocol: WebPubSubFrame.subprotocol])
            } onUpgrade: { inbound, outbound, _ in
                if behavior == .closeAtOnce { return }
                do {
                    try await outbound.write(.text(Self.connected(entrance)))
                } catch {
                    return
                }
                if behavior == .connectedThenClose { return }
                if behavior == .silent {
                    await Gate().wait()
                    return
                }
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for frame in frames {
                            do {
                                try await outbound.write(.text(frame))
                            } catch {
                                return  // the client closed after the end it needed
                            }
                        }
                    }
                    group.addTask {
                        do {
                            for try await _ in inbound.messages(maxSize: 1 << 16) {}
                        } catch {}
                    }
                }
            }
        }
        return router
    }

    /// Azure's `connected` system frame (no `sequenceId`).
    public static func connected(_ entrance: Entrance) -> String {
        #"{"type":"system","event":"connected","userId":"user-replay-peer","#
            + #""connectionId":"\#(entrance.connectionID)","reconnectionToken":"reconnect-\#(entrance.rawValue)"}"#
    }

    /// The SSE another response on the same socket carries: a whole cumulative answer, `[DONE]`.
    public static let foreignBody = Array(
        ("data: {\"message\": {\"id\": \"foreign-message\", \"author\": {\"role\": \"assistant\"}, "
            + "\"content\": {\"content_type\": \"text\", \"parts\": [\"Someone else's answer\"]}, "
            + "\"status\": \"finished_successfully\", \"end_turn\": true, \"metadata\": {}}, "
            + "\"conversation_id\": \"\(foreignConversationID)\", \"error\": null}\n\ndata: [DONE]\n\n").utf8)

    /// Where the frame of another response goes: before the chunk at this index.
    public static func foreignIndex(_ chunkCount: Int) -> Int { max(1, chunkCount / 3) }

    /// The frames that carry `chunks` as this response's body, one `message` per chunk with
    /// increasing `sequenceId` and `more_body: true`, then an empty one with `more_body: false`.
    /// Two decoys ride along: a frame of another response (with its own `[DONE]` and
    /// `more_body: false`) before chunk ``foreignIndex(_:)``, and a redelivery (same
    /// `sequenceId`, same body) right after the frame of every odd-numbered chunk.
    public static func frames(_ chunks: [[UInt8]]) -> [String] {
        var frames: [String] = []
        var sequenceID = 0
        for (index, chunk) in chunks.enumerated() {
            if index == foreignIndex(chunks.count) {
                sequenceID += 1
                frames.append(
                    WebPubSubFrame.serverMessage(
                        sequenceID: sequenceID, body: foreignBody, moreBody: false, responseID: foreignResponseID,
                        conversationID: foreignConversationID))
            }
            sequenceID += 1
            let frame = WebPubSubFrame.serverMessage(
                sequenceID: sequenceID, body: chunk, moreBody: true, responseID: responseID,
                conversationID: conversationID)
            frames.append(frame)
            if index % 2 == 1 { frames.append(frame) }
        }
        frames.append(
            WebPubSubFrame.serverMessage(
                sequenceID: sequenceID + 1, body: [], moreBody: false, responseID: responseID,
                conversationID: conversationID))
        return frames
    }
}

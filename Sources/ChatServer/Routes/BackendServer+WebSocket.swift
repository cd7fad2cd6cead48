import ChatModel
import ChatProtocol
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging

extension BackendServer {
    /// `POST /backend-api/register-websocket`: a `wss_url` for a socket that receives every
    /// WebSocket answer (PROTOCOL.md §3a).
    func addWebSocketRoutes(to router: Router<BasicRequestContext>) {
        let server = self
        router.post("/backend-api/register-websocket") { request, _ -> Response in
            _ = try await JSONResponse.body(request, allowEmpty: true)
            let (url, expires) = server.socketURL(.user, scope: .user, request: request)
            return Self.orderedJSONResponse([("wss_url", .string(url)), ("expires_at", .string(WireTime.iso(expires)))])
        }
    }

    /// The router that answers WebSocket upgrades at `GET /backend-api/ws/{entrance}?access_token=…`.
    /// A missing, unknown or expired token (or, with ``ServerConfiguration/failPrimaryWebSocket``,
    /// a primary or registered URL) is refused: the request then falls through to the HTTP router, which
    /// answers 401 because WebSocket clients send no bearer token.
    func makeWebSocketRouter() -> Router<BasicWebSocketRequestContext> {
        let router = Router(context: BasicWebSocketRequestContext.self)
        let server = self
        router.ws("/backend-api/ws/{entrance}") { request, _ in
            guard server.webSocketGrant(for: request) != nil else { return .dontUpgrade }
            let offered = request.headers[values: .secWebSocketProtocol].flatMap { $0.split(separator: ",") }
            guard offered.contains(where: { $0.trimmingCharacters(in: .whitespaces) == WebPubSubFrame.subprotocol })
            else { return .upgrade([:]) }
            return .upgrade([.secWebSocketProtocol: WebPubSubFrame.subprotocol])
        } onUpgrade: { inbound, outbound, context in
            guard let grant = server.webSocketGrant(for: context.request) else { return }
            await server.serveSocket(grant: grant, inbound: inbound, outbound: outbound)
        }
        return router
    }

    /// The SSE form a websocket-mode request asks for, else the configured one.
    func webSocketForm(of request: Request) -> StreamMode {
        let header = request.headers[.init(StreamMode.webSocketFormHeaderName)!]
        let form = header.flatMap { StreamMode(rawValue: $0.lowercased()) } ?? configuration.webSocketForm
        return form == .cumulative ? .cumulative : .delta
    }

    /// The JSON hand-off of a websocket-mode POST, shaped like seed 001. The answer starts
    /// now, in a task of its own, whether or not a socket ever connects; its frames wait in
    /// the hub for ``ServerConfiguration/webSocketRetention`` after it ends.
    func webSocketHandshake(_ turn: StartedTurn, request: Request, websocketRequestID: String) -> Response {
        let responseID = String(ServerToken.generate().dropFirst(3).prefix(16)) + "-LCL"
        hub.open(responseID: responseID, conversationID: turn.conversationID)
        let (inputs, key) = startAnswer(turn, websocketRequestID: websocketRequestID)
        let form = webSocketForm(of: request)
        let server = self
        Task {
            do {
                try await server.runAnswer(turn, inputs: inputs, key: key, encoder: form.makeEncoder()) { text, last in
                    server.hub.publish(responseID: responseID, body: text, last: last)
                }
            } catch {
                server.logger.error("WebSocket answer failed: \(error)")
                let closing = SSE.json(SSE.errorFrame("The server failed: \(error)", turn.conversationID)) + SSE.done
                server.hub.publish(responseID: responseID, body: closing, last: true)
            }
        }
        let scope = WebSocketHub.Scope.response(responseID)
        let (primary, expires) = socketURL(.primary, scope: scope, request: request)
        let (fallback, _) = socketURL(.fallback, scope: scope, request: request)
        return Self.orderedJSONResponse([
            ("wss_url", .string(primary)), ("fallback_wss_url", .string(fallback)),
            ("expires_at", .string(WireTime.iso(expires))), ("conversation_id", .string(turn.conversationID)),
            ("response_id", .string(responseID)), ("websocket_request_id", .string(websocketRequestID)),
        ])
    }

    /// A fresh socket URL on the host the client reached this server by, and when it expires
    /// (seconds since 1970).
    func socketURL(_ entrance: WebSocketHub.Entrance, scope: WebSocketHub.Scope, request: Request)
        -> (url: String, expires: Double)
    {
        let (token, expires) = hub.issue(entrance, scope: scope, lifetime: configuration.webSocketURLLifetime)
        let authority = request.head.authority ?? "\(configuration.host):\(configuration.port)"
        let url = "ws://\(authority)/backend-api/ws/\(entrance.rawValue)?access_token=\(token)"
        return (url, expires.timeIntervalSince1970)
    }

    /// The grant of the token in a socket request's query, when it is valid on that path.
    func webSocketGrant(for request: Request) -> WebSocketHub.Grant? {
        guard let token = request.uri.queryParameters.get("access_token"),
            let entrance = request.uri.path.split(separator: "/").last.flatMap({
                WebSocketHub.Entrance(rawValue: String($0))
            }),
            let grant = hub.grant(token: token), grant.entrance == entrance
        else { return nil }
        if entrance != .fallback, configuration.failPrimaryWebSocket { return nil }
        return grant
    }

    /// Serves one socket: the `connected` system frame, the unacknowledged frames of its
    /// scope, then the live ones; client `sequenceAck`s drop acknowledged frames. A socket
    /// for one answer is closed a little after the answer's last frame, unless the client
    /// closes it first.
    func serveSocket(
        grant: WebSocketHub.Grant, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter
    ) async {
        let hub = self.hub
        let subscription = hub.subscribe(grant.scope)
        defer { hub.unsubscribe(subscription.key) }
        let connected = Self.orderedJSONText(
            [
                ("type", .string("system")), ("event", .string("connected")),
                ("userId", .string("user-chatterm-local")), ("connectionId", .string(hub.connectionID)),
                ("reconnectionToken", .string(UUID().uuidString.lowercased())),
            ], compact: true)
        do {
            try await outbound.write(.text(connected))
        } catch {
            return
        }
        let scope = grant.scope
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    for try await message in inbound.messages(maxSize: 1 << 16) {
                        guard case .text(let text) = message, let id = Self.sequenceAck(text) else { continue }
                        hub.acknowledge(id, scope: scope)
                    }
                } catch {}
                hub.unsubscribe(subscription.key)
            }
            group.addTask {
                do {
                    for frame in subscription.replay {
                        try await outbound.write(.text(frame.text))
                    }
                    for await frame in subscription.live {
                        try await outbound.write(.text(frame.text))
                    }
                    // Give the client time to acknowledge and close; then the handler returns
                    // and the socket is closed normally.
                    try await Task.sleep(for: .seconds(5))
                } catch {}
            }
            await group.next()
            group.cancelAll()
        }
    }

    /// The sequence id of a client `{"type":"sequenceAck","sequenceId":N}` frame.
    static func sequenceAck(_ text: String) -> Int? {
        guard let value = try? FastJSON.parse(Data(text.utf8)), value["type"]?.stringValue == "sequenceAck",
            let n = value["sequenceId"]?.doubleValue, n == n.rounded(), n >= 0, n < 1e15
        else { return nil }
        return Int(n)
    }

    /// A JSON object with its keys in the given order (WireJSON's separators unless `compact`).
    static func orderedJSONText(_ pairs: [(String, JSONValue)], compact: Bool = false) -> String {
        let fields = pairs.map { WireJSON.string(.string($0.0)) + (compact ? ":" : ": ") + WireJSON.string($0.1) }
        return "{" + fields.joined(separator: compact ? "," : ", ") + "}"
    }

    /// A JSON response with its keys in the given order.
    static func orderedJSONResponse(_ pairs: [(String, JSONValue)]) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: orderedJSONText(pairs))))
    }
}

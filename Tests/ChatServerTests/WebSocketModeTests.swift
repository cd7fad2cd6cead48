import ChatModel
import ChatProtocol
import ChatServer
import ChatTestPeers
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The `wss_url` answer mode's HTTP side (the sockets are tested in IntegrationTests).
@Suite("WebSocket mode over HTTP", .timeLimit(.minutes(2)))
struct WebSocketModeTests {
    static func prompt(_ text: String, extra: [String: JSONValue] = [:]) -> JSONValue {
        var body = nextMessageBody(text, model: nil)
        body.merge(extra) { $1 }
        return .object(body)
    }

    @Test func theHandOffHasTheSeedsKeysInTheSeedsOrder() async throws {
        try await TestServer(mode: .websocket).test { client in
            let api = API(client: client)
            for path in ["/backend-api/conversation", "/backend-api/f/conversation"] {
                let response = try await api.send(
                    .post, path, Self.prompt("Hi", extra: ["websocket_request_id": .string("req-42")]))
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let text = String(buffer: response.body)
                let keys =
                    ["wss_url", "fallback_wss_url", "expires_at", "conversation_id", "response_id"]
                    + ["websocket_request_id"]
                let positions = keys.compactMap { text.range(of: "\"\($0)\": ")?.lowerBound }
                #expect(positions.count == keys.count && positions == positions.sorted())
                let json = try parse(response)
                #expect(json.objectValue?.count == keys.count)
                #expect(json["websocket_request_id"] == .string("req-42"))
                let expires = try #require(json["expires_at"]?.stringValue.flatMap(ISOTime.parse))
                #expect(expires > Date().timeIntervalSince1970)
                let primary = try #require(json["wss_url"]?.stringValue)
                let fallback = try #require(json["fallback_wss_url"]?.stringValue)
                #expect(primary.hasPrefix("ws://") && primary.contains("access_token=wst-"))
                #expect(fallback.hasPrefix("ws://") && fallback != primary)
                let conversation = try #require(json["conversation_id"]?.stringValue)
                #expect(try await api.get("/backend-api/conversation/\(conversation)").status == .ok)
            }
        }
    }

    @Test func aRequestWithoutAnIDGetsOneAndTheHeaderPicksTheMode() async throws {
        try await TestServer().test { client in
            let api = API(client: client)
            var headers = TestServer.auth
            headers[.init(StreamMode.headerName)!] = "websocket"
            let response = try await api.send(.post, "/backend-api/conversation", Self.prompt("Hi"), headers: headers)
            let id = try #require(try parse(response)["websocket_request_id"]?.stringValue)
            #expect(UUID(uuidString: id) != nil)
            // Without the header the default (delta SSE) applies.
            let sse = try await api.send(.post, "/backend-api/conversation", Self.prompt("Hi"))
            #expect(sse.headers[.contentType]?.hasPrefix("text/event-stream") == true)
        }
    }

    @Test(arguments: StreamMode.sseForms)
    func forceUseSSEGetsTheSSEForm(form: StreamMode) async throws {
        let server = try TestServer(mode: .websocket)
        try await server.test { client in
            let api = API(client: client)
            var headers = TestServer.auth
            headers[.init(StreamMode.webSocketFormHeaderName)!] = form.rawValue
            let response = try await api.send(
                .post, "/backend-api/conversation", Self.prompt("Hi", extra: ["force_use_sse": .bool(true)]),
                headers: headers)
            #expect(response.headers[.contentType]?.hasPrefix("text/event-stream") == true)
            let stream = try ParsedStream(String(buffer: response.body))
            #expect(stream.form == form)
            #expect(stream.status == "finished_successfully")
        }
    }

    @Test func registerWebSocketNeedsTheTokenAndAnswersURLAndExpiry() async throws {
        try await TestServer().test { client in
            let api = API(client: client)
            let response = try await api.send(.post, "/backend-api/register-websocket", nil)
            let text = String(buffer: response.body)
            #expect(text.hasPrefix("{\"wss_url\": \"ws://"))
            #expect(try parse(response).objectValue.map { Set($0.keys) } == ["wss_url", "expires_at"])
            let denied = try await api.send(.post, "/backend-api/register-websocket", nil, headers: [:])
            #expect(denied.status == .unauthorized)
        }
    }
}

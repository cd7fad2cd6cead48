import AsyncHTTPClient
import ChatClient
import ChatModel
import ChatProtocol
import ChatServer
import Foundation
import NIOCore
import NIOHTTP1

/// The JSON body of `POST /backend-api/conversation` with a new prompt (`action: next`) under
/// `parent`, in `conversation` when given, naming `model` when given.
public func nextMessageBody(
    _ prompt: String, parent: String = "client-created-root", conversation: String? = nil,
    model: String? = "chatterm-offline"
) -> [String: JSONValue] {
    var body: [String: JSONValue] = [
        "action": .string("next"),
        "messages": .array([
            .object([
                "id": .string(UUID().uuidString.lowercased()), "author": .object(["role": .string("user")]),
                "content": .object(["content_type": .string("text"), "parts": .array([.string(prompt)])]),
            ])
        ]),
        "parent_message_id": .string(parent),
    ]
    if let model { body["model"] = .string(model) }
    if let conversation { body["conversation_id"] = .string(conversation) }
    return body
}

/// A status, its content type and its body.
public struct HTTPReply: Sendable {
    /// The status code.
    public var status: Int
    /// The `Content-Type` header.
    public var contentType: String?
    /// The whole body.
    public var body: Data

    /// The body parsed as JSON.
    public var json: JSONValue { get throws { try FastJSON.parse(body) } }
    /// The body as text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Requests to a server on a local port with AsyncHTTPClient, as a real client makes them, with
/// the ``TestServer`` token unless told otherwise.
public struct LiveAPI: Sendable {
    /// The server's port.
    public let port: Int
    /// The name requests go to (the server's socket URLs name it too).
    public let host: String

    /// Requests to `port` on `host`.
    public init(port: Int, host: String = "localhost") {
        self.port = port
        self.host = host
    }

    /// `http://<host>:<port>`.
    public var base: String { "http://\(host):\(port)" }

    /// The request, for a test that reads the response as it comes: the bearer `token` (none
    /// when nil), a JSON content type, `headers`, and `text` as the body.
    public func httpRequest(
        _ method: HTTPMethod, _ path: String, text: String? = nil, headers: [(String, String)] = [],
        token: String? = TestServer.token
    ) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let text { request.body = .bytes(ByteBuffer(string: text)) }
        return request
    }

    /// Sends ``httpRequest(_:_:text:headers:token:)`` and reads the whole reply.
    public func request(
        _ method: HTTPMethod, _ path: String, text: String?, headers: [(String, String)] = [],
        token: String? = TestServer.token
    ) async throws -> HTTPReply {
        let request = httpRequest(method, path, text: text, headers: headers, token: token)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 1 << 24)
        return HTTPReply(
            status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type"),
            body: Data(bytes.readableBytesView))
    }

    /// Sends `body` as JSON and reads the whole reply.
    public func request(
        _ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil, headers: [(String, String)] = [],
        token: String? = TestServer.token
    ) async throws -> HTTPReply {
        try await request(method, path, text: body.map { WireJSON.string($0) }, headers: headers, token: token)
    }

    /// `POST /backend-api/conversation` with a new prompt; extra body fields and headers as given.
    public func send(
        _ prompt: String, extra: [String: JSONValue] = [:], headers: [(String, String)] = []
    ) async throws -> HTTPReply {
        var body = nextMessageBody(prompt)
        body.merge(extra) { $1 }
        return try await request(.POST, "/backend-api/conversation", .object(body), headers: headers)
    }

    /// Sends a prompt in websocket mode and parses the hand-off.
    public func handshake(
        _ prompt: String, extra: [String: JSONValue] = [:], headers: [(String, String)] = []
    ) async throws -> WebSocketHandshake {
        let reply = try await send(prompt, extra: extra, headers: headers)
        guard reply.status == 200, reply.contentType == "application/json",
            let handshake = WebSocketHandshake.parse(reply.body)
        else { throw TestFailure("no hand-off: \(reply.status) \(reply.text)") }
        return handshake
    }

    /// The stored conversation.
    public func conversation(_ id: String) async throws -> Conversation {
        try ConversationJSON.decode(try await request(.GET, "/backend-api/conversation/\(id)").json)
    }

    /// A fresh socket URL from `register-websocket`.
    public func registerWebSocket() async throws -> String {
        let reply = try await request(.POST, "/backend-api/register-websocket")
        guard let url = WebSocketHandshake.registeredURL(reply.body) else { throw TestFailure("no wss_url") }
        return url
    }
}

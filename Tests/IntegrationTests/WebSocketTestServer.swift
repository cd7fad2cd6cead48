import AsyncHTTPClient
import ChatArchive
import ChatClient
import ChatModel
import ChatProtocol
import ChatServer
import ChatStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOHTTP1
import Testing

/// A real ``BackendServer`` on a free port (HummingbirdTesting's live mode) over an in-memory
/// archive, reached with AsyncHTTPClient and WebSocket clients like a real client reaches it.
struct WebSocketTestServer {
    static let token = "test-token-ws-0123456789"
    let server: BackendServer
    let archive: Archive

    init(
        engine: any AnswerEngine = OfflineEngine(pace: .zero),
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) throws {
        var configuration = ServerConfiguration(
            token: Self.token, defaultStreamMode: .websocket, saveInterval: .zero)
        configure(&configuration)
        archive = try Archive.inMemory()
        server = BackendServer(configuration: configuration, archive: archive, engine: engine)
    }

    /// Runs `body` with an HTTP helper for the live server.
    func run<T: Sendable>(_ body: @escaping @Sendable (LiveAPI) async throws -> T) async throws -> T {
        try await server.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            return try await withDeadline { try await body(LiveAPI(port: port)) }
        }
    }
}

/// A status, its content type and its body.
struct HTTPReply: Sendable {
    var status: Int
    var contentType: String?
    var body: Data

    var json: JSONValue { get throws { try FastJSON.parse(body) } }
}

/// Requests to the live server, with the bearer token.
struct LiveAPI: Sendable {
    let port: Int
    var base: String { "http://localhost:\(port)" }

    func request(
        _ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil, headers: [(String, String)] = [],
        token: String = WebSocketTestServer.token
    ) async throws -> HTTPReply {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: WireJSON.string(body))) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 1 << 24)
        return HTTPReply(
            status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type"),
            body: Data(bytes.readableBytesView))
    }

    /// `POST /backend-api/conversation` with a new prompt; extra body fields and headers as given.
    func send(
        _ prompt: String, extra: [String: JSONValue] = [:], headers: [(String, String)] = []
    ) async throws -> HTTPReply {
        var body: [String: JSONValue] = [
            "action": .string("next"),
            "messages": .array([
                .object([
                    "id": .string(UUID().uuidString.lowercased()), "author": .object(["role": .string("user")]),
                    "content": .object(["content_type": .string("text"), "parts": .array([.string(prompt)])]),
                ])
            ]),
            "parent_message_id": .string("client-created-root"), "model": .string("chatterm-offline"),
        ]
        body.merge(extra) { $1 }
        return try await request(.POST, "/backend-api/conversation", .object(body), headers: headers)
    }

    /// Sends a prompt in websocket mode and parses the hand-off.
    func handshake(
        _ prompt: String, extra: [String: JSONValue] = [:], headers: [(String, String)] = []
    ) async throws -> WebSocketHandshake {
        let reply = try await send(prompt, extra: extra, headers: headers)
        guard reply.status == 200, reply.contentType == "application/json",
            let handshake = WebSocketHandshake.parse(reply.body)
        else { throw TestFailure("no hand-off: \(reply.status) \(String(decoding: reply.body, as: UTF8.self))") }
        return handshake
    }

    /// The stored conversation.
    func conversation(_ id: String) async throws -> Conversation {
        try ConversationJSON.decode(try await request(.GET, "/backend-api/conversation/\(id)").json)
    }

    /// A fresh socket URL from `register-websocket`.
    func registerWebSocket() async throws -> String {
        let reply = try await request(.POST, "/backend-api/register-websocket")
        guard let url = WebSocketHandshake.registeredURL(reply.body) else { throw TestFailure("no wss_url") }
        return url
    }
}

/// An answer read the way a client reads it: transports, decoded events, appended text.
struct ReadAnswer: Sendable {
    var transports: [String] = []
    var decoder = ChatGPTStreamDecoder()
    var appended = ""
    private var parser = SSEParser()

    init() {}

    mutating func take(_ chunk: WebSocketChunk) {
        switch chunk {
        case .transport(let name): transports.append(name)
        case .sseBytes(let bytes): decode(parser.feed(bytes))
        }
    }

    mutating func finish() { decode(parser.finish()) }

    mutating func decode(_ events: [SSEEvent]) {
        for event in events {
            for streamEvent in decoder.decode(event) {
                if case .textAppended(_, let suffix) = streamEvent { appended += suffix }
            }
        }
    }

    /// Reads a whole stream.
    static func read(_ stream: AsyncThrowingStream<WebSocketChunk, any Error>) async throws -> ReadAnswer {
        var answer = ReadAnswer()
        for try await chunk in stream { answer.take(chunk) }
        answer.finish()
        return answer
    }
}

/// The offline engine's answer to a first prompt.
func offlineAnswer(_ prompt: String) -> String {
    OfflineEngine.text(for: EngineRequest(history: [TextMessage(role: .user, text: prompt)]))
}

/// A quiet logger for the clients.
let testLogger = Logger(label: "chatterm.tests.ws")

/// Yields two chunks, then waits until cancelled (an answer only a stop can end).
struct HeldEngine: AnswerEngine {
    var model: ModelInfo { OfflineEngine.offlineModel }

    func answer(_ request: EngineRequest) -> AsyncThrowingStream<String, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                continuation.yield("alpha ")
                continuation.yield("beta ")
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(5))
                }
                continuation.finish(throwing: CancellationError())
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    func title(for prompt: String) async throws -> String { "held" }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body`, failing after `seconds` instead of hanging.
func withDeadline<T: Sendable>(
    _ seconds: Int = 120, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw TestFailure("timed out after \(seconds) s")
        }
        return value
    }
}

import ChatArchive
import ChatClient
import ChatModel
import ChatProtocol
import ChatServer
import ChatStore
import Foundation
import Hummingbird
import Testing

/// The port a server reports once it listens, handed from its task to the test.
struct PortSignal: Sendable {
    let ports: AsyncStream<Int>
    let continuation: AsyncStream<Int>.Continuation

    init() {
        (ports, continuation) = AsyncStream<Int>.makeStream()
    }

    func send(_ port: Int) {
        continuation.yield(port)
        continuation.finish()
    }
}

struct PeerFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `serve` (a server that runs until cancelled and reports its port to `signal`) in a task
/// group, calls `body` with `http://127.0.0.1:<port>`, then cancels the server.
@discardableResult func withServer<T: Sendable>(
    _ signal: PortSignal, serve: @escaping @Sendable () async throws -> Void, _ body: (String) async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
        group.addTask {
            defer { signal.continuation.finish() }
            try await serve()
        }
        var iterator = signal.ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            group.cancelAll()
            try await group.waitForAll()
            throw PeerFailure("the server stopped before it listened")
        }
        do {
            let result = try await body("http://127.0.0.1:\(port)")
            group.cancelAll()
            return result
        } catch {
            group.cancelAll()
            throw error
        }
    }
}

/// A Hummingbird server with `router` on 127.0.0.1 and a free port, for the length of `body`.
@discardableResult func withPeer<T: Sendable>(_ router: Router<BasicRequestContext>, _ body: (String) async throws -> T)
    async throws -> T
{
    let signal = PortSignal()
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in signal.send(channel.localAddress?.port ?? 0) })
    return try await withServer(signal, serve: { try await app.run() }, body)
}

/// Counts requests by name (the peers' handlers run concurrently with the test).
actor Hits {
    private var counts: [String: Int] = [:]
    private var notes: [String: [String]] = [:]

    /// Counts one more `key` and returns the new count.
    @discardableResult func record(_ key: String, note: String? = nil) -> Int {
        counts[key, default: 0] += 1
        if let note { notes[key, default: []].append(note) }
        return counts[key, default: 0]
    }

    func count(_ key: String) -> Int { counts[key, default: 0] }

    /// The notes recorded with `key` (a header or query a request carried), in order.
    func notes(_ key: String) -> [String] { notes[key, default: []] }
}

/// A JSON response with the given status and body text.
func jsonResponse(_ status: Int, _ body: String, headers: HTTPFields = [:]) -> Response {
    var fields = headers
    fields[.contentType] = "application/json"
    return Response(
        status: HTTPResponse.Status(code: status), headers: fields,
        body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
}

/// A one-shot signal from a test to a peer's handler.
struct Gate: Sendable {
    private let signals: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (signals, continuation) = AsyncStream<Void>.makeStream()
    }

    func open() {
        continuation.yield()
        continuation.finish()
    }

    /// Returns once the gate is open (or the task is cancelled).
    func wait() async {
        for await _ in signals { return }
    }
}

/// An SSE response that writes `chunks` one by one (pausing `pause` between them), waits for
/// `gate` if one is given, then ends the body, or, when `drop` is set, throws instead so the
/// connection closes mid-body.
func sseResponse(_ chunks: [[UInt8]], pause: Duration = .zero, drop: Bool = false, gate: Gate? = nil) -> Response {
    Response(
        status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"],
        body: ResponseBody { writer in
            for (index, chunk) in chunks.enumerated() {
                if index > 0, pause > .zero { try await Task.sleep(for: pause) }
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            await gate?.wait()
            if drop { throw PeerFailure("the peer drops the connection") }
            try await writer.finish(nil)
        })
}

/// A client of `baseURL` with a fixed token, fast retries and any extra headers.
func makeClient(
    _ baseURL: String, credentials: ChatGPTConfiguration.Credentials = .accessToken("peer-token"),
    getAttempts: Int = 3, extraHeaders: [(String, String)] = []
) -> ChatGPTClient {
    ChatGPTClient(
        configuration: ChatGPTConfiguration(
            baseURL: baseURL, credentials: credentials, extraHeaders: extraHeaders, getAttempts: getAttempts,
            retryDelay: .milliseconds(1)))
}

/// A `next` request with one user message (a new conversation unless `conversationID` is set).
func nextRequest(
    _ prompt: String, userID: String = UUID().uuidString.lowercased(), conversationID: String? = nil,
    parent: String = ChatGPTClient.newConversationParent
) -> ChatRequest {
    ChatRequest(
        action: .next, conversationID: conversationID, parentMessageID: parent,
        messages: [TextMessage(id: userID, text: prompt)])
}

/// Everything a `send` stream produced, and how it ended.
struct Received: Sendable {
    var items: [ChatStreamItem] = []
    var error: (any Error)?

    /// The decoded events, in order.
    var events: [StreamEvent] {
        items.compactMap { item in
            if case .event(let event) = item { return event }
            return nil
        }
    }

    /// The events applied in order.
    var transcript: StreamTranscript {
        var transcript = StreamTranscript()
        for event in events { transcript.apply(event) }
        return transcript
    }

    /// The completion of the last item, when it is `.finished`.
    var completion: StreamCompletion? {
        if case .finished(let completion)? = items.last { return completion }
        return nil
    }

    /// The error as a ``ClientError``, if it is one.
    var clientError: ClientError? { error as? ClientError }

    /// The last conversation id the stream named.
    var conversationID: String? {
        events.reduce(nil) { id, event in
            if case .conversationID(let new) = event { return new }
            return id
        }
    }

    /// The parent the answer's first snapshot named.
    var answerParentID: String? {
        for case .messageStarted(let started) in events where started.kind == .answer {
            return started.parentID
        }
        return nil
    }
}

/// Reads a `send` stream to its end (or its error).
func receive(_ stream: AsyncThrowingStream<ChatStreamItem, any Error>) async -> Received {
    var received = Received()
    do {
        for try await item in stream { received.items.append(item) }
    } catch {
        received.error = error
    }
    return received
}

/// Starts `server` on a free loopback port; returns its base URL and the task running it.
/// Cancelling the task stops it without waiting for open connections (a store under test
/// may still hold one when the test ends).
func startEmbedded(_ server: BackendServer) async throws -> (base: String, task: Task<Void, Never>) {
    let (port, task) = try await server.startEmbedded()
    return ("http://127.0.0.1:\(port)", task)
}

/// The project's own server over an in-memory archive, run embedded on a free port.
struct LocalBackend {
    static let token = "client-test-token-0123456789"
    let server: BackendServer
    let archive: Archive

    init(engine: any AnswerEngine = OfflineEngine(pace: .zero)) throws {
        archive = try Archive.inMemory()
        server = BackendServer(
            configuration: ServerConfiguration(token: Self.token, saveInterval: .zero), archive: archive,
            engine: engine)
    }

    /// Serves for the length of `body`, which gets the base URL.
    func run<T: Sendable>(_ body: (String) async throws -> T) async throws -> T {
        let signal = PortSignal()
        let server = self.server
        return try await withServer(
            signal, serve: { try await server.runEmbedded(onRunning: { port in signal.send(port) }) }, body)
    }

    /// A client with the right token that asks for `mode` (the server's default when nil).
    static func client(_ baseURL: String, mode: StreamMode? = nil, token: String = Self.token) -> ChatGPTClient {
        makeClient(
            baseURL, credentials: .accessToken(token),
            extraHeaders: mode.map { [(StreamMode.headerName, $0.rawValue)] } ?? [])
    }
}

/// Starts an answer to "Write a long answer", reads until two text deltas came, then stops
/// reading, as a client that goes away does. Returns the conversation's id.
func abandonAfterTwoDeltas(_ client: any ChatBackend) async throws -> String {
    var conversationID: String?
    var appends = 0
    for try await item in client.send(nextRequest("Write a long answer")) {
        guard case .event(let event) = item else { continue }
        if case .conversationID(let id) = event { conversationID = id }
        if case .textAppended = event { appends += 1 }
        if appends == 2 { break }
    }
    return try #require(conversationID)
}

/// The conversation's answer once the server has closed it, polled for up to a minute (a
/// generous deadline); its last state when it never closed.
func closedAnswer(_ client: any ChatBackend, conversationID id: String) async throws -> Message? {
    let deadline = ContinuousClock.now + .seconds(60)
    var answer: Message?
    while ContinuousClock.now < deadline {
        let c = try await client.conversation(id: id).conversation
        answer = c.mapping.values.compactMap(\.message).first { $0.author.role == .assistant }
        if let status = answer?.status, status != "in_progress" { break }
        try await Task.sleep(for: .milliseconds(50))
    }
    return answer
}

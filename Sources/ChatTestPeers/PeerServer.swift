import Hummingbird

/// The port a server reports once it listens, handed from its task to the test.
public struct PortSignal: Sendable {
    /// The port, once.
    public let ports: AsyncStream<Int>
    /// Where the port is sent.
    public let continuation: AsyncStream<Int>.Continuation

    /// A signal not sent yet.
    public init() {
        (ports, continuation) = AsyncStream<Int>.makeStream()
    }

    /// Reports `port` (0 or less: the server could not listen).
    public func send(_ port: Int) {
        continuation.yield(port)
        continuation.finish()
    }
}

/// Runs `serve` (a server that runs until cancelled and reports its port to `signal`) in a task
/// group, calls `body` with `http://127.0.0.1:<port>`, then cancels the server.
@discardableResult public func withServer<T: Sendable>(
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
            throw TestFailure("the server stopped before it listened")
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

/// A Hummingbird server with `router` on 127.0.0.1 and a free port, for the length of `body`,
/// which gets its base URL.
@discardableResult public func withPeer<T: Sendable>(
    _ router: Router<BasicRequestContext>, _ body: (String) async throws -> T
) async throws -> T {
    let signal = PortSignal()
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in signal.send(channel.localAddress?.port ?? 0) })
    return try await withServer(signal, serve: { try await app.run() }, body)
}

/// Counts requests by name (the peers' handlers run concurrently with the test).
public actor Hits {
    private var counts: [String: Int] = [:]
    private var notes: [String: [String]] = [:]

    /// No requests yet.
    public init() {}

    /// Counts one more `key` and returns the new count.
    @discardableResult public func record(_ key: String, note: String? = nil) -> Int {
        counts[key, default: 0] += 1
        if let note { notes[key, default: []].append(note) }
        return counts[key, default: 0]
    }

    /// How many `key` requests came.
    public func count(_ key: String) -> Int { counts[key, default: 0] }

    /// The notes recorded with `key` (a header or query a request carried), in order.
    public func notes(_ key: String) -> [String] { notes[key, default: []] }
}

/// A one-shot signal from a test to a peer's handler.
public struct Gate: Sendable {
    private let signals: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    /// A closed gate.
    public init() {
        (signals, continuation) = AsyncStream<Void>.makeStream()
    }

    /// Opens the gate.
    public func open() {
        continuation.yield()
        continuation.finish()
    }

    /// Returns once the gate is open (or the task is cancelled).
    public func wait() async {
        for await _ in signals { return }
    }
}

/// A JSON response with the given status and body text.
public func jsonResponse(_ status: Int, _ body: String, headers: HTTPFields = [:]) -> Response {
    var fields = headers
    fields[.contentType] = "application/json"
    return Response(
        status: HTTPResponse.Status(code: status), headers: fields,
        body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
}

/// An SSE response that writes `chunks` one by one (pausing `pause` between them), waits for
/// `gate` if one is given and writes `after`, then ends the body, or, when `drop` is set,
/// throws instead so the connection closes mid-body.
public func sseResponse(
    _ chunks: [[UInt8]], pause: Duration = .zero, drop: Bool = false, gate: Gate? = nil, after: [[UInt8]] = []
) -> Response {
    Response(
        status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"],
        body: ResponseBody { writer in
            for (index, chunk) in chunks.enumerated() {
                if index > 0, pause > .zero { try await Task.sleep(for: pause) }
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            await gate?.wait()
            for chunk in after { try await writer.write(ByteBuffer(bytes: chunk)) }
            if drop { throw TestFailure("the peer drops the connection") }
            try await writer.finish(nil)
        })
}

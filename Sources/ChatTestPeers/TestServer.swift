import ChatArchive
import ChatClient
import ChatServer
import Hummingbird
import HummingbirdTesting

/// The project's ``BackendServer`` over an in-memory archive, with a fixed token and saves after
/// every chunk. A test reaches it through HummingbirdTesting, by its router without a socket or
/// live on a free port (``test(_:_:)``, ``live(_:)``), or embedded on a free loopback port as the
/// TUI runs it (``start()``, ``serve(_:)``).
public struct TestServer: Sendable {
    /// The bearer token the server accepts.
    public static let token = "test-token-0123456789"
    /// The server.
    public let server: BackendServer
    /// Its archive, in memory.
    public let archive: Archive

    /// A server answering with `engine`, streaming in `mode` unless a request asks otherwise;
    /// `configure` changes anything else of its configuration.
    public init(
        engine: any AnswerEngine = OfflineEngine(pace: .zero), mode: StreamMode = .delta,
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) throws {
        var configuration = ServerConfiguration(token: Self.token, defaultStreamMode: mode, saveInterval: .zero)
        configure(&configuration)
        archive = try Archive.inMemory()
        server = BackendServer(configuration: configuration, archive: archive, engine: engine)
    }

    /// The headers of an authorised JSON request.
    public static var auth: HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }

    /// The server's Hummingbird application.
    public var application: some ApplicationProtocol { server.makeApplication() }

    /// Runs `body` with a HummingbirdTesting client: through the router, without sockets, unless
    /// `setup` says `.live`.
    public func test<T>(
        _ setup: TestingSetup = .router, _ body: @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        try await application.test(setup, body)
    }

    /// Runs `body` with requests to the server live on a free port (HummingbirdTesting's live
    /// mode, stopped gracefully afterwards), failing after two minutes instead of hanging.
    public func live<T: Sendable>(_ body: @escaping @Sendable (LiveAPI) async throws -> T) async throws -> T {
        try await application.test(.live) { client in
            guard let port = client.port else { throw TestFailure("the live server has no port") }
            return try await withDeadline { try await body(LiveAPI(port: port)) }
        }
    }

    /// Starts the server embedded on a free loopback port, as the TUI does
    /// (``BackendServer/startEmbedded()``); cancelling its task stops it.
    public func start() async throws -> RunningServer {
        let (port, task) = try await server.startEmbedded()
        return RunningServer(port: port, task: task)
    }

    /// Runs `body` with the server embedded on a free loopback port; the server must stop
    /// within 10 s afterwards.
    public func serve<T>(_ body: (RunningServer) async throws -> T) async throws -> T {
        let running = try await start()
        let result: T
        do {
            result = try await body(running)
        } catch {
            _ = await running.stop()
            throw error
        }
        guard await running.stop() else { throw TestFailure("the server did not stop within 10 s") }
        return result
    }
}

/// A ``TestServer`` embedded on a loopback port, stopped by cancelling its task.
public struct RunningServer: Sendable {
    /// The port it listens on.
    public let port: Int
    /// The task running it.
    public let task: Task<Void, Never>

    /// `http://127.0.0.1:<port>`.
    public var base: String { "http://127.0.0.1:\(port)" }

    /// Stops the server; false when it has not stopped within `limit`.
    public func stop(within limit: Duration = .seconds(10)) async -> Bool {
        task.cancel()
        let task = self.task
        return (try? await finished(within: limit) { await task.value }) != nil
    }

    /// A client with `token` (the server's unless given) that asks for `mode` (the server's
    /// default when nil).
    public func client(mode: StreamMode? = nil, token: String = TestServer.token) -> ChatGPTClient {
        makeClient(
            base, credentials: .accessToken(token),
            extraHeaders: mode.map { [(StreamMode.headerName, $0.rawValue)] } ?? [])
    }
}

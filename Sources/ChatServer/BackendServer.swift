import ChatArchive
import ChatModel
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore

/// The local ChatGPT `backend-api` server (issue 4): the same endpoints and wire shapes as
/// the real service, conversations in an `Archive`, answers from an ``AnswerEngine``.
///
/// ```swift
/// let server = BackendServer(configuration: .init(token: token), archive: archive, engine: OfflineEngine())
/// try await server.run { port in print("listening on http://127.0.0.1:\(port)") }
/// ```
public struct BackendServer: Sendable {
    /// Where and how the server listens.
    public let configuration: ServerConfiguration
    /// The engine that writes answers.
    public let engine: any AnswerEngine
    let book: ConversationBook
    let streams = StreamRegistry()
    /// The answers sent over WebSockets (``StreamMode/websocket``) and their socket tokens.
    let hub: WebSocketHub
    let logger: Logger

    /// The `source` the local server keeps its conversations under, in `chatterm serve` and
    /// for the `local` profile alike, so both show the same conversations.
    public static let localSource = Archive.localServerSource

    /// Creates a server over the conversations `archive` keeps under `source`. The archive may
    /// hold others (imports, other services' caches): the server neither lists nor changes them.
    public init(
        configuration: ServerConfiguration, archive: Archive, source: String = localSource,
        engine: any AnswerEngine, logger: Logger = Logger(label: "chatterm.serve")
    ) {
        self.configuration = configuration
        self.engine = engine
        self.book = ConversationBook(archive: archive, source: source, modelSlug: engine.model.slug)
        self.hub = WebSocketHub(retention: configuration.webSocketRetention)
        self.logger = logger
    }

    /// The router with every endpoint behind the bearer-token check (the OpenAI-compatible
    /// `/v1` routes included, see ``addOpenAIRoutes(to:)``).
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        addOpenAIRoutes(to: router)  // first: /v1 checks the token itself and answers OpenAI-shaped errors
        router.add(middleware: BearerAuthMiddleware(token: configuration.token))
        addAccountRoutes(to: router)
        addConversationRoutes(to: router)
        addSendRoutes(to: router)
        addWebSocketRoutes(to: router)
        return router
    }

    /// The Hummingbird application, bound to the configured host and port, with WebSocket
    /// upgrades for the `wss_url` mode and the configured request and idle timeouts; a head
    /// over ``headLimit`` is answered 414 or 431. `onRunning` receives the bound port (useful
    /// with port 0).
    public func makeApplication(
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let webSocketResponder = makeWebSocketRouter().buildResponder()
        let http1 = HTTP1Channel.Configuration(idleTimeout: TimeAmount(configuration.idleTimeout))
        let requestTimeout = TimeAmount(configuration.requestTimeout)
        let server = HTTPServerBuilder { responder in
            GuardedChildChannel(
                inner: HTTP1WebSocketUpgradeChannel(
                    responder: responder, webSocketResponder: webSocketResponder, configuration: .init(http1: http1)),
                requestTimeout: requestTimeout, headLimit: Self.headLimit)
        }
        return Application(
            router: makeRouter(),
            server: server,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// Serves until SIGINT or SIGTERM (or until the task is cancelled).
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await makeApplication(onRunning: onRunning).runService()
    }

    /// Serves until the task is cancelled, without taking over SIGINT/SIGTERM: for a
    /// server embedded in another program (the TUI's default backend).
    public func runEmbedded(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await makeApplication(onRunning: onRunning).run()
    }

    /// Starts ``runEmbedded(onRunning:)`` in a task of its own and waits until it listens:
    /// returns the port and the task (cancel it to stop the server; the stop does not wait for
    /// connections that have not sent a whole request). Throws when the server stops before it
    /// listens (the port is taken, say).
    public func startEmbedded() async throws -> (port: Int, task: Task<Void, Never>) {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            do {
                try await runEmbedded { port in continuation.yield(port) }
            } catch {
                continuation.yield(-1)
            }
            continuation.finish()
        }
        var port = -1
        for await p in ports {
            port = p
            break
        }
        guard port > 0 else {
            task.cancel()
            throw EngineError("the embedded server did not start")
        }
        return (port, task)
    }

    /// The longest request line or header the server reads, in bytes (the HTTP decoder's limit,
    /// 80 KB); a longer one is answered 414 or 431 and its connection closed.
    public static let headLimit = HTTP1Channel.Configuration().httpDecoder.maxHeaderFieldSize

    /// How many answers are streaming right now.
    public var activeStreams: Int { streams.count }
}

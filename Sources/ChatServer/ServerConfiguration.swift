/// How a ``BackendServer`` listens and streams.
public struct ServerConfiguration: Sendable {
    /// The address to bind; loopback unless asked otherwise.
    public var host: String
    /// The port; 0 picks a free one (see ``BackendServer/run(onRunning:)``).
    public var port: Int
    /// The bearer token every request must carry.
    public var token: String
    /// The answer mode when a request does not name one in ``StreamMode/headerName``.
    public var defaultStreamMode: StreamMode
    /// How often a streaming answer's partial text is written to the archive; zero saves
    /// after every chunk.
    public var saveInterval: Duration
    /// The SSE form carried over WebSockets (``StreamMode/cumulative`` or ``StreamMode/delta``)
    /// when a request does not name one in ``StreamMode/webSocketFormHeaderName``.
    public var webSocketForm: StreamMode
    /// How long a `wss_url` (and the token in it) stays valid.
    public var webSocketURLLifetime: Duration
    /// How long an ended WebSocket answer's unacknowledged frames are kept for a late socket.
    public var webSocketRetention: Duration
    /// For tests: the primary `wss_url` and the URLs of `register-websocket` refuse every
    /// connection, so clients (which open a registered socket before posting) must use
    /// `fallback_wss_url`.
    public var failPrimaryWebSocket: Bool
    /// How long a client may take to send a request: a new connection's first head (a client
    /// that sends nothing or trickles a head is cut off), and any request's body once its head
    /// has arrived. Answers are not limited: a long streamed answer or a WebSocket runs as long
    /// as it needs.
    public var requestTimeout: Duration
    /// How long a kept-alive connection may wait between two requests, a next head that has not
    /// fully arrived included, before it is closed.
    public var idleTimeout: Duration
    /// How long an engine's text may wait to be joined with the text that follows it before it
    /// is sent (see `ChunkGate`); zero sends every chunk as its own event.
    public var chunkInterval: Duration

    /// ``chunkInterval`` unless set: one 60 Hz frame, so a fast model's text reaches the browser
    /// once a frame, as it is drawn (8 ms, two hand-ons a frame, cost about 15 % more CPU at
    /// 2,000 deltas a second; 4 ms more still, see DECISIONS.md).
    public static let defaultChunkInterval = Duration.milliseconds(16)
    /// ``requestTimeout`` unless set: generous for a slow link, short for a slowloris.
    public static let defaultRequestTimeout = Duration.seconds(30)
    /// ``idleTimeout`` unless set: longer than the 60 s HTTP clients commonly keep an idle
    /// connection, so a client seldom sends a request on one the server is closing.
    public static let defaultIdleTimeout = Duration.seconds(75)

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1", port: Int = 0, token: String, defaultStreamMode: StreamMode = .delta,
        saveInterval: Duration = .milliseconds(500), webSocketForm: StreamMode = .delta,
        webSocketURLLifetime: Duration = .seconds(3600), webSocketRetention: Duration = .seconds(600),
        failPrimaryWebSocket: Bool = false, requestTimeout: Duration = defaultRequestTimeout,
        idleTimeout: Duration = defaultIdleTimeout, chunkInterval: Duration = defaultChunkInterval
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.defaultStreamMode = defaultStreamMode
        self.saveInterval = saveInterval
        self.webSocketForm = webSocketForm
        self.webSocketURLLifetime = webSocketURLLifetime
        self.webSocketRetention = webSocketRetention
        self.failPrimaryWebSocket = failPrimaryWebSocket
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.chunkInterval = chunkInterval
    }
}

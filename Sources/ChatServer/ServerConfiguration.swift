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
    /// For tests: the primary `wss_url` refuses every connection, so clients must use
    /// `fallback_wss_url`.
    public var failPrimaryWebSocket: Bool

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1", port: Int = 0, token: String, defaultStreamMode: StreamMode = .delta,
        saveInterval: Duration = .milliseconds(500), webSocketForm: StreamMode = .delta,
        webSocketURLLifetime: Duration = .seconds(3600), webSocketRetention: Duration = .seconds(600),
        failPrimaryWebSocket: Bool = false
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
    }
}

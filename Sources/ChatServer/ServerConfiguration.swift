/// How a ``BackendServer`` listens and streams.
public struct ServerConfiguration: Sendable {
    /// The address to bind; loopback unless asked otherwise.
    public var host: String
    /// The port; 0 picks a free one (see ``BackendServer/run(onRunning:)``).
    public var port: Int
    /// The bearer token every request must carry.
    public var token: String
    /// The stream form when a request does not name one in ``StreamMode/headerName``.
    public var defaultStreamMode: StreamMode
    /// How often a streaming answer's partial text is written to the archive; zero saves
    /// after every chunk.
    public var saveInterval: Duration

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1", port: Int = 0, token: String, defaultStreamMode: StreamMode = .delta,
        saveInterval: Duration = .milliseconds(500)
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.defaultStreamMode = defaultStreamMode
        self.saveInterval = saveInterval
    }
}

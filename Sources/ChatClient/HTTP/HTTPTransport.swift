import AsyncHTTPClient
import Logging
import NIOCore

/// What carries a client's requests: AsyncHTTPClient over a socket, or a server in the same
/// process (ChatServer's `InProcessTransport`, which answers without a socket).
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the response with its body still streaming.
    func send(_ request: HTTPClientRequest, timeout: TimeAmount, logger: Logger) async throws -> HTTPClientResponse
}

extension HTTPClient: HTTPTransport {
    /// Sends `request` over the network.
    public func send(_ request: HTTPClientRequest, timeout: TimeAmount, logger: Logger) async throws
        -> HTTPClientResponse
    {
        try await execute(request, timeout: timeout, logger: logger)
    }
}

extension HTTPClient {
    /// The client the service clients share: AsyncHTTPClient's browser-like settings, except
    /// that a connection that cannot be made (refused, unreachable, 10 s without an answer)
    /// fails the request at once instead of being tried again until the request's own timeout
    /// (a minute or more of waiting on a server that is not running). ``Backoff`` retries the
    /// requests that may be retried, a few times, and says why in words.
    public static let chatterm: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}

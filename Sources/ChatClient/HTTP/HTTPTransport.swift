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

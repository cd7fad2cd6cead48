import AsyncHTTPClient
import ChatClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded
import NIOHTTP1

/// A client's requests answered by a ``BackendServer`` in the same process, with no socket:
/// each request goes straight to the server's router and the response body (an answer's SSE
/// stream included) comes back through an async stream. The wire format is unchanged; what is
/// saved is the loopback TCP, the HTTP/1 framing and the event-loop hops.
public struct InProcessTransport: HTTPTransport {
    private let responder: RouterResponder<BasicRequestContext>
    private let logger: Logger

    /// A transport to `server`.
    public init(_ server: BackendServer, logger: Logger) {
        responder = server.makeRouter().buildResponder()
        self.logger = logger
    }

    /// Answers `request` from the router. `timeout` does not apply (nothing waits on a network),
    /// and neither do the socket server's request-head limits; a stopped reader ends the body.
    public func send(_ request: HTTPClientRequest, timeout: TimeAmount, logger: Logger) async throws
        -> HTTPClientResponse
    {
        guard let url = URL(string: request.url), let method = HTTPRequest.Method(request.method.rawValue) else {
            throw HTTPClientError.invalidURL
        }
        var fields = HTTPFields()
        for (name, value) in request.headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        var body = ByteBuffer()
        if let requestBody = request.body {
            for try await var part in requestBody { body.writeBuffer(&part) }
        }
        var path = url.path.isEmpty ? "/" : url.path
        if let query = url.query { path += "?" + query }
        let head = HTTPRequest(method: method, scheme: "http", authority: "localhost", path: path, headerFields: fields)
        let context = BasicRequestContext(source: .init(channel: EmbeddedChannel(), logger: self.logger))
        let response = try await responder.respond(
            to: Request(head: head, body: RequestBody(buffer: body)), context: context)
        var headers = HTTPHeaders()
        for field in response.headers { headers.add(name: field.name.rawName, value: field.value) }
        let (bytes, continuation) = AsyncThrowingStream.makeStream(of: ByteBuffer.self)
        let writing = Task {
            do {
                try await response.body.write(StreamWriter(continuation: continuation))
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in writing.cancel() }
        return HTTPClientResponse(
            version: .http1_1, status: HTTPResponseStatus(statusCode: response.status.code), headers: headers,
            body: .stream(bytes))
    }
}

/// Hands a response body's buffers to the reading client; throws once the client stopped
/// reading, as a closed connection does, so the server keeps a partial answer.
private struct StreamWriter: ResponseBodyWriter {
    let continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation

    mutating func write(_ buffer: ByteBuffer) async throws {
        if case .terminated = continuation.yield(buffer) { throw CancellationError() }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

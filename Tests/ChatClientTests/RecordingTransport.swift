import AsyncHTTPClient
import ChatClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// An ``HTTPTransport`` with no socket: it keeps each request a client sends and answers with
/// the next of its canned responses (the last one again once they run out).
final class RecordingTransport: HTTPTransport {
    /// A request as the client sent it.
    struct Sent: Sendable {
        var method: HTTPMethod
        var url: String
        var headers: HTTPHeaders
        var body: Data
    }

    /// A canned answer.
    struct Answer: Sendable {
        var status: Int
        var body: String
        var headers: [(String, String)] = [("Content-Type", "application/json")]
    }

    private let state: Mutex<(sent: [Sent], answers: [Answer])>

    init(_ answers: Answer...) {
        state = Mutex(([], answers))
    }

    /// What was sent so far, in order.
    var sent: [Sent] { state.withLock { $0.sent } }

    func send(_ request: HTTPClientRequest, timeout: TimeAmount, logger: Logger) async throws -> HTTPClientResponse {
        let body = try await Self.bytes(of: request)
        let answer = state.withLock { state -> Answer in
            state.sent.append(Sent(method: request.method, url: request.url, headers: request.headers, body: body))
            return state.answers.count > 1 ? state.answers.removeFirst() : state.answers[0]
        }
        var headers = HTTPHeaders()
        for (name, value) in answer.headers { headers.add(name: name, value: value) }
        return HTTPClientResponse(
            version: .http1_1, status: HTTPResponseStatus(statusCode: answer.status), headers: headers,
            body: .bytes(ByteBuffer(string: answer.body)))
    }

    /// The bytes of a request's body (empty when it has none).
    static func bytes(of request: HTTPClientRequest) async throws -> Data {
        var data = Data()
        if let body = request.body {
            for try await part in body { data.append(contentsOf: part.readableBytesView) }
        }
        return data
    }
}

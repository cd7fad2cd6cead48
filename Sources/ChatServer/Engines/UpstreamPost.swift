import AsyncHTTPClient
import ChatProtocol
import Foundation
import NIOCore
import NIOHTTP1

/// A JSON POST to a model service, for the engines that forward answers (OpenAI-compatible,
/// Coze): the request with its bearer key, and one-line errors for an unreachable service
/// or a non-2xx status.
struct UpstreamPost {
    var endpoint: URL
    var apiKey: Secret?
    var httpClient: HTTPClient
    /// The service in errors: `the upstream`, `Coze`.
    var service: String
    /// How the service is reached in errors: `the upstream URL`, `Coze at URL`.
    var reaching: String
    /// The service's message in an error body, if it has one.
    var errorMessage: @Sendable ([UInt8]) -> String?

    /// Posts `body`; returns the response when its status is 2xx, else throws an
    /// ``EngineError`` with the status and the service's message.
    func send(_ body: Data, accept: String, timeout: Duration) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: endpoint.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: accept)
        request.headers.add(name: "User-Agent", value: "chatterm")
        if let apiKey { request.headers.add(name: "Authorization", value: "Bearer \(apiKey.value)") }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(request, timeout: TimeAmount(timeout))
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw EngineError(OpenAIErrorBody.oneLine("cannot reach \(reaching): \(error)"))
        }
        guard (200..<300).contains(response.status.code) else {
            let bytes = try? await Self.prefix(of: response.body, maxBytes: 64 * 1024)
            let message = bytes.flatMap(errorMessage)
            throw EngineError(
                "\(service) answered \(response.status.code) \(response.status.reasonPhrase)"
                    + (message.map { ": \($0)" } ?? ""))
        }
        return response
    }

    /// The first `maxBytes` of a body (the rest is not waited for).
    static func prefix(of body: HTTPClientResponse.Body, maxBytes: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await buffer in body {
            bytes += buffer.readableBytesView.prefix(maxBytes - bytes.count)
            if bytes.count >= maxBytes { break }
        }
        return bytes
    }
}

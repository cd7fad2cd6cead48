import ChatModel
import ChatProtocol
import Foundation

extension ChatGPTClient {
    /// Follows a JSON answer to a send: a `wss_url` hand-off, or an error payload.
    func streamHandoff(
        _ data: Data, request: ChatRequest,
        into continuation: AsyncThrowingStream<ChatStreamItem, any Error>.Continuation
    ) async throws {
        let json = try? FastJSON.parse(data)
        guard let json, json["wss_url"]?.stringValue != nil else {
            let detail = ResponseErrors.detail(from: data) ?? "an empty JSON body"
            throw ClientError.malformedResponse("the send answered JSON instead of a stream: \(detail)")
        }
        // The WebSocket transport is not wired yet: ask again for SSE.
        continuation.yield(.transport("SSE (the server offered a WebSocket; asked for SSE instead)"))
        try await stream(request, forceSSE: true, into: continuation)
    }
}

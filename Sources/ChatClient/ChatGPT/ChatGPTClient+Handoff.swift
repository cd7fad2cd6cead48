import ChatModel
import ChatProtocol
import Foundation
import NIOHTTP1

extension ChatGPTClient {
    /// Follows a JSON answer to a send: the `wss_url` hand-off (PROTOCOL.md §3a), or an error
    /// payload. The answer's SSE arrives base64-wrapped in Web PubSub frames and is decoded
    /// exactly like an SSE body.
    ///
    /// When no socket works (the primary URL, `fallback_wss_url`, a URL from
    /// `register-websocket`), the message is already on the server and re-posting it would
    /// send it twice; so this answer ends incomplete (the caller re-fetches the conversation,
    /// which has the server's answer) and the client asks for SSE (`force_use_sse`) from
    /// then on.
    func streamHandoff(
        _ data: Data, request: ChatRequest,
        into continuation: AsyncThrowingStream<ChatStreamItem, any Error>.Continuation
    ) async throws {
        guard let handshake = WebSocketHandshake.parse(data) else {
            let detail = ResponseErrors.detail(from: data) ?? "an empty JSON body"
            throw ClientError.malformedResponse("the send answered JSON instead of a stream: \(detail)")
        }
        var decoder = ChatGPTStreamDecoder()
        // The server has the message now: name the conversation, so a failure below keeps it.
        if let id = handshake.conversationID { continuation.yield(.event(.conversationID(id))) }
        var parser = SSEParser()
        let register: @Sendable () async throws -> String = { [self] in
            let answer = try await raw(.POST, "/backend-api/register-websocket")
            guard let url = WebSocketHandshake.registeredURL(answer) else {
                throw ClientError.malformedResponse("register-websocket answered without a wss_url")
            }
            return url
        }
        do {
            for try await chunk in WebSocketAnswerStream.open(handshake, register: register, logger: logger) {
                switch chunk {
                case .transport(let how):
                    continuation.yield(.transport(how))
                case .sseBytes(let bytes):
                    for event in parser.feed(bytes) {
                        for decoded in decoder.decode(event) { continuation.yield(.event(decoded)) }
                    }
                }
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            await tokens.preferSSE()
            for event in parser.finish() {
                for decoded in decoder.decode(event) { continuation.yield(.event(decoded)) }
            }
            continuation.yield(.finished(decoder.completion))
            throw ClientError.transport(
                "\(HTTPExchange.describe(error)); later answers will use SSE. Ctrl-R reloads this one from the server")
        }
        for event in parser.finish() {
            for decoded in decoder.decode(event) { continuation.yield(.event(decoded)) }
        }
        continuation.yield(.finished(decoder.completion))
    }
}

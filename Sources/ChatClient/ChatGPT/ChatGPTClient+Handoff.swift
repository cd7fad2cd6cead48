import ChatModel
import ChatProtocol
import Foundation
import Logging
import NIOHTTP1

extension ChatGPTClient {
    /// Follows a JSON answer to a send: the `wss_url` hand-off (PROTOCOL.md §3a), or an error
    /// payload. The answer's SSE arrives base64-wrapped in Web PubSub frames and is decoded
    /// exactly like an SSE body; `early` is the socket opened before the post, read first.
    ///
    /// When no socket works (the one opened early, the primary URL, `fallback_wss_url`, a URL
    /// from `register-websocket`), the message is already on the server and re-posting it
    /// would send it twice; so this answer ends incomplete (the caller re-fetches the
    /// conversation, which has the server's answer) and the client asks for SSE
    /// (`force_use_sse`) from then on. When a socket stays open but silent
    /// (``WebSocketSilence``), the answer is read from the conversation instead
    /// (``rereadAnswer(conversationID:request:transcript:into:)``), and the status says so.
    func streamHandoff(
        _ data: Data, request: ChatRequest, early: AnswerSocket? = nil,
        into continuation: AsyncThrowingStream<ChatStreamItem, any Error>.Continuation
    ) async throws {
        guard let handshake = WebSocketHandshake.parse(data) else {
            early?.close()
            let detail = ResponseErrors.detail(from: data) ?? "an empty JSON body"
            throw ClientError.malformedResponse("the send answered JSON instead of a stream: \(detail)")
        }
        var decoder = ChatGPTStreamDecoder()
        var transcript = StreamTranscript()
        func emit(_ event: StreamEvent) {
            transcript.apply(event)
            continuation.yield(.event(event))
        }
        // The server has the message now: name the conversation, so a failure below keeps it.
        if let id = handshake.conversationID { emit(.conversationID(id)) }
        var parser = SSEParser()
        let register: @Sendable () async throws -> String = { [self] in
            let answer = try await raw(.POST, "/backend-api/register-websocket")
            guard let url = WebSocketHandshake.registeredURL(answer) else {
                throw ClientError.malformedResponse("register-websocket answered without a wss_url")
            }
            return url
        }
        let registers = await !tokens.preconnectUseless
        let chunks = WebSocketAnswerStream.open(
            handshake, early: early, register: registers ? register : nil, options: webSocketOptions, logger: logger)
        do {
            for try await chunk in chunks {
                switch chunk {
                case .transport(let how):
                    continuation.yield(.transport(how))
                case .sseBytes(let bytes):
                    for event in parser.feed(bytes) {
                        for decoded in decoder.decode(event) { emit(decoded) }
                    }
                }
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch let silence as WebSocketSilence {
            await tokens.preferSSE()
            guard let conversationID = handshake.conversationID ?? decoder.conversationID else {
                continuation.yield(.finished(decoder.completion))
                throw ClientError.transport(
                    "\(silence), and the server named no conversation to read it from; later answers will use SSE")
            }
            let said = "\(silence): reading it from the conversation (later answers will use SSE)"
            logger.notice("\(said)")
            continuation.yield(.transport(said))
            try await rereadAnswer(
                conversationID: conversationID, request: request, transcript: &transcript, into: continuation)
            return
        } catch {
            await tokens.preferSSE()
            for event in parser.finish() {
                for decoded in decoder.decode(event) { emit(decoded) }
            }
            continuation.yield(.finished(decoder.completion))
            throw ClientError.transport(
                "\(HTTPExchange.describe(error)); later answers will use SSE. Ctrl-R reloads this one from the server")
        }
        for event in parser.finish() {
            for decoded in decoder.decode(event) { emit(decoded) }
        }
        continuation.yield(.finished(decoder.completion))
    }
}

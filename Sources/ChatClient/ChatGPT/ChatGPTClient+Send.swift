import AsyncHTTPClient
import ChatModel
import ChatProtocol
import Foundation
import Logging
import NIOCore
import NIOHTTP1

extension ChatGPTClient {
    /// The `parent_message_id` of a new conversation's first message (2025+ web client).
    public static let newConversationParent = Conversation.newConversationRoot

    /// `POST` to the conversation path: the answer streams back as SSE (either form), or the
    /// server hands off to a WebSocket (`wss_url`), which ``streamHandoff(_:request:early:into:)``
    /// follows. Unless SSE is asked for, a socket is opened before the post
    /// (``preconnect()``, the web page's order), so a service that publishes the answer to the
    /// sockets connected when the message arrives reaches this one. Items end with ``ChatStreamItem/finished(_:)``; a failure before the first
    /// event throws a ``ClientError``; a connection that drops mid-answer finishes as
    /// incomplete and then throws, so the partial answer is kept and the reason shown.
    public func send(_ request: ChatRequest) -> AsyncThrowingStream<ChatStreamItem, any Error> {
        .producing { continuation in
            try await self.stream(request, into: continuation)
        }
    }

    /// The JSON body of a send (PROTOCOL.md §1.5).
    func body(for request: ChatRequest, forceSSE: Bool) -> JSONValue {
        var body: [String: JSONValue] = [
            "action": .string(request.action.rawValue),
            "parent_message_id": .string(request.parentMessageID),
            "model": .string(request.model ?? configuration.model ?? "auto"),
            "timezone_offset_min": .number(Double(-TimeZone.current.secondsFromGMT() / 60)),
            "timezone": .string(TimeZone.current.identifier),
            "history_and_training_disabled": .bool(configuration.historyAndTrainingDisabled),
            "conversation_mode": Self.conversationMode(gizmoID: request.gizmoID),
            "websocket_request_id": .string(request.websocketRequestID),
            "suggestions": .array(request.suggestions.map(JSONValue.string)),
            "force_paragen": .bool(false),
            "force_rate_limit": .bool(false),
            "force_use_sse": .bool(forceSSE),
        ]
        if let id = request.conversationID { body["conversation_id"] = .string(id) }
        body["messages"] = .array(
            request.messages.map { message in
                .object([
                    "id": .string(message.id),
                    "author": .object(["role": .string(message.role.description)]),
                    "content": .object(["content_type": .string("text"), "parts": .array([.string(message.text)])]),
                    "metadata": .object(request.isStarterPrompt ? ["is_starter_prompt": .bool(true)] : [:]),
                ])
            })
        return .object(body)
    }

    /// `{"kind":"primary_assistant"}`, or for a custom GPT's conversation
    /// `{"kind":"gizmo_interaction","gizmo_id":…}` (PROTOCOL.md §1.5), so it goes on talking to that GPT.
    static func conversationMode(gizmoID: String?) -> JSONValue {
        guard let gizmoID, !gizmoID.isEmpty else { return .object(["kind": .string("primary_assistant")]) }
        return .object(["kind": .string("gizmo_interaction"), "gizmo_id": .string(gizmoID)])
    }

    func stream(
        _ request: ChatRequest, forceSSE: Bool? = nil,
        into continuation: AsyncThrowingStream<ChatStreamItem, any Error>.Continuation
    ) async throws {
        let webSocketsFailed = await tokens.webSocketsFailed
        let sse = forceSSE ?? (configuration.forceSSE || webSocketsFailed)
        let early = sse ? nil : await preconnect()
        var handedOver = false
        defer { if !handedOver { early?.close() } }
        var refreshed = false
        while true {
            let token = try await accessToken(refresh: refreshed)
            let http = try HTTPExchange.request(
                .POST, url: url(configuration.conversationPath),
                headers: headers(token: token, accept: "text/event-stream"),
                body: body(for: request, forceSSE: sse))
            let response = try await HTTPExchange.open(http, on: self.http, logger: logger)
            let status = Int(response.status.code)
            let contentType = response.headers.first(name: "Content-Type")?.lowercased() ?? ""
            guard status == 200 else {
                let body = await HTTPExchange.errorBody(response)
                if status == 401, !refreshed, case .sessionCookie = configuration.credentials {
                    refreshed = true
                    continue
                }
                // Never re-POST a message: a failed send is reported, not retried.
                throw ResponseErrors.error(
                    status: status, contentType: contentType, body: body,
                    retryAfter: response.headers.first(name: "Retry-After"))
            }
            if contentType.contains("application/json") {
                let data: Data
                do {
                    data = Data(try await response.body.collect(upTo: 1 << 20).readableBytesView)
                } catch {
                    throw ClientError.transport(HTTPExchange.describe(error))
                }
                handedOver = true
                try await streamHandoff(data, request: request, early: early, into: continuation)
                return
            }
            // The server streams SSE although a socket was ready: the next send posts at once.
            if early != nil { await tokens.skipPreconnect() }
            continuation.yield(.transport("SSE"))
            try await streamSSE(response.body, into: continuation)
            return
        }
    }

    /// Reads an SSE body to its end, yielding decoded events and then the completion.
    func streamSSE<Body: AsyncSequence & Sendable>(
        _ body: Body, into continuation: AsyncThrowingStream<ChatStreamItem, any Error>.Continuation
    ) async throws where Body.Element == ByteBuffer {
        var parser = SSEParser()
        var decoder = ChatGPTStreamDecoder()
        do {
            for try await buffer in body {
                for event in parser.feed(buffer.readableBytesView) {
                    for decoded in decoder.decode(event) { continuation.yield(.event(decoded)) }
                }
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            for event in parser.finish() {
                for decoded in decoder.decode(event) { continuation.yield(.event(decoded)) }
            }
            continuation.yield(.finished(decoder.completion))
            throw ClientError.transport("the answer stream dropped: \(HTTPExchange.describe(error))")
        }
        for event in parser.finish() {
            for decoded in decoder.decode(event) { continuation.yield(.event(decoded)) }
        }
        if decoder.skippedEvents > 0 {
            logger.info("skipped \(decoder.skippedEvents) stream events the decoder does not know")
        }
        continuation.yield(.finished(decoder.completion))
    }
}

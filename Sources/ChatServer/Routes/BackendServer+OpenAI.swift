import ChatModel
import ChatProtocol
import Foundation
import Hummingbird
import Logging

extension BackendServer {
    /// The OpenAI-compatible gateway (PROTOCOL.md §7, served): `POST /v1/chat/completions`
    /// and `GET /v1/models`, answering with the server's engine, so any OpenAI client can use
    /// `chatterm serve` whatever engine it runs (offline, openai, command).
    ///
    /// The conversation is the request's `messages`; nothing is stored. With `stream: true`
    /// the answer is `data: {chat.completion.chunk}` lines (the role on the first delta,
    /// then content deltas, reasoning as `reasoning_content`, a final chunk with
    /// `finish_reason: "stop"`, a usage chunk with `choices: []` when
    /// `stream_options.include_usage` is set and the engine reported usage) and
    /// `data: [DONE]`; an engine failure is a `data: {"error": …}` line instead of the end.
    /// Without it, one `chat.completion` object. The same bearer token as the backend-api
    /// routes is needed; errors are OpenAI-shaped (`{"error": {"message", "type", "code"}}`).
    /// A client that goes away mid-stream cancels the engine.
    ///
    /// Register it before the router-wide middleware, which would answer its errors in the
    /// backend-api shape.
    func addOpenAIRoutes(to router: Router<BasicRequestContext>) {
        let server = self
        let v1 = router.group("v1")
            .add(middleware: OpenAIErrorMiddleware())
            .add(middleware: BearerAuthMiddleware(token: configuration.token))
        v1.get("models") { _, _ -> Response in
            let model: JSONValue = .object([
                "id": .string(server.engine.model.slug), "object": .string("model"),
                "created": .number(Date().timeIntervalSince1970.rounded(.down)), "owned_by": .string("chatterm"),
            ])
            return JSONResponse.make(.object(["object": .string("list"), "data": .array([model])]))
        }
        v1.post("chat/completions") { request, _ -> Response in
            let body: JSONValue
            do {
                body = try await JSONResponse.body(request)
            } catch let error as APIError {
                throw OpenAIError(.badRequest, error.detail.stringValue ?? "Malformed JSON body", code: "invalid_json")
            }
            let completion = try OpenAICompletionRequest(body)
            let answer = OpenAICompletionAnswer(model: server.engine.model.slug)
            let engineRequest = EngineRequest(history: completion.messages)
            if completion.stream {
                return server.streamCompletion(engineRequest, answer: answer, includeUsage: completion.includeUsage)
            }
            return try await server.wholeCompletion(server.engine.pieces(engineRequest), answer: answer)
        }
    }

    /// The SSE response of a streamed completion. The engine starts when the body is
    /// written, in a task of its own, cancelled however the response ends (a write failing
    /// because the client left included).
    func streamCompletion(_ request: EngineRequest, answer: OpenAICompletionAnswer, includeUsage: Bool) -> Response {
        let (engine, logger) = (engine, logger)
        let body = ResponseBody { writer in
            let pieces = engine.pieces(request)
            let (inputs, continuation) = AsyncStream<Result<EnginePiece, any Error>>.makeStream()
            let pump = Task {
                do {
                    for try await piece in pieces { continuation.yield(.success(piece)) }
                } catch {
                    continuation.yield(.failure(error))
                }
                continuation.finish()
            }
            defer { pump.cancel() }
            func send(_ payload: JSONValue) async throws {
                try await writer.write(ByteBuffer(string: SSE.json(payload)))
            }
            var sent = ""
            var usage: TokenUsage?
            var finishReason = "stop"
            do {
                try await send(answer.chunk(delta: ["role": .string("assistant"), "content": .string("")]))
                for await input in inputs {
                    switch input {
                    case .success(.text(let text)) where !text.isEmpty:
                        sent += text
                        try await send(answer.chunk(delta: ["content": .string(text)]))
                    case .success(.replaceText(let whole)):
                        // A stream cannot take text back: only an extension of what was sent goes out.
                        guard whole.hasPrefix(sent), whole.count > sent.count else { continue }
                        let more = String(whole.dropFirst(sent.count))
                        sent = whole
                        try await send(answer.chunk(delta: ["content": .string(more)]))
                    case .success(.note(let note)) where note.kind == "reasoning":
                        try await send(answer.chunk(delta: ["reasoning_content": .string(note.text)]))
                    case .success(.usage(let reported)):
                        usage = reported
                    case .success(.cutAtLengthLimit):
                        finishReason = "length"
                    case .success:
                        continue
                    case .failure(let error):
                        let failure = OpenAIError.engine(error)
                        try await writer.write(ByteBuffer(string: SSE.json(failure.body)))
                        try await writer.finish(nil)
                        return
                    }
                }
                try await send(answer.chunk(delta: [:], finishReason: finishReason))
                if includeUsage, let usage {
                    try await send(answer.usageChunk(usage))
                }
                try await writer.write(ByteBuffer(string: SSE.done))
                try await writer.finish(nil)
            } catch {
                logger.info("OpenAI-compatible client went away mid-stream; the engine is stopped")
                throw error
            }
        }
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"],
            body: body)
    }

    /// The `chat.completion` object of a completion that is not streamed; a 500 OpenAI
    /// error when the engine fails.
    func wholeCompletion(
        _ pieces: AsyncThrowingStream<EnginePiece, any Error>, answer: OpenAICompletionAnswer
    ) async throws -> Response {
        var text = ""
        var reasoning = ""
        var usage: TokenUsage?
        var finishReason = "stop"
        do {
            for try await piece in pieces {
                switch piece {
                case .text(let more): text += more
                case .replaceText(let whole): text = whole
                case .usage(let reported): usage = reported
                case .note(let note) where note.kind == "reasoning": reasoning += note.text
                case .note, .followUps: break
                case .cutAtLengthLimit: finishReason = "length"
                }
            }
        } catch {
            throw OpenAIError.engine(error)
        }
        var message: [String: JSONValue] = ["role": .string("assistant"), "content": .string(text)]
        if !reasoning.isEmpty { message["reasoning_content"] = .string(reasoning) }
        var completion = answer.envelope(object: "chat.completion")
        completion["choices"] = .array([
            .object(["index": .number(0), "message": .object(message), "finish_reason": .string(finishReason)])
        ])
        if let usage { completion["usage"] = usage.openAIJSON }
        return JSONResponse.make(.object(completion))
    }
}

/// What a `POST /v1/chat/completions` body asks for, checked.
struct OpenAICompletionRequest {
    /// The conversation, oldest first (`developer` read as `system`, content parts joined).
    var messages: [TextMessage]
    /// `stream`.
    var stream: Bool
    /// `stream_options.include_usage`.
    var includeUsage: Bool

    static let roles: Set<String> = ["system", "developer", "user", "assistant", "tool", "function"]

    /// Reads a body; throws a 400 ``OpenAIError`` naming the first thing wrong.
    init(_ body: JSONValue) throws {
        guard let items = body["messages"]?.arrayValue else {
            throw OpenAIError(.badRequest, "'messages' must be an array of messages", code: "invalid_messages")
        }
        guard !items.isEmpty else {
            throw OpenAIError(.badRequest, "'messages' must not be empty", code: "empty_messages")
        }
        messages = try items.enumerated().map { index, item in
            guard let role = item["role"]?.stringValue, Self.roles.contains(role) else {
                throw OpenAIError(
                    .badRequest,
                    "messages[\(index)].role must be one of \(Self.roles.sorted().joined(separator: ", "))",
                    code: "invalid_messages")
            }
            return TextMessage(
                role: Role(role == "developer" ? "system" : role), text: try Self.text(item["content"], index))
        }
        switch body["stream"] {
        case nil, .null?: stream = false
        case .bool(let flag)?: stream = flag
        default: throw OpenAIError(.badRequest, "'stream' must be a boolean", code: "invalid_stream")
        }
        includeUsage = body["stream_options"]?["include_usage"]?.boolValue ?? false
    }

    /// A message's `content`: a string, null, or an array of `{"type": "text", "text"}` parts.
    static func text(_ content: JSONValue?, _ index: Int) throws -> String {
        switch content {
        case nil, .null?: return ""
        case .string(let text)?: return text
        case .array(let parts)?:
            return try parts.map { part in
                guard part["type"]?.stringValue == "text", let text = part["text"]?.stringValue else {
                    throw OpenAIError(
                        .badRequest, "messages[\(index)].content: only text parts are supported",
                        code: "unsupported_content")
                }
                return text
            }.joined()
        default:
            throw OpenAIError(
                .badRequest, "messages[\(index)].content must be a string or an array of text parts",
                code: "invalid_messages")
        }
    }
}

/// The fields every chunk of one answer shares, and the chunks built from them.
struct OpenAICompletionAnswer: Sendable {
    /// `chatcmpl-` and 32 hex digits.
    let id = "chatcmpl-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    /// Seconds since 1970 when the request arrived.
    let created = Date().timeIntervalSince1970.rounded(.down)
    /// The engine's model slug.
    let model: String

    /// `id`, `object`, `created`, `model`.
    func envelope(object: String) -> [String: JSONValue] {
        ["id": .string(id), "object": .string(object), "created": .number(created), "model": .string(model)]
    }

    /// A `chat.completion.chunk` with one choice.
    func chunk(delta: [String: JSONValue], finishReason: String? = nil) -> JSONValue {
        var chunk = envelope(object: "chat.completion.chunk")
        chunk["choices"] = .array([
            .object([
                "index": .number(0), "delta": .object(delta), "logprobs": .null,
                "finish_reason": finishReason.map { .string($0) } ?? .null,
            ])
        ])
        return .object(chunk)
    }

    /// The usage chunk: `choices: []` and `usage`.
    func usageChunk(_ usage: TokenUsage) -> JSONValue {
        var chunk = envelope(object: "chat.completion.chunk")
        chunk["choices"] = .array([])
        chunk["usage"] = usage.openAIJSON
        return .object(chunk)
    }
}

/// An error answered in OpenAI's shape: `{"error": {"message", "type", "code"}}`.
struct OpenAIError: Error, HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String
    let type: String
    let code: String?

    /// An error; the type is `invalid_request_error` for 4xx statuses, `server_error` otherwise.
    init(_ status: HTTPResponse.Status, _ message: String, code: String?) {
        self.status = status
        self.message = message
        self.type = status.code < 500 ? "invalid_request_error" : "server_error"
        self.code = code
    }

    /// An engine failure (500 `engine_error`), its one line as the message.
    static func engine(_ error: any Error) -> OpenAIError {
        OpenAIError(.internalServerError, "The engine failed: \(error)", code: "engine_error")
    }

    var body: JSONValue {
        .object([
            "error": .object([
                "message": .string(message), "type": .string(type), "code": code.map { .string($0) } ?? .null,
            ])
        ])
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONResponse.make(body, status: status)
    }
}

/// Answers the errors of the `/v1` routes in OpenAI's shape: the backend-api ``APIError``s
/// (401 from the token check) and Hummingbird's own (404, 405…) are rewritten.
struct OpenAIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as OpenAIError {
            throw error
        } catch let error as APIError {
            let message = error.detail.stringValue ?? WireJSON.string(error.detail)
            throw OpenAIError(
                HTTPResponse.Status(code: error.code), message, code: error.code == 401 ? "invalid_api_key" : nil)
        } catch let error as HTTPError {
            throw OpenAIError(error.status, error.body ?? error.status.reasonPhrase, code: nil)
        }
    }
}

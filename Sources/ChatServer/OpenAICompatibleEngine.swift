import AsyncHTTPClient
import ChatModel
import ChatProtocol
import Foundation
import NIOCore
import NIOHTTP1

/// Answers by forwarding to an OpenAI-compatible `/v1/chat/completions` (Ollama, llama.cpp
/// server, vLLM, LM Studio, OpenAI itself; PROTOCOL.md §7), streaming.
///
/// Each answer is one `POST {model, messages, stream: true}` whose `messages` are the
/// conversation from the root to the answer's parent (``messages(for:)``); the `content`
/// of every chunk is passed on as it arrives. The upstream may be given with or without
/// `/v1` (``OpenAIChatRequest/endpoint(forUpstream:)``). An API key, when given, goes in
/// `Authorization: Bearer …` and nowhere else: not in errors, descriptions or logs.
///
/// Failures are thrown as ``EngineError`` with one line: an HTTP error status with the
/// upstream's `error.message` or `detail`, an error reported inside the stream, a stream
/// cut off before `[DONE]`, or an upstream that cannot be reached. Cancelling the consumer
/// cancels the HTTP request.
public struct OpenAICompatibleEngine: AnswerEngine {
    /// The `/chat/completions` URL requests go to.
    public let endpoint: URL
    /// The upstream's model slug, sent as `model` and reported to clients.
    public let modelSlug: String
    /// The longest an answer may stream, from request to last byte.
    public var answerTimeout: Duration = .seconds(30 * 60)
    /// The longest a title request may take before the prompt's first words are used.
    public var titleTimeout: Duration = .seconds(30)
    let apiKey: Secret?
    let httpClient: HTTPClient

    /// Creates the engine; throws a one-line ``EngineError`` when `upstream` is not an
    /// `http`/`https` URL or `model` is blank. An empty `apiKey` counts as none. Without
    /// `httpClient`, ``defaultHTTPClient`` is used.
    public init(upstream: String, model: String, apiKey: String?, httpClient: HTTPClient? = nil) throws {
        guard let endpoint = OpenAIChatRequest.endpoint(forUpstream: upstream) else {
            throw EngineError("the upstream \(upstream.debugDescription) is not an http:// or https:// URL")
        }
        let slug = model.trimmingCharacters(in: .whitespaces)
        guard !slug.isEmpty else { throw EngineError("the upstream model slug is empty") }
        self.endpoint = endpoint
        self.modelSlug = slug
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : Secret(value: $0) }
        self.httpClient = httpClient ?? Self.defaultHTTPClient
    }

    /// The process-wide client engines use unless given one (never shut down). Unlike
    /// `HTTPClient.shared` it fails at once when the upstream refuses the connection (no
    /// retrying until a 90 s connect timeout), gives up connecting after 10 s, and has no
    /// read timeout: a local model may think for minutes before its first byte, and
    /// ``answerTimeout`` bounds the whole answer anyway.
    public static let defaultHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(10), read: nil))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// The upstream's model, tagged `openai-compatible`.
    public var model: EngineModel {
        let port = endpoint.port.map { ":\($0)" } ?? ""
        return EngineModel(
            slug: modelSlug, title: modelSlug,
            description: "Answers from \(modelSlug) on the OpenAI-compatible server \(endpoint.host ?? "")\(port).",
            tags: ["openai-compatible"], maxTokens: 8191)
    }

    /// Streams the upstream's answer to `request`.
    public func answer(_ request: EngineRequest) -> AsyncThrowingStream<String, any Error> {
        let body = OpenAIChatRequest(model: modelSlug, messages: Self.messages(for: request), stream: true)
        let engine = self
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let response = try await engine.send(body, timeout: engine.answerTimeout)
                    try await engine.read(response) { continuation.yield($0) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: Task.isCancelled ? CancellationError() : error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The instruction added for `continue` (as, or at the end of, the first system message).
    public static let continueInstruction =
        "Continue your last message exactly where it stops, without repeating any of it."

    /// The `messages` sent for `request`: the history's `system`, `user` and `assistant`
    /// messages in order (others, and empty system messages, left out). For `continue`
    /// the partial assistant message stays last and ``continueInstruction`` is added as
    /// the first system message, so servers that treat a trailing assistant message as a
    /// prefix (llama.cpp, Ollama) and those that do not both carry on.
    public static func messages(for request: EngineRequest) -> [OpenAIChatRequest.Message] {
        var messages = request.history.compactMap { m -> OpenAIChatRequest.Message? in
            switch m.role {
            case "user", "assistant": return .init(role: m.role, content: m.text)
            case "system" where !m.text.isEmpty: return .init(role: m.role, content: m.text)
            default: return nil
            }
        }
        if request.action == .continue {
            if messages.first?.role == "system" {
                messages[0].content += "\n\n" + continueInstruction
            } else {
                messages.insert(.init(role: "system", content: continueInstruction), at: 0)
            }
        }
        return messages
    }

    /// Posts `body`; returns the response when its status is 2xx, else throws the status
    /// with the upstream's message.
    func send(_ body: OpenAIChatRequest, timeout: Duration) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: endpoint.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: body.stream ? "text/event-stream" : "application/json")
        request.headers.add(name: "User-Agent", value: "chatterm")
        if let apiKey { request.headers.add(name: "Authorization", value: "Bearer \(apiKey.value)") }
        request.body = .bytes(ByteBuffer(bytes: body.jsonData()))
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(request, timeout: TimeAmount(timeout))
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw EngineError(OpenAIErrorBody.oneLine("cannot reach the upstream \(endpoint.absoluteString): \(error)"))
        }
        guard (200..<300).contains(response.status.code) else {
            let bytes = try? await Self.prefix(of: response.body, maxBytes: 64 * 1024)
            let message = bytes.flatMap { OpenAIErrorBody.message(in: $0) }
            throw EngineError(
                "the upstream answered \(response.status.code) \(response.status.reasonPhrase)"
                    + (message.map { ": \($0)" } ?? ""))
        }
        return response
    }

    /// Reads an answer: SSE chunks as they arrive, or (for a server that ignored
    /// `stream`) one JSON completion. Calls `onText` with each non-empty piece of text.
    func read(_ response: HTTPClientResponse, onText: (String) -> Void) async throws {
        let contentType = response.headers.first(name: "Content-Type")?.lowercased() ?? ""
        if contentType.hasPrefix("application/json") {
            let bytes = try await Self.prefix(of: response.body, maxBytes: 16 << 20)
            var decoder = OpenAIStreamDecoder()
            try Self.handle(decoder.decode(data: String(decoding: bytes, as: UTF8.self)), onText: onText)
            guard decoder.isComplete || !decoder.text.isEmpty else {
                throw EngineError("the upstream sent JSON that is not a chat completion")
            }
            return
        }
        var sse = SSEParser()
        var decoder = OpenAIStreamDecoder()
        for try await buffer in response.body {
            for event in sse.feed(buffer.readableBytesView) {
                try Self.handle(decoder.decode(event), onText: onText)
                if decoder.isDone { return }
            }
        }
        for event in sse.finish() {
            try Self.handle(decoder.decode(event), onText: onText)
        }
        guard decoder.isComplete else {
            throw EngineError("the upstream closed the stream before [DONE]")
        }
    }

    private static func handle(_ item: OpenAIStreamItem?, onText: (String) -> Void) throws {
        switch item {
        case .chunk(let chunk) where !chunk.content.isEmpty: onText(chunk.content)
        case .failed(let message): throw EngineError("the upstream reported an error: \(message)")
        default: break
        }
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

import AsyncHTTPClient
import ChatModel
import ChatProtocol
import Foundation
import NIOCore
import NIOHTTP1

/// Answers by forwarding to an OpenAI-compatible `/v1/chat/completions` (Ollama, llama.cpp
/// server, vLLM, LM Studio, OpenAI itself; PROTOCOL.md §7), streaming.
///
/// Each answer is one `POST {model, messages, stream: true, stream_options}` whose
/// `messages` are the conversation from the root to the answer's parent (``messages(for:)``);
/// the `content` of every chunk is passed on as it arrives. ``pieces(_:)`` reports more
/// after the text: the reasoning (`delta.reasoning_content` / `delta.reasoning`) as one
/// `reasoning` note, then the usage the upstream reported (or llama.cpp's `timings`) with
/// the latency measured here. The upstream may be given with or without
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
    /// Whether streamed requests ask for a final usage chunk with
    /// `"stream_options": {"include_usage": true}` (OpenAI sends usage only then). Off for a
    /// server that rejects the field; usage that arrives anyway is still read.
    public var includeUsage: Bool
    let apiKey: Secret?
    let httpClient: HTTPClient

    /// Creates the engine; throws a one-line ``EngineError`` when `upstream` is not an
    /// `http`/`https` URL or `model` is blank. An empty `apiKey` counts as none. Without
    /// `httpClient`, ``defaultHTTPClient`` is used; `includeUsage` sets ``includeUsage``.
    public init(
        upstream: String, model: String, apiKey: String?, httpClient: HTTPClient? = nil, includeUsage: Bool = true
    ) throws {
        guard let endpoint = OpenAIChatRequest.endpoint(forUpstream: upstream) else {
            throw EngineError("the upstream \(upstream.debugDescription) is not an http:// or https:// URL")
        }
        let slug = model.trimmingCharacters(in: .whitespaces)
        guard !slug.isEmpty else { throw EngineError("the upstream model slug is empty") }
        self.endpoint = endpoint
        self.modelSlug = slug
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : Secret(value: $0) }
        self.httpClient = httpClient ?? Self.defaultHTTPClient
        self.includeUsage = includeUsage
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
    public var model: ModelInfo {
        let port = endpoint.port.map { ":\($0)" } ?? ""
        return ModelInfo(
            slug: modelSlug, title: modelSlug,
            description: "Answers from \(modelSlug) on the OpenAI-compatible server \(endpoint.host ?? "")\(port).",
            tags: ["openai-compatible"], maxTokens: 8191)
    }

    /// Streams the upstream's answer to `request`: its text only (see ``pieces(_:)``).
    public func answer(_ request: EngineRequest) -> AsyncThrowingStream<String, any Error> {
        EnginePiece.texts(of: pieces(request))
    }

    /// Streams the upstream's answer to `request`: the text as it arrives, then one
    /// `reasoning` ``AnswerNote`` when the model reasoned, then a ``TokenUsage`` with the
    /// upstream's counts (when it sent `usage` or `timings`) and the seconds from request
    /// to last byte (always). The body is read on the consumer's task (``AnswerReader``).
    public func pieces(_ request: EngineRequest) -> AsyncThrowingStream<EnginePiece, any Error> {
        let body = OpenAIChatRequest(
            model: modelSlug, messages: Self.messages(for: request), stream: true, includeUsage: includeUsage)
        let reader = AnswerReader(engine: self, body: body)
        return AsyncThrowingStream { try await reader.next() }
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
            case .user, .assistant: return .init(role: m.role.description, content: m.text)
            case .system where !m.text.isEmpty: return .init(role: m.role.description, content: m.text)
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
        let post = UpstreamPost(
            endpoint: endpoint, apiKey: apiKey, httpClient: httpClient, service: "the upstream",
            reaching: "the upstream \(endpoint.absoluteString)", errorMessage: { OpenAIErrorBody.message(in: $0) })
        return try await post.send(
            body.jsonData(), accept: body.stream ? "text/event-stream" : "application/json", timeout: timeout)
    }

    /// Reads an answer: SSE chunks as they arrive, or (for a server that ignored
    /// `stream`) one JSON completion. Calls `onText` with each non-empty piece of text and
    /// returns the decoder at the end (reasoning, usage, timings).
    @discardableResult
    func read(_ response: HTTPClientResponse, onText: (String) -> Void) async throws -> OpenAIStreamDecoder {
        let contentType = response.headers.first(name: "Content-Type")?.lowercased() ?? ""
        if contentType.hasPrefix("application/json") {
            let bytes = try await UpstreamPost.prefix(of: response.body, maxBytes: 16 << 20)
            var decoder = OpenAIStreamDecoder()
            try Self.handle(decoder.decode(data: String(decoding: bytes, as: UTF8.self)), onText: onText)
            guard decoder.isComplete || !decoder.text.isEmpty else {
                throw EngineError("the upstream sent JSON that is not a chat completion")
            }
            return decoder
        }
        var sse = SSEParser()
        var decoder = OpenAIStreamDecoder()
        for try await buffer in response.body {
            for event in sse.feed(buffer.readableBytesView) {
                try Self.handle(decoder.decode(event), onText: onText)
                if decoder.isDone { return decoder }
            }
        }
        for event in sse.finish() {
            try Self.handle(decoder.decode(event), onText: onText)
        }
        guard decoder.isComplete else {
            throw EngineError("the upstream closed the stream before [DONE]")
        }
        return decoder
    }

    private static func handle(_ item: OpenAIStreamItem?, onText: (String) -> Void) throws {
        switch item {
        case .chunk(let chunk) where !chunk.content.isEmpty: onText(chunk.content)
        case .failed(let message): throw EngineError("the upstream reported an error: \(message)")
        default: break
        }
    }
}

import Foundation

/// The body of `POST /v1/chat/completions`: `{"model", "messages": [{"role", "content"}],
/// "stream"}`, and `"stream_options": {"include_usage": true}` when ``includeUsage`` is set
/// (OpenAI sends token usage in a streamed answer only when asked; llama.cpp, vLLM and
/// Ollama accept it). Nothing else, so every OpenAI-compatible server accepts it.
public struct OpenAIChatRequest: Sendable, Hashable, Encodable {
    /// One message of the history.
    public struct Message: Sendable, Hashable, Encodable {
        /// `system`, `user` or `assistant`.
        public var role: String
        /// The message text.
        public var content: String

        /// Creates a message.
        public init(role: String, content: String) {
            self.role = role
            self.content = content
        }
    }

    /// The model slug the server knows.
    public var model: String
    /// The conversation, oldest first.
    public var messages: [Message]
    /// Whether to stream the answer as SSE chunks.
    public var stream: Bool
    /// Whether to ask for a usage chunk at the end of the stream (sent only when streaming:
    /// OpenAI rejects `stream_options` otherwise).
    public var includeUsage: Bool

    /// Creates a request body.
    public init(model: String, messages: [Message], stream: Bool = true, includeUsage: Bool = false) {
        self.model = model
        self.messages = messages
        self.stream = stream
        self.includeUsage = includeUsage
    }

    private struct StreamOptions: Encodable {
        var includeUsage: Bool

        enum CodingKeys: String, CodingKey {
            case includeUsage = "include_usage"
        }
    }

    private enum CodingKeys: String, CodingKey {
        case model, messages, stream
        case streamOptions = "stream_options"
    }

    /// Encodes the body; `stream_options` only when streaming with ``includeUsage``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(messages, forKey: .messages)
        try container.encode(stream, forKey: .stream)
        if stream && includeUsage {
            try container.encode(StreamOptions(includeUsage: true), forKey: .streamOptions)
        }
    }

    /// The JSON text (UTF-8, keys sorted, slashes unescaped).
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, bools and arrays of them cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }

    /// The `/chat/completions` URL for an upstream given as a base (`http://host:11434`),
    /// an API root (`…/v1`) or the endpoint itself (`…/v1/chat/completions`); nil when it
    /// is not an `http`/`https` URL with a host.
    public static func endpoint(forUpstream upstream: String) -> URL? {
        var base = upstream.trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil
        else { return nil }
        if base.hasSuffix("/chat/completions") { return url }
        if base.hasSuffix("/v1") { return URL(string: base + "/chat/completions") }
        return URL(string: base + "/v1/chat/completions")
    }
}

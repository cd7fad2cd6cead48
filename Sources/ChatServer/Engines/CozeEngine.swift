import AsyncHTTPClient
import ChatModel
import ChatProtocol
import Foundation
import NIOCore
import NIOHTTP1

/// Which Coze chat API a ``CozeEngine`` calls.
public enum CozeAPI: String, Sendable, Hashable, CaseIterable {
    /// `POST /v3/chat`: the history goes in `additional_messages`; `conversation.*` events.
    case v3
    /// The legacy `POST /open_api/v2/chat`: `query` plus `chat_history`; `event:message` frames.
    case v2

    /// The path of the chat endpoint.
    public var path: String {
        switch self {
        case .v3: "/v3/chat"
        case .v2: "/open_api/v2/chat"
        }
    }
}

/// Answers by asking a Coze bot (PROTOCOL.md §6), streaming.
///
/// The conversation tree stays with the server: every answer is one request carrying the
/// branch's history, from the root to the answer's parent (``messages(for:)``), so
/// regenerate, edit and continue make siblings as they do for any engine (a regenerate
/// sends the same history again; Coze answers anew). The personal
/// access token, when given, goes in `Authorization: Bearer …` and nowhere else: not in
/// errors, descriptions or logs.
///
/// ``pieces(_:)`` reports the answer text as it streams, a ``EnginePiece/replaceText(_:)``
/// when a completed message differs from its deltas, `verbose` messages and tool steps as
/// notes, follow-up suggestions, and the token usage with the measured latency. Failures
/// are one-line ``EngineError``s: an HTTP error status or JSON error body with Coze's
/// `msg (code N)`, a failed chat or an `error` event (after the text so far), a stream cut
/// off before it finished, or Coze out of reach. Cancelling the consumer cancels the request.
public struct CozeEngine: AnswerEngine {
    /// The chat endpoint requests go to.
    public let endpoint: URL
    /// The bot that answers.
    public let botID: String
    /// The user id Coze is told (`user_id`, or `user` for v2).
    public let userID: String
    /// The API called.
    public let api: CozeAPI
    /// The name the model picker shows, if one was given.
    public let modelName: String?
    /// The longest an answer may stream, from request to last byte.
    public var answerTimeout: Duration = .seconds(30 * 60)
    let apiKey: Secret?
    let httpClient: HTTPClient

    /// Creates the engine; throws a one-line ``EngineError`` when `baseURL` is not an
    /// `http`/`https` URL or `botID` is blank. An empty `apiKey` counts as none. Without
    /// `httpClient`, ``OpenAICompatibleEngine/defaultHTTPClient`` is used.
    public init(
        baseURL: String = "https://api.coze.com", botID: String, apiKey: String?, userID: String = "chatterm",
        api: CozeAPI = .v3, model: String? = nil, httpClient: HTTPClient? = nil
    ) throws {
        guard let endpoint = Self.endpoint(base: baseURL, api: api) else {
            throw EngineError("the Coze base URL \(baseURL.debugDescription) is not an http:// or https:// URL")
        }
        let bot = botID.trimmingCharacters(in: .whitespaces)
        guard !bot.isEmpty else { throw EngineError("the Coze bot id is empty") }
        let user = userID.trimmingCharacters(in: .whitespaces)
        self.endpoint = endpoint
        self.botID = bot
        self.userID = user.isEmpty ? "chatterm" : user
        self.api = api
        self.modelName = model.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : Secret(value: $0) }
        self.httpClient = httpClient ?? OpenAICompatibleEngine.defaultHTTPClient
    }

    /// The chat endpoint for a base URL (`https://api.coze.com`, with or without a trailing
    /// slash, or already ending in the endpoint's path); nil when it is not an `http`/`https`
    /// URL with a host and without a query.
    public static func endpoint(base: String, api: CozeAPI) -> URL? {
        var text = base.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil
        else { return nil }
        return text.hasSuffix(api.path) ? url : URL(string: text + api.path)
    }

    /// The bot, as `coze-bot-<id>`, titled by the given model name or `Coze bot <id>`, tagged `coze`.
    public var model: ModelInfo {
        let port = endpoint.port.map { ":\($0)" } ?? ""
        return ModelInfo(
            slug: "coze-bot-\(botID)", title: modelName ?? "Coze bot \(botID)",
            description: "Answers from the Coze bot \(botID) at \(endpoint.host ?? "")\(port) (\(api.path)).",
            tags: ["coze"], maxTokens: 8191)
    }

    /// The history sent for `request`: its `user` and `assistant` messages with text, in
    /// order (Coze takes no system messages: a bot's persona is set on Coze). For
    /// `continue`, a user message with ``OpenAICompatibleEngine/continueInstruction`` is
    /// added after the partial answer, since Coze answers the last user message.
    public static func messages(for request: EngineRequest) -> [CozeMessage] {
        var messages = request.history.compactMap { m -> CozeMessage? in
            guard m.role == .user || m.role == .assistant, !m.text.isEmpty else { return nil }
            return CozeMessage(role: m.role.description, content: m.text)
        }
        if request.action == .continue {
            messages.append(CozeMessage(role: "user", content: OpenAICompatibleEngine.continueInstruction))
        }
        return messages
    }

    /// The request body for `request` in this engine's API.
    public func body(for request: EngineRequest) -> Data {
        let messages = Self.messages(for: request)
        switch api {
        case .v3:
            return CozeChatRequest(botID: botID, userID: userID, additionalMessages: messages).jsonData()
        case .v2:
            let query = messages.last?.role == "user" ? messages.last?.content ?? "" : ""
            let history = query.isEmpty ? messages : Array(messages.dropLast())
            return CozeLegacyChatRequest(botID: botID, user: userID, query: query, chatHistory: history).jsonData()
        }
    }

    /// Streams the bot's answer to `request` as pieces (see the type's description).
    public func pieces(_ request: EngineRequest) -> AsyncThrowingStream<EnginePiece, any Error> {
        let body = body(for: request)
        let engine = self
        return .producing { continuation in
            try await engine.run(body) { continuation.yield($0) }
        }
    }

    /// The answer's text chunks only. A rewrite of text already sent (a completed message
    /// differing from its deltas) cannot be told as chunks and is left out: use
    /// ``pieces(_:)`` for the final text.
    public func answer(_ request: EngineRequest) -> AsyncThrowingStream<String, any Error> {
        EnginePiece.texts(of: pieces(request))
    }

    /// The prompt's first words (``OfflineEngine/title(for:)``): Coze has no title endpoint.
    public func title(for prompt: String) async throws -> String {
        OfflineEngine.title(for: prompt)
    }

    /// Posts `body`; returns the response when its status is 2xx, else throws the status
    /// with Coze's error.
    func send(_ body: Data) async throws -> HTTPClientResponse {
        let post = UpstreamPost(
            endpoint: endpoint, apiKey: apiKey, httpClient: httpClient, service: "Coze",
            reaching: "Coze at \(endpoint.absoluteString)", errorMessage: { CozeErrorBody.message(in: $0) })
        return try await post.send(body, accept: "text/event-stream", timeout: answerTimeout)
    }
}

import Foundation

/// How a ``ChatGPTClient`` reaches and signs in to a `backend-api` server: the real
/// service or a local `chatterm serve`.
public struct ChatGPTConfiguration: Sendable {
    /// How requests are signed.
    public enum Credentials: Sendable {
        /// `Authorization: Bearer <token>` on every request.
        case accessToken(String)
        /// A browser session cookie, exchanged for an access token through
        /// `GET /api/auth/session` (and again after a 401).
        case sessionCookie(String)
        /// No credentials (requests will fail with 401 on a real server).
        case none
    }

    /// The server root, e.g. `https://chatgpt.com` or `http://127.0.0.1:8731`.
    public var baseURL: String
    /// The send path: `/backend-api/conversation`, or `/backend-api/f/conversation` as the
    /// 2026 web page uses.
    public var conversationPath: String
    /// The credentials.
    public var credentials: Credentials
    /// The model slug to send; nil sends `auto`.
    public var model: String?
    /// Sent as `history_and_training_disabled`.
    public var historyAndTrainingDisabled: Bool
    /// Ask for SSE instead of the WebSocket hand-off (`force_use_sse`).
    public var forceSSE: Bool
    /// Extra headers on every request (e.g. `X-Chatterm-Stream` for a local server,
    /// `Chatgpt-Account-Id` for a team account).
    public var extraHeaders: [(String, String)]
    /// The archive source name conversations from this server are cached under.
    public var sourceName: String
    /// Attempts for an idempotent GET that meets a 5xx or a dropped connection.
    public var getAttempts: Int
    /// The first retry delay; each further retry doubles it.
    public var retryDelay: Duration
    /// How long a WebSocket answer's socket may stay silent before the answer is read from
    /// the conversation instead (`GET /backend-api/conversation/{id}`).
    public var webSocketSilence: Duration

    /// Creates a configuration.
    public init(
        baseURL: String = "https://chatgpt.com", conversationPath: String = "/backend-api/conversation",
        credentials: Credentials, model: String? = nil, historyAndTrainingDisabled: Bool = false,
        forceSSE: Bool = false, extraHeaders: [(String, String)] = [], sourceName: String = "chatgpt",
        getAttempts: Int = 3, retryDelay: Duration = .milliseconds(500),
        webSocketSilence: Duration = WebSocketAnswerStream.Options.defaultSilenceTimeout
    ) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.conversationPath = conversationPath.hasPrefix("/") ? conversationPath : "/" + conversationPath
        self.credentials = credentials
        self.model = model
        self.historyAndTrainingDisabled = historyAndTrainingDisabled
        self.forceSSE = forceSSE
        self.extraHeaders = extraHeaders
        self.sourceName = sourceName
        self.getAttempts = max(1, getAttempts)
        self.retryDelay = retryDelay
        self.webSocketSilence = webSocketSilence
    }
}

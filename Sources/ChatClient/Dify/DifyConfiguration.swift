import Foundation

/// How a ``DifyClient`` reaches a Dify app through its Service API (PROTOCOL.md §5): the API
/// root and the app's key. The key is sent only in the `Authorization` header; the
/// configuration's description hides it.
public struct DifyConfiguration: Sendable, CustomStringConvertible {
    /// The API root, e.g. `https://api.dify.ai/v1` or `http://host/v1` (no trailing slash).
    public var baseURL: String
    /// The app's API key (`app-…`), sent as `Authorization: Bearer <key>`.
    public var apiKey: String
    /// The end-user id Dify files conversations under (`user` on every request).
    public var user: String
    /// The archive source name conversations from this app are cached under.
    public var sourceName: String
    /// A model name to show (Dify apps choose their model themselves); nil lists none.
    public var model: String?
    /// Attempts for an idempotent GET that meets a 5xx or a dropped connection.
    public var getAttempts: Int
    /// The first retry delay; each further retry doubles it.
    public var retryDelay: Duration

    /// Creates a configuration.
    public init(
        baseURL: String = "https://api.dify.ai/v1", apiKey: String, user: String = "chatterm",
        sourceName: String = "dify", model: String? = nil, getAttempts: Int = 3,
        retryDelay: Duration = .milliseconds(500)
    ) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.apiKey = apiKey
        self.user = user
        self.sourceName = sourceName
        self.model = model
        self.getAttempts = max(1, getAttempts)
        self.retryDelay = retryDelay
    }

    /// The configuration without its key.
    public var description: String {
        "Dify app at \(baseURL) as user \(user) (source \(sourceName), key \(apiKey.isEmpty ? "missing" : "hidden"))"
    }
}

import ChatModel
import ChatProtocol
import Foundation

/// Who a profile signs in as, as the service says it: a ChatGPT session's user and when it
/// expires (`GET /api/auth/session`), a Dify app's name (`GET /info`). Never holds a token.
public struct AccountInfo: Sendable, Hashable {
    /// The user's name.
    public var name: String?
    /// The user's email.
    public var email: String?
    /// The app or bot the key belongs to (a Dify app, a Coze bot).
    public var app: String?
    /// What ``app`` is, in words: `app`, `bot`.
    public var appKind: String
    /// When the sign-in runs out.
    public var expires: Date?

    /// Creates an account.
    public init(
        name: String? = nil, email: String? = nil, app: String? = nil, appKind: String = "app", expires: Date? = nil
    ) {
        self.name = name
        self.email = email
        self.app = app
        self.appKind = appKind
        self.expires = expires
    }

    /// Who, in words: "Ada <ada@example.com>", "the app Qwen helper", "the bot Helper"; nil
    /// when nothing is known.
    public var who: String? {
        switch (name, email) {
        case (let name?, let email?): return "\(name) <\(email)>"
        case (let name?, nil): return name
        case (nil, let email?): return email
        case (nil, nil): return app.map { "the \(appKind) \($0)" }
        }
    }

    /// A non-empty string of a JSON value, trimmed; nil otherwise.
    static func text(_ value: JSONValue?) -> String? {
        guard let s = value?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !s.isEmpty else {
            return nil
        }
        return s
    }

    /// A time as the session says it (`2026-05-07T02:57:00.123Z`, or seconds since 1970), read
    /// as the conversation list's times are (``ChatProtocol/ConversationJSON/time(_:)``).
    static func date(_ value: JSONValue?) -> Date? {
        ConversationJSON.time(value).map(Date.init(timeIntervalSince1970:))
    }
}

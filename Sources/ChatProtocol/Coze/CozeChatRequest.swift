import Foundation

/// One message of a Coze chat request: v3 `additional_messages` and v2 `chat_history` items.
public struct CozeMessage: Sendable, Hashable, Encodable {
    /// `user` or `assistant`.
    public var role: String
    /// The text.
    public var content: String
    /// Always `text` here.
    public var contentType: String
    /// `question` for the user's messages, `answer` for the bot's.
    public var type: String

    /// A message of `role` (`user` or `assistant`) with `content`, typed to match the role.
    public init(role: String, content: String) {
        self.role = role
        self.content = content
        self.contentType = "text"
        self.type = role == "assistant" ? "answer" : "question"
    }

    enum CodingKeys: String, CodingKey {
        case role, content, type
        case contentType = "content_type"
    }
}

/// The body of `POST /v3/chat`: `{bot_id, user_id, stream, auto_save_history,
/// additional_messages}` (no `conversation_id`: the whole history goes in each request).
public struct CozeChatRequest: Sendable, Hashable, Encodable {
    /// The bot that answers.
    public var botID: String
    /// Who asks, as Coze keeps it.
    public var userID: String
    /// The conversation, oldest first; the last message is the user's question.
    public var additionalMessages: [CozeMessage]
    /// Whether the answer streams (always true here).
    public var stream = true
    /// Coze requires `true` when streaming.
    public var autoSaveHistory = true

    /// Creates a request body.
    public init(botID: String, userID: String, additionalMessages: [CozeMessage]) {
        self.botID = botID
        self.userID = userID
        self.additionalMessages = additionalMessages
    }

    enum CodingKeys: String, CodingKey {
        case stream
        case botID = "bot_id"
        case userID = "user_id"
        case additionalMessages = "additional_messages"
        case autoSaveHistory = "auto_save_history"
    }

    /// The JSON text (UTF-8, keys sorted, slashes unescaped).
    public func jsonData() -> Data { CozeJSON.encode(self) }
}

/// The body of the legacy `POST /open_api/v2/chat`: `{bot_id, user, query, chat_history,
/// stream}`.
public struct CozeLegacyChatRequest: Sendable, Hashable, Encodable {
    /// The bot that answers.
    public var botID: String
    /// Who asks.
    public var user: String
    /// The last user message.
    public var query: String
    /// The messages before ``query``, oldest first.
    public var chatHistory: [CozeMessage]
    /// Whether the answer streams (always true here).
    public var stream = true

    /// Creates a request body.
    public init(botID: String, user: String, query: String, chatHistory: [CozeMessage]) {
        self.botID = botID
        self.user = user
        self.query = query
        self.chatHistory = chatHistory
    }

    enum CodingKeys: String, CodingKey {
        case user, query, stream
        case botID = "bot_id"
        case chatHistory = "chat_history"
    }

    /// The JSON text (UTF-8, keys sorted, slashes unescaped).
    public func jsonData() -> Data { CozeJSON.encode(self) }
}

enum CozeJSON {
    static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings, bools and arrays of them always encode.
        return (try? encoder.encode(value)) ?? Data()
    }
}

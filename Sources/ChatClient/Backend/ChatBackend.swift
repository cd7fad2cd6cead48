import ChatModel
import ChatProtocol
import Foundation

/// A request that starts an answer.
public struct ChatRequest: Sendable, Hashable {
    /// next, variant or continue.
    public var action: ChatAction
    /// The conversation; nil starts a new one.
    public var conversationID: String?
    /// The node the new message (or answer) hangs under.
    public var parentMessageID: String
    /// The user message (empty for `continue`, and for `variant` unless the backend wants it).
    public var messages: [TextMessage]
    /// The model slug; nil lets the backend pick.
    public var model: String?
    /// The id the answer's stream and `stop_conversation` are matched by.
    public var websocketRequestID: String

    /// Creates a request.
    public init(
        action: ChatAction, conversationID: String?, parentMessageID: String, messages: [TextMessage],
        model: String? = nil, websocketRequestID: String = UUID().uuidString.lowercased()
    ) {
        self.action = action
        self.conversationID = conversationID
        self.parentMessageID = parentMessageID
        self.messages = messages
        self.model = model
        self.websocketRequestID = websocketRequestID
    }
}

/// What an answer stream reports, in order: how it is carried, then the decoded events,
/// then once, at the end, whether the answer is complete.
public enum ChatStreamItem: Sendable, Equatable {
    /// How the answer is carried (`SSE`, `WebSocket`, `WebSocket (fallback URL)`, ...), and
    /// any fallback that happened on the way; sent before the first event and again on a switch
    /// (not at all by a backend in the same process, where nothing carries it).
    case transport(String)
    /// A decoded stream event.
    case event(StreamEvent)
    /// The stream ended; `completion` tells whether the answer is whole.
    case finished(StreamCompletion)
}

/// One page of the conversation list.
public struct ConversationPage: Sendable, Hashable {
    /// The conversations on this page, newest updated first, duplicates removed.
    public var items: [RemoteSummary]
    /// The server's `total` (may be larger than what it will return).
    public var total: Int?
    /// The offset this page started at.
    public var offset: Int
    /// The page size asked for.
    public var limit: Int
    /// How many items the server sent, repeats included: a page is short (the list has
    /// ended) when this is below `limit`, and the next page starts this many further on.
    public var received: Int

    /// Creates a page; `received` defaults to the number of `items`.
    public init(items: [RemoteSummary], total: Int?, offset: Int, limit: Int, received: Int? = nil) {
        self.items = items
        self.total = total
        self.offset = offset
        self.limit = limit
        self.received = received ?? items.count
    }
}

/// A conversation fetched whole, with its JSON as the server sent it (for the cache).
public struct FetchedConversation: Sendable {
    /// The parsed conversation.
    public var conversation: Conversation
    /// The raw JSON object.
    public var raw: Data

    /// Creates a fetched conversation.
    public init(conversation: Conversation, raw: Data) {
        self.conversation = conversation
        self.raw = raw
    }
}

/// A chat service: the ChatGPT web backend-api (real or local), and later Dify, Coze and
/// OpenAI-compatible servers. Every call is one request; answers stream.
public protocol ChatBackend: Sendable {
    /// The name conversations from this backend are cached under (the archive's `source`).
    var sourceName: String { get }

    /// The most conversations one ``listConversations(offset:limit:archived:)`` may ask for.
    var listPageLimit: Int { get }

    /// One page of conversations, newest updated first (`limit` ≤ ``listPageLimit``).
    func listConversations(offset: Int, limit: Int, archived: Bool) async throws -> ConversationPage

    /// A whole conversation.
    func conversation(id: String) async throws -> FetchedConversation

    /// Starts an answer. The stream ends after ``ChatStreamItem/finished(_:)``, or throws a
    /// ``ClientError`` when the request fails before or during streaming. Cancelling the
    /// consuming task cancels the request.
    func send(_ request: ChatRequest) -> AsyncThrowingStream<ChatStreamItem, any Error>

    /// Asks the server to stop the answer streaming in a conversation.
    func stop(conversationID: String, websocketRequestID: String?) async throws

    /// Asks for a title for a conversation whose first answer is `messageID`.
    func generateTitle(conversationID: String, messageID: String) async throws -> String

    /// Renames a conversation.
    func rename(conversationID: String, title: String) async throws

    /// Archives or unarchives a conversation.
    func setArchived(conversationID: String, archived: Bool) async throws

    /// Deletes a conversation.
    func delete(conversationID: String) async throws

    /// The models to choose from.
    func models() async throws -> [ModelInfo]

    /// Starter prompts for an empty chat.
    func starterPrompts(limit: Int) async throws -> [StarterPrompt]
}

/// A starter prompt for an empty chat (`GET /backend-api/prompt_library/`).
public struct StarterPrompt: Sendable, Hashable {
    /// The short title shown.
    public var title: String
    /// The prompt it fills in.
    public var prompt: String

    /// Creates a starter prompt.
    public init(title: String, prompt: String) {
        self.title = title
        self.prompt = prompt
    }
}

extension ChatBackend {
    /// Starter prompts; none unless the backend has a prompt library.
    public func starterPrompts(limit: Int) async throws -> [StarterPrompt] { [] }
}

extension ChatBackend {
    /// 100, the ChatGPT web API's limit, which the other services' pages stay within too.
    public var listPageLimit: Int { 100 }
}

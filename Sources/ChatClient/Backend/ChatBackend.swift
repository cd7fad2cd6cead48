import ChatModel

/// A chat service: the ChatGPT web backend-api (real or local), and later Dify, Coze and
/// OpenAI-compatible servers. Every call is one request; answers stream.
public protocol ChatBackend: Sendable {
    /// The name conversations from this backend are cached under (the archive's `source`).
    var sourceName: String { get }

    /// The most conversations one ``listConversations(offset:limit:archived:)`` may ask for.
    var listPageLimit: Int { get }

    /// Whether the backend keeps its conversations in the browser's own archive, under
    /// ``sourceName`` (the embedded server reached in process): what it lists, answers or
    /// changes is already there, so the browser writes no second copy.
    var keepsConversationsInArchive: Bool { get }

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

    /// Who the credentials sign in as, asked of the service; nil when it says nothing of it.
    func account() async throws -> AccountInfo?
}

extension ChatBackend {
    /// Starter prompts; none unless the backend has a prompt library.
    public func starterPrompts(limit: Int) async throws -> [StarterPrompt] { [] }

    /// Nothing: the service has no account to ask about.
    public func account() async throws -> AccountInfo? { nil }
}

extension ChatBackend {
    /// 100, the ChatGPT web API's limit, which the other services' pages stay within too.
    public var listPageLimit: Int { 100 }

    /// False: a service keeps its own history, and the browser caches what it reads of it.
    public var keepsConversationsInArchive: Bool { false }
}

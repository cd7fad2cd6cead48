import ChatClient
import ChatModel
import Foundation

/// A chat backend the test drives, with no socket and no polling: each ``send(_:)`` hands back
/// a stream made with `AsyncThrowingStream.makeStream()`, kept under its request's
/// `websocketRequestID`, so a test yields an answer's items, drops it or fails it step by step;
/// the lists and conversations come from closures (empty, and a `CancellationError`, unless given).
public final class FakeBackend: ChatBackend, @unchecked Sendable {
    /// A page of a list: `offset`, `limit`, whether the archived list (or the error it fails with).
    public typealias List = @Sendable (_ offset: Int, _ limit: Int, _ archived: Bool) throws -> ConversationPage
    /// A whole conversation by id.
    public typealias Detail = @Sendable (String) throws -> FetchedConversation

    private let lock = NSLock()
    private var answers: [String: AsyncThrowingStream<ChatStreamItem, any Error>.Continuation] = [:]
    private var sent: [ChatRequest] = []
    private let list: List
    private let detail: Detail
    private let sending: AsyncStream<ChatRequest>.Continuation

    /// The archive source it names.
    public let sourceName: String
    /// Whether it says it keeps its conversations in the browser's archive itself.
    public let keepsConversationsInArchive: Bool
    /// Each request as it is sent, for a test that waits for one (a single reader).
    public let sentRequests: AsyncStream<ChatRequest>

    /// A backend named `sourceName` whose lists are `list` and conversations `detail`; with
    /// `keepsConversationsInArchive`, one that stores them in the browser's archive itself.
    public init(
        sourceName: String = "fake",
        list: @escaping List = { offset, limit, _ in
            ConversationPage(items: [], total: 0, offset: offset, limit: limit)
        },
        detail: @escaping Detail = { _ in throw CancellationError() },
        keepsConversationsInArchive: Bool = false
    ) {
        self.sourceName = sourceName
        self.keepsConversationsInArchive = keepsConversationsInArchive
        self.list = list
        self.detail = detail
        (sentRequests, sending) = AsyncStream.makeStream(of: ChatRequest.self)
    }

    /// The requests sent so far, in order.
    public var requests: [ChatRequest] { lock.withLock { sent } }

    /// A new answer, open until the test finishes it.
    public func send(_ request: ChatRequest) -> AsyncThrowingStream<ChatStreamItem, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: ChatStreamItem.self)
        lock.withLock {
            answers[request.websocketRequestID] = continuation
            sent.append(request)
        }
        sending.yield(request)
        return stream
    }

    /// Sends items down the answer to request `id`.
    public func yield(_ items: ChatStreamItem..., to id: String) {
        let answer = lock.withLock { answers[id] }
        for item in items { answer?.yield(item) }
    }

    /// Ends the answer to request `id`: closed by the server, or failed with `error`.
    public func finish(_ id: String, throwing error: (any Error)? = nil) {
        let answer = lock.withLock { answers.removeValue(forKey: id) }
        answer?.finish(throwing: error)
    }

    /// Ends every answer still open.
    public func finishAll() {
        let all = lock.withLock {
            defer { answers = [:] }
            return answers.values
        }
        for answer in all { answer.finish() }
    }

    /// The page `list` gives.
    public func listConversations(offset: Int, limit: Int, archived: Bool) async throws -> ConversationPage {
        try list(offset, limit, archived)
    }

    /// The conversation `detail` gives.
    public func conversation(id: String) async throws -> FetchedConversation { try detail(id) }

    /// Does nothing.
    public func stop(conversationID: String, websocketRequestID: String?) async throws {}
    /// An empty title.
    public func generateTitle(conversationID: String, messageID: String) async throws -> String { "" }
    /// Does nothing.
    public func rename(conversationID: String, title: String) async throws {}
    /// Does nothing.
    public func setArchived(conversationID: String, archived: Bool) async throws {}
    /// Does nothing.
    public func delete(conversationID: String) async throws {}
    /// No models.
    public func models() async throws -> [ModelInfo] { [] }
}

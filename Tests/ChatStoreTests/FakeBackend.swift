import ChatClient
import ChatModel
import Foundation

/// A chat backend whose answers the test drives: each ``send(_:)`` hands back a stream made
/// with `AsyncThrowingStream.makeStream()`, kept under its request id, so a test yields an
/// answer's items, drops it or fails it step by step, with no socket and no polling.
final class FakeBackend: ChatBackend, @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [String: AsyncThrowingStream<ChatStreamItem, any Error>.Continuation] = [:]
    private var sent: [ChatRequest] = []

    var sourceName: String { "fake" }

    /// The requests sent so far, in order.
    var requests: [ChatRequest] { lock.withLock { sent } }

    func send(_ request: ChatRequest) -> AsyncThrowingStream<ChatStreamItem, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: ChatStreamItem.self)
        lock.withLock {
            answers[request.websocketRequestID] = continuation
            sent.append(request)
        }
        return stream
    }

    /// Sends items down the answer to request `id`.
    func yield(_ items: ChatStreamItem..., to id: String) {
        let answer = lock.withLock { answers[id] }
        for item in items { answer?.yield(item) }
    }

    /// Ends the answer to request `id`: closed by the server, or failed with `error`.
    func finish(_ id: String, throwing error: (any Error)? = nil) {
        let answer = lock.withLock { answers.removeValue(forKey: id) }
        answer?.finish(throwing: error)
    }

    /// Ends every answer still open.
    func finishAll() {
        let all = lock.withLock {
            defer { answers = [:] }
            return answers.values
        }
        for answer in all { answer.finish() }
    }

    func listConversations(offset: Int, limit: Int, archived: Bool) async throws -> ConversationPage {
        ConversationPage(items: [], total: 0, offset: offset, limit: limit)
    }
    func conversation(id: String) async throws -> FetchedConversation { throw CancellationError() }
    func stop(conversationID: String, websocketRequestID: String?) async throws {}
    func generateTitle(conversationID: String, messageID: String) async throws -> String { "" }
    func rename(conversationID: String, title: String) async throws {}
    func setArchived(conversationID: String, archived: Bool) async throws {}
    func delete(conversationID: String) async throws {}
    func models() async throws -> [ModelInfo] { [] }
}

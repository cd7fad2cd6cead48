import ChatArchive
import ChatClient
import ChatModel
import ChatProtocol
import Foundation

/// The embedded server's conversation book and engine as a ``ChatBackend`` in the same
/// process: what `chatterm serve` answers over HTTP, with no socket, no JSON and no SSE in
/// between. A send stores the turn exactly as `POST /backend-api/conversation` does, runs the
/// same answer loop (progress saved as it streams, the partial answer kept however it ends),
/// and yields the events a client would decode from the wire (``AnswerEventEncoder``).
///
/// Conversations are read from the book's archive; errors are the ``ClientError``s an HTTP
/// client would report for the server's answers (404 for an unknown conversation, 400 for a
/// send that cannot be stored).
public struct InProcessBackend: ChatBackend {
    private let server: BackendServer
    /// The source the server's book keeps its conversations under.
    public var sourceName: String { server.book.source }
    /// Whether the book's archive is the browser's (see ``init(_:sharesArchive:)``).
    public let keepsConversationsInArchive: Bool

    /// A backend over `server`'s book and engine. With `sharesArchive`, the book's archive is
    /// the one the browser reads, so the browser caches nothing of it (one copy in SQLite).
    public init(_ server: BackendServer, sharesArchive: Bool = false) {
        self.server = server
        self.keepsConversationsInArchive = sharesArchive
    }

    public var listPageLimit: Int { BackendServer.maxPageSize }

    public func listConversations(offset: Int, limit: Int, archived: Bool) async throws -> ConversationPage {
        let size = max(1, min(limit, listPageLimit))
        let rows = try Self.reading {
            try server.book.summaries(archived: archived, offset: offset, limit: size)
        }
        let total = try Self.reading { try server.book.count(archived: archived) }
        let items = rows.map {
            RemoteSummary(
                id: $0.id, title: $0.title, createTime: $0.createTime, updateTime: $0.updateTime,
                isArchived: $0.isArchived)
        }
        return ConversationPage(items: items, total: total, offset: offset, limit: size)
    }

    public func conversation(id: String) async throws -> FetchedConversation {
        guard let raw = try Self.reading({ try server.book.rawJSON(id: id) }) else {
            throw ClientError.response(APIError.conversationNotFound(id))
        }
        do {
            return FetchedConversation(conversation: try FastJSON.decodeConversation(raw, fallbackID: id), raw: raw)
        } catch {
            throw ClientError.malformedResponse("conversation \(id): \(error)")
        }
    }

    public func send(_ request: ChatRequest) -> AsyncThrowingStream<ChatStreamItem, any Error> {
        .producing { continuation in
            let turn = try await Self.calling { try await server.book.start(Self.sendRequest(request)) }
            let (inputs, key) = server.startAnswer(turn, websocketRequestID: request.websocketRequestID)
            // No ``ChatStreamItem/transport(_:)``: nothing carries the answer, so there is none to name.
            var completion = StreamCompletion.incomplete(.noConfirmation)
            try await server.runAnswer(turn, inputs: inputs, key: key, encoder: AnswerEventEncoder()) { events, last in
                for event in events {
                    if case .terminated = continuation.yield(.event(event)) { throw CancellationError() }
                }
                if last { completion = Self.completion(of: events) }
            }
            continuation.yield(.finished(completion))
        }
    }

    public func stop(conversationID: String, websocketRequestID: String?) async throws {
        server.streams.stop(conversationID: conversationID, websocketRequestID: websocketRequestID)
    }

    public func generateTitle(conversationID: String, messageID: String) async throws -> String {
        try await Self.calling { try await server.generateTitle(conversationID: conversationID) }
    }

    public func rename(conversationID: String, title: String) async throws {
        try await Self.calling {
            try await server.book.patch(id: conversationID, title: title, archived: nil, delete: false)
        }
    }

    public func setArchived(conversationID: String, archived: Bool) async throws {
        try await Self.calling {
            try await server.book.patch(id: conversationID, title: nil, archived: archived, delete: false)
        }
    }

    public func delete(conversationID: String) async throws {
        try await Self.calling {
            try await server.book.patch(id: conversationID, title: nil, archived: nil, delete: true)
        }
    }

    /// Who the engine's service says answers (a Coze bot's name).
    public func account() async throws -> AccountInfo? {
        try await server.engine.account()
    }

    public func models() async throws -> [ModelInfo] {
        [server.engine.model]
    }

    public func starterPrompts(limit: Int) async throws -> [StarterPrompt] {
        Array(BackendServer.starterPrompts.prefix(limit))
    }

    /// The book's request for a client's: the prompt as the web client sends it.
    static func sendRequest(_ request: ChatRequest) -> SendRequest {
        SendRequest(
            action: request.action, conversationID: request.conversationID,
            parentMessageID: request.parentMessageID,
            messages: request.messages.map {
                Message(id: $0.id, author: Author(role: $0.role), content: .text($0.text))
            },
            model: request.model)
    }

    /// How the answer ended, from the closing events (``AnswerEventEncoder/finish(_:error:)``).
    static func completion(of closing: [StreamEvent]) -> StreamCompletion {
        var answer: Message?
        var error: String?
        for event in closing {
            if case .messageUpdated(let message) = event { answer = message }
            if case .serverError(let why) = event { error = why }
        }
        guard let answer else { return .incomplete(.noAnswer) }
        return AnswerEventEncoder.completion(of: answer, error: error)
    }

    /// Runs a book operation, reporting its refusals as an HTTP client would.
    private static func calling<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as APIError {
            throw ClientError.response(error)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw ClientError.server(status: 500, detail: "the local archive failed: \(error)")
        }
    }

    /// Runs an archive read, reporting a failure as a server error.
    private static func reading<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw ClientError.server(status: 500, detail: "the local archive failed: \(error)")
        }
    }
}

extension ClientError {
    /// What an HTTP client reports for the server's answer `error`.
    static func response(_ error: APIError) -> ClientError {
        .response(status: error.code, body: WireJSON.data(error.body))
    }
}

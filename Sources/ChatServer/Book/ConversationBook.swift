import ChatArchive
import ChatModel
import ChatProtocol
import Foundation

/// The server's conversations: those an `Archive` keeps under the book's `source`, as
/// backend-api conversation JSON, with every edit (a new turn, an answer's progress, rename,
/// archive, delete) done in one place so edits of one conversation never interleave. Reads go
/// straight to the archive.
///
/// The archive may be the one the browser reads (it is, for the embedded server): the book sees
/// and changes only its own source's conversations, so an imported or another service's
/// conversation is "not found" here, however it is asked for.
actor ConversationBook {
    nonisolated let archive: Archive
    /// The `source` column of the conversations this book keeps.
    nonisolated let source: String
    let modelSlug: String
    private var lastTime: Double = 0

    /// Opens the book over `archive`'s conversations kept under `source`; answers a dead
    /// process left unfinished are marked interrupted first (see
    /// ``interruptAbandonedAnswers(in:)``).
    init(archive: Archive, source: String, modelSlug: String) {
        self.archive = archive
        self.source = source
        self.modelSlug = modelSlug
        // Best effort: a failure here leaves those answers as they were, never blocks serving.
        _ = try? Self.interruptAbandonedAnswers(in: archive)
    }

    /// A page of the book's conversations, newest first.
    nonisolated func summaries(archived: Bool, offset: Int, limit: Int) throws -> [ConversationSummary] {
        try archive.summaries(archived: archived, offset: offset, limit: limit, source: source)
    }

    /// How many conversations the book keeps in the list (`archived: false`) or the archived one.
    nonisolated func count(archived: Bool) throws -> Int {
        try archive.count(archived: archived, source: source)
    }

    /// A conversation's stored JSON, or nil when the book does not keep it.
    nonisolated func rawJSON(id: String) throws -> Data? {
        try archive.rawJSON(id: id, source: source)
    }

    /// Seconds since 1970, strictly increasing across calls (the archive keeps the copy
    /// with the newer `update_time`).
    private func now() -> Double {
        let t = max(Date().timeIntervalSince1970, lastTime + 0.000_001)
        lastTime = t
        return t
    }

    /// A conversation the book keeps, or nil.
    nonisolated func conversation(id: String) throws -> Conversation? {
        try archive.conversation(id: id, source: source)
    }

    private func save(_ c: inout Conversation) throws {
        c.updateTime = now()
        try archive.upsert(c, raw: WireJSON.data(ConversationEncoding.json(c)), source: source)
    }

    private func load(_ id: String) throws -> Conversation {
        guard let c = try conversation(id: id) else { throw APIError.conversationNotFound(id) }
        return c
    }

    /// Stores the nodes of a new turn (`next`, `variant`, `continue`) and returns what to stream.
    func start(_ request: SendRequest) throws -> StartedTurn {
        let time = now()
        var c: Conversation
        var system: Message?
        var parentID: String
        if let id = request.conversationID {
            c = try load(id)
            parentID = request.parentMessageID ?? c.currentNode ?? ServerTree.attachPoint(in: c)
            if parentID == ServerTree.rootID { parentID = ServerTree.attachPoint(in: c) }
            guard c.mapping[parentID] != nil else {
                throw APIError(400, "parent_message_id \(parentID) is not a message of conversation \(id)")
            }
        } else {
            guard request.action == .next else {
                throw APIError(400, "action \(request.action.rawValue) needs a conversation_id")
            }
            let created = ServerTree.newConversation(
                id: UUID().uuidString.lowercased(), now: time, model: request.model ?? modelSlug)
            c = created.0
            system = c.mapping[created.systemID]?.message
            parentID = created.systemID
        }
        let parentMessage = c.mapping[parentID]?.message
        var user: Message?
        var answerParent = parentID
        var attempt = 0
        switch request.action {
        case .next:
            let sent = request.messages[0]
            let message = Message(
                id: ServerTree.freshID(sent.id, in: c), author: Author(role: .user), createTime: time,
                content: sent.content, status: "finished_successfully", endTurn: nil, weight: 1,
                metadata: sent.metadata, recipient: "all")
            ServerTree.append(message, under: parentID, to: &c)
            user = message
            answerParent = message.id
        case .variant:
            guard parentMessage?.author.role == .user else {
                throw APIError(400, "action variant needs parent_message_id naming a user message")
            }
            user = parentMessage
            attempt =
                c.mapping[parentID]?.children.count(where: { c.mapping[$0]?.message?.author.role == .assistant }) ?? 0
        case .continue:
            guard parentMessage?.author.role == .assistant else {
                throw APIError(400, "action continue needs parent_message_id naming an assistant message")
            }
        }
        let assistant = Message(
            id: UUID().uuidString.lowercased(), author: Author(role: .assistant), createTime: time,
            content: .text(""), status: "in_progress", endTurn: nil, weight: 1,
            metadata: [
                "message_type": .string(request.action.rawValue),
                "model_slug": .string(modelSlug),
                "default_model_slug": .string(request.model ?? modelSlug),
                "parent_id": .string(answerParent),
                "timestamp_": .string("absolute"),
                "citations": .array([]),
                "content_references": .array([]),
            ],
            recipient: "all")
        ServerTree.append(assistant, under: answerParent, to: &c)
        let history = ServerTree.history(to: answerParent, in: c)
        try save(&c)
        try archive.noteOpenAnswer(conversationID: c.id, messageID: assistant.id)
        return StartedTurn(
            conversationID: c.id, system: system, user: user, assistant: assistant,
            engineRequest: EngineRequest(history: history, action: request.action, attempt: attempt))
    }

    /// Writes an answer's text so far (still `in_progress`).
    func saveProgress(conversationID: String, messageID: String, text: String) throws {
        guard var c = try conversation(id: conversationID), var m = c.mapping[messageID]?.message else {
            return
        }
        m.content = .text(text)
        c.mapping[messageID]?.message = m
        try save(&c)
    }

    /// Writes an answer's final text and status, with the extras the engine reported in
    /// `initial`'s metadata (usage, follow-ups, notes, error), and returns the stored message.
    func finish(
        conversationID: String, message initial: Message, text: String, outcome: AnswerOutcome
    ) throws -> Message {
        var m = try conversation(id: conversationID)?.mapping[initial.id]?.message ?? initial
        m.content = .text(text)
        for (key, value) in initial.metadata where key.hasPrefix("chatterm_") {
            m.metadata[key] = value
        }
        switch outcome {
        case .finished:
            m.status = "finished_successfully"
            m.endTurn = true
            if m.metadata.removeValue(forKey: Message.cutAtLengthLimitKey) != nil {
                // As ChatGPT marks an answer that reached its token limit: `continue` picks it up.
                m.metadata["finish_details"] = .object(["type": .string("max_tokens")])
            } else {
                m.metadata["finish_details"] = .object([
                    "type": .string("stop"), "stop_tokens": .array([.number(200002)]),
                ])
            }
            m.metadata["is_complete"] = .bool(true)
        case .stopped, .disconnected, .failed:
            let reason =
                switch outcome {
                case .stopped: "client_stopped"
                case .disconnected: "client_disconnected"
                default: "engine_error"
                }
            m.status = "finished_partial_completion"
            m.endTurn = false
            m.metadata["finish_details"] = .object(["type": .string("interrupted"), "reason": .string(reason)])
        }
        defer { try? archive.closeOpenAnswer(messageID: m.id) }
        guard var c = try conversation(id: conversationID), c.mapping[m.id] != nil else { return m }
        c.mapping[m.id]?.message = m
        try save(&c)
        return m
    }

    /// Applies a PATCH: `title`, `is_archived`, and `is_visible: false` (delete).
    func patch(id: String, title: String?, archived: Bool?, delete: Bool) throws {
        if delete {
            guard try archive.delete(id: id, source: source) else { throw APIError.conversationNotFound(id) }
            return
        }
        var c = try load(id)
        if let title { c.title = title }
        if let archived { c.isArchived = archived }
        try save(&c)
    }

    /// Sets the title.
    func setTitle(id: String, title: String) throws {
        try patch(id: id, title: title, archived: nil, delete: false)
    }
}

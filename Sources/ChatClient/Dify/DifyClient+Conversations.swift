import ChatModel
import ChatProtocol
import Foundation
import Logging
import NIOHTTP1

extension DifyClient {
    /// The most `GET /conversations` and `GET /messages` give in one page.
    public static let maxPageSize = 100
    /// The most `GET /messages` pages read for one conversation (10 000 messages).
    static let maxMessagePages = 100

    /// `GET /conversations?user=&limit=&sort_by=-updated_at[&last_id=]`: the page at `offset`,
    /// newest updated first. Offsets become `last_id` cursors: offset 0 has none (and starts
    /// the list afresh); an offset the client has not reached yet is walked to from the
    /// nearest cursor before it. `archived` gives an empty page (Dify has no archive).
    public func listConversations(offset: Int, limit: Int, archived: Bool) async throws -> ConversationPage {
        let size = max(1, min(limit, Self.maxPageSize))
        let offset = max(0, offset)
        if archived { return ConversationPage(items: [], total: 0, offset: offset, limit: size) }
        if offset == 0 { await memory.resetList() }
        if let end = await memory.listEnd, offset >= end {
            return ConversationPage(items: [], total: end, offset: offset, limit: size)
        }
        var cursor = await memory.cursors[offset]
        if offset > 0, cursor == nil {
            guard let found = try await walk(to: offset) else {
                let end = await memory.listEnd
                return ConversationPage(items: [], total: end, offset: offset, limit: size)
            }
            cursor = found
        }
        let list = try await conversationPage(after: cursor, limit: size)
        await memory.notePage(offset: offset, list: list)
        let items = list.items.map(RemoteSummary.init(dify:))
        return ConversationPage(
            items: items, total: list.hasMore ? nil : offset + items.count, offset: offset, limit: size)
    }

    /// Reads pages from the nearest known cursor up to `offset`; the cursor there, or nil when
    /// the list ends first.
    private func walk(to offset: Int) async throws -> String? {
        let known = await memory.cursors
        var position = known.keys.filter { $0 < offset }.max() ?? 0
        while position < offset {
            var cursor: String?
            if position > 0 { cursor = await memory.cursors[position] }
            let list = try await conversationPage(after: cursor, limit: min(Self.maxPageSize, offset - position))
            await memory.notePage(offset: position, list: list)
            guard list.hasMore, list.rawCount > 0 else { return nil }
            position += list.rawCount
        }
        return await memory.cursors[offset]
    }

    /// One `GET /conversations` page after `cursor`.
    func conversationPage(after cursor: String?, limit: Int) async throws -> DifyConversationList {
        var pairs = [("user", configuration.user), ("limit", String(limit)), ("sort_by", "-updated_at")]
        if let cursor { pairs.append(("last_id", cursor)) }
        let json = try await json(.GET, "/conversations" + Self.query(pairs))
        do {
            return try DifyConversationList(json: json)
        } catch {
            throw ClientError.malformedResponse("\(error)")
        }
    }

    /// `GET /messages?conversation_id=&user=&limit=100`, then older pages with `first_id` while
    /// `has_more`, built into one tree by ``DifyHistory``. The raw JSON is the tree as a
    /// backend-api conversation object (``DifyConversationJSON``), which the archive reads back.
    public func conversation(id: String) async throws -> FetchedConversation {
        var pages: [JSONValue] = []
        var seen = Set<String>()
        var firstID: String?
        for _ in 0..<Self.maxMessagePages {
            var pairs = [("conversation_id", id), ("user", configuration.user), ("limit", String(Self.maxPageSize))]
            if let firstID { pairs.append(("first_id", firstID)) }
            let page = try await json(.GET, "/messages" + Self.query(pairs))
            guard let data = page["data"]?.arrayValue else {
                throw ClientError.malformedResponse("the messages of conversation \(id) have no data array")
            }
            pages.append(page)
            let ids = data.compactMap { $0["id"]?.stringValue }
            let fresh = ids.filter { seen.insert($0).inserted }
            // Each page is oldest first; the next (older) page ends before its first message.
            guard page["has_more"]?.boolValue == true, !fresh.isEmpty, let oldest = ids.first else { break }
            firstID = oldest
        }
        let summary = await summary(of: id)
        let history = DifyHistory(conversationID: id, pages: pages, summary: summary)
        for repair in history.repairs {
            logger.info("conversation \(id): \(repair)")
        }
        var prompts: [String: DifyPrompt] = [:]
        for (messageID, prompt) in history.prompts {
            prompts[DifyHistory.queryNodeID(messageID)] = prompt
        }
        await memory.notePrompts(prompts)
        return FetchedConversation(
            conversation: history.conversation, raw: DifyConversationJSON.data(history.conversation))
    }

    /// The conversation's summary: the one remembered from the list, else the first list page's
    /// (Dify has no endpoint for one conversation); nil when neither has it.
    private func summary(of id: String) async -> DifyConversationSummary? {
        if let known = await memory.summaries[id] { return known }
        guard let list = try? await conversationPage(after: nil, limit: Self.maxPageSize) else { return nil }
        for item in list.items {
            await memory.setSummary(item)
        }
        return list.items.first { $0.id == id }
    }

    /// `POST /chat-messages/{task_id}/stop` with `{user}`, for the task of the request's
    /// stream (else the conversation's latest).
    public func stop(conversationID: String, websocketRequestID: String?) async throws {
        guard let task = await memory.task(request: websocketRequestID, conversation: conversationID) else {
            throw ClientError.configuration("No Dify answer is streaming in this conversation")
        }
        _ = try await raw(
            .POST, "/chat-messages/\(Self.escape(task))/stop", body: .object(["user": .string(configuration.user)]))
    }

    /// `POST /conversations/{id}/name` with `{auto_generate: true, user}`: Dify names the
    /// conversation; returns the name.
    public func generateTitle(conversationID: String, messageID: String) async throws -> String {
        let json = try await json(
            .POST, "/conversations/\(Self.escape(conversationID))/name",
            body: .object(["auto_generate": .bool(true), "user": .string(configuration.user)]))
        guard let name = json["name"]?.stringValue else {
            throw ClientError.malformedResponse("Dify named the conversation without a name")
        }
        await memory.setName(name, of: conversationID)
        return name
    }

    /// `POST /conversations/{id}/name` with `{name, user}`.
    public func rename(conversationID: String, title: String) async throws {
        _ = try await raw(
            .POST, "/conversations/\(Self.escape(conversationID))/name",
            body: .object(["name": .string(title), "user": .string(configuration.user)]))
        await memory.setName(title, of: conversationID)
    }

    /// Dify has no archive: throws.
    public func setArchived(conversationID: String, archived: Bool) async throws {
        throw ClientError.configuration("Dify has no archive; delete the conversation instead")
    }

    /// `DELETE /conversations/{id}` with `{user}`.
    public func delete(conversationID: String) async throws {
        _ = try await raw(
            .DELETE, "/conversations/\(Self.escape(conversationID))",
            body: .object(["user": .string(configuration.user)]))
        await memory.forget(conversationID)
    }

    /// The app the key belongs to: `GET /info`'s `name`.
    public func account() async throws -> AccountInfo? {
        let info = try await json(.GET, "/info")
        return AccountInfo.text(info["name"]).map { AccountInfo(app: $0) }
    }

    /// The configured model name, if any: a Dify app picks its model itself.
    public func models() async throws -> [ModelInfo] {
        guard let model = configuration.model else { return [] }
        return [ModelInfo(slug: model, title: model, description: "the Dify app's model")]
    }
}

extension RemoteSummary {
    /// A Dify conversation as a list entry (never archived).
    public init(dify summary: DifyConversationSummary) {
        self.init(
            id: summary.id, title: summary.name, createTime: summary.createTime, updateTime: summary.updateTime,
            isArchived: false)
    }
}

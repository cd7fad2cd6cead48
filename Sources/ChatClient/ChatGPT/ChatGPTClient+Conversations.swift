import ChatModel
import ChatProtocol
import Foundation
import Logging
import NIOHTTP1

extension ChatGPTClient {
    /// The most the list endpoint gives in one page; larger limits get a 422.
    public static let maxPageSize = 100

    /// `GET /backend-api/conversations?offset&limit&order=updated[&is_archived=true]`.
    /// The limit is clamped to 100; repeated ids are dropped. The page keeps what the server
    /// says of it (`limit`, `offset`, `total`, `has_missing_conversations`), so a caller pages
    /// by what was sent, not by what was asked (``ConversationPage/isLast``).
    public func listConversations(offset: Int, limit: Int, archived: Bool) async throws -> ConversationPage {
        let size = max(1, min(limit, Self.maxPageSize))
        let offset = max(0, offset)
        var query = "/backend-api/conversations?offset=\(offset)&limit=\(size)&order=updated"
        if archived { query += "&is_archived=true" }
        let json = try await json(.GET, query)
        guard let items = json["items"]?.arrayValue else {
            throw ClientError.malformedResponse("the conversation list has no items")
        }
        var seen = Set<String>()
        var summaries: [RemoteSummary] = []
        for item in items {
            guard let id = item["id"]?.stringValue, seen.insert(id).inserted else { continue }
            let created = ConversationJSON.time(item["create_time"])
            summaries.append(
                RemoteSummary(
                    id: id, title: item["title"]?.stringValue, createTime: created,
                    // Seed 004's 2023 list has no update_time: never updated, so as old as it is.
                    updateTime: ConversationJSON.time(item["update_time"]) ?? created,
                    isArchived: item["is_archived"]?.boolValue ?? archived))
        }
        func count(_ key: String) -> Int? {
            json[key]?.doubleValue.flatMap(Int.init(jsonNumber:)).flatMap { $0 >= 0 ? $0 : nil }
        }
        return ConversationPage(
            items: summaries, total: count("total"), offset: count("offset") ?? offset, limit: size,
            received: items.count, serverLimit: count("limit").flatMap { $0 > 0 ? $0 : nil },
            hasMissingConversations: json["has_missing_conversations"]?.boolValue)
    }

    /// `GET /backend-api/conversation/{id}`. A conversation without `update_time` (seed 004)
    /// counts as updated when it was created, as its list entry does, so it sorts by that.
    public func conversation(id: String) async throws -> FetchedConversation {
        let data = try await raw(.GET, "/backend-api/conversation/\(Self.escape(id))")
        do {
            var conversation = try FastJSON.decodeConversation(data, fallbackID: id)
            conversation.updateTime = conversation.updateTime ?? conversation.createTime
            return FetchedConversation(conversation: conversation, raw: data)
        } catch {
            throw ClientError.malformedResponse("conversation \(id): \(error)")
        }
    }

    /// `POST /backend-api/stop_conversation`.
    public func stop(conversationID: String, websocketRequestID: String?) async throws {
        var body: [String: JSONValue] = [
            "conversation_id": .string(conversationID), "exclude_async_types": .array([]),
        ]
        if let websocketRequestID { body["websocket_request_id"] = .string(websocketRequestID) }
        _ = try await raw(.POST, "/backend-api/stop_conversation", body: .object(body))
    }

    /// `POST /backend-api/conversation/gen_title/{id}`.
    public func generateTitle(conversationID: String, messageID: String) async throws -> String {
        var body: [String: JSONValue] = ["message_id": .string(messageID)]
        if let model = configuration.model { body["model"] = .string(model) }
        let json = try await json(
            .POST, "/backend-api/conversation/gen_title/\(Self.escape(conversationID))", body: .object(body))
        guard let title = json["title"]?.stringValue else {
            throw ClientError.malformedResponse("gen_title answered without a title")
        }
        return title
    }

    /// `PATCH /backend-api/conversation/{id}` with `{"title": …}`.
    public func rename(conversationID: String, title: String) async throws {
        try await patch(conversationID, ["title": .string(title)])
    }

    /// `PATCH /backend-api/conversation/{id}` with `{"is_archived": …}`.
    public func setArchived(conversationID: String, archived: Bool) async throws {
        try await patch(conversationID, ["is_archived": .bool(archived)])
    }

    /// `PATCH /backend-api/conversation/{id}` with `{"is_visible": false}` (the service's delete).
    public func delete(conversationID: String) async throws {
        try await patch(conversationID, ["is_visible": .bool(false)])
    }

    /// `GET /backend-api/models`.
    public func models() async throws -> [ModelInfo] {
        var query = "/backend-api/models"
        if configuration.historyAndTrainingDisabled { query += "?history_and_training_disabled=true" }
        let json = try await json(.GET, query)
        return (json["models"]?.arrayValue ?? []).compactMap { item in
            guard let slug = item["slug"]?.stringValue else { return nil }
            return ModelInfo(
                slug: slug, title: item["title"]?.stringValue ?? slug,
                description: item["description"]?.stringValue ?? "",
                tags: item["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                maxTokens: item["max_tokens"]?.doubleValue.flatMap(Int.init(jsonNumber:)))
        }
    }

    /// `GET /backend-api/prompt_library/`: starter prompts for an empty chat (title, prompt).
    public func starterPrompts(limit: Int = 4) async throws -> [StarterPrompt] {
        let json = try await json(.GET, "/backend-api/prompt_library/?limit=\(limit)&offset=0")
        return (json["items"]?.arrayValue ?? []).prefix(limit).compactMap { item in
            guard let prompt = item["prompt"]?.stringValue else { return nil }
            var title = item["title"]?.stringValue ?? prompt
            if let description = item["description"]?.stringValue, !description.isEmpty {
                title += " — " + description
            }
            return StarterPrompt(title: title, prompt: prompt)
        }
    }

    private func patch(_ id: String, _ fields: [String: JSONValue]) async throws {
        let json = try await json(.PATCH, "/backend-api/conversation/\(Self.escape(id))", body: .object(fields))
        if json["success"]?.boolValue == false {
            throw ClientError.malformedResponse("the server did not accept the change")
        }
    }

    /// Percent-escapes an id for a path segment.
    static func escape(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")))
            ?? id
    }
}

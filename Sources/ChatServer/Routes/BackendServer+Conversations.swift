import ChatArchive
import ChatModel
import ChatProtocol
import Hummingbird

extension BackendServer {
    /// The largest page the list endpoint serves (the real service answers 422 above it).
    static let maxPageSize = 100

    /// List, detail, PATCH (rename, archive, delete) and gen_title.
    func addConversationRoutes(to router: Router<BasicRequestContext>) {
        let book = self.book
        let server = self
        router.get("/backend-api/conversations") { request, _ -> Response in
            let query = request.uri.queryParameters
            let offset = try Self.intQuery(query.get("offset"), name: "offset", default: 0)
            let limit = try Self.intQuery(query.get("limit"), name: "limit", default: 28)
            if limit > Self.maxPageSize {
                throw APIError.queryOutOfRange(
                    "limit", message: "ensure this value is less than or equal to \(Self.maxPageSize)",
                    type: "value_error.number.not_le", limit: Self.maxPageSize)
            }
            if limit < 1 {
                throw APIError.queryOutOfRange(
                    "limit", message: "ensure this value is greater than or equal to 1",
                    type: "value_error.number.not_ge", limit: 1)
            }
            if offset < 0 {
                throw APIError.queryOutOfRange(
                    "offset", message: "ensure this value is greater than or equal to 0",
                    type: "value_error.number.not_ge", limit: 0)
            }
            let archived = query.get("is_archived") == "true"
            let rows = try book.summaries(archived: archived, offset: offset, limit: limit)
            let total = try book.count(archived: archived)
            return JSONResponse.make(
                .object([
                    "items": .array(rows.map(Self.listItem)), "total": .number(Double(total)),
                    "limit": .number(Double(limit)), "offset": .number(Double(offset)),
                    "has_missing_conversations": .bool(false),
                ]))
        }
        router.get("/backend-api/conversation/:id") { _, context -> Response in
            let id = try context.parameters.require("id")
            guard let c = try book.conversation(id: id) else { throw APIError.conversationNotFound(id) }
            return JSONResponse.make(ConversationEncoding.json(c))
        }
        router.patch("/backend-api/conversation/:id") { request, context -> Response in
            let id = try context.parameters.require("id")
            let patch = try ConversationPatch.parse(try await JSONResponse.body(request))
            try await book.patch(
                id: id, title: patch.title, archived: patch.isArchived, delete: patch.isVisible == false)
            return JSONResponse.make(.object(["success": .bool(true)]))
        }
        router.post("/backend-api/conversation/gen_title/:id") { request, context -> Response in
            let id = try context.parameters.require("id")
            _ = try await JSONResponse.body(request, allowEmpty: true)
            let title = try await server.generateTitle(conversationID: id)
            return JSONResponse.make(.object(["title": .string(title)]))
        }
    }

    /// Asks the engine for a title from the first prompt on the conversation's current branch
    /// and stores it (`gen_title`, and ``InProcessBackend``); 404 for an unknown conversation.
    func generateTitle(conversationID id: String) async throws -> String {
        guard let c = try book.conversation(id: id) else { throw APIError.conversationNotFound(id) }
        let prompt = ServerTree.history(to: c.currentNode ?? "", in: c).first(where: { $0.role == .user })?.text ?? ""
        let title = try await engine.title(for: prompt)
        try await book.setTitle(id: id, title: title)
        return title
    }

    /// A list item as the 2023-12 web client received it: ISO-8601 times, no mapping.
    static func listItem(_ s: ConversationSummary) -> JSONValue {
        .object([
            "id": .string(s.id), "title": s.title.map(JSONValue.string) ?? .null,
            "create_time": s.createTime.map { .string(WireTime.iso($0)) } ?? .null,
            "update_time": s.updateTime.map { .string(WireTime.iso($0)) } ?? .null,
            "mapping": .null, "current_node": .null, "conversation_template_id": .null, "gizmo_id": .null,
            "is_archived": .bool(s.isArchived), "workspace_id": .null,
        ])
    }

    /// An integer query parameter, or a 422 in pydantic's shape.
    static func intQuery(_ value: String?, name: String, default fallback: Int) throws -> Int {
        guard let value, !value.isEmpty else { return fallback }
        guard let n = Int(value) else { throw APIError.queryNotInteger(name) }
        return n
    }
}

import ChatModel
import Foundation
import Hummingbird

/// The Dify Service API routes over a ``DifyPeerBook``, on Hummingbird.
public enum DifyPeer {
    /// The routes over `book`; `messagesBody`, when set, is served verbatim for `GET /messages`.
    public static func router(_ book: DifyPeerBook, messagesBody: String? = nil, stream: [UInt8]? = nil)
        -> Router<BasicRequestContext>
    {
        let router = Router()
        @Sendable func reply(_ status: Int, _ value: JSONValue) -> Response {
            let data = (try? JSONEncoder().encode(value)) ?? Data()
            return jsonResponse(status, String(decoding: data, as: UTF8.self))
        }
        /// Auth and injected failures; nil to go on.
        @Sendable func refusal(_ request: Request, _ route: String) async -> Response? {
            guard request.headers[.authorization] == "Bearer \(DifyPeerBook.key)" else {
                return reply(401, DifyPeerBook.error(401, "unauthorized", "Access token is invalid"))
            }
            if let failure = await book.takeFailure(route) { return jsonResponse(failure.0, failure.1) }
            return nil
        }
        @Sendable func body(_ request: Request) async throws -> JSONValue {
            let buffer = try await request.body.collect(upTo: 1 << 20)
            return try JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView))
        }
        /// Records the request as `line` and its body under `route`; the body, and the refusal
        /// to answer instead, if any.
        @Sendable func take(_ request: Request, _ line: String, _ route: String) async throws -> (JSONValue, Response?)
        {
            let json = try await body(request)
            await book.record(line)
            await book.recordBody(route, json)
            return (json, await refusal(request, route))
        }
        // Dify's "Get Application Basic Information" (its API docs' `GET /info`).
        router.get("/v1/info") { request, _ -> Response in
            await book.record("GET /info")
            if let refused = await refusal(request, "info") { return refused }
            return jsonResponse(
                200,
                #"{"name": "\#(DifyPeerBook.appName)", "description": "answers about phones", "tags": ["peer"], "#
                    + #""mode": "chat", "author_name": "peer"}"#)
        }
        router.get("/v1/conversations") { request, _ -> Response in
            let query = request.uri.queryParameters
            await book.record(
                "GET /conversations user=\(query.get("user") ?? "-") last_id=\(query.get("last_id") ?? "-") "
                    + "limit=\(query.get("limit") ?? "-") sort_by=\(query.get("sort_by") ?? "-")")
            if let refused = await refusal(request, "conversations") { return refused }
            let (status, json) = await book.conversationsPage(
                lastID: query.get("last_id"), limit: Int(query.get("limit") ?? "20") ?? 20)
            return reply(status, json)
        }
        router.get("/v1/messages") { request, _ -> Response in
            let query = request.uri.queryParameters
            await book.record(
                "GET /messages conversation_id=\(query.get("conversation_id") ?? "-") "
                    + "first_id=\(query.get("first_id") ?? "-") limit=\(query.get("limit") ?? "-")")
            if let refused = await refusal(request, "messages") { return refused }
            if let messagesBody { return jsonResponse(200, messagesBody) }
            let (status, json) = await book.messagesPage(
                conversation: query.get("conversation_id") ?? "", firstID: query.get("first_id"),
                limit: Int(query.get("limit") ?? "20") ?? 20)
            return reply(status, json)
        }
        router.post("/v1/chat-messages") { request, _ -> Response in
            let (json, refused) = try await take(request, "POST /chat-messages", "chat")
            if let refused { return refused }
            guard request.headers[.accept] == "text/event-stream" else {
                return reply(400, DifyPeerBook.error(400, "invalid_param", "the client must accept SSE"))
            }
            if let stream { return sseResponse(Pieces.fixed(stream, 7)) }
            switch await book.chat(json) {
            case .success(let answer):
                guard let gate = answer.gate else {
                    return sseResponse(Pieces.fixed(answer.bytes, 7), drop: answer.drop)
                }
                // The first events go out at once; the rest waits for stop.
                let text = String(decoding: answer.bytes, as: UTF8.self)
                let cut = text.range(of: "data: {\"conversation_id\"", options: .backwards)?.lowerBound ?? text.endIndex
                return sseResponse(
                    [Array(text[..<cut].utf8)], gate: gate,
                    after: [Array(text[cut...].utf8)])
            case .failure(let error):
                return reply(error.status, error.body)
            }
        }
        router.post("/v1/chat-messages/:task/stop") { request, context -> Response in
            let task = try context.parameters.require("task")
            let (_, refused) = try await take(request, "POST /chat-messages/\(task)/stop", "stop")
            if let refused { return refused }
            _ = await book.stop(task: task)
            return reply(200, .object(["result": .string("success")]))
        }
        router.post("/v1/conversations/:id/name") { request, context -> Response in
            let id = try context.parameters.require("id")
            let (json, refused) = try await take(request, "POST /conversations/\(id)/name", "name")
            if let refused { return refused }
            let (status, answer) = await book.name(id, body: json)
            return reply(status, answer)
        }
        router.delete("/v1/conversations/:id") { request, context -> Response in
            let id = try context.parameters.require("id")
            let (_, refused) = try await take(request, "DELETE /conversations/\(id)", "delete")
            if let refused { return refused }
            guard await book.delete(id) else {
                return reply(404, DifyPeerBook.error(404, "not_found", "Conversation Not Exists."))
            }
            return Response(status: .noContent)
        }
        return router
    }
}

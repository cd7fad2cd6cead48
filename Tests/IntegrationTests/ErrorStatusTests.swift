import ChatClient
import ChatModel
import ChatProtocol
import ChatTestPeers
import Foundation
import Hummingbird
import Testing

/// Peers that answer with the errors PROTOCOL.md §1.7 lists: each maps to its ``ClientError``,
/// and only idempotent GETs are retried (a send is never posted twice, except once after a
/// refreshed session).
@Suite("HTTP errors", .timeLimit(.minutes(2)))
struct ErrorStatusTests {
    static let challengePage = """
        <!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head>
        <body><div class="cf-please-wait">Checking if the site connection is secure</div></body></html>
        """

    static let modelsBody = """
        {"models": [{"slug": "gpt-4o", "title": "GPT-4o", "description": "Our fastest model"}]}
        """

    /// A complete one-frame cumulative stream whose answer is "Hi".
    static let tinyStream = Array(
        ("data: {\"message\": {\"id\": \"m1\", \"author\": {\"role\": \"assistant\"}, \"content\": "
            + "{\"content_type\": \"text\", \"parts\": [\"Hi\"]}, \"status\": \"finished_successfully\", "
            + "\"end_turn\": true, \"metadata\": {}, \"recipient\": \"all\"}, \"conversation_id\": \"c1\", "
            + "\"error\": null}\n\ndata: [DONE]\n\n").utf8)

    static func htmlResponse(_ status: Int, _ page: String) -> Response {
        Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: "text/html; charset=UTF-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }

    /// A peer whose send and GET endpoints all answer `respond(hit number)`, counting hits by path.
    static func peer(hits: Hits, _ respond: @escaping @Sendable (_ hit: Int) -> Response)
        -> Router<BasicRequestContext>
    {
        let router = Router()
        router.post("/backend-api/conversation") { request, _ -> Response in
            _ = try await request.body.collect(upTo: 1 << 20)
            return respond(await hits.record("send"))
        }
        router.get("/backend-api/models") { _, _ -> Response in
            respond(await hits.record("models"))
        }
        router.get("/backend-api/conversations") { _, _ -> Response in
            respond(await hits.record("list"))
        }
        router.get("/backend-api/conversation/:id") { _, _ -> Response in
            respond(await hits.record("detail"))
        }
        router.patch("/backend-api/conversation/:id") { request, _ -> Response in
            _ = try await request.body.collect(upTo: 1 << 20)
            return respond(await hits.record("patch"))
        }
        return router
    }

    @Test func unauthorizedSaysHowToRenew() async throws {
        let hits = Hits()
        let body = """
            {"detail": {"message": "Your authentication token has expired. Please try signing in again.", \
            "type": "invalid_request_error", "param": null, "code": "token_expired"}}
            """
        try await withPeer(Self.peer(hits: hits) { _ in jsonResponse(401, body) }) { base in
            let client = makeClient(base)
            let expected = ClientError.unauthorized(
                detail: "Your authentication token has expired. Please try signing in again.")
            await #expect(throws: expected) { try await client.models() }
            let received = await receive(client.send(nextRequest("Hi")))
            #expect(received.clientError == expected)
            #expect(received.items.isEmpty)
            #expect(expected.description.contains("CHATTERM_ACCESS_TOKEN"))
        }
        // A bearer token cannot be refreshed: each call is asked once.
        #expect(await hits.count("models") == 1)
        #expect(await hits.count("send") == 1)
    }

    /// A peer whose session hands out `tok-1`, `tok-2`, …; `tok-1` has expired, later ones are good
    /// unless `alwaysReject`.
    /// A router whose `/api/auth/session` answers `session(hit number)` (counted as `session`,
    /// noting the cookie).
    static func sessionRouter(hits: Hits, _ session: @escaping @Sendable (_ hit: Int) -> String)
        -> Router<BasicRequestContext>
    {
        let router = Router()
        router.get("/api/auth/session") { request, _ -> Response in
            jsonResponse(200, session(await hits.record("session", note: request.headers[.cookie] ?? "")))
        }
        return router
    }

    static func sessionPeer(hits: Hits, alwaysReject: Bool = false) -> Router<BasicRequestContext> {
        let router = sessionRouter(hits: hits) { n in
            """
            {"user": {"id": "user-1"}, "expires": "2030-01-01T00:00:00.000Z", "accessToken": "tok-\(n)"}
            """
        }
        let accepted: @Sendable (Request) -> Bool = { request in
            guard let auth = request.headers[.authorization], auth.hasPrefix("Bearer tok-") else { return false }
            return !alwaysReject && auth != "Bearer tok-1"
        }
        let expired = """
            {"detail": {"message": "Your authentication token has expired.", "code": "token_expired"}}
            """
        router.get("/backend-api/models") { request, _ -> Response in
            await hits.record("models", note: request.headers[.authorization])
            return accepted(request) ? jsonResponse(200, Self.modelsBody) : jsonResponse(401, expired)
        }
        router.post("/backend-api/conversation") { request, _ -> Response in
            _ = try await request.body.collect(upTo: 1 << 20)
            await hits.record("send", note: request.headers[.authorization])
            return accepted(request) ? sseResponse([Self.tinyStream]) : jsonResponse(401, expired)
        }
        return router
    }

    static let cookie = "__Secure-next-auth.session-token=abc123"

    @Test func sessionCookieTokenIsRefreshedOnceAfter401OnAGet() async throws {
        let hits = Hits()
        try await withPeer(Self.sessionPeer(hits: hits)) { base in
            let client = makeClient(base, credentials: .sessionCookie(Self.cookie))
            #expect(
                try await client.models() == [
                    ModelInfo(slug: "gpt-4o", title: "GPT-4o", description: "Our fastest model")
                ])
            #expect(await hits.count("session") == 2)
            #expect(await hits.notes("models") == ["Bearer tok-1", "Bearer tok-2"])
            // The refreshed token is kept: the next calls fetch no session.
            let received = await receive(client.send(nextRequest("Hi")))
            #expect(received.transcript.answerText == "Hi")
            _ = try await client.models()
        }
        #expect(await hits.count("session") == 2)
        #expect(await hits.notes("session") == [Self.cookie, Self.cookie])
        #expect(await hits.notes("send") == ["Bearer tok-2"])
        #expect(await hits.count("models") == 3)
    }

    @Test func sessionCookieTokenIsRefreshedOnceAfter401OnASend() async throws {
        let hits = Hits()
        let received = try await withPeer(Self.sessionPeer(hits: hits)) { base in
            await receive(makeClient(base, credentials: .sessionCookie(Self.cookie)).send(nextRequest("Hi")))
        }
        #expect(received.error == nil)
        #expect(received.transcript.answerText == "Hi")
        #expect(received.completion == .complete)
        #expect(await hits.count("session") == 2)
        #expect(await hits.notes("send") == ["Bearer tok-1", "Bearer tok-2"])
    }

    @Test func sessionRefreshIsTriedOnlyOnce() async throws {
        let hits = Hits()
        try await withPeer(Self.sessionPeer(hits: hits, alwaysReject: true)) { base in
            let client = makeClient(base, credentials: .sessionCookie(Self.cookie))
            await #expect(throws: ClientError.unauthorized(detail: "Your authentication token has expired.")) {
                try await client.models()
            }
            #expect(await hits.count("models") == 2)
            #expect(await hits.count("session") == 2)
            let received = await receive(client.send(nextRequest("Hi")))
            #expect(received.clientError == .unauthorized(detail: "Your authentication token has expired."))
            #expect(received.items.isEmpty)
        }
        // The send starts with the cached token, then refreshes once more.
        #expect(await hits.count("send") == 2)
        #expect(await hits.count("session") == 3)
    }

    /// After the one refresh, retries of a GET (here after a 500) reuse the refreshed token.
    @Test func refreshedTokenIsKeptForRetries() async throws {
        let hits = Hits()
        let router = Self.sessionRouter(hits: hits) { n in #"{"accessToken": "tok-\#(n)"}"# }
        router.get("/backend-api/models") { request, _ -> Response in
            let hit = await hits.record("models", note: request.headers[.authorization])
            switch hit {
            case 1: return jsonResponse(401, #"{"detail": "token_expired"}"#)
            case 2: return jsonResponse(500, #"{"detail": "Internal error"}"#)
            default: return jsonResponse(200, Self.modelsBody)
            }
        }
        let models = try await withPeer(router) { base in
            try await makeClient(base, credentials: .sessionCookie(Self.cookie), getAttempts: 3).models()
        }
        #expect(models.map(\.slug) == ["gpt-4o"])
        #expect(await hits.notes("models") == ["Bearer tok-1", "Bearer tok-2", "Bearer tok-2"])
        #expect(await hits.count("session") == 2)
    }

    @Test func signedOutSessionsAreUnauthorized() async throws {
        let hits = Hits()
        let router = Self.sessionRouter(hits: hits) { n in n == 1 ? #"{"error": "RefreshAccessTokenError"}"# : "{}" }
        router.get("/backend-api/models") { _, _ -> Response in
            await hits.record("models")
            return jsonResponse(200, Self.modelsBody)
        }
        try await withPeer(router) { base in
            let client = makeClient(base, credentials: .sessionCookie(Self.cookie))
            await #expect(
                throws: ClientError.unauthorized(
                    detail: "the session says RefreshAccessTokenError; sign in again in a browser")
            ) { try await client.models() }
            await #expect(throws: ClientError.unauthorized(detail: "the session cookie is signed out")) {
                try await client.models()
            }
        }
        #expect(await hits.count("models") == 0)
    }

    @Test func forbiddenChallengePageIsNeverShown() async throws {
        let hits = Hits()
        try await withPeer(Self.peer(hits: hits) { _ in Self.htmlResponse(403, Self.challengePage) }) { base in
            let client = makeClient(base)
            let received = await receive(client.send(nextRequest("Hi")))
            #expect(received.clientError == .forbidden(detail: nil, challenge: true))
            #expect(received.items.isEmpty)
            let description = try #require(received.clientError).description
            #expect(!description.contains("<"))
            #expect(!description.contains("cf-please-wait"))
            #expect(description.contains("challenge"))
            await #expect(throws: ClientError.forbidden(detail: nil, challenge: true)) {
                try await client.listConversations(offset: 0, limit: 28, archived: false)
            }
        }
        #expect(await hits.count("send") == 1)
        #expect(await hits.count("list") == 1)
    }

    @Test func forbiddenWithJSONShowsTheDetail() async throws {
        let detail = "Our systems have detected unusual activity from your system. Please try again later."
        try await withPeer(Self.peer(hits: Hits()) { _ in jsonResponse(403, #"{"detail": "\#(detail)"}"#) }) {
            base in
            let received = await receive(makeClient(base).send(nextRequest("Hi")))
            #expect(received.clientError == .forbidden(detail: detail, challenge: false))
        }
    }

    @Test func notFoundCarriesTheDetail() async throws {
        let hits = Hits()
        try await withPeer(Self.peer(hits: hits) { _ in jsonResponse(404, #"{"detail": "Conversation not found"}"#) }) {
            base in
            await #expect(throws: ClientError.notFound(detail: "Conversation not found")) {
                try await makeClient(base).conversation(id: "gone")
            }
        }
        #expect(await hits.count("detail") == 1)
    }

    @Test func tooLargeReadsTheDetailObjectsMessage() async throws {
        let hits = Hits()
        let message =
            "The message you submitted was too long, please reload the conversation and submit something shorter."
        let body = #"{"detail": {"message": "\#(message)", "code": "message_length_exceeds_limit"}}"#
        let received = try await withPeer(Self.peer(hits: hits) { _ in jsonResponse(413, body) }) { base in
            await receive(makeClient(base).send(nextRequest(String(repeating: "long ", count: 2000))))
        }
        #expect(received.clientError == .tooLarge(detail: message))
        #expect(received.clientError?.description.contains("too long") == true)
        #expect(received.items.isEmpty)
        #expect(await hits.count("send") == 1)
    }

    @Test func unprocessableJoinsPydanticLocations() async throws {
        // The fixture's entry (chatgpt_error_422_missing_model), plus one with a numeric location.
        let body = """
            {"detail": [{"loc": ["body", "model"], "msg": "field required", "type": "value_error.missing"}, \
            {"loc": ["body", "messages", 0, "content"], "msg": "field required", "type": "value_error.missing"}]}
            """
        let received = try await withPeer(Self.peer(hits: Hits()) { _ in jsonResponse(422, body) }) { base in
            await receive(makeClient(base).send(nextRequest("Hi")))
        }
        let expected = ClientError.unprocessable(
            detail: "body.model: field required; body.messages.0.content: field required")
        #expect(received.clientError == expected)
        #expect(expected.description.contains("body.model: field required"))
    }

    @Test func rateLimitedCarriesRetryAfter() async throws {
        let hits = Hits()
        let detail = "You've reached our limit of messages per hour. Please try again later."
        let router = Self.peer(hits: hits) { _ in
            jsonResponse(429, #"{"detail": "\#(detail)"}"#, headers: [.init("Retry-After")!: "7"])
        }
        try await withPeer(router) { base in
            let client = makeClient(base, getAttempts: 5)
            let expected = ClientError.rateLimited(retryAfter: 7, detail: detail)
            await #expect(throws: expected) {
                try await client.listConversations(offset: 0, limit: 28, archived: false)
            }
            let received = await receive(client.send(nextRequest("Hi")))
            #expect(received.clientError == expected)
            guard case .rateLimited(let retryAfter, _)? = received.clientError else {
                Issue.record("not rate limited: \(String(describing: received.error))")
                return
            }
            #expect(retryAfter == 7)
            #expect(expected.description.contains("try again in 7 s"))
        }
        // Rate limits are not retried, not even on a GET.
        #expect(await hits.count("list") == 1)
        #expect(await hits.count("send") == 1)
    }

    @Test func serverErrorOnAGetIsRetriedUntilItSucceeds() async throws {
        let hits = Hits()
        let router = Self.peer(hits: hits) { hit in
            hit < 3 ? jsonResponse(500, #"{"detail": "Internal error"}"#) : jsonResponse(200, Self.modelsBody)
        }
        let models = try await withPeer(router) { base in
            try await makeClient(base, getAttempts: 3).models()
        }
        #expect(models.map(\.slug) == ["gpt-4o"])
        #expect(await hits.count("models") == 3)
    }

    @Test func serverErrorOnAGetGivesUpAfterTheAttempts() async throws {
        let hits = Hits()
        try await withPeer(Self.peer(hits: hits) { _ in jsonResponse(503, #"{"detail": "Overloaded"}"#) }) { base in
            await #expect(throws: ClientError.server(status: 503, detail: "Overloaded")) {
                try await makeClient(base, getAttempts: 4).conversation(id: "c1")
            }
        }
        #expect(await hits.count("detail") == 4)
    }

    @Test func droppedConnectionOnAGetIsRetried() async throws {
        let hits = Hits()
        let router = Router()
        router.get("/backend-api/models") { _, _ -> Response in
            let hit = await hits.record("models")
            if hit == 1 { return sseResponse([Array(#"{"models": ["#.utf8)], drop: true) }
            return jsonResponse(200, Self.modelsBody)
        }
        let models = try await withPeer(router) { base in try await makeClient(base).models() }
        #expect(models.map(\.slug) == ["gpt-4o"])
        #expect(await hits.count("models") == 2)
    }

    @Test func badGatewayOnSendIsNotRetried() async throws {
        let hits = Hits()
        let router = Self.peer(hits: hits) { _ in Self.htmlResponse(502, "<html><body>502 Bad Gateway</body></html>") }
        let received = try await withPeer(router) { base in
            await receive(makeClient(base, getAttempts: 5).send(nextRequest("Hi")))
        }
        #expect(received.clientError == .server(status: 502, detail: "an HTML error page"))
        #expect(received.items.isEmpty)
        #expect(await hits.count("send") == 1)
    }

    @Test func serverErrorOnAnEditIsNotRetried() async throws {
        let hits = Hits()
        try await withPeer(Self.peer(hits: hits) { _ in jsonResponse(500, #"{"detail": "boom"}"#) }) { base in
            await #expect(throws: ClientError.server(status: 500, detail: "boom")) {
                try await makeClient(base, getAttempts: 5).rename(conversationID: "c1", title: "New")
            }
        }
        #expect(await hits.count("patch") == 1)
    }
}

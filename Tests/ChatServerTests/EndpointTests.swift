import ChatModel
import ChatProtocol
import ChatServer
import ChatTestPeers
import ChatTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Endpoints: auth, shapes, status codes")
struct EndpointTests {
    @Test func missingOrWrongTokenIs401WithDetail() async throws {
        try await TestServer().test { client in
            let api = API(client: client)
            for headers: HTTPFields in [[:], [.authorization: "Bearer nope"], [.authorization: TestServer.token]] {
                let response = try await api.get("/backend-api/conversations", headers: headers)
                #expect(response.status == .unauthorized)
                #expect(try parse(response)["detail"]?.stringValue?.isEmpty == false)
            }
            let ok = try await api.get("/backend-api/conversations")
            #expect(ok.status == .ok)
        }
    }

    @Test func sessionAccountsAndModelsHaveTheSeedShapes() async throws {
        try await TestServer().test { client in
            let api = API(client: client)
            let session = try await api.json("/api/auth/session")
            #expect(session["accessToken"]?.stringValue == TestServer.token)
            #expect(session["user"]?["id"]?.stringValue != nil)
            #expect(session["expires"]?.stringValue.flatMap(ISOTime.parse) != nil)

            let check = try await api.json("/backend-api/accounts/check")
            #expect(check["account_plan"]?["subscription_plan"]?.stringValue != nil)
            #expect(check["features"]?.arrayValue != nil)
            let v4 = try await api.json("/backend-api/accounts/check/v4-2023-04-27")
            #expect(v4["accounts"]?["default"]?["features"]?.arrayValue?.contains(.string("shared_websocket")) == false)

            let models = try await api.json("/backend-api/models")
            let model = try #require(models["models"]?.arrayValue?.first)
            #expect(model["slug"]?.stringValue == "chatterm-offline")
            #expect(model["tags"]?.arrayValue == [.string("offline")])
            #expect(model["title"]?.stringValue?.lowercased().contains("offline") == true)
            #expect(models["categories"]?.arrayValue?.first?["default_model"]?.stringValue == "chatterm-offline")

            let prompts = try await api.json("/backend-api/prompt_library/?limit=4&offset=0")
            #expect((prompts["items"]?.arrayValue?.count ?? 0) >= 3)

            let moderation = try await api.send(.post, "/backend-api/moderations", .object(["input": .string("hi")]))
            #expect(try parse(moderation)["flagged"]?.boolValue == false)
        }
    }

    @Test func limitAbove100Is422WithSeed004Detail() async throws {
        try await TestServer().test { client in
            let response = try await API(client: client).get("/backend-api/conversations?offset=0&limit=101")
            #expect(response.status == .unprocessableContent)
            // Seed 004's entry, listed once (the real service repeats it).
            let entry: JSONValue = .object([
                "loc": .array([.string("query"), .string("limit")]),
                "msg": .string("ensure this value is less than or equal to 100"),
                "type": .string("value_error.number.not_le"),
                "ctx": .object(["limit_value": .number(100)]),
            ])
            #expect(try parse(response) == .object(["detail": .array([entry])]))
            let bad = try await API(client: client).get("/backend-api/conversations?limit=ten")
            #expect(bad.status == .unprocessableContent)
        }
    }

    @Test func patchWithAWrongTypeIs422NamingEachFieldOnceAndChangesNothing() async throws {
        try await TestServer().test { client in
            let api = API(client: client)
            let id = try await api.next("Keep my title").conversationID
            let uri = "/backend-api/conversation/\(id)"
            let title = try await api.json(uri)["title"]
            func entry(_ field: String, _ message: String, _ type: String) -> JSONValue {
                .object([
                    "loc": .array([.string("body"), .string(field)]), "msg": .string(message), "type": .string(type),
                ])
            }

            let object = try await api.send(.patch, uri, .object(["title": .object(["text": .string("x")])]))
            #expect(object.status == .unprocessableContent)
            #expect(
                try parse(object)
                    == .object(["detail": .array([entry("title", "str type expected", "type_error.str")])]))

            let two = try await api.send(
                .patch, uri, .object(["title": .number(5), "is_archived": .string("yes"), "is_visible": .bool(true)]))
            #expect(two.status == .unprocessableContent)
            #expect(
                try parse(two)
                    == .object([
                        "detail": .array([
                            entry("title", "str type expected", "type_error.str"),
                            entry("is_archived", "value could not be parsed to a boolean", "type_error.bool"),
                        ])
                    ]))

            let deleted = try await api.send(.patch, uri, .object(["is_visible": .string("false")]))
            #expect(deleted.status == .unprocessableContent)
            // Nothing changed: same title, not archived, still there.
            let after = try await api.json(uri)
            #expect(after["title"] == title)
            #expect(after["is_archived"]?.boolValue != true)

            let renamed = try await api.send(
                .patch, uri, .object(["title": .string("New title"), "is_archived": .null]))
            #expect(renamed.status == .ok)
            #expect(try await api.json(uri)["title"]?.stringValue == "New title")
        }
    }

    @Test func unknownConversationIs404() async throws {
        try await TestServer().test { client in
            let api = API(client: client)
            let response = try await api.get("/backend-api/conversation/nope")
            #expect(response.status == .notFound)
            #expect(try parse(response)["detail"]?.stringValue?.contains("nope") == true)
            let patch = try await api.send(.patch, "/backend-api/conversation/nope", .object(["title": .string("x")]))
            #expect(patch.status == .notFound)
            let title = try await api.send(.post, "/backend-api/conversation/gen_title/nope", .object([:]))
            #expect(title.status == .notFound)
        }
    }

    @Test func malformedBodyIs400WithDetail() async throws {
        try await TestServer().test { client in
            for uri in ["/backend-api/conversation", "/backend-api/moderations"] {
                let response = try await client.execute(
                    uri: uri, method: .post, headers: TestServer.auth,
                    body: ByteBuffer(string: "{\"action\": \"next\","))
                #expect(response.status == .badRequest)
                #expect(try parse(response)["detail"]?.stringValue?.isEmpty == false)
            }
            let patch = try await client.execute(
                uri: "/backend-api/conversation/x", method: .patch, headers: TestServer.auth,
                body: ByteBuffer(string: "[1,"))
            #expect(patch.status == .badRequest)
            let noMessages = try await API(client: client).send(
                .post, "/backend-api/conversation", .object(["action": .string("next")]))
            #expect(noMessages.status == .badRequest)
        }
    }
}

import AsyncHTTPClient
import ChatModel
import ChatProtocol
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@testable import ChatClient

/// What the clients put on the wire, built without sending it: a send's JSON body, the
/// headers, the URLs, and the configurations they come from.
@Suite struct RequestTests {
    static func client(
        model: String? = nil, historyAndTrainingDisabled: Bool = false, extraHeaders: [(String, String)] = []
    ) -> ChatGPTClient {
        ChatGPTClient(
            configuration: ChatGPTConfiguration(
                baseURL: "http://127.0.0.1:9/", credentials: .accessToken("tok"), model: model,
                historyAndTrainingDisabled: historyAndTrainingDisabled, extraHeaders: extraHeaders))
    }

    static let prompt = TextMessage(id: "user-1", text: "你好 there")

    @Test func aNewChatsBodyHasNoConversationAndTheConfiguredModel() throws {
        let request = ChatRequest(
            action: .next, conversationID: nil, parentMessageID: ChatGPTClient.newConversationParent,
            messages: [Self.prompt], websocketRequestID: "ws-1")
        let body = Self.client(model: "gpt-4o", historyAndTrainingDisabled: true).body(for: request, forceSSE: true)
        let object = try #require(body.objectValue)
        #expect(object["conversation_id"] == nil)
        #expect(body["action"] == .string("next"))
        #expect(body["parent_message_id"] == .string(Conversation.newConversationRoot))
        #expect(body["model"] == .string("gpt-4o"), "the request names none: the configuration's")
        #expect(body["history_and_training_disabled"] == .bool(true))
        #expect(body["force_use_sse"] == .bool(true))
        #expect(body["websocket_request_id"] == .string("ws-1"))
        #expect(body["conversation_mode"]?["kind"] == .string("primary_assistant"))
        #expect(body["timezone_offset_min"] == .number(Double(-TimeZone.current.secondsFromGMT() / 60)))
        #expect(
            body["messages"]
                == .array([
                    .object([
                        "id": .string("user-1"), "author": .object(["role": .string("user")]),
                        "content": .object(["content_type": .string("text"), "parts": .array([.string("你好 there")])]),
                        "metadata": .object([:]),
                    ])
                ]))
        // And it is JSON a server reads back the same.
        let bytes = try JSONEncoder().encode(body)
        #expect(try FastJSON.parse(bytes) == body)
    }

    @Test func aRegenerateNamesItsConversationAndSendsNoMessage() {
        let request = ChatRequest(
            action: .variant, conversationID: "conv-1", parentMessageID: "user-1", messages: [], model: "o3",
            websocketRequestID: "ws-2")
        let body = Self.client(model: "gpt-4o").body(for: request, forceSSE: false)
        #expect(body["action"] == .string("variant"))
        #expect(body["conversation_id"] == .string("conv-1"))
        #expect(body["model"] == .string("o3"), "the request's model wins")
        #expect(body["messages"] == .array([]))
        #expect(body["force_use_sse"] == .bool(false))
        #expect(body["history_and_training_disabled"] == .bool(false))
        let unnamed = ChatRequest(action: .continue, conversationID: "conv-1", parentMessageID: "a1", messages: [])
        #expect(Self.client().body(for: unnamed, forceSSE: false)["model"] == .string("auto"))
        #expect(Self.client().body(for: unnamed, forceSSE: false)["action"] == .string("continue"))
    }

    @Test func headersCarryTheTokenAndTheExtrasButOnlyWhenThereIsAToken() {
        let client = Self.client(extraHeaders: [("Chatgpt-Account-Id", "team-1"), ("X-Chatterm-Stream", "delta")])
        let headers = client.headers(token: "tok", accept: "text/event-stream")
        #expect(headers["Authorization"] == ["Bearer tok"])
        #expect(headers["Accept"] == ["text/event-stream"])
        #expect(headers["Chatgpt-Account-Id"] == ["team-1"])
        #expect(headers["X-Chatterm-Stream"] == ["delta"])
        #expect(client.headers(token: nil)["Authorization"].isEmpty)
        #expect(client.headers(token: nil)["Accept"] == ["application/json"])
    }

    @Test func configurationsTidyTheirAddresses() {
        let configuration = ChatGPTConfiguration(
            baseURL: "https://chatgpt.com///", conversationPath: "backend-api/f/conversation",
            credentials: .none, getAttempts: 0)
        #expect(configuration.baseURL == "https://chatgpt.com")
        #expect(configuration.conversationPath == "/backend-api/f/conversation")
        #expect(configuration.getAttempts == 1)
        let client = ChatGPTClient(configuration: configuration)
        #expect(client.url("/backend-api/models") == "https://chatgpt.com/backend-api/models")
        let dify = DifyConfiguration(baseURL: "http://host/v1/", apiKey: "app-secret-123", getAttempts: -2)
        #expect(dify.baseURL == "http://host/v1")
        #expect(dify.getAttempts == 1)
        #expect(DifyClient(configuration: dify).url("/messages") == "http://host/v1/messages")
    }

    @Test func aDifyConfigurationNeverShowsItsKey() {
        let dify = DifyConfiguration(apiKey: "app-secret-123", sourceName: "qwen")
        #expect(!dify.description.contains("app-secret-123"))
        #expect(dify.description.contains("key hidden") && dify.description.contains("source qwen"))
        #expect(DifyConfiguration(apiKey: "").description.contains("key missing"))
        let headers = DifyClient(configuration: dify).headers()
        #expect(headers["Authorization"] == ["Bearer app-secret-123"])
    }

    @Test func idsAndQueriesAreEscaped() {
        #expect(ChatGPTClient.escape("a/b c?d") == "a%2Fb%20c%3Fd")
        #expect(ChatGPTClient.escape("conv-1") == "conv-1")
        #expect(
            DifyClient.query([("user", "a&b=c"), ("last_id", "x y"), ("limit", "20")])
                == "?user=a%26b%3Dc&last_id=x%20y&limit=20")
        #expect(DifyClient.path("/messages?user=me&conversation_id=c") == "/messages")
    }

    @Test func aDifySendPostsTheQueryUnderItsParent() throws {
        let client = DifyClient(configuration: DifyConfiguration(apiKey: "k", user: "me"))
        let request = ChatRequest(action: .next, conversationID: nil, parentMessageID: "root", messages: [Self.prompt])
        let plan = DifyClient.SendPlan(query: "你好 there", difyParent: "msg-7", echo: nil, answerParent: "user-1")
        let body = client.body(for: request, plan: plan)
        #expect(
            body
                == .object([
                    "inputs": .object([:]), "query": .string("你好 there"), "response_mode": .string("streaming"),
                    "conversation_id": .string(""), "user": .string("me"), "auto_generate_name": .bool(true),
                    "parent_message_id": .string("msg-7"),
                ]))
        var first = plan
        first.difyParent = nil
        let named = ChatRequest(action: .next, conversationID: "c-1", parentMessageID: "root", messages: [Self.prompt])
        let second = client.body(for: named, plan: first)
        #expect(try #require(second.objectValue)["parent_message_id"] == nil)
        #expect(second["conversation_id"] == .string("c-1"))
    }

    @Test func aJSONRequestSaysSoAndCarriesItsBody() async throws {
        var headers = HTTPHeaders()
        headers.add(name: "Accept", value: "application/json")
        let body: JSONValue = .object(["title": .string("Trees 🌳"), "n": .number(2)])
        let request = try HTTPExchange.request(.PATCH, url: "http://h/x", headers: headers, body: body)
        #expect(request.method == .PATCH)
        #expect(request.url == "http://h/x")
        #expect(request.headers["Content-Type"] == ["application/json"])
        #expect(request.headers["Accept"] == ["application/json"])
        #expect(try FastJSON.parse(try await RecordingTransport.bytes(of: request)) == body)
        let get = try HTTPExchange.request(.GET, url: "http://h/y", headers: headers, body: nil)
        #expect(get.headers["Content-Type"].isEmpty)
        #expect(get.body == nil)
    }
}

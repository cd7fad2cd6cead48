import ChatModel
import ChatProtocol
import Foundation
import Testing

@testable import ChatClient

/// What a send puts on the wire for a custom GPT's conversation and for a starter prompt, as
/// the web page does (PROTOCOL.md §1.5; the body of seed 001, "新建一个会话"), over
/// ``RecordingTransport``: the exact body the client posts.
@Suite(.timeLimit(.minutes(1))) struct GizmoAndStarterBodyTests {
    static func client(_ transport: RecordingTransport) -> ChatGPTClient {
        ChatGPTClient(
            configuration: ChatGPTConfiguration(
                baseURL: "http://server", credentials: .accessToken("tok"), forceSSE: true,
                retryDelay: .milliseconds(1)),
            http: transport)
    }

    /// A conversation detail shaped like seed 002's items and the 2023-12 dev-master-ext
    /// fixture (`gizmo_id` beside the title and times), with a GPT's id where they have null.
    static func detail(gizmo: String) -> String {
        """
        {"title": "Tell me a fun fact", "create_time": 1702647206.44, "update_time": 1702647221.0,
         "mapping": {"aaa1": {"id": "aaa1", "message": null, "parent": null, "children": ["aaa2"]},
          "aaa2": {"id": "aaa2", "message": {"id": "aaa2", "author": {"role": "user"},
           "content": {"content_type": "text", "parts": ["Tell me a fun fact"]}, "status": "finished_successfully",
           "metadata": {}}, "parent": "aaa1", "children": []}},
         "moderation_results": [], "current_node": "aaa2", "plugin_ids": null, "conversation_id": "conv-g",
         "conversation_template_id": null, "gizmo_id": \(gizmo), "is_archived": false, "safe_urls": [],
         "id": "conv-g"}
        """
    }

    /// The body of the last request `transport` recorded, parsed.
    static func lastBody(_ transport: RecordingTransport) throws -> JSONValue {
        try FastJSON.parse(try #require(transport.sent.last).body)
    }

    /// Fetches the conversation, then continues it as `chatterm send` does.
    static func continueConversation(detail: String) async throws -> JSONValue {
        let transport = RecordingTransport(
            .init(status: 200, body: detail), .init(status: 500, body: #"{"detail": "not needed"}"#))
        let client = Self.client(transport)
        let fetched = try await client.conversation(id: "conv-g").conversation
        let request = ChatRequest(
            action: .next, conversationID: "conv-g", parentMessageID: "aaa2",
            messages: [TextMessage(id: "u2", text: "Another")], websocketRequestID: "ws-g", gizmoID: fetched.gizmoID)
        // The peer refuses the post; what matters is what was posted.
        await #expect(throws: ClientError.self) { for try await _ in client.send(request) {} }
        return try Self.lastBody(transport)
    }

    @Test func aCustomGPTsConversationGoesOnTalkingToThatGPT() async throws {
        let body = try await Self.continueConversation(detail: Self.detail(gizmo: #""g-2fkFE8rbu""#))
        #expect(
            body["conversation_mode"]
                == .object(["kind": .string("gizmo_interaction"), "gizmo_id": .string("g-2fkFE8rbu")]))
        #expect(body["conversation_id"] == .string("conv-g"))
    }

    @Test func aPlainConversationStaysWithThePrimaryAssistant() async throws {
        // `gizmo_id: null`, as every item of seed 002 and the dev-master-ext fixture has it.
        let body = try await Self.continueConversation(detail: Self.detail(gizmo: "null"))
        #expect(body["conversation_mode"] == .object(["kind": .string("primary_assistant")]))
    }

    @Test func aStarterPromptIsMarkedAndTheStartersShownGoAlong() async throws {
        // Seed 001's new chat: the first of the four starters shown, sent as offered.
        let starters = [
            "为 TikTok 帐户创建一个用于评估房地产楼盘的内容日历。",
            "让我们通过世界首都小测试来提高我的地理知识水平。你可以先随便问我一个国家的首都，我会尽我最大的努力提供正确答案。",
            "随便告诉我一个关于罗马帝国的趣事",
            "我刚搬到一个新城市，希望结交些朋友。你能推荐一些有趣的活动来帮助我实现这个目标吗？",
        ]
        let transport = RecordingTransport(.init(status: 500, body: #"{"detail": "not needed"}"#))
        let request = ChatRequest(
            action: .next, conversationID: nil, parentMessageID: "aaa10e5b-13c0-4682-8285-23b44800ac47",
            messages: [TextMessage(id: "aaa2d6d4-5a8b-473e-bd21-e3bf2ee4f571", text: starters[0])],
            websocketRequestID: "ws-s", isStarterPrompt: true, suggestions: starters)
        await #expect(throws: ClientError.self) { for try await _ in Self.client(transport).send(request) {} }
        let body = try Self.lastBody(transport)
        #expect(
            body["messages"]
                == .array([
                    .object([
                        "id": .string("aaa2d6d4-5a8b-473e-bd21-e3bf2ee4f571"),
                        "author": .object(["role": .string("user")]),
                        "content": .object([
                            "content_type": .string("text"), "parts": .array([.string(starters[0])]),
                        ]),
                        "metadata": .object(["is_starter_prompt": .bool(true)]),
                    ])
                ]))
        #expect(body["suggestions"] == .array(starters.map(JSONValue.string)))
        #expect(body["conversation_mode"] == .object(["kind": .string("primary_assistant")]))
        // A typed prompt is not marked.
        let typed = ChatRequest(
            action: .next, conversationID: nil, parentMessageID: "p", messages: [TextMessage(id: "u", text: "hi")])
        let typedBody = Self.client(transport).body(for: typed, forceSSE: true)
        #expect(typedBody["messages"]?.arrayValue?.first?["metadata"] == .object([:]))
        #expect(typedBody["suggestions"] == .array([]))
    }
}

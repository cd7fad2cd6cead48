import ChatModel
import ChatProtocol
import Foundation
import Testing

@testable import ChatClient

/// The client's own rules around a request, over a transport with no socket
/// (``RecordingTransport``): the list's page size and what a page counts, which calls are
/// tried again, and what a refused send throws.
@Suite(.timeLimit(.minutes(1))) struct PagingAndRetryTests {
    static func client(_ transport: RecordingTransport, attempts: Int = 3) -> ChatGPTClient {
        ChatGPTClient(
            configuration: ChatGPTConfiguration(
                baseURL: "http://server", credentials: .accessToken("tok"), getAttempts: attempts,
                retryDelay: .milliseconds(1)),
            http: transport)
    }

    static func item(_ id: String, archived: Bool? = nil) -> String {
        let flag = archived.map { #", "is_archived": \#($0)"# } ?? ""
        return #"{"id": "\#(id)", "title": "T \#(id)", "update_time": 1700000000.5\#(flag)}"#
    }

    @Test func aListPageAsksAtMostAHundredAndCountsWhatTheServerSent() async throws {
        let items = [Self.item("a"), Self.item("b"), Self.item("a"), Self.item("c", archived: false)]
        let transport = RecordingTransport(
            .init(status: 200, body: #"{"items": [\#(items.joined(separator: ","))], "total": 250}"#))
        let page = try await Self.client(transport).listConversations(offset: -5, limit: 500, archived: true)
        #expect(
            transport.sent.map(\.url) == [
                "http://server/backend-api/conversations?offset=0&limit=100&order=updated&is_archived=true"
            ])
        #expect(transport.sent.first?.method == .GET)
        #expect(transport.sent.first?.headers["Authorization"] == ["Bearer tok"])
        // The repeat is dropped, but counted: the server sent four, so the next page is four on.
        #expect(page.items.map(\.id) == ["a", "b", "c"])
        #expect(page.received == 4 && page.limit == 100 && page.total == 250 && page.offset == 0)
        #expect(page.serverLimit == nil && page.nextOffset == 4 && !page.isLast)
        // A listed item without a flag is in the list it was asked from; one with a flag says so.
        #expect(page.items.map(\.isArchived) == [true, true, false])
        #expect(page.items.first?.updateTime == 1_700_000_000.5)
    }

    @Test func aListPageKeepsWhatTheServerSaysOfIt() async throws {
        // A server capping pages at 20, saying so, starting where it says.
        let items = (0..<20).map { Self.item("c\($0)") }.joined(separator: ",")
        let body =
            #"{"items": [\#(items)], "total": 300, "limit": 20, "offset": 40, "has_missing_conversations": false}"#
        let transport = RecordingTransport(.init(status: 200, body: body))
        let page = try await Self.client(transport).listConversations(offset: 40, limit: 100, archived: false)
        #expect(page.limit == 100 && page.serverLimit == 20 && page.offset == 40 && page.total == 300)
        #expect(page.hasMissingConversations == false)
        #expect(page.nextOffset == 60 && !page.isLast)
    }

    @Test func aListItemWithoutUpdateTimeCountsAsUpdatedWhenCreated() async throws {
        // Seed 004's 2023 list: `create_time` only.
        let body = """
            {"items": [{"create_time": "2023-01-18T20:43:46.689880", "id": "a", "title": "REDACTED"}], \
            "limit": 100, "offset": 0, "total": 93}
            """
        let transport = RecordingTransport(.init(status: 200, body: body))
        let page = try await Self.client(transport).listConversations(offset: 0, limit: 100, archived: false)
        let item = try #require(page.items.first)
        #expect(item.createTime != nil)
        #expect(item.updateTime == item.createTime)
        #expect(page.isLast, "a page short of the server's own limit ends the list, whatever total says")
    }

    @Test func aListPageAsksAtLeastOne() async throws {
        let transport = RecordingTransport(.init(status: 200, body: #"{"items": []}"#))
        let page = try await Self.client(transport).listConversations(offset: 30, limit: 0, archived: false)
        #expect(
            transport.sent.map(\.url) == ["http://server/backend-api/conversations?offset=30&limit=1&order=updated"])
        #expect(page.items.isEmpty && page.received == 0 && page.total == nil)
    }

    @Test func aListWithoutItemsIsMalformed() async throws {
        let transport = RecordingTransport(.init(status: 200, body: #"{"conversations": []}"#))
        await #expect(throws: ClientError.malformedResponse("the conversation list has no items")) {
            try await Self.client(transport).listConversations(offset: 0, limit: 20, archived: false)
        }
    }

    @Test func aReadIsTriedAgainAfterAServerFailureAndAChangeIsNot() async throws {
        let failing = RecordingTransport(
            .init(status: 503, body: #"{"detail": "busy"}"#), .init(status: 200, body: #"{"models": [{"slug": "o3"}]}"#)
        )
        let models = try await Self.client(failing).models()
        #expect(models.map(\.slug) == ["o3"] && models.first?.title == "o3")
        #expect(failing.sent.count == 2)

        let down = RecordingTransport(.init(status: 502, body: #"{"detail": "bad gateway"}"#))
        await #expect(throws: ClientError.server(status: 502, detail: "bad gateway")) {
            try await Self.client(down, attempts: 3).models()
        }
        #expect(down.sent.count == 3, "every attempt, then the error")

        let refused = RecordingTransport(.init(status: 500, body: #"{"detail": "no"}"#))
        await #expect(throws: ClientError.server(status: 500, detail: "no")) {
            try await Self.client(refused).rename(conversationID: "c/1", title: "New")
        }
        #expect(refused.sent.count == 1, "a PATCH is sent once")
        let patch = try #require(refused.sent.first)
        #expect(patch.method == .PATCH && patch.url == "http://server/backend-api/conversation/c%2F1")
        #expect(try FastJSON.parse(patch.body) == .object(["title": .string("New")]))
    }

    @Test func aClientErrorOnAReadIsNotTriedAgain() async throws {
        let transport = RecordingTransport(.init(status: 404, body: #"{"detail": "Conversation not found"}"#))
        await #expect(throws: ClientError.notFound(detail: "Conversation not found")) {
            _ = try await Self.client(transport).conversation(id: "gone")
        }
        #expect(transport.sent.count == 1)
    }

    @Test func aRefusedSendThrowsBeforeAnyItemAndIsNotSentAgain() async throws {
        let transport = RecordingTransport(
            .init(status: 429, body: #"{"detail": "Too many requests"}"#, headers: [("Retry-After", "12")]))
        let client = Self.client(transport)
        let request = ChatRequest(
            action: .next, conversationID: "conv-1", parentMessageID: "a1",
            messages: [TextMessage(id: "u2", text: "again")], websocketRequestID: "ws-9")
        var items: [ChatStreamItem] = []
        await #expect(throws: ClientError.rateLimited(retryAfter: 12, detail: "Too many requests")) {
            for try await item in client.send(request) { items.append(item) }
        }
        #expect(items.isEmpty)
        // A socket is asked for before the post (refused alike); the message is posted once.
        #expect(
            transport.sent.map(\.url) == [
                "http://server/backend-api/register-websocket", "http://server/backend-api/conversation",
            ])
        let sent = try #require(transport.sent.last)
        #expect(sent.url == "http://server/backend-api/conversation")
        #expect(sent.headers["Accept"] == ["text/event-stream"])
        #expect(try FastJSON.parse(sent.body) == client.body(for: request, forceSSE: false))
    }
}

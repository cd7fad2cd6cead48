import ChatClient
import ChatModel
import ChatProtocol
import ChatServer
import ChatTestPeers
import ChatTestSupport
import Foundation
import Testing

/// The whole chain over real sockets: `ChatGPTClient` → `BackendServer(CozeEngine)` → the
/// Coze peer. The server keeps the tree; Coze gets the branch's history each turn.
@Suite("Coze chain", .enabled(if: Fixtures.available), .timeLimit(.minutes(2)))
struct CozeChainTests {
    /// Runs `body` with a client of a local server answering through a Coze engine for `botID`.
    static func withChain(
        botID: String, apiKey: String = CozePeer.token, mode: StreamMode? = nil,
        _ body: (ChatGPTClient, CozeCalls) async throws -> Void
    ) async throws {
        let calls = CozeCalls()
        try await withPeer(CozePeer.router(calls: calls)) { coze in
            let engine = try CozeEngine(baseURL: coze, botID: botID, apiKey: apiKey, model: "Forest bot")
            try await TestServer(engine: engine).serve { server in
                try await body(server.client(mode: mode), calls)
            }
        }
    }

    /// The stored answer of a stream.
    static func storedAnswer(_ client: ChatGPTClient, _ received: Received) async throws -> Message {
        let conversationID = try #require(received.conversationID)
        let answerID = try #require(received.transcript.answerID)
        let conversation = try await client.conversation(id: conversationID).conversation
        return try #require(conversation.mapping[answerID]?.message)
    }

    @Test(arguments: StreamMode.allCases)
    func theCompletedTextReplacesTheDeltasInEveryMode(mode: StreamMode) async throws {
        try await Self.withChain(botID: "text", mode: mode) { client, _ in
            let received = await receive(client.send(nextRequest("What day is 2024-10-01?")))
            #expect(received.error == nil)
            #expect(received.completion == .complete)
            #expect(received.transcript.answerText == "2024 年 10 月 1 日是星期三。")
            let answer = try await Self.storedAnswer(client, received)
            #expect(answer.content.displayText == "2024 年 10 月 1 日是星期三。")
            #expect(answer.status == "finished_successfully")
            #expect(answer.tokenUsage?.promptTokens == 614 && answer.tokenUsage?.totalTokens == 633)
            #expect(answer.errorText == nil)
        }
    }

    @Test func extrasAreStoredAndRegenerateAndEditMakeSiblings() async throws {
        try await Self.withChain(botID: "rich") { client, calls in
            let userID = UUID().uuidString.lowercased()
            let first = await receive(client.send(nextRequest("What is a forest?", userID: userID)))
            #expect(first.error == nil && first.completion == .complete)
            #expect(first.transcript.answerText == CozePeer.richAnswer(1))
            let conversationID = try #require(first.conversationID)
            let firstID = try #require(first.transcript.answerID)

            let answer = try await Self.storedAnswer(client, first)
            #expect(answer.followUps == ["Why are forests green?", "How old is the oldest tree?"])
            #expect(answer.notes.map(\.kind) == ["reasoning"])
            #expect(answer.notes.first?.text == "Counting messages.")
            #expect(answer.tokenUsage?.completionTokens == 10 && answer.tokenUsage?.latency != nil)

            // Regenerate: another answer to the same user message, from the same history.
            let again = await receive(
                client.send(
                    ChatRequest(action: .variant, conversationID: conversationID, parentMessageID: userID, messages: [])
                ))
            #expect(again.error == nil && again.answerParentID == userID)
            let secondID = try #require(again.transcript.answerID)

            // A follow-up question under the first answer, then an edit of it (a sibling).
            let next = await receive(
                client.send(nextRequest("And a tree?", conversationID: conversationID, parent: firstID)))
            let edit = await receive(
                client.send(nextRequest("And a grove?", conversationID: conversationID, parent: firstID)))
            #expect(next.transcript.answerText == CozePeer.richAnswer(3))
            #expect(edit.transcript.answerText == CozePeer.richAnswer(3))

            let c = try await client.conversation(id: conversationID).conversation
            #expect(c.mapping[userID]?.children.sorted() == [firstID, secondID].sorted())
            #expect(c.mapping[firstID]?.children.count == 2)
            let sent = calls.all.map { $0.messages.map { "\($0["type"] ?? "?"):\($0["content"] ?? "")" } }
            let firstAnswer = "answer:" + CozePeer.richAnswer(1)
            #expect(
                sent == [
                    ["question:What is a forest?"], ["question:What is a forest?"],
                    ["question:What is a forest?", firstAnswer, "question:And a tree?"],
                    ["question:What is a forest?", firstAnswer, "question:And a grove?"],
                ])
            #expect(calls.all.allSatisfy { $0.botID == "rich" && $0.authorization == "Bearer \(CozePeer.token)" })
        }
    }

    @Test func continueSendsThePartialAnswerAndAnInstruction() async throws {
        try await Self.withChain(botID: "rich") { client, calls in
            let first = await receive(client.send(nextRequest("Hi")))
            let conversationID = try #require(first.conversationID)
            let answerID = try #require(first.transcript.answerID)
            let more = await receive(
                client.send(
                    ChatRequest(
                        action: .continue, conversationID: conversationID, parentMessageID: answerID, messages: [])
                ))
            #expect(more.error == nil && more.answerParentID == answerID)
            #expect(
                calls.all.last?.messages.map { $0["content"] ?? "" } == [
                    "Hi", CozePeer.richAnswer(1), OpenAICompatibleEngine.continueInstruction,
                ])
        }
    }

    @Test func aFailedChatKeepsThePartialTextAndTheError() async throws {
        try await Self.withChain(botID: "failed") { client, _ in
            let received = await receive(client.send(nextRequest("Hi")))
            let why = "Coze reported an error: event interval error (code 5000)"
            #expect(received.events.contains(.serverError("The engine failed: \(why)")))
            #expect(received.transcript.answerText == CozePeer.partial)
            let answer = try await Self.storedAnswer(client, received)
            #expect(answer.content.displayText == CozePeer.partial)
            #expect(answer.status == "finished_partial_completion")
            #expect(answer.errorText == why)
        }
    }

    @Test(arguments: [
        ("broken", CozePeer.token, "Coze answered 500 Internal Server Error: internal server error (code 5000)"),
        ("text", "pat_wrong", "Coze answered 401 Unauthorized: authentication is invalid (code 4100)"),
    ])
    func errorStatusesAreOneLineErrors(bot: String, key: String, why: String) async throws {
        try await Self.withChain(botID: bot, apiKey: key) { client, _ in
            let received = await receive(client.send(nextRequest("Hi")))
            #expect(received.events.contains(.serverError("The engine failed: \(why)")))
            let answer = try await Self.storedAnswer(client, received)
            #expect(answer.errorText == why)
            #expect(answer.content.displayText == "")
            #expect(!(answer.errorText ?? "").contains("pat_"))
        }
    }
}

import ChatClient
import ChatModel
import ChatProtocol
import ChatTestPeers
import Foundation
import Hummingbird
import Testing

/// `DifyClient.send` against the fake Dify peer over real HTTP: the items of a new chat, the
/// parents of follow-ups, regenerations and edits, stop, and the ways a stream can end badly.
@Suite("Dify send", .timeLimit(.minutes(2)))
struct DifySendTests {
    static let user = JSONValue.string("chatterm")

    /// The body a send with `query` posts.
    static func body(_ query: String, conversation: String = "", parent: String? = nil) -> JSONValue {
        var object: [String: JSONValue] = [
            "inputs": .object([:]), "query": .string(query), "response_mode": .string("streaming"),
            "conversation_id": .string(conversation), "user": user, "auto_generate_name": .bool(true),
        ]
        if let parent { object["parent_message_id"] = .string(parent) }
        return .object(object)
    }

    static func variant(_ node: String, conversation: String?, text: String? = nil) -> ChatRequest {
        ChatRequest(
            action: .variant, conversationID: conversation, parentMessageID: node,
            messages: text.map { [TextMessage(id: "ignored", text: $0)] } ?? [])
    }

    @Test func aNewChatStreamsTheEchoThenTheAnswer() async throws {
        let book = DifyPeerBook()
        let received = try await withPeer(DifyPeer.router(book)) { base in
            await receive(makeDifyClient(base).send(nextRequest("hello", userID: "u-1")))
        }
        #expect(received.error == nil)
        #expect(received.items.first == .transport("SSE"))
        guard case .event(.messageStarted(let echo))? = received.items.dropFirst().first else {
            Issue.record("expected the user echo second, got \(received.items.prefix(2))")
            return
        }
        #expect(echo.kind == .echo)
        #expect(echo.message.id == "u-1")
        #expect(echo.message.author.role == .user)
        #expect(echo.message.content.streamedText == "hello")
        #expect(echo.parentID == ChatGPTClient.newConversationParent)
        #expect(received.events.dropFirst().first == .conversationID("conv-1"))
        #expect(received.conversationID == "conv-1")
        #expect(received.answerParentID == "u-1")
        #expect(received.transcript.answerID == "msg-2")
        #expect(received.transcript.answerText == "Echo: hello — 你好 🌍")
        #expect(received.completion == .complete)
        let usage = received.events.compactMap { event -> TokenUsage? in
            if case .messageUpdated(let message) = event { return message.tokenUsage }
            return nil
        }
        #expect(
            usage == [
                TokenUsage(
                    promptTokens: 7, completionTokens: 5, totalTokens: 12, latency: 0.25, totalPrice: "0.0001",
                    currency: "USD")
            ])
        #expect(received.items.filter { if case .finished = $0 { true } else { false } }.count == 1)
        #expect(await book.bodies["chat"] == [Self.body("hello")])
    }

    @Test func followUpsRegenerationsAndEditsNameTheirDifyParent() async throws {
        let book = DifyPeerBook()
        try await withPeer(DifyPeer.router(book)) { base in
            let client = makeDifyClient(base)
            let first = await receive(client.send(nextRequest("hello", userID: "u-1")))
            #expect(first.transcript.answerID == "msg-2")
            // A follow-up under the answer.
            let second = await receive(client.send(nextRequest("more", conversationID: "conv-1", parent: "msg-2")))
            #expect(second.transcript.answerID == "msg-4")
            // Regenerate the first answer: its prompt node, remembered from the stream.
            let again = await receive(client.send(Self.variant("msg-2-query", conversation: "conv-1")))
            #expect(again.error == nil)
            #expect(again.answerParentID == "msg-2-query")
            #expect(!again.events.contains { if case .messageStarted(let s) = $0 { s.kind == .echo } else { false } })
            #expect(again.transcript.answerText == "Echo: hello — 你好 🌍")
            // Regenerate through the echo's id (before the conversation was fetched again).
            _ = await receive(client.send(Self.variant("u-1", conversation: "conv-1")))
            // Edit the first prompt: a new prompt at the root.
            _ = await receive(
                client.send(nextRequest("hello again", conversationID: "conv-1", parent: DifyHistory.rootID)))
            // A prompt node as the parent of a new message: it becomes that prompt's sibling.
            _ = await receive(client.send(nextRequest("sideways", conversationID: "conv-1", parent: "msg-4-query")))

            let c = try await client.conversation(id: "conv-1").conversation
            #expect(c.mapping["msg-2-query"]?.children == ["msg-2", "msg-6", "msg-8"])
            #expect(c.mapping["msg-2"]?.children == ["msg-4-query", "msg-12-query"])
            #expect(c.mapping[DifyHistory.rootID]?.children == ["msg-2-query", "msg-10-query"])
            #expect(c.currentNode == "msg-12")
            let tree = ConversationTree(c)
            #expect(tree.repairs.isEmpty)
            let turns = tree.turns(to: "msg-6")
            #expect(turns.map(\.text) == ["hello", "Echo: hello — 你好 🌍"])
            #expect(turns[1].siblingIndex == 2 && turns[1].siblingCount == 3)
            #expect(tree.turns(to: "msg-10")[0].siblingCount == 2)
        }
        #expect(
            await book.bodies["chat"] == [
                Self.body("hello"), Self.body("more", conversation: "conv-1", parent: "msg-2"),
                Self.body("hello", conversation: "conv-1"), Self.body("hello", conversation: "conv-1"),
                Self.body("hello again", conversation: "conv-1"),
                Self.body("sideways", conversation: "conv-1", parent: "msg-2"),
            ])
    }

    @Test func aClientThatNeverSawThePromptFetchesItToRegenerate() async throws {
        let book = DifyPeerBook()
        await book.seedConversation("seeded", name: "Seeded", count: 3, parents: true)
        try await withPeer(DifyPeer.router(book)) { base in
            let regenerated = await receive(
                makeDifyClient(base).send(Self.variant("m-001-query", conversation: "seeded")))
            #expect(regenerated.error == nil)
            #expect(regenerated.completion == .complete)
            #expect(
                await book.log.prefix(3).map { $0.components(separatedBy: " ").prefix(2).joined(separator: " ") } == [
                    "GET /messages", "GET /conversations", "POST /chat-messages",
                ])
            let given = await receive(
                makeDifyClient(base).send(Self.variant("m-002-query", conversation: "seeded", text: "override")))
            #expect(given.transcript.answerText == "Echo: override — 你好 🌍")
            let unknown = await receive(makeDifyClient(base).send(Self.variant("zzz-query", conversation: "seeded")))
            guard case .configuration(let why)? = unknown.clientError else {
                Issue.record("expected a configuration error, got \(String(describing: unknown.error))")
                return
            }
            #expect(why.contains("not in the conversation"))
            #expect(unknown.items.isEmpty)
        }
        #expect(
            await book.bodies["chat"] == [
                Self.body("question 1", conversation: "seeded", parent: "m-000"),
                Self.body("override", conversation: "seeded", parent: "m-001"),
            ])
    }

    @Test func continueIsRefusedWithoutARequest() async throws {
        let book = DifyPeerBook()
        try await withPeer(DifyPeer.router(book)) { base in
            let request = ChatRequest(action: .continue, conversationID: "c", parentMessageID: "m", messages: [])
            let received = await receive(makeDifyClient(base).send(request))
            #expect(received.clientError == .configuration("Dify cannot continue an answer; regenerate it instead"))
            #expect(received.items.isEmpty)
        }
        #expect(await book.log.isEmpty)
    }

    @Test func stopNamesTheStreamsTask() async throws {
        let book = DifyPeerBook()
        try await withPeer(DifyPeer.router(book)) { base in
            let client = makeDifyClient(base)
            await #expect(throws: ClientError.configuration("No Dify answer is streaming in this conversation")) {
                try await client.stop(conversationID: "conv-1", websocketRequestID: nil)
            }
            let request = nextRequest("wait for stop")
            var received = Received()
            var stopped = false
            do {
                for try await item in client.send(request) {
                    received.items.append(item)
                    if !stopped, case .event(.textAppended) = item {
                        stopped = true
                        // By conversation: the request id given is not this stream's.
                        try await client.stop(conversationID: "conv-1", websocketRequestID: "another-request")
                    }
                }
            } catch {
                received.error = error
            }
            #expect(stopped)
            #expect(received.error == nil)
            #expect(received.transcript.answerText == "Thinking")
            #expect(received.completion == .complete)
            // The stream is over: its task is forgotten.
            await #expect(throws: ClientError.self) {
                try await client.stop(conversationID: "conv-1", websocketRequestID: request.websocketRequestID)
            }
        }
        #expect(await book.log.contains("POST /chat-messages/task-3/stop"))
        #expect(await book.bodies["stop"] == [.object(["user": Self.user])])
    }

    @Test func badEndingsFinishIncompleteAndKeepThePartialAnswer() async throws {
        let book = DifyPeerBook()
        try await withPeer(DifyPeer.router(book)) { base in
            let client = makeDifyClient(base)
            let cut = await receive(client.send(nextRequest("cut")))
            #expect(cut.error == nil)
            #expect(cut.transcript.answerText == "Echo: ")
            #expect(cut.completion == .incomplete(.noConfirmation))

            let failed = await receive(client.send(nextRequest("please fail")))
            let why = "Model overloaded [completion_request_error]"
            #expect(failed.error == nil)
            #expect(failed.events.contains(.serverError(why)))
            #expect(failed.transcript.answerText == "Partial")
            #expect(failed.completion == .incomplete(.serverError(why)))

            let dropped = await receive(client.send(nextRequest("drop")))
            #expect(dropped.completion == .incomplete(.noConfirmation))
            guard case .transport(let reason)? = dropped.clientError else {
                Issue.record("expected a transport error, got \(String(describing: dropped.error))")
                return
            }
            #expect(reason.contains("dropped"))
        }
    }
}

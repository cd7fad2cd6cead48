import ChatClient
import ChatModel
import ChatProtocol
import ChatServer
import ChatStore
import ChatTestPeers
import Foundation
import Hummingbird
import Testing

/// `ChatGPTClient` against the project's own `BackendServer` over a socket: every call the
/// TUI makes, in both stream forms, checked against what the server stored.
@Suite("Client against BackendServer", .timeLimit(.minutes(2)))
struct LocalServerClientTests {
    /// What the offline engine answers to `prompt` for `action` (`attempt` answers already there).
    static func engineText(_ prompt: String, _ action: EngineRequest.Action = .next, attempt: Int = 0) -> String {
        OfflineEngine.text(
            for: EngineRequest(history: [TextMessage(role: .user, text: prompt)], action: action, attempt: attempt))
    }

    /// A pace at which the whole answer to "Write a long answer" (86 chunks) takes about a
    /// minute, so a stop or a disconnect after two chunks lands mid-answer even on a loaded machine.
    static let slowPace = Duration.milliseconds(700)

    /// Starts a new conversation with `prompt` and returns its id, the user and the answer ids.
    static func startConversation(_ client: ChatGPTClient, _ prompt: String) async throws -> (
        conversation: String, user: String, answer: String
    ) {
        let userID = UUID().uuidString.lowercased()
        let received = await receive(client.send(nextRequest(prompt, userID: userID)))
        if let error = received.error { throw error }
        return (
            try #require(received.conversationID), userID, try #require(received.transcript.answerID)
        )
    }

    @Test(arguments: StreamMode.allCases)
    func nextVariantAndContinueStreamWhatIsStored(mode: StreamMode) async throws {
        let backend = try TestServer()
        try await backend.serve { server in
            let client = server.client(mode: mode)
            let prompt = "Show me a list and some Swift"
            let userID = UUID().uuidString.lowercased()

            let first = await receive(client.send(nextRequest(prompt, userID: userID)))
            #expect(first.error == nil)
            // SSE modes say so first; the WebSocket hand-off names the conversation, then the socket.
            let transports = first.items.compactMap { item -> String? in
                if case .transport(let how) = item { return how }
                return nil
            }
            #expect(transports == [mode == .websocket ? "WebSocket" : "SSE"])
            #expect(first.completion == .complete)
            // The header picked the form: delta (also inside the WebSocket frames) sends `input_message`,
            // only cumulative echoes the system message.
            let sawInputMessage = first.events.contains { event in
                if case .metadata(let name, _) = event { return name == "input_message" }
                return false
            }
            let sawSystemEcho = first.events.contains { event in
                if case .messageStarted(let started) = event { return started.message.author.role == .system }
                return false
            }
            #expect(sawInputMessage == (mode != .cumulative))
            #expect(sawSystemEcho == (mode == .cumulative))
            let conversationID = try #require(first.conversationID)
            let firstID = try #require(first.transcript.answerID)
            #expect(first.transcript.answerText == Self.engineText(prompt))
            #expect(first.answerParentID == userID)

            let second = await receive(
                client.send(
                    ChatRequest(action: .variant, conversationID: conversationID, parentMessageID: userID, messages: [])
                ))
            #expect(second.error == nil)
            #expect(second.completion == .complete)
            let secondID = try #require(second.transcript.answerID)
            #expect(secondID != firstID)
            #expect(second.transcript.answerText == Self.engineText(prompt, .variant, attempt: 1))
            #expect(second.answerParentID == userID)

            let third = await receive(
                client.send(
                    ChatRequest(
                        action: .continue, conversationID: conversationID, parentMessageID: secondID, messages: [])))
            #expect(third.error == nil)
            #expect(third.completion == .complete)
            let thirdID = try #require(third.transcript.answerID)
            #expect(third.transcript.answerText == Self.engineText(prompt, .continue))
            #expect(third.answerParentID == secondID)

            // The stored answers are the streamed ones, where the stream said they hang.
            let fetched = try await client.conversation(id: conversationID)
            let c = fetched.conversation
            #expect(c.id == conversationID)
            #expect(c.mapping[userID]?.message?.content.displayText == prompt)
            #expect(c.mapping[userID]?.children.sorted() == [firstID, secondID].sorted())
            #expect(c.mapping[firstID]?.message?.content.displayText == first.transcript.answerText)
            #expect(c.mapping[secondID]?.message?.content.displayText == second.transcript.answerText)
            #expect(c.mapping[thirdID]?.message?.content.displayText == third.transcript.answerText)
            #expect(c.mapping[thirdID]?.parent == secondID)
            #expect(c.mapping[thirdID]?.message?.status == "finished_successfully")
            #expect(c.currentNode == thirdID)
            #expect(try FastJSON.parse(fetched.raw)["mapping"]?[thirdID]?["parent"] == .string(secondID))
        }
    }

    @Test(arguments: StreamMode.allCases)
    func stopMidStreamKeepsThePartialAnswer(mode: StreamMode) async throws {
        let backend = try TestServer(engine: OfflineEngine(pace: Self.slowPace))
        try await backend.serve { server in
            let client = server.client(mode: mode)
            let prompt = "Write a long answer"
            let (received, stopped) = await stopAfterTwoDeltas(client, nextRequest(prompt))
            #expect(stopped)
            #expect(received.error == nil)
            let partial = received.transcript.answerText
            let full = Self.engineText(prompt)
            #expect(OfflineEngine.tokens(full).count > 80)
            #expect(!partial.isEmpty)
            #expect(partial != full)
            #expect(full.hasPrefix(partial))
            #expect(
                received.completion
                    == .incomplete(.answerNotFinished(status: "finished_partial_completion", endTurn: false)))

            let id = try #require(received.conversationID)
            let answerID = try #require(received.transcript.answerID)
            let answer = try #require(try await client.conversation(id: id).conversation.mapping[answerID]?.message)
            #expect(answer.content.displayText == partial)
            #expect(answer.status == "finished_partial_completion")
            #expect(answer.metadata["finish_details"]?["reason"] == .string("client_stopped"))
        }
    }

    /// Dropping the stream (the consuming task stops reading) closes the request: the server
    /// sees the client go away and keeps the partial answer.
    @Test func abandoningTheStreamClosesTheRequest() async throws {
        let backend = try TestServer(engine: OfflineEngine(pace: Self.slowPace))
        try await backend.serve { server in
            let client = server.client()
            let id = try await abandonAfterTwoDeltas(client)
            let answer = try await closedAnswer(client, conversationID: id)
            #expect(answer?.status == "finished_partial_completion")
            #expect(answer?.metadata["finish_details"]?["reason"] == .string("client_disconnected"))
            #expect(answer.map { Self.engineText("Write a long answer").hasPrefix($0.content.displayText) } == true)
            #expect(backend.server.activeStreams == 0)
        }
    }

    @Test func listConversationsClampsTheLimitAndPages() async throws {
        let backend = try TestServer()
        try await backend.serve { server in
            let client = server.client()
            var ids: [String] = []
            for prompt in ["one", "two", "three"] {
                ids.append(try await Self.startConversation(client, prompt).conversation)
            }
            // The server answers 422 above 100, so a page at all proves the clamp.
            let all = try await client.listConversations(offset: 0, limit: 500, archived: false)
            #expect(all.limit == 100)
            #expect(all.total == 3)
            #expect(all.items.map(\.id) == ids.reversed())
            #expect(all.items.allSatisfy { $0.createTime != nil && $0.updateTime != nil && !$0.isArchived })
            // Below 1 is clamped too (the server answers 422 for 0).
            #expect(try await client.listConversations(offset: 0, limit: 0, archived: false).items.count == 1)

            let first = try await client.listConversations(offset: 0, limit: 2, archived: false)
            let second = try await client.listConversations(offset: 2, limit: 2, archived: false)
            #expect(first.items.count == 2)
            #expect(second.items.count == 1)
            #expect(second.offset == 2)
            #expect(Set(first.items.map(\.id)).isDisjoint(with: second.items.map(\.id)))
            #expect((first.items + second.items).map(\.id) == ids.reversed())
        }
    }

    /// The real service sometimes repeats an item; the client keeps the first.
    @Test func listConversationsDropsRepeatedItems() async throws {
        let queries = Hits()
        let router = Router()
        router.get("/backend-api/conversations") { request, _ -> Response in
            await queries.record("list", note: request.uri.query ?? "")
            let item: (String, String) -> String = { id, title in
                """
                {"id": "\(id)", "title": "\(title)", "create_time": "2023-12-15T12:03:30.596706+00:00", \
                "update_time": "2023-12-15T12:03:32.675791+00:00", "mapping": null, "is_archived": false}
                """
            }
            let items = [item("a", "A"), item("b", "B"), item("a", "A again"), item("c", "C"), item("b", "B")]
            return jsonResponse(200, #"{"items": [\#(items.joined(separator: ", "))], "total": 5, "limit": 100}"#)
        }
        let page = try await withPeer(router) { base in
            try await makeClient(base).listConversations(offset: 0, limit: 500, archived: true)
        }
        #expect(page.items.map(\.id) == ["a", "b", "c"])
        #expect(page.received == 5)  // a full page for paging, repeats included
        #expect(page.items.map(\.title) == ["A", "B", "C"])
        #expect(abs((page.items.first?.createTime ?? 0) - 1_702_641_810.596706) < 0.001)
        #expect(page.total == 5)
        #expect(await queries.notes("list") == ["offset=0&limit=100&order=updated&is_archived=true"])
    }

    @Test func titleRenameArchiveAndDelete() async throws {
        let backend = try TestServer()
        try await backend.serve { server in
            let client = server.client()
            let prompt = "Explain binary search trees to me today please"
            let (id, _, answerID) = try await Self.startConversation(client, prompt)
            let other = try await Self.startConversation(client, "another chat").conversation

            let title = try await client.generateTitle(conversationID: id, messageID: answerID)
            #expect(title == OfflineEngine.title(for: prompt))
            #expect(title == "Explain binary search trees to me")
            #expect(try await client.conversation(id: id).conversation.title == title)

            try await client.rename(conversationID: id, title: "Trees, renamed")
            #expect(try await client.conversation(id: id).conversation.title == "Trees, renamed")
            let listed = try await client.listConversations(offset: 0, limit: 28, archived: false)
            #expect(listed.items.first { $0.id == id }?.title == "Trees, renamed")

            try await client.setArchived(conversationID: id, archived: true)
            let archived = try await client.listConversations(offset: 0, limit: 28, archived: true)
            #expect(archived.items.map(\.id) == [id])
            #expect(archived.items.first?.isArchived == true)
            #expect(
                try await client.listConversations(offset: 0, limit: 28, archived: false).items.map(\.id) == [other])
            #expect(try await client.conversation(id: id).conversation.isArchived)

            try await client.setArchived(conversationID: id, archived: false)
            #expect(try await client.listConversations(offset: 0, limit: 28, archived: true).items.isEmpty)

            try await client.delete(conversationID: id)
            do {
                _ = try await client.conversation(id: id)
                Issue.record("a deleted conversation was still served")
            } catch let error as ClientError {
                guard case .notFound = error else {
                    Issue.record("expected notFound, got \(error)")
                    return
                }
            }
            #expect(
                try await client.listConversations(offset: 0, limit: 28, archived: false).items.map(\.id) == [other])
            // Deleting again is a 404 too, and a PATCH is never retried.
            await #expect(throws: ClientError.self) { try await client.delete(conversationID: id) }
        }
    }

    @Test func modelsListTheEnginesModel() async throws {
        let backend = try TestServer()
        let models = try await backend.serve { server in try await server.client().models() }
        // The whole model as the engine describes it, tags and context size included.
        #expect(models == [OfflineEngine.offlineModel])
    }

    @Test func wrongTokenIsUnauthorized() async throws {
        let backend = try TestServer()
        try await backend.serve { server in
            let client = server.client(token: "not-the-token")
            do {
                _ = try await client.listConversations(offset: 0, limit: 28, archived: false)
                Issue.record("a wrong token was accepted")
            } catch let error as ClientError {
                guard case .unauthorized(let detail) = error else {
                    Issue.record("expected unauthorized, got \(error)")
                    return
                }
                #expect(detail?.contains("Bearer") == true)
            }
            let received = await receive(client.send(nextRequest("Hi")))
            guard case .unauthorized? = received.clientError else {
                Issue.record("expected unauthorized, got \(String(describing: received.error))")
                return
            }
            #expect(received.items.isEmpty)
            await #expect(throws: ClientError.self) { try await client.models() }
        }
        #expect(try backend.archive.count(archived: false) == 0)
    }
}

import ChatClient
import ChatModel
import ChatProtocol
import ChatServer
import ChatTestPeers
import Foundation
import Logging
import Testing

/// `InProcessBackend`, the embedded server's book and engine reached with no wire (the TUI's
/// default), answers every call as a ChatGPT client reads the same server over its wire:
/// the same answers, trees, lists, titles, errors, and the same partial answer kept on a stop
/// or when the reader goes away.
@Suite(.timeLimit(.minutes(2)))
struct InProcessBackendTests {
    /// The two ways to one server: over the wire (in process, no socket) and with no wire.
    static func bothWays(_ backend: TestServer) -> (wire: any ChatBackend, direct: any ChatBackend) {
        (InProcessTransportTests.client(backend), InProcessBackend(backend.server))
    }

    /// A conversation's tree as a reader sees it: each node's role, text, status and children, by depth.
    static func shape(_ c: Conversation) -> [String] {
        var lines: [String] = []
        func walk(_ id: String, _ depth: Int) {
            guard let node = c.mapping[id] else { return }
            if let m = node.message {
                let ended = m.endTurn.map { $0 ? "ended" : "open" } ?? "-"
                lines.append("\(depth) \(m.author.role) \(m.status ?? "-") \(ended) \(m.content.displayText)")
            }
            for child in node.children { walk(child, depth + 1) }
        }
        for root in c.mapping.values where root.parent == nil { walk(root.id, 0) }
        return lines
    }

    /// Sends a prompt, regenerates its answer and continues the second one; returns the
    /// conversation id and the three streams.
    static func chat(_ backend: any ChatBackend, _ prompt: String) async throws -> (String, [Received]) {
        let userID = UUID().uuidString.lowercased()
        let first = await receive(backend.send(nextRequest(prompt, userID: userID)))
        let id = try #require(first.conversationID)
        let variant = await receive(
            backend.send(ChatRequest(action: .variant, conversationID: id, parentMessageID: userID, messages: [])))
        let second = try #require(variant.transcript.answerID)
        let more = await receive(
            backend.send(ChatRequest(action: .continue, conversationID: id, parentMessageID: second, messages: [])))
        return (id, [first, variant, more])
    }

    @Test func answersTreesAndListsAreTheWiresOwn() async throws {
        let backend = try TestServer()
        let (wire, direct) = Self.bothWays(backend)
        let prompt = "Show me a list and some Swift"
        let (wireID, wireStreams) = try await Self.chat(wire, prompt)
        let (directID, directStreams) = try await Self.chat(direct, prompt)
        for (w, d) in zip(wireStreams, directStreams) {
            #expect(d.error == nil)
            #expect(d.completion == .complete)
            #expect(d.completion == w.completion)
            #expect(d.transcript.answerText == w.transcript.answerText)
            #expect(d.transcript.started.count == w.transcript.started.count)
        }
        #expect(directStreams[0].transcript.answerText == LocalServerClientTests.engineText(prompt))
        #expect(
            directStreams[1].transcript.answerText == LocalServerClientTests.engineText(prompt, .variant, attempt: 1))
        // Both conversations are stored the same way, and each reads the same through either way.
        for id in [wireID, directID] {
            let viaWire = try await wire.conversation(id: id).conversation
            let viaDirect = try await direct.conversation(id: id)
            #expect(viaDirect.conversation == viaWire)
            #expect(try FastJSON.decodeConversation(viaDirect.raw, fallbackID: id) == viaWire)
        }
        let wireShape = Self.shape(try await wire.conversation(id: wireID).conversation)
        #expect(Self.shape(try await direct.conversation(id: directID).conversation) == wireShape)
        #expect(wireShape.count == 5, "system, prompt, two answers, the continuation: \(wireShape)")

        let wirePage = try await wire.listConversations(offset: 0, limit: 500, archived: false)
        let directPage = try await direct.listConversations(offset: 0, limit: 500, archived: false)
        // The wire writes times in ISO 8601 to the microsecond; with no wire they are exact.
        #expect(directPage.items.map(\.id) == wirePage.items.map(\.id))
        for (d, w) in zip(directPage.items, wirePage.items) {
            #expect(d.title == w.title && d.isArchived == w.isArchived)
            #expect(abs((d.updateTime ?? 0) - (w.updateTime ?? 1)) < 2e-6)
            #expect(abs((d.createTime ?? 0) - (w.createTime ?? 1)) < 2e-6)
        }
        #expect(directPage.total == wirePage.total && directPage.limit == wirePage.limit)
        #expect(directPage.items.map(\.id) == [directID, wireID])
        #expect(direct.listPageLimit == wire.listPageLimit)
        #expect(try await direct.models() == wire.models())
        #expect(try await direct.starterPrompts(limit: 3) == wire.starterPrompts(limit: 3))
        #expect(try await direct.starterPrompts(limit: 3).count == 3)
    }

    @Test func titlesRenamesArchivesAndDeletesReachTheServer() async throws {
        let backend = try TestServer()
        let (wire, direct) = Self.bothWays(backend)
        let (id, streams) = try await Self.chat(direct, "Plan a trip to Kyoto in spring")
        let answer = try #require(streams[0].transcript.answerID)
        let title = try await direct.generateTitle(conversationID: id, messageID: answer)
        #expect(title == OfflineEngine.title(for: "Plan a trip to Kyoto in spring"))
        #expect(try await wire.conversation(id: id).conversation.title == title)

        try await direct.rename(conversationID: id, title: "Kyoto")
        #expect(try await wire.listConversations(offset: 0, limit: 10, archived: false).items.first?.title == "Kyoto")
        try await direct.setArchived(conversationID: id, archived: true)
        #expect(try await wire.listConversations(offset: 0, limit: 10, archived: false).items.isEmpty)
        #expect(try await wire.listConversations(offset: 0, limit: 10, archived: true).items.map(\.id) == [id])
        try await direct.delete(conversationID: id)
        #expect(try await wire.listConversations(offset: 0, limit: 10, archived: true).items.isEmpty)
    }

    @Test func refusalsAreTheErrorsAClientReadsFromTheWire() async throws {
        let backend = try TestServer()
        let (wire, direct) = Self.bothWays(backend)
        func error(_ call: () async throws -> Void) async -> ClientError? {
            do {
                try await call()
                return nil
            } catch {
                return error as? ClientError
            }
        }
        let missing = await error { _ = try await direct.conversation(id: "no-such-id") }
        #expect(missing == .notFound(detail: "Can't load conversation no-such-id"))
        #expect(missing == (await error { _ = try await wire.conversation(id: "no-such-id") }))
        #expect(missing == (await error { try await direct.rename(conversationID: "no-such-id", title: "x") }))

        // A regenerate that names an answer as its parent cannot be stored.
        let (id, streams) = try await Self.chat(direct, "hello")
        let answer = try #require(streams[0].transcript.answerID)
        let bad = ChatRequest(action: .variant, conversationID: id, parentMessageID: answer, messages: [])
        let directRefusal = await receive(direct.send(bad))
        let wireRefusal = await receive(wire.send(bad))
        #expect(directRefusal.items.isEmpty)
        #expect(directRefusal.clientError != nil)
        #expect(directRefusal.clientError == wireRefusal.clientError)
        #expect(
            directRefusal.clientError?.description.contains("needs parent_message_id naming a user message") == true)
    }

    @Test func aStopKeepsThePartialAnswer() async throws {
        let backend = try TestServer(engine: OfflineEngine(pace: LocalServerClientTests.slowPace))
        let direct = InProcessBackend(backend.server)
        let (received, stopped) = await stopAfterTwoDeltas(direct, nextRequest("Write a long answer"))
        #expect(stopped)
        #expect(received.error == nil)
        let partial = received.transcript.answerText
        #expect(!partial.isEmpty && LocalServerClientTests.engineText("Write a long answer").hasPrefix(partial))
        #expect(
            received.completion
                == .incomplete(.answerNotFinished(status: "finished_partial_completion", endTurn: false)))
        let id = try #require(received.conversationID)
        let answer = try #require(try await closedAnswer(direct, conversationID: id))
        #expect(answer.content.displayText == partial)
        #expect(answer.metadata["finish_details"]?["reason"] == .string("client_stopped"))
        #expect(backend.server.activeStreams == 0)
    }

    @Test func aReaderThatGoesAwayLeavesThePartialAnswerStored() async throws {
        let backend = try TestServer(engine: OfflineEngine(pace: LocalServerClientTests.slowPace))
        let direct = InProcessBackend(backend.server)
        let id = try await abandonAfterTwoDeltas(direct)
        let answer = try #require(try await closedAnswer(direct, conversationID: id))
        #expect(answer.status == "finished_partial_completion")
        #expect(answer.metadata["finish_details"]?["reason"] == .string("client_disconnected"))
        #expect(LocalServerClientTests.engineText("Write a long answer").hasPrefix(answer.content.displayText))
        #expect(backend.server.activeStreams == 0)
    }
}

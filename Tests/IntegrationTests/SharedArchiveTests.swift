import ChatArchive
import ChatClient
import ChatModel
import ChatServer
import ChatTestPeers
import ChatTestSupport
import Foundation
import Testing

/// The embedded server keeps its conversations in the browser's own archive (one copy in
/// SQLite), beside imports and other services' caches: it lists, reads and changes only its
/// own source's conversations there, and what it stores is what the browser reads.
@Suite(.timeLimit(.minutes(2)))
struct SharedArchiveTests {
    /// An archive holding one imported conversation, and an in-process backend over it.
    static func shared() throws -> (Archive, InProcessBackend) {
        let archive = try Archive.inMemory()
        let (imported, raw) = TestJSON.item(
            id: "imported", title: "From the export", nodes: [("u1", nil, "user", "an old question")])
        try archive.upsert(imported, raw: raw, source: "chatgpt-export")
        let server = BackendServer(
            configuration: ServerConfiguration(token: TestServer.token, saveInterval: .zero), archive: archive,
            engine: OfflineEngine(pace: .zero))
        return (archive, InProcessBackend(server, sharesArchive: true))
    }

    @Test func anAnswerIsStoredOnceWhereTheBrowserReadsIt() async throws {
        let (archive, backend) = try Self.shared()
        #expect(backend.keepsConversationsInArchive)
        #expect(backend.sourceName == BackendServer.localSource)

        let received = await receive(backend.send(nextRequest("Hello there")))
        #expect(received.error == nil)
        let id = try #require(received.conversationID)

        let stored = try #require(try archive.summary(id: id))
        #expect(stored.source == "local")
        let answer = received.transcript.answerText
        #expect(!answer.isEmpty)
        #expect(
            try archive.conversation(id: id)?.mapping.values.contains { $0.message?.content.displayText == answer }
                == true)
        #expect(try archive.count(archived: false) == 2, "the import and the new chat, nothing else")
        let page = try await backend.listConversations(offset: 0, limit: 100, archived: false)
        #expect(page.items.map(\.id) == [id], "the server lists its own conversations only")
        #expect(page.total == 1)
    }

    @Test func anImportedConversationIsNotTheServersToReadSendToOrChange() async throws {
        let (archive, backend) = try Self.shared()
        let before = try #require(try archive.rawJSON(id: "imported"))

        await #expect(throws: ClientError.self) { try await backend.conversation(id: "imported") }
        let sent = await receive(
            backend.send(
                ChatRequest(action: .variant, conversationID: "imported", parentMessageID: "u1", messages: [])))
        #expect(sent.error != nil, "a send to it fails as a send to an unknown conversation does")
        await #expect(throws: ClientError.self) { try await backend.rename(conversationID: "imported", title: "Mine") }
        await #expect(throws: ClientError.self) { try await backend.delete(conversationID: "imported") }

        #expect(try archive.rawJSON(id: "imported") == before, "untouched")
        #expect(try archive.summary(id: "imported")?.source == "chatgpt-export")
    }
}

import ChatArchive
import ChatClient
import ChatModel
import ChatTestPeers
import Foundation
import Testing

@testable import ChatStore

/// What the store writes to the archive after a backend call: a copy of what a service keeps
/// (a cache), and nothing when the backend keeps its conversations in the archive itself (the
/// embedded server in process), so each conversation is stored once.
@Suite(.timeLimit(.minutes(1)))
struct ArchiveCopyTests {
    static func conversation(_ id: String, title: String) -> Conversation {
        Conversation(
            id: id, title: title, createTime: 1, updateTime: 2, mapping: ["root": Node(id: "root")],
            currentNode: "root")
    }

    func settled(_ store: Store) async {
        var settles = store.settles.makeAsyncIterator()
        while await !store.isSettled {
            _ = await settles.next()
        }
    }

    @Test(arguments: [false, true])
    func theStoreCopiesAServicesConversationsUnlessTheBackendKeepsThemInTheArchive(backendKeeps: Bool) async throws {
        let archive = try Archive.inMemory()
        try archive.upsert(Self.conversation("renamed", title: "Old"), raw: Data("{}".utf8), source: "svc")
        let backend = FakeBackend(
            sourceName: "svc",
            list: { offset, limit, _ in
                ConversationPage(
                    items: [
                        RemoteSummary(id: "listed", title: "Listed", createTime: 1, updateTime: 3, isArchived: false)
                    ],
                    total: 1, offset: offset, limit: limit)
            },
            detail: { id in
                FetchedConversation(conversation: Self.conversation(id, title: "Fetched"), raw: Data("{}".utf8))
            },
            keepsConversationsInArchive: backendKeeps)
        let store = Store(
            state: AppState(width: 100, height: 30), environment: StoreEnvironment(archive: archive, backend: backend))

        await store.runBackend(.fetchConversation(id: "fetched"))
        await store.runBackend(.listRemote(archived: false, offset: 0))
        await store.runBackend(.changeConversation(id: "renamed", .renamed("New"), remote: true))
        await settled(store)

        let cached = !backendKeeps
        #expect((try archive.summary(id: "fetched") != nil) == cached, "a fetched conversation")
        #expect((try archive.summary(id: "listed") != nil) == cached, "a listed one")
        // The fake backend changes nothing itself: only the store's copy can carry the new title.
        #expect(try archive.summary(id: "renamed")?.title == (cached ? "New" : "Old"), "a rename")
        // Either way the reducer hears of each result.
        let state = await store.state
        #expect(state.open == nil || state.open?.id == "fetched")
        #expect(state.message?.kind != .error, "no failure was reported: \(state.message?.text ?? "")")
    }
}

import ChatArchive
import ChatTestPeers
import Foundation
import Testing

@testable import ChatStore

/// The store knows when it is settled (nothing streaming, no effect at work, no save being
/// written), which the browser's idle report and so the end-to-end tests rely on.
@Suite(.timeLimit(.minutes(1)))
struct StoreActivityTests {
    /// Returns once the store is settled, woken by ``Store/settles``.
    func settled(_ store: Store) async {
        var settles = store.settles.makeAsyncIterator()
        while await !store.isSettled {
            _ = await settles.next()
        }
    }

    @Test func anEffectsTaskKeepsTheStoreBusyUntilItReturns() async throws {
        let store = Store(
            state: AppState(width: 100, height: 30), environment: StoreEnvironment(archive: try Archive.inMemory()))
        #expect(await store.isSettled)
        let (gate, open) = AsyncStream.makeStream(of: Void.self)
        await store.spawn {
            for await _ in gate { break }
        }
        #expect(await !store.isSettled)
        open.yield()
        await settled(store)
        #expect(await store.activity.isSettled)
    }

    @Test func anAnswerKeepsTheStoreBusyUntilItsStreamEnds() async throws {
        let backend = FakeBackend()
        let environment = StoreEnvironment(archive: try Archive.inMemory(), backend: backend)
        let store = Store(state: AnswerFixtures.newChat(draft: "Hello"), environment: environment)
        let before = await store.activity.revision
        await store.send(.command(.send))
        #expect(await !store.isSettled, "the answer is streaming")
        // The stream's task hands the request over when it runs.
        while backend.requests.isEmpty { try await Task.sleep(for: .milliseconds(1)) }
        backend.finish(try #require(backend.requests.first).websocketRequestID)
        await settled(store)
        let state = await store.state
        #expect(state.streams.isEmpty)
        #expect(await store.activity.revision > before + 1, "the send and the stream's end were applied")
    }

    @Test func aDraftIsOnDiskOnceTheStoreIsSettled() async throws {
        let archive = try Archive.inMemory()
        let store = Store(state: AppState(width: 100, height: 30), environment: StoreEnvironment(archive: archive))
        await store.send(.user(.focus(.input)))
        for character in "a draft" { await store.send(.user(.type(String(character)))) }
        await settled(store)
        #expect(try archive.draft(for: "") == "a draft")
    }

    @Test func everyActionAppliedMovesTheRevision() async throws {
        let store = Store(
            state: AppState(width: 100, height: 30), environment: StoreEnvironment(archive: try Archive.inMemory()))
        let before = await store.activity.revision
        await store.send(.user(.focus(.input)))
        await store.send(.user(.type("x")))
        let (_, revision) = await store.snapshot()
        #expect(revision >= before + 2)
        #expect(await store.activity.revision == revision)
    }
}

import ChatModel
import ChatTestSupport
import Foundation
import Testing

@testable import ChatArchive
@testable import ChatStore

/// A draft whose save fails (the archive's disk is full) says so, stays in memory, is saved by
/// a retry once the disk has room, and quitting with it asks first.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct DraftSaveTests {
    /// Long enough to need new pages of the database, so a full disk refuses it.
    static let draft = String(repeating: "a thought worth keeping ", count: 3000)

    /// A store over an archive on disk holding two conversations.
    func makeStore() throws -> (Store, Archive, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chatterm-drafts-\(UUID().uuidString)")
        let archive = try Archive(directory: dir)
        try archive.upsertBatch(
            [TestJSON.item(id: "conv-0", title: "First"), TestJSON.item(id: "conv-1", title: "Second")],
            source: "test")
        let store = Store(state: AppState(width: 100, height: 30), environment: StoreEnvironment(archive: archive))
        return (store, archive, dir)
    }

    /// Polls the store until `condition` holds (20 s at most).
    @discardableResult
    func waitUntil(_ store: Store, _ what: String, _ condition: (AppState) -> Bool) async -> AppState {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let state = await store.state
            if condition(state) { return state }
            try? await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("timed out waiting for \(what)")
        return await store.state
    }

    @Test func aFailedSaveIsShownKeptAndRetriedUntilItSucceeds() async throws {
        let (store, archive, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        await store.send(.terminal(.started(width: 100, height: 30)))
        await store.send(.user(.focus(.input)))
        try archive.fillDisk()
        await store.send(.terminal(.paste(Self.draft)))
        let failed = await waitUntil(store, "the failed save") { $0.draftSaveFailure != nil }
        #expect(failed.draftSaveFailure == "disk full")
        #expect(try archive.draft(for: "") == nil)
        // Typed while the disk is full: kept in memory with the rest.
        await store.send(.user(.type("!")))
        #expect(await store.state.input.text == Self.draft + "!")
        try archive.freeDisk()
        await waitUntil(store, "a retry that saves") { $0.draftSaveFailure == nil }
        #expect(try archive.draft(for: "") == Self.draft + "!")
    }

    @Test func anUnsavedDraftStaysWithItsConversation() async throws {
        let (store, archive, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        await store.send(.terminal(.started(width: 100, height: 30)))
        await store.send(.user(.open(id: "conv-0", focusNode: nil)))
        await store.send(.user(.focus(.input)))
        try archive.fillDisk()
        await store.send(.terminal(.paste(Self.draft)))
        await waitUntil(store, "the failed save") { $0.draftSaveFailure != nil }
        await store.send(.user(.open(id: "conv-1", focusNode: nil)))
        #expect(await store.state.input.isEmpty)
        let back = await store.send(.user(.open(id: "conv-0", focusNode: nil)))
        #expect(back.input.text == Self.draft)
        #expect(back.draftSaveFailure == "disk full")
    }

    @Test func quittingWithAnUnsavedDraftAsksFirst() {
        var state = AppState(width: 100, height: 30)
        _ = Reducer.reduce(&state, .drafts(.failed("disk full")))
        _ = Reducer.reduce(&state, .command(.quit))
        #expect(state.isRunning)
        guard case .confirmQuit = state.overlay else {
            Issue.record("q did not ask")
            return
        }
        _ = Reducer.reduce(&state, .user(.confirm(false)))
        #expect(state.isRunning && state.overlay == nil)
        _ = Reducer.reduce(&state, .command(.quit))
        _ = Reducer.reduce(&state, .user(.confirm(true)))
        #expect(!state.isRunning)

        var saved = AppState(width: 100, height: 30)
        _ = Reducer.reduce(&saved, .drafts(.failed("disk full")))
        _ = Reducer.reduce(&saved, .drafts(.allSaved))
        _ = Reducer.reduce(&saved, .command(.quit))
        #expect(!saved.isRunning, "with every draft saved, q quits at once")
    }
}

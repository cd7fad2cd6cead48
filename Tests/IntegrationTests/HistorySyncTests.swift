import AsyncHTTPClient
import ChatArchive
import ChatClient
import ChatModel
import ChatStore
import ChatTestPeers
import Foundation
import Hummingbird
import NIOCore
import Testing

/// Every progress snapshot a sync reported.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var snapshots: [SyncProgress] = []

    func record(_ p: SyncProgress) {
        lock.lock()
        snapshots.append(p)
        lock.unlock()
    }

    var all: [SyncProgress] {
        lock.lock()
        defer { lock.unlock() }
        return snapshots
    }
}

/// Helpers shared by the sync suites.
enum SyncWorld {
    /// Fast retries; a 429's `Retry-After: 1` is still waited out in full.
    static let retry = SyncRetryPolicy(
        attempts: 4, firstDelay: .milliseconds(5), maxDelay: .milliseconds(40), rateLimitWaits: 5,
        defaultRetryAfter: .milliseconds(50))

    /// A client of the peer that tries each request once (the sync retries).
    static func client(_ base: String) -> ChatGPTClient {
        makeClient(base, credentials: .accessToken(HistoryBook.token), getAttempts: 1)
    }

    static func sync(
        _ base: String, _ archive: Archive, since: Double? = nil, lists: [SyncList] = SyncList.allCases
    ) -> HistorySync {
        HistorySync(
            backend: client(base), archive: archive,
            options: SyncOptions(lists: lists, since: since, concurrency: 2, pageSize: 500, retry: retry))
    }

    /// Whether the archive holds exactly the peer's conversations, each whole (four nodes),
    /// with the peer's update time and archived flag.
    static func mirrors(_ archive: Archive, _ book: HistoryBook, source: String = "chatgpt") async throws -> Bool {
        let server = await book.conversations
        guard try archive.ids(source: source) == server.keys.sorted() else { return false }
        for c in server.values {
            guard let s = try archive.summary(id: c.id), s.nodeCount == 4, s.isArchived == c.archived,
                let stored = try archive.conversation(id: c.id), stored.mapping.count == 4,
                abs((stored.updateTime ?? 0) - c.updateTime) < 0.001
            else { return false }
        }
        return true
    }

    /// The ids the archive holds, each of which is whole (four nodes).
    static func wholeIDs(_ archive: Archive) throws -> [String] {
        let ids = try archive.ids(source: "chatgpt")
        for id in ids {
            guard try archive.conversation(id: id)?.mapping.count == 4 else { return [] }
        }
        return ids
    }
}

@Suite("History sync", .serialized, .timeLimit(.minutes(2)))
struct HistorySyncTests {
    @Test func mirrorsAFewHundredConversationsThroughInjectedFaults() async throws {
        let book = HistoryBook()
        let active = await book.add(230)
        await book.add(45, archived: true, prefix: "old")
        let broken = active[17]
        let flaky = active[40]
        var faults = PeerFaults()
        faults.totalExtra = 7
        faults.listRateLimited = [2]
        faults.listDropped = [3]
        faults.detailRateLimited = [10]
        faults.detailFailing = [broken]
        faults.detailFlaky = [flaky: 2]
        await book.setFaults(faults)
        let archive = try Archive.inMemory()
        let log = ProgressLog()
        try await withPeer(historyPeer(book)) { (base: String) async throws in
            // The peer refuses pages over 100, as the service does; the sync never asks for one.
            let refused = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: base + "/backend-api/conversations?offset=0&limit=101"), timeout: .seconds(10))
            #expect(refused.status.code == 401 || refused.status.code == 422)
            var request = HTTPClientRequest(url: base + "/backend-api/conversations?offset=0&limit=101")
            request.headers.add(name: "Authorization", value: "Bearer \(HistoryBook.token)")
            #expect(try await HTTPClient.shared.execute(request, timeout: .seconds(10)).status.code == 422)
            await book.resetCounts()

            let report = await SyncWorld.sync(base, archive).run { log.record($0) }
            #expect(report.stop == nil)
            #expect(report.failures.map(\.id) == [broken])
            #expect(report.failures.first?.reason.contains("500") == true)
            #expect(report.fetched == 274)
            #expect(report.inserted == 274)
            #expect(report.retries >= 7)  // list 429 and cut, detail 429, flaky ×2, broken ×3
            #expect(report.walks.map(\.pages) == [3, 1])
            #expect(report.walks.map(\.completed) == [false, true])
            // `total` promised 237 and 52: the short pages ended the lists, nothing past them was asked.
            let queries = await book.listQueries
            #expect(Set(queries) == ["active:0:100", "active:100:100", "active:200:100", "archived:0:100"])
            #expect(await book.served.count == 274)
            #expect(Set(await book.served).count == 274)
            // The 429's Retry-After was counted down through the progress callback.
            #expect(log.all.contains { ($0.waiting ?? 0) > 0 })
            #expect(log.all.last?.fetched == 274)
            #expect(log.all.last?.failed == 1)
            let stored = try SyncWorld.wholeIDs(archive)
            #expect(stored.count == 274)
            #expect(!stored.contains(broken))
            #expect(try archive.summary(id: active[0])?.source == "chatgpt")

            // Mended: the next run fetches exactly the one that failed.
            await book.setFaults(PeerFaults())
            await book.resetCounts()
            let second = await SyncWorld.sync(base, archive).run()
            #expect(second.succeeded)
            #expect(second.fetched == 1)
            #expect(await book.served == [broken])
            #expect(second.walks.map(\.resumed) == [true, false])
            #expect(try await SyncWorld.mirrors(archive, book))

            // Nothing new: one page per list, nothing fetched.
            await book.resetCounts()
            let third = await SyncWorld.sync(base, archive).run()
            #expect(third.succeeded && third.fetched == 0)
            #expect(await book.listQueries == ["active:0:100", "archived:0:100"])
            #expect(await book.detailHits == 0)
        }
    }

    @Test func aSecondRunReadsOnlyTheFirstPageAndFetchesWhatChanged() async throws {
        let book = HistoryBook()
        let ids = await book.add(250)
        var faults = PeerFaults()
        faults.totalExtra = nil  // "total": null
        await book.setFaults(faults)
        let archive = try Archive.inMemory()
        try await withPeer(historyPeer(book)) { (base: String) async throws in
            let first = await SyncWorld.sync(base, archive).run()
            #expect(first.succeeded && first.fetched == 250)
            #expect(first.walks.map(\.end) == [.end, .end])

            await book.resetCounts()
            let second = await SyncWorld.sync(base, archive).run()
            #expect(second.succeeded)
            #expect(second.fetched == 0 && second.skipped == 100)
            #expect(second.walks.map(\.end) == [.caughtUp, .end])
            #expect(await book.listQueries == ["active:0:100", "archived:0:100"])
            #expect(await book.detailHits == 0)

            let added = await book.add(3, prefix: "new")
            await book.touch(ids[5])
            await book.touch(ids[200])
            await book.resetCounts()
            let third = await SyncWorld.sync(base, archive).run()
            #expect(third.succeeded && third.fetched == 5)
            #expect(Set(await book.served) == Set(added + [ids[5], ids[200]]))
            #expect(await book.listQueries == ["active:0:100", "archived:0:100"])
            #expect(try await SyncWorld.mirrors(archive, book))
        }
    }

    @Test func anInterruptedSyncResumesAndEndsWithExactlyTheServersConversations() async throws {
        let book = HistoryBook()
        await book.add(300)
        await book.add(20, archived: true, prefix: "old")
        let archive = try Archive.inMemory()
        try await withPeer(historyPeer(book)) { (base: String) async throws in
            // Cancelled once 80 conversations are stored (Ctrl-C): what is stored is whole.
            var cut = try await Self.interrupted(SyncWorld.sync(base, archive), after: 80)
            #expect(cut.stop == .cancelled)
            let partial = try SyncWorld.wholeIDs(archive)
            #expect(partial.count >= 80 && partial.count < 320)
            #expect(try archive.syncState(source: "chatgpt", list: .active)?.completed == false)

            let resumed = await SyncWorld.sync(base, archive).run()
            #expect(resumed.succeeded)
            #expect(resumed.walks.first?.resumed == true)
            #expect(resumed.fetched == 320 - partial.count)
            #expect(try await SyncWorld.mirrors(archive, book))

            // After a complete sync, 150 new ones; interrupted early, the next run must still
            // walk down to where the last complete sync reached, not stop at the new top.
            await book.add(150, prefix: "new")
            cut = try await Self.interrupted(SyncWorld.sync(base, archive), after: 40)
            #expect(cut.stop == .cancelled)
            await book.resetCounts()
            let again = await SyncWorld.sync(base, archive).run()
            #expect(again.succeeded)
            #expect(again.walks.first?.pages == 2)
            #expect(again.walks.first?.end == .caughtUp)
            #expect(try await SyncWorld.mirrors(archive, book))

            await book.resetCounts()
            let idle = await SyncWorld.sync(base, archive).run()
            #expect(idle.succeeded && idle.fetched == 0)
            #expect(await book.listQueries.count == 2)
        }
    }

    /// Runs `sync` and cancels it once `count` conversations are stored.
    static func interrupted(_ sync: HistorySync, after count: Int) async throws -> SyncReport {
        let (reached, signal) = AsyncStream<Void>.makeStream()
        let task = Task { await sync.run { if $0.fetched >= count { signal.yield() } } }
        for await _ in reached { break }
        task.cancel()
        signal.finish()
        return await task.value
    }

    @Test func anExpiredTokenStopsTheSyncWithTheRenewalHint() async throws {
        let book = HistoryBook()
        await book.add(30)
        await book.add(5, archived: true)
        var faults = PeerFaults()
        faults.detailUnauthorizedAfter = 5
        await book.setFaults(faults)
        let archive = try Archive.inMemory()
        try await withPeer(historyPeer(book)) { (base: String) async throws in
            let report = await SyncWorld.sync(base, archive).run()
            guard case .error(let why)? = report.stop else {
                Issue.record("expected the sync to stop, got \(String(describing: report.stop))")
                return
            }
            #expect(why.contains("401"))
            #expect(why.contains("CHATTERM_ACCESS_TOKEN"))
            #expect(report.failures.isEmpty)
            #expect(report.fetched <= 5)
            #expect(report.walks.count == 1)  // the archived list is not read
            #expect(try SyncWorld.wholeIDs(archive).count == report.fetched)
            #expect(try archive.syncState(source: "chatgpt", list: .active)?.completed == false)
        }
    }

    @Test func sinceSkipsOlderConversationsAndStopsReadingTheList() async throws {
        let book = HistoryBook()
        let ids = await book.add(250)
        let archive = try Archive.inMemory()
        try await withPeer(historyPeer(book)) { (base: String) async throws in
            // ids are oldest first: ids[120...] are the 130 newest.
            let since = await book.conversations[ids[120]]!.updateTime
            let recent = await SyncWorld.sync(base, archive, since: since, lists: [.active]).run()
            #expect(recent.succeeded)
            #expect(recent.fetched == 130)
            #expect(recent.walks.first?.end == .since)
            #expect(recent.walks.first?.pages == 2)
            #expect(try Set(archive.ids(source: "chatgpt")) == Set(ids[120...]))

            let rest = await SyncWorld.sync(base, archive, lists: [.active]).run()
            #expect(rest.succeeded && rest.fetched == 120)
            #expect(try await SyncWorld.mirrors(archive, book))
        }
    }

    @Test func anItemRepeatedAcrossPagesIsFetchedOnce() async throws {
        let book = HistoryBook()
        let ids = await book.add(250)
        // Before the second page, the 150th newest is updated: it jumps to the top, the
        // 100th newest slides onto the second page and is listed twice.
        var faults = PeerFaults()
        faults.touchBeforeListHit = [2: ids[100]]
        await book.setFaults(faults)
        let archive = try Archive.inMemory()
        try await withPeer(historyPeer(book)) { (base: String) async throws in
            let first = await SyncWorld.sync(base, archive, lists: [.active]).run()
            #expect(first.succeeded)
            #expect(first.listed == 249)
            #expect(await book.served.count == 249)
            #expect(Set(await book.served).count == 249)

            // It moved above what this run saw: the next run finds it on the first page.
            await book.setFaults(PeerFaults())
            await book.resetCounts()
            let second = await SyncWorld.sync(base, archive, lists: [.active]).run()
            #expect(second.succeeded && second.fetched == 1)
            #expect(await book.served == [ids[100]])
            #expect(await book.listQueries == ["active:0:100"])
            #expect(try await SyncWorld.mirrors(archive, book))
        }
    }
}

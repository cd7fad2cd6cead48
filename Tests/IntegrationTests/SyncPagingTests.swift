import ChatArchive
import ChatClient
import ChatModel
import ChatStore
import ChatTestPeers
import Foundation
import Testing

/// Paging by what the server says it sent (PROTOCOL.md §1.3, seed 004), against the history
/// peer over real HTTP: a server that serves fewer a page than asked, and a 2023 list without
/// `update_time`.
@Suite("Sync paging", .serialized, .timeLimit(.minutes(2)))
struct SyncPagingTests {
    /// The offsets the peer's list was asked at.
    static func offsets(_ book: HistoryBook) async -> [Int] {
        await book.listQueries.compactMap { query in Int(query.split(separator: ":")[1]) }
    }

    @Test(arguments: [0 as Int?, nil])
    func aServerThatServesTwentyAPageIsMirroredWhole(totalExtra: Int?) async throws {
        let book = HistoryBook()
        await book.add(300)
        var faults = PeerFaults()
        faults.pageCap = 20
        faults.totalExtra = totalExtra
        await book.setFaults(faults)
        let archive = try Archive.inMemory()
        try await withPeer(historyPeer(book)) { (base: String) async throws in
            let report = await SyncWorld.sync(base, archive, lists: [.active]).run()
            #expect(report.succeeded)
            #expect(report.fetched == 300)
            #expect(try await SyncWorld.mirrors(archive, book))
            // Each page starts past the 20 the server sent; with a total the walk stops on
            // reaching it, without one at the first empty page.
            let last = totalExtra == nil ? 300 : 280
            #expect(await Self.offsets(book) == Array(stride(from: 0, through: last, by: 20)))
        }
    }

    @Test func aListWithoutUpdateTimesIsFetchedAndSortedByCreateTime() async throws {
        let book = HistoryBook()
        let ids = await book.add(6)  // oldest first
        var faults = PeerFaults()
        faults.withoutUpdateTime = true
        faults.totalExtra = 1  // seed 004: `total` said 93 for the 92 items the list gave
        await book.setFaults(faults)
        let archive = try Archive.inMemory()
        try await withPeer(historyPeer(book)) { (base: String) async throws in
            let report = await SyncWorld.sync(base, archive, lists: [.active]).run()
            #expect(report.succeeded)
            #expect(report.fetched == 6)
            #expect(try SyncWorld.wholeIDs(archive).sorted() == ids.sorted())
            // The short page (6 of the server's 100) ended the list though `total` said 7.
            #expect(await Self.offsets(book) == [0])
            // Newest created first, as the sidebar lists them.
            let listing = try archive.listing(archived: false, offset: 0, limit: 10)
            #expect(listing.rows.map(\.id) == ids.reversed())
            let created = await book.conversations
            for id in ids {
                let stored = try #require(try archive.summary(id: id))
                let createTime = try #require(created[id]?.createTime)
                #expect(abs((stored.updateTime ?? 0) - createTime) < 0.001)
            }
            // Nothing changed: the next run fetches nothing again.
            let again = await SyncWorld.sync(base, archive, lists: [.active]).run()
            #expect(again.succeeded)
            #expect(again.fetched == 0)
        }
    }
}

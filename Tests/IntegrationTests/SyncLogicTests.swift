import ChatArchive
import ChatClient
import ChatModel
import ChatProtocol
import ChatTestPeers
import ChatTestSupport
import Foundation
import Testing

@testable import ChatStore

/// The rules of a sync, one by one.
struct SyncLogicTests {
    /// A whole conversation (one user message) with the given time and flag.
    static func fetched(_ id: String, time: Double?, archived: Bool = false) -> FetchedConversation {
        let object: [String: Any] = [
            "id": id, "title": "T \(id)", "update_time": time ?? NSNull(), "is_archived": archived,
            "current_node": "u",
            "mapping": [
                "u": [
                    "id": "u", "parent": NSNull(), "children": [String](),
                    "message": [
                        "id": "u", "author": ["role": "user"], "content": ["content_type": "text", "parts": ["hi"]],
                    ],
                ]
            ],
        ]
        let raw = try! JSONSerialization.data(withJSONObject: object)
        return FetchedConversation(conversation: try! ConversationJSON.decode(raw), raw: raw)
    }

    static func summary(_ id: String, _ time: Double?, archived: Bool = false) -> RemoteSummary {
        RemoteSummary(id: id, title: id, createTime: nil, updateTime: time, isArchived: archived)
    }

    /// A page of a server that says it serves `limit` a page, as the real list does.
    static func page(_ items: [RemoteSummary], limit: Int = 3, received: Int? = nil) -> ConversationPage {
        ConversationPage(items: items, total: nil, offset: 0, limit: limit, received: received, serverLimit: limit)
    }

    @Test func aPageShortOfWhatWasAskedIsNotTheEndUnlessTheServerSaysSo() {
        let three = [Self.summary("a", 9), Self.summary("b", 8), Self.summary("c", 7)]
        // Asked for 100, the server sent 3 and named no limit and no total: ask on.
        let silent = ConversationPage(items: three, total: nil, offset: 0, limit: 100)
        #expect(!silent.isLast && silent.nextOffset == 3)
        // It says it serves 3 a page: a full page, ask on.
        let capped = ConversationPage(items: three, total: nil, offset: 40, limit: 100, serverLimit: 3)
        #expect(!capped.isLast && capped.nextOffset == 43)
        // A total reached ends it; one not reached does not, unless the page is short of the
        // server's own limit; missing conversations keep a short page from ending it.
        #expect(ConversationPage(items: three, total: 43, offset: 40, limit: 100, serverLimit: 3).isLast)
        #expect(!ConversationPage(items: three, total: 300, offset: 40, limit: 100, serverLimit: 3).isLast)
        #expect(ConversationPage(items: three, total: 300, offset: 40, limit: 100, serverLimit: 20).isLast)
        #expect(
            !ConversationPage(
                items: three, total: 300, offset: 40, limit: 100, serverLimit: 20, hasMissingConversations: true
            ).isLast)
        #expect(ConversationPage(items: [], total: nil, offset: 40, limit: 100).isLast)
        var cursor = ListCursor(stopMark: nil, since: nil)
        #expect(cursor.end(after: silent, fresh: cursor.take(silent)) == nil)
        #expect(cursor.offset == 3)
    }

    @Test func aWalkEndsAtAnEmptyShortOrRepeatedPage() {
        var cursor = ListCursor(stopMark: nil, since: nil)
        let full = Self.page([Self.summary("a", 9), Self.summary("b", 8), Self.summary("c", 7)])
        let fresh = cursor.take(full)
        #expect(cursor.end(after: full, fresh: fresh) == nil)
        #expect(cursor.offset == 3)
        // The same items again: nothing new, the server is going round.
        let again = cursor.take(full)
        #expect(again.isEmpty && cursor.end(after: full, fresh: again) == .end)
        let short = Self.page([Self.summary("d", 6)])
        #expect(cursor.end(after: short, fresh: cursor.take(short)) == .end)
        #expect(cursor.end(after: Self.page([]), fresh: []) == .end)
        #expect(cursor.newest == 9)
    }

    @Test func aPageWithARepeatInsideIsNotShort() {
        // The client drops the repeat (2 items) but the server sent a full page of 3.
        var cursor = ListCursor(stopMark: nil, since: nil)
        let page = Self.page([Self.summary("a", 9), Self.summary("b", 8)], received: 3)
        #expect(cursor.end(after: page, fresh: cursor.take(page)) == nil)
        #expect(cursor.offset == 3)
    }

    @Test func aWalkStopsAtTheMarkOrAtSinceButNotOnUnknownTimes() {
        let page = Self.page([Self.summary("a", 9), Self.summary("b", 8), Self.summary("c", 5)])
        var cursor = ListCursor(stopMark: 5, since: nil)
        #expect(cursor.end(after: page, fresh: cursor.take(page)) == .caughtUp)
        cursor = ListCursor(stopMark: 4, since: nil)
        #expect(cursor.end(after: page, fresh: cursor.take(page)) == nil)
        cursor = ListCursor(stopMark: nil, since: 6)
        #expect(cursor.end(after: page, fresh: cursor.take(page)) == .since)
        let unknown = Self.page([Self.summary("a", 9), Self.summary("b", nil), Self.summary("c", 1)])
        cursor = ListCursor(stopMark: 5, since: 6)
        #expect(cursor.end(after: unknown, fresh: cursor.take(unknown)) == nil)
    }

    @Test func whatNeedsFetching() {
        let listed = Self.summary("a", 100)
        #expect(HistorySync.needsFetch(listed, stored: nil))
        #expect(HistorySync.needsFetch(listed, stored: StoredVersion(updateTime: 100, nodeCount: 0, isArchived: false)))
        #expect(
            !HistorySync.needsFetch(listed, stored: StoredVersion(updateTime: 100, nodeCount: 3, isArchived: false)))
        // The list's ISO time and the detail's float differ in the last digits.
        #expect(
            !HistorySync.needsFetch(listed, stored: StoredVersion(updateTime: 99.9999, nodeCount: 3, isArchived: false))
        )
        #expect(HistorySync.needsFetch(listed, stored: StoredVersion(updateTime: 99, nodeCount: 3, isArchived: false)))
        #expect(HistorySync.needsFetch(listed, stored: StoredVersion(updateTime: nil, nodeCount: 3, isArchived: false)))
        let timeless = Self.summary("a", nil)
        #expect(
            !HistorySync.needsFetch(timeless, stored: StoredVersion(updateTime: 5, nodeCount: 3, isArchived: false)))
    }

    @Test func aFailureLowersTheMarkBelowIt() {
        let failure = { (time: Double?) in SyncFailure(id: "x", title: nil, reason: "", list: .active, updateTime: time)
        }
        #expect(HistorySync.lowered(nil, below: []) == nil)
        #expect(HistorySync.lowered(50, below: []) == 50)
        #expect(HistorySync.lowered(50, below: [failure(60)]) == 50)
        #expect(HistorySync.lowered(50, below: [failure(40), failure(45)])! < 40)
        #expect(HistorySync.lowered(50, below: [failure(nil)]) == nil)
    }

    @Test func aCurrentConversationThatMovedListsIsMendedWithoutAFetch() async throws {
        let archive = try Archive.inMemory()
        let stored = Self.fetched("a", time: 10)
        try archive.upsert(stored.conversation, raw: stored.raw, source: "fake")
        let backend = FakeBackend(
            list: { offset, _, archived in
                archived && offset == 0
                    ? ConversationPage(items: [Self.summary("a", 10, archived: true)], total: 1, offset: 0, limit: 100)
                    : ConversationPage(items: [], total: 0, offset: offset, limit: 100)
            },
            detail: { id in Self.fetched(id, time: 10, archived: true) })
        let report = await HistorySync(backend: backend, archive: archive).run()
        #expect(report.succeeded && report.fetched == 0 && report.skipped == 1)
        #expect(try archive.summary(id: "a")?.isArchived == true)
        #expect(try archive.syncState(source: "fake", list: .archived)?.completed == true)
        #expect(try archive.syncState(source: "fake", list: .archived)?.mark == 10)
    }

    @Test func aConversationThatCannotBeReadIsRecordedAndTheRestStored() async throws {
        let archive = try Archive.inMemory()
        let backend = FakeBackend(
            list: { offset, _, archived in
                let items = archived || offset > 0 ? [] : [Self.summary("good", 2), Self.summary("bad", 1)]
                return ConversationPage(items: items, total: nil, offset: offset, limit: 100)
            },
            detail: { id in
                if id == "bad" { throw ClientError.malformedResponse("not a conversation") }
                return Self.fetched(id, time: 2)
            })
        let report = await HistorySync(backend: backend, archive: archive, options: SyncOptions(concurrency: 1)).run()
        #expect(report.stop == nil)
        #expect(report.failures.map(\.id) == ["bad"])
        #expect(report.failures.first?.reason.contains("not a conversation") == true)
        #expect(try archive.ids(source: "fake") == ["good"])
        // Not complete: the next run walks this list again.
        #expect(try archive.syncState(source: "fake", list: .active)?.completed == false)
    }

    /// An error that describes itself as code (an HTTP library's enum case, a decoding error)
    /// is said in words in the sync's failures and in why it stopped.
    @Test func failuresAndStopsAreSaidInWords() async throws {
        struct LibraryError: Error, CustomStringConvertible {
            var description: String { "HTTPClientError.remoteConnectionClosed" }
        }
        let archive = try Archive.inMemory()
        let detailFails = FakeBackend(
            list: { offset, _, archived in
                let items = archived || offset > 0 ? [] : [Self.summary("bad", 1)]
                return ConversationPage(items: items, total: nil, offset: offset, limit: 100)
            },
            detail: { _ in throw LibraryError() })
        let failed = await HistorySync(backend: detailFails, archive: archive, options: SyncOptions(concurrency: 1))
            .run()
        let reason = try #require(failed.failures.first?.reason)
        #expect(PlainSentences.problems(in: reason).isEmpty, "\(reason)")

        let listFails = FakeBackend(
            list: { _, _, _ in throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "bad")) },
            detail: { id in Self.fetched(id, time: 1) })
        let stopped = await HistorySync(backend: listFails, archive: try Archive.inMemory()).run()
        guard case .error(let said) = stopped.stop else {
            Issue.record("the sync did not stop on an unreadable list: \(String(describing: stopped.stop))")
            return
        }
        #expect(PlainSentences.problems(in: said).isEmpty, "\(said)")
    }
}

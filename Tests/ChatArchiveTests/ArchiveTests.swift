import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

@testable import ChatArchive

@Suite struct ArchiveTests {
    @Test func fileArchiveCreatesPrivateFolderWALAndSchema() throws {
        let temp = TempDir()
        let dir = temp.url.appendingPathComponent("nested/data")
        let archive = try Archive(directory: dir)
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("chatterm.sqlite").path))
        #expect(try archive.strings("PRAGMA journal_mode") == ["wal"])
        let tables = try archive.strings("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        for table in ["branch_memory", "conversation", "draft", "message_fts", "setting"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        #expect(try archive.isEmpty)
        // Reopening runs no migration twice and keeps data.
        try archive.upsert(TestJSON.item(id: "a").0, raw: TestJSON.item(id: "a").1, source: "test")
        let reopened = try Archive(directory: dir)
        #expect(try reopened.count(archived: false) == 1)
    }

    @Test func upsertIsIdempotentAndNewerWins() throws {
        let archive = try Archive.inMemory()
        let (v1, raw1) = TestJSON.item(id: "c1", title: "First", updateTime: 100)
        #expect(try archive.upsert(v1, raw: raw1, source: "test") == .inserted)
        #expect(try archive.upsert(v1, raw: raw1, source: "test") == .unchanged)
        let (old, oldRaw) = TestJSON.item(id: "c1", title: "Older", updateTime: 50)
        #expect(try archive.upsert(old, raw: oldRaw, source: "test") == .unchanged)
        #expect(try archive.summary(id: "c1")?.title == "First")
        let (v2, raw2) = TestJSON.item(id: "c1", title: "Second", updateTime: 200)
        #expect(try archive.upsert(v2, raw: raw2, source: "other") == .updated)
        let summary = try #require(try archive.summary(id: "c1"))
        #expect(summary.title == "Second")
        #expect(summary.updateTime == 200)
        #expect(summary.source == "other")
        #expect(try archive.rawJSON(id: "c1") == raw2)
        #expect(try archive.count(archived: false) == 1)
        // A copy without update_time never replaces one with it.
        let (noTime, noTimeRaw) = TestJSON.item(id: "c1", title: "None", updateTime: nil)
        #expect(try archive.upsert(noTime, raw: noTimeRaw, source: "test") == .unchanged)
    }

    @Test func batchOutcomesFollowInputOrder() throws {
        let archive = try Archive.inMemory()
        let a = TestJSON.item(id: "a", updateTime: 1)
        let b = TestJSON.item(id: "b", updateTime: 1)
        #expect(try archive.upsertBatch([a, b], source: "t") == [.inserted, .inserted])
        let b2 = TestJSON.item(id: "b", updateTime: 2)
        let c = TestJSON.item(id: "c", updateTime: 1)
        #expect(try archive.upsertBatch([a, b2, c], source: "t") == [.unchanged, .updated, .inserted])
    }

    @Test func rawJSONIsVerbatimAndConversationDecodes() throws {
        let archive = try Archive.inMemory()
        let raw = Data(
            #"{ "id" : "x1", "title":"Spaced  ", "update_time": 3, "mapping": {}, "odd_field": [1, 2] }"#.utf8)
        let c = try ConversationJSON.decode(raw)
        try archive.upsert(c, raw: raw, source: "t")
        #expect(try archive.rawJSON(id: "x1") == raw)
        let loaded = try #require(try archive.conversation(id: "x1"))
        #expect(loaded == c)
        #expect(try archive.conversation(id: "missing") == nil)
        #expect(try archive.rawJSON(id: "missing") == nil)
    }

    @Test func pagingIsNewestFirstWithTiesByID() throws {
        let archive = try Archive.inMemory()
        let items = [
            TestJSON.item(id: "b", updateTime: 10), TestJSON.item(id: "a", updateTime: 10),
            TestJSON.item(id: "c", updateTime: 30), TestJSON.item(id: "d", updateTime: nil),
            TestJSON.item(id: "e", updateTime: 20),
        ]
        try archive.upsertBatch(items, source: "t")
        let all = try archive.summaries(archived: false, offset: 0, limit: 10).map(\.id)
        #expect(all == ["c", "e", "a", "b", "d"])
        #expect(try archive.summaries(archived: false, offset: 1, limit: 2).map(\.id) == ["e", "a"])
        #expect(try archive.summaries(archived: false, offset: 5, limit: 2).isEmpty)
        #expect(try archive.summaries(archived: false, offset: 0, limit: 0).isEmpty)
    }

    @Test func archivedFilterAndCounts() throws {
        let archive = try Archive.inMemory()
        try archive.upsertBatch(
            [
                TestJSON.item(id: "live1", updateTime: 1), TestJSON.item(id: "live2", updateTime: 2),
                TestJSON.item(id: "old", updateTime: 3, archived: true),
            ], source: "t")
        #expect(try archive.count(archived: false) == 2)
        #expect(try archive.count(archived: true) == 1)
        #expect(try archive.summaries(archived: true, offset: 0, limit: 10).map(\.id) == ["old"])
        #expect(try archive.summaries(archived: false, offset: 0, limit: 10).map(\.id) == ["live2", "live1"])
        let old = try #require(try archive.summary(id: "old"))
        #expect(old.isArchived)
        #expect(old.nodeCount == 2)
    }

    @Test func titleFilterIsCaseInsensitiveAndEscapesWildcards() throws {
        let archive = try Archive.inMemory()
        try archive.upsertBatch(
            [
                TestJSON.item(id: "1", title: "Swift concurrency", updateTime: 1),
                TestJSON.item(id: "2", title: "Learning SWIFT", updateTime: 2),
                TestJSON.item(id: "3", title: "100% done_now", updateTime: 3),
                TestJSON.item(id: "4", title: nil, updateTime: 4),
                TestJSON.item(id: "5", title: "swift archived", updateTime: 5, archived: true),
            ], source: "t")
        #expect(
            try archive.summaries(archived: false, matching: ConversationFilter(parsing: "swift"), limit: 10).map(\.id)
                == ["2", "1"])
        #expect(
            try archive.summaries(archived: false, matching: ConversationFilter(parsing: "%"), limit: 10).map(\.id) == [
                "3"
            ])
        #expect(
            try archive.summaries(archived: false, matching: ConversationFilter(parsing: "e_n"), limit: 10).map(\.id)
                == ["3"])
        #expect(try archive.summaries(archived: false, matching: ConversationFilter(parsing: ""), limit: 10).count == 4)
        #expect(
            try archive.summaries(archived: true, matching: ConversationFilter(parsing: "swift"), limit: 10).map(\.id)
                == ["5"])
        #expect(
            try archive.summaries(archived: false, matching: ConversationFilter(parsing: "swift"), limit: 1).map(\.id)
                == ["2"])
    }

    @Test func resolveIDByUniquePrefix() throws {
        let archive = try Archive.inMemory()
        try archive.upsertBatch(
            [TestJSON.item(id: "abc123"), TestJSON.item(id: "abd999"), TestJSON.item(id: "abc")], source: "t")
        #expect(try archive.resolveID(prefix: "abd") == "abd999")
        #expect(try archive.resolveID(prefix: "abc1") == "abc123")
        #expect(try archive.resolveID(prefix: "abc") == "abc")  // exact id wins
        #expect(try archive.resolveID(prefix: "ab") == nil)  // ambiguous
        #expect(try archive.resolveID(prefix: "zz") == nil)
        #expect(try archive.resolveID(prefix: "") == nil)
    }
}

@Suite struct ArchiveReadOnlyTests {
    @Test func aReadOnlyArchiveReadsEverythingAndRefusesWrites() throws {
        let temp = TempDir()
        let dir = temp.url.appendingPathComponent("data")
        let (c, raw) = TestJSON.item(id: "c1", title: "Kept", nodes: [("u1", nil, "user", "findable words")])
        do {
            let archive = try Archive(directory: dir)
            try archive.upsert(c, raw: raw, source: "test")
            try archive.saveDraft("a draft", for: "c1")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        let reader = try Archive(readingOnly: dir)
        #expect(reader.isReadOnly)
        #expect(try reader.summaries(archived: false, offset: 0, limit: 10).map(\.title) == ["Kept"])
        #expect(try reader.conversation(id: "c1")?.title == "Kept")
        #expect(try reader.search("findable", limit: 5).map(\.conversationID) == ["c1"])
        #expect(try reader.draft(for: "c1") == "a draft")
        #expect(throws: ArchiveReadOnlyError.self) { try reader.saveDraft("new", for: "c1") }
        #expect(throws: ArchiveReadOnlyError.self) { try reader.upsert(c, raw: raw, source: "test") }
        #expect("\(ArchiveReadOnlyError())".contains("read-only"))
        // Reading created nothing beside the archive.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == files)
    }

    /// Changes still only in the write-ahead log (the writer is open, or died) are read.
    @Test func changesOnlyInTheWriteAheadLogAreRead() throws {
        let temp = TempDir()
        let dir = temp.url.appendingPathComponent("data")
        let copy = temp.url.appendingPathComponent("copy")
        let (c, raw) = TestJSON.item(id: "c1", title: "In the log", nodes: [("u1", nil, "user", "logged words")])
        let archive = try Archive(directory: dir)
        try archive.upsert(c, raw: raw, source: "test")
        // A copy taken while the writer is open: the conversation is only in the -wal file.
        try FileManager.default.copyItem(at: dir, to: copy)
        let log = try FileManager.default.attributesOfItem(
            atPath: copy.appendingPathComponent("chatterm.sqlite-wal").path)
        #expect(((log[.size] as? NSNumber)?.intValue ?? 0) > 0, "the test needs changes in the log")
        let reader = try Archive(readingOnly: copy)
        #expect(try reader.summaries(archived: false, offset: 0, limit: 10).map(\.title) == ["In the log"])
        #expect(try reader.search("logged", limit: 5).map(\.conversationID) == ["c1"])
        _ = archive
    }

    @Test func aMissingArchiveIsSaidInWords() throws {
        let temp = TempDir()
        #expect(throws: ArchiveMissingError.self) { try Archive(readingOnly: temp.url) }
    }

    @Test func openAnswersOfDeadProcessesAreFound() throws {
        let archive = try Archive.inMemory()
        try archive.noteOpenAnswer(conversationID: "c1", messageID: "live", pid: 100)
        try archive.noteOpenAnswer(conversationID: "c1", messageID: "dead", pid: 200)
        try archive.noteOpenAnswer(conversationID: "c2", messageID: "done", pid: 200)
        try archive.closeOpenAnswer(messageID: "done")
        let abandoned = try archive.abandonedAnswers(isAlive: { $0 == 100 })
        #expect(abandoned == [OpenAnswer(conversationID: "c1", messageID: "dead", pid: 200)])
        #expect(Archive.processIsAlive(getpid()))
        #expect(!Archive.processIsAlive(Int32.max))
    }
}

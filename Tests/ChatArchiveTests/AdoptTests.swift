import ChatArchive
import ChatModel
import ChatTestSupport
import Foundation
import Testing

/// One archive for everything: the conversations the embedded server kept in a folder of its
/// own are moved into the main archive once, and a server reads only its own source there.
@Suite struct AdoptTests {
    /// An archive in `folder` (as the server kept one) holding `items` under `source`.
    static func legacyArchive(in folder: URL, _ items: [(Conversation, Data)], source: String = "chatterm-serve") throws
    {
        let old = try Archive(directory: folder)
        for (c, raw) in items { try old.upsert(c, raw: raw, source: source) }
    }

    @Test func theServersConversationsMoveInUnderTheNewSourceAndTheOldFileIsRenamedAside() throws {
        let home = TempDir()
        let server = home.url.appendingPathComponent("server")
        try Self.legacyArchive(
            in: server,
            [
                TestJSON.item(
                    id: "a", title: "Alpha", updateTime: 10, nodes: [("u1", nil, "user", "zanzibar lighthouse")]),
                TestJSON.item(id: "b", title: "Beta", updateTime: 20, archived: true),
            ])
        try Archive(directory: server).noteOpenAnswer(conversationID: "a", messageID: "u1", pid: 4_000_000)
        let main = try Archive(directory: home.url)

        let done = try #require(try main.adopt(archiveIn: server, as: "local"))

        #expect(done.moved == 2)
        #expect(done.keptApart == 0)
        #expect(done.renamedTo.lastPathComponent == Archive.adoptedFileName)
        #expect(try main.summary(id: "a")?.source == "local")
        #expect(try main.summary(id: "b")?.isArchived == true)
        #expect(try main.conversation(id: "a")?.title == "Alpha")
        #expect(try main.search("zanzibar", limit: 5).map(\.conversationID) == ["a"], "indexed for search")
        #expect(try main.abandonedAnswers(isAlive: { _ in false }).map(\.messageID) == ["u1"], "open answers move too")
        let fm = FileManager.default
        #expect(!fm.fileExists(atPath: server.appendingPathComponent(Archive.fileName).path))
        #expect(fm.fileExists(atPath: done.renamedTo.path))
        #expect(try main.adopt(archiveIn: server, as: "local") == nil, "moved once only")
    }

    @Test func theServersCopyReplacesACachedOneButAnImportWithTheSameIDIsLeftAlone() throws {
        let home = TempDir()
        let folder = home.url.appendingPathComponent("profiles/ollama")
        try Self.legacyArchive(
            in: folder,
            [
                TestJSON.item(
                    id: "cached", title: "Whole", updateTime: 5, nodes: [("u1", nil, "user", "the whole thing")]),
                TestJSON.item(id: "clash", title: "Server's", updateTime: 99),
            ])
        let main = try Archive(directory: home.url)
        // The browser's cache held a listed stub (newer by its time) and an import shares an id.
        try main.mergeRemote(
            [RemoteSummary(id: "cached", title: "Stub", createTime: 1, updateTime: 50, isArchived: false)],
            source: "ollama")
        let (imported, raw) = TestJSON.item(id: "clash", title: "Imported", updateTime: 1)
        try main.upsert(imported, raw: raw, source: "chatgpt-export")

        let done = try #require(try main.adopt(archiveIn: folder, as: "ollama"))

        #expect(done.moved == 1)
        #expect(done.keptApart == 1)
        #expect(try main.summary(id: "cached")?.title == "Whole")
        #expect(try main.summary(id: "cached")?.nodeCount == 2)
        #expect(try main.summary(id: "clash")?.source == "chatgpt-export")
        #expect(try main.summary(id: "clash")?.title == "Imported")
    }

    @Test func anArchiveThatCannotBeDecodedMovesNothingAndStaysWhereItIs() throws {
        let home = TempDir()
        let server = home.url.appendingPathComponent("server")
        try Self.legacyArchive(in: server, [TestJSON.item(id: "good")])
        let (bad, _) = TestJSON.item(id: "bad")
        try Archive(directory: server).upsert(bad, raw: Data("{\"mapping\": [".utf8), source: "chatterm-serve")
        let main = try Archive(directory: home.url)

        #expect(throws: (any Error).self) { try main.adopt(archiveIn: server, as: "local") }

        #expect(try main.summary(id: "good") == nil)
        #expect(FileManager.default.fileExists(atPath: server.appendingPathComponent(Archive.fileName).path))
    }

    @Test func aTakenBackupNameGetsANumber() throws {
        let home = TempDir()
        let server = home.url.appendingPathComponent("server")
        try Self.legacyArchive(in: server, [TestJSON.item(id: "one")])
        _ = home.file("server/" + Archive.adoptedFileName, Data("an older backup".utf8))
        let main = try Archive(directory: home.url)

        let done = try #require(try main.adopt(archiveIn: server, as: "local"))

        #expect(done.renamedTo.lastPathComponent == Archive.adoptedFileName + ".2")
        #expect(
            try Data(contentsOf: server.appendingPathComponent(Archive.adoptedFileName)) == Data("an older backup".utf8)
        )
    }

    @Test func aCopyUnderAnotherSourceNeverTakesTheLocalServersConversationOver() throws {
        // A browser pointed at `chatterm serve` over the same archive caches under the URL's source.
        let archive = try Archive.inMemory()
        let (served, raw) = TestJSON.item(id: "s1", title: "Served", updateTime: 10)
        try archive.upsert(served, raw: raw, source: Archive.localServerSource)
        let (cached, cachedRaw) = TestJSON.item(id: "s1", title: "Cached", updateTime: 20)

        #expect(try archive.upsert(cached, raw: cachedRaw, source: "backend:127.0.0.1", replacing: true) == .unchanged)
        #expect(try archive.summary(id: "s1")?.source == Archive.localServerSource)
        #expect(try archive.summary(id: "s1")?.title == "Served")
        // The server's own newer copy still replaces it; other sources take over as before.
        #expect(try archive.upsert(cached, raw: cachedRaw, source: Archive.localServerSource) == .updated)
        let (imported, importedRaw) = TestJSON.item(id: "i1", updateTime: 1)
        try archive.upsert(imported, raw: importedRaw, source: "chatgpt-export")
        let (synced, syncedRaw) = TestJSON.item(id: "i1", updateTime: 2)
        #expect(try archive.upsert(synced, raw: syncedRaw, source: "backend:chatgpt.com") == .updated)
        #expect(try archive.summary(id: "i1")?.source == "backend:chatgpt.com")
    }

    @Test func readsAndDeletesNamingASourceSeeOnlyThatSource() throws {
        let archive = try Archive.inMemory()
        for (id, source, archived) in [("l1", "local", false), ("l2", "local", true), ("x1", "chatgpt-export", false)] {
            let (c, raw) = TestJSON.item(id: id, updateTime: Double(id.count), archived: archived)
            try archive.upsert(c, raw: raw, source: source)
        }
        #expect(try archive.count(archived: false) == 2)
        #expect(try archive.count(archived: false, source: "local") == 1)
        #expect(try archive.count(archived: true, source: "local") == 1)
        #expect(try archive.summaries(archived: false, offset: 0, limit: 10, source: "local").map(\.id) == ["l1"])
        #expect(try archive.summaries(archived: false, offset: 0, limit: 10).map(\.id).sorted() == ["l1", "x1"])
        #expect(try archive.rawJSON(id: "x1", source: "local") == nil)
        #expect(try archive.conversation(id: "x1", source: "chatgpt-export")?.id == "x1")
        #expect(try archive.delete(id: "x1", source: "local") == false)
        #expect(try archive.summary(id: "x1") != nil, "another source's conversation is not deleted")
        #expect(try archive.delete(id: "l1", source: "local"))
        #expect(try archive.summary(id: "l1") == nil)
    }
}

import ChatModel
import ChatTestSupport
import Foundation
import Testing

@testable import ChatArchive

@Suite struct ImporterTests {
    func array(_ objects: [[String: Any]]) -> Data { TestJSON.data(objects) }

    @Test(.enabled(if: GenExport.available)) func importsGeneratedZipIdempotently() throws {
        let temp = TempDir()
        let zip = try GenExport.generate(30, to: temp.url.appendingPathComponent("export.zip"))
        let archive = try Archive.inMemory()
        let progress = ProgressLog()
        let report = try Importer(archive: archive).importFile(at: zip) { progress.add($0) }
        #expect(report.inserted == 30)
        #expect(report.skipped.isEmpty)
        #expect(report.readAnything)
        #expect(try archive.count(archived: false) + archive.count(archived: true) == 30)
        let last = try #require(progress.values.last)
        #expect(last.conversations == 30)
        #expect(last.totalBytes != nil && last.bytesRead == last.totalBytes)
        // Every stored conversation decodes and keeps its whole mapping.
        for summary in try archive.summaries(archived: false, offset: 0, limit: 100) {
            let c = try #require(try archive.conversation(id: summary.id))
            #expect(c.mapping.count == summary.nodeCount)
            #expect(summary.source == "chatgpt-export")
        }
        let again = try Importer(archive: archive).importFile(at: zip)
        #expect(again.unchanged == 30 && again.inserted == 0 && again.updated == 0)
    }

    @Test(.enabled(if: GenExport.available)) func importsShardedZipLikeTheSingleOne() throws {
        let temp = TempDir()
        let single = try GenExport.generate(30, to: temp.url.appendingPathComponent("single.zip"))
        let sharded = try GenExport.generate(
            30, to: temp.url.appendingPathComponent("sharded.zip"), extra: ["--sharded", "10"])
        let a = try Archive.inMemory()
        let b = try Archive.inMemory()
        #expect(try Importer(archive: a).importFile(at: single).inserted == 30)
        let report = try Importer(archive: b).importFile(at: sharded)
        #expect(report.inserted == 30)
        #expect(report.skipped.isEmpty)
        let idsA = try a.summaries(archived: false, offset: 0, limit: 100).map(\.id)
        let idsB = try b.summaries(archived: false, offset: 0, limit: 100).map(\.id)
        #expect(idsA == idsB)
        #expect(try a.search("regenerate", limit: 20).count == b.search("regenerate", limit: 20).count)
    }

    @Test func importsBareJSONArray() throws {
        let temp = TempDir()
        let file = temp.file(
            "conversations.json",
            array([
                TestJSON.conversation(id: "one", title: "First"),
                TestJSON.conversation(id: "two", title: "Second", archived: true),
            ]))
        let archive = try Archive.inMemory()
        let report = try Importer(archive: archive, source: "mine").importFile(at: file)
        #expect(report.inserted == 2)
        #expect(try archive.summary(id: "two")?.isArchived == true)
        #expect(try archive.summary(id: "one")?.source == "mine")
    }

    @Test func importsSingleConversationObject() throws {
        let temp = TempDir()
        let file = temp.file("one.json", Data("  \n".utf8) + TestJSON.data(TestJSON.conversation(id: "solo")))
        let archive = try Archive.inMemory()
        #expect(try Importer(archive: archive).importFile(at: file).inserted == 1)
        #expect(try archive.conversation(id: "solo") != nil)
    }

    @Test func skipsBrokenConversationWithIDAndReason() throws {
        let good1 = TestJSON.data(TestJSON.conversation(id: "good-1"))
        let good2 = TestJSON.data(TestJSON.conversation(id: "good-2"))
        // The mapping is a string: decoding fails, but the id is still readable; the
        // mapping's node ids must not be mistaken for it.
        let broken = Data(
            #"{"title":"bad","mapping":"oops","nested":{"id":"not-me"},"id":"broken-42","update_time":1}"#.utf8)
        let noID = Data(#"{"title":"no id at all","mapping":{}}"#.utf8)
        let scalar = Data("17".utf8)
        let temp = TempDir()
        let elements: [Data] = [good1, broken, noID, scalar, good2]
        let file = temp.file(
            "c.json", Data("[".utf8) + Data(elements.joined(separator: Data(",".utf8))) + Data("]".utf8))
        let archive = try Archive.inMemory()
        let report = try Importer(archive: archive).importFile(at: file)
        #expect(report.inserted == 2)
        #expect(report.skipped.count == 3)
        #expect(report.skipped[0].id == "broken-42")
        #expect(report.skipped[0].reason == "mapping is not an object")
        #expect(report.skipped[1].id == nil)
        #expect(report.skipped[1].reason == "no id or conversation_id")
        #expect(report.skipped[2].reason == "not a JSON object")
        #expect(try archive.summary(id: "good-2") != nil)
        #expect(try archive.summary(id: "broken-42") == nil)
    }

    @Test func skipsMalformedJSONElement() throws {
        let temp = TempDir()
        let bad = Data(#"{"id":"mal-1","title":"x",,"mapping":{}}"#.utf8)
        let file = temp.file(
            "c.json",
            Data("[".utf8) + bad + Data(",".utf8) + TestJSON.data(TestJSON.conversation(id: "ok")) + Data("]".utf8))
        let report = try Importer(archive: Archive.inMemory()).importFile(at: file)
        #expect(report.inserted == 1)
        #expect(report.skipped.map(\.id) == ["mal-1"])
        #expect(report.skipped[0].reason.hasPrefix("malformed JSON"))
    }

    @Test func truncatedFileKeepsCompleteConversations() throws {
        let temp = TempDir()
        let whole = array([TestJSON.conversation(id: "a"), TestJSON.conversation(id: "b")])
        let file = temp.file("cut.json", whole.prefix(whole.count - 30))
        let archive = try Archive.inMemory()
        let report = try Importer(archive: archive).importFile(at: file)
        #expect(report.inserted == 1)
        #expect(report.skipped.count == 1)
        #expect(report.skipped[0].reason.contains("truncated"))
    }

    @Test func brokenShardAfterGoodOnesIsSkippedNotFatal() throws {
        let temp = TempDir()
        let zip = StoredZip.make([
            ("conversations-000.json", TestJSON.data([TestJSON.conversation(id: "fine")])),
            ("conversations-001.json", Data("<html>oops</html>".utf8)),
        ])
        let report = try Importer(archive: Archive.inMemory()).importFile(at: temp.file("s.zip", zip))
        #expect(report.inserted == 1)
        #expect(report.skipped.count == 1)
        #expect(report.skipped[0].reason.hasPrefix("conversations-001.json: not a JSON array"))
    }

    @Test func progressIsReportedWhileReimporting() throws {
        let temp = TempDir()
        let objects = (0..<25).map { TestJSON.conversation(id: "p\($0)") }
        let file = temp.file("p.json", TestJSON.data(objects))
        let archive = try Archive.inMemory()
        var importer = Importer(archive: archive)
        importer.batchSize = 10
        _ = try importer.importFile(at: file)
        let log = ProgressLog()
        let again = try importer.importFile(at: file) { log.add($0) }
        #expect(again.unchanged == 25)
        #expect(log.values.map(\.conversations) == [10, 20, 25])
    }

    @Test func emptyArrayReadsNothing() throws {
        let temp = TempDir()
        let report = try Importer(archive: Archive.inMemory()).importFile(at: temp.file("e.json", Data("[ ]".utf8)))
        #expect(!report.readAnything)
    }

    @Test func badZipThrowsClearError() throws {
        let temp = TempDir()
        let file = temp.file("export.zip", Data("PK\u{03}\u{04} this is not really a zip archive".utf8))
        #expect(throws: ImportError.badZip(path: file.path)) {
            try Importer(archive: Archive.inMemory()).importFile(at: file)
        }
    }

    @Test func zipWithoutConversationsThrows() throws {
        let temp = TempDir()
        let zip = StoredZip.make([("user.json", Data("{}".utf8)), ("chat.html", Data("<html></html>".utf8))])
        let file = temp.file("export.zip", zip)
        let error = #expect(throws: ImportError.self) { try Importer(archive: Archive.inMemory()).importFile(at: file) }
        #expect(error == .noConversations(path: file.path))
        #expect(error?.description.contains("conversations.json") == true)
    }

    @Test func zipUnderTopFolderWithShardsInNumericOrderAndManifest() throws {
        let temp = TempDir()
        let shard = { (ids: [String]) in TestJSON.data(ids.map { TestJSON.conversation(id: $0) }) }
        let manifest = Data(
            #"{"files":[{"path":"conversations-9.json"},{"path":"conversations-10.json"},{"path":"conversations-11.json"}]}"#
                .utf8)
        let zip = StoredZip.make([
            ("export/conversations-10.json", shard(["c10"])),
            ("export/conversations-9.json", shard(["c9a", "c9b"])),
            ("export/export_manifest.json", manifest),
            ("__MACOSX/export/conversations-1.json", Data("junk".utf8)),
        ])
        let archive = try Archive.inMemory()
        let progress = ProgressLog()
        let report = try Importer(archive: archive).importFile(at: temp.file("e.zip", zip)) { progress.add($0) }
        #expect(report.inserted == 3)
        #expect(
            report.skipped.map(\.reason) == ["export_manifest.json lists conversations-11.json, which the zip lacks"])
        // Shard 9 is read before shard 10: rowids (seq) follow import order.
        #expect(try archive.strings("SELECT id FROM conversation ORDER BY seq") == ["c9a", "c9b", "c10"])
    }

    @Test func unreadableAndNonExportFilesThrow() throws {
        let temp = TempDir()
        let missing = temp.url.appendingPathComponent("nope.zip")
        #expect(throws: ImportError.unreadable(path: missing.path, reason: "no such file")) {
            try Importer(archive: Archive.inMemory()).importFile(at: missing)
        }
        #expect(throws: ImportError.unreadable(path: temp.url.path, reason: "it is a folder")) {
            try Importer(archive: Archive.inMemory()).importFile(at: temp.url)
        }
        let text = temp.file("notes.json", Data("hello".utf8))
        let error = #expect(throws: ImportError.self) { try Importer(archive: Archive.inMemory()).importFile(at: text) }
        #expect(error?.description.contains("not a JSON array") == true)
    }
}

/// Collects progress reports (called on the importing thread).
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var log: [ImportProgress] = []

    func add(_ p: ImportProgress) { lock.withLock { log.append(p) } }
    var values: [ImportProgress] { lock.withLock { log } }
}

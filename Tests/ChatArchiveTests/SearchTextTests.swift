import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import GRDB
import Testing

@testable import ChatArchive

/// The search index keeps no copy of the text: each message's text is stored once, packed, and
/// the index reads it through a view.
@Suite struct SearchTextTests {
    @Test(arguments: [
        "", "short", String(repeating: "a tree and a branch. ", count: 40), "\u{0}starts with NUL",
        "\u{1}starts with one", "中文的文本，" + String(repeating: "介绍", count: 50), "🚀 emoji",
    ])
    func textComesBackAsItWas(text: String) throws {
        let stored = SearchText.encode(text)
        #expect(String(decoding: try SearchText.decode(stored), as: UTF8.self) == text)
    }

    @Test func longTextIsStoredSmaller() {
        let text = String(repeating: "the answer streams into the pane. ", count: 100)
        #expect(SearchText.encode(text).count < text.utf8.count / 4)
    }

    @Test func anArchiveOfTheEarlierLayoutIsMovedOverAndStillSearched() throws {
        let temp = TempDir()
        let folder = temp.url.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The layout before: the index held its own copy of each text.
        do {
            let queue = try DatabaseQueue(path: folder.appendingPathComponent(Archive.fileName).path)
            try Archive.migrator.migrate(queue, upTo: "assets")
            try queue.write { db in
                let raw = TestJSON.data(
                    TestJSON.conversation(id: "old", nodes: [("u1", nil, "user", "spruce needles")]))
                try db.execute(
                    sql:
                        "INSERT INTO conversation (seq, id, source, title, node_count, raw) VALUES (1, 'old', 'x', 'Old', 2, ?)",
                    arguments: [raw])
                try db.execute(
                    sql:
                        "INSERT INTO message_fts (rowid, text, conversation_id, node_id, role) VALUES (?, ?, 'old', 'u1', 'user')",
                    arguments: [Int64(1) << 24, "spruce needles " + String(repeating: "filler words ", count: 2000)])
            }
        }
        let archive = try Archive(directory: folder)
        let hits = try archive.search("spruce", limit: 10)
        #expect(hits.map(\.conversationID) == ["old"])
        #expect(hits.first?.snippet.contains("spruce") == true)
        // The text is kept once, packed: far smaller than the 26 kB it was.
        let body = try #require(try archive.writer.read { try Data.fetchOne($0, sql: "SELECT body FROM message_text") })
        #expect(body.count < 2_000)
        // Replacing and deleting keep the index and the text together.
        let (conversation, raw) = TestJSON.item(id: "old", updateTime: 200, nodes: [("u1", nil, "user", "birch bark")])
        try archive.upsert(conversation, raw: raw, source: "x")
        #expect(try archive.search("spruce", limit: 10).isEmpty)
        #expect(try archive.search("birch", limit: 10).map(\.conversationID) == ["old"])
        // FTS5's own check that the index matches the text it reads.
        try archive.writer.write {
            try $0.execute(sql: "INSERT INTO message_fts (message_fts) VALUES ('integrity-check')")
        }
        try archive.delete(id: "old")
        #expect(try archive.search("birch", limit: 10).isEmpty)
        #expect(try archive.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM message_text") } == 0)
        #expect(try archive.writer.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
    }
}

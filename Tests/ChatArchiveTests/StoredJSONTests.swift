import ChatModel
import ChatTestSupport
import Foundation
import GRDB
import Testing

@testable import ChatArchive

/// Conversation JSON is kept deflated, and read back byte for byte.
@Suite struct StoredJSONTests {
    @Test(arguments: [0, 10, 63, 64, 500, 100_000])
    func whatIsStoredReadsBackExactly(size: Int) throws {
        let json = Data(("{\"text\": \"" + String(repeating: "tree ", count: size / 5) + "\"}").utf8)
        let stored = StoredJSON.encode(json)
        #expect(try StoredJSON.decode(stored) == json)
        if json.count >= 64 {
            #expect(stored.first == StoredJSON.marker && stored.count < json.count, "repetitive JSON is deflated")
        } else {
            #expect(stored == json, "a short one is kept as it came")
        }
    }

    @Test func jsonThatDoesNotShrinkIsKeptAsItCame() throws {
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<2000).map { _ in UInt8.random(in: 0x21...0x7E, using: &generator) }.filter {
            $0 != 0x22 && $0 != 0x5C
        }
        let json = Data("\"".utf8) + Data(noise) + Data("\"".utf8)
        let stored = StoredJSON.encode(json)
        #expect(stored == json || stored.count < json.count)
        #expect(try StoredJSON.decode(stored) == json)
    }

    @Test func aDamagedValueSaysSoInsteadOfReadingGarbage() {
        var stored = StoredJSON.encode(Data(String(repeating: "{\"a\": 1}", count: 50).utf8))
        stored[stored.count - 3] ^= 0xFF
        #expect(throws: StoredJSONError.self) { try StoredJSON.decode(stored) }
        #expect(throws: StoredJSONError.self) { try StoredJSON.decode(Data([0, 0, 0, 0, 0, 1, 2])) }
        #expect("\(StoredJSONError())".contains("damaged"))
    }

    @Test func theArchiveKeepsItDeflatedAndRowsFromBeforeStillRead() throws {
        let archive = try Archive.inMemory()
        let (c, raw) = TestJSON.item(
            id: "new", nodes: [("u1", nil, "user", String(repeating: "pines and oaks ", count: 40))])
        try archive.upsert(c, raw: raw, source: "chatgpt-export")
        let stored = try archive.writer.read {
            try Data.fetchOne($0, sql: "SELECT raw FROM conversation WHERE id = 'new'")
        }
        #expect(stored?.first == StoredJSON.marker)
        #expect((stored?.count ?? .max) < raw.count)
        #expect(try archive.rawJSON(id: "new") == raw)
        #expect(try archive.conversation(id: "new") == c)
        // A row an earlier chatterm wrote holds the JSON itself.
        let (old, oldRaw) = TestJSON.item(id: "old")
        try archive.writer.write { db in
            try db.execute(
                sql: "INSERT INTO conversation (id, source, raw) VALUES ('old', 'chatgpt-export', ?)",
                arguments: [oldRaw])
        }
        #expect(try archive.rawJSON(id: "old") == oldRaw)
        #expect(try archive.conversation(id: "old") == old)
    }
}

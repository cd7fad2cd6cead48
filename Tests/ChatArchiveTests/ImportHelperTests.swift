import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

@testable import ChatArchive

@Suite struct ImportHelperTests {
    @Test func cjkSegmentation() {
        #expect(FTSText.indexed("plain ascii, “quotes” é") == "plain ascii, “quotes” é")
        #expect(FTSText.indexed("模型ab") == "模\u{200B}型\u{200B}ab")
        #expect(FTSText.indexed("カナ한글😀") == "カ\u{200B}ナ\u{200B}한\u{200B}글\u{200B}😀")
        #expect(FTSText.indexed("𠀀") == "𠀀\u{200B}")
        #expect(FTSText.indexed("a\u{0}b") == "a b")
    }

    @Test func matchExpressionsQuoteEverything() {
        #expect(FTSText.matchExpression(#"foo "bar" -baz*"#) == #""foo"* """bar"""* "-baz*"*"#)
        #expect(FTSText.matchExpression("模型") == "\"模\u{200B}型\u{200B}\"*")
        #expect(FTSText.matchExpression(" - * ( ) ") == nil)
    }

    @Test func sniffsTopLevelIDOnly() {
        let bytes = Data(
            #"{"mapping":{"n":{"id":"node"}},"title":"t \"id\": x","conversation_id":"c","id":"top"}"#.utf8)
        #expect(TopLevelSniffer.id(in: bytes) == "top")
        #expect(TopLevelSniffer.id(in: Data(#"{"conversation_id":"only", "x":[{"id":"no"}]}"#.utf8)) == "only")
        #expect(TopLevelSniffer.id(in: Data(#"{"title":"none"}"#.utf8)) == nil)
        #expect(TopLevelSniffer.id(in: Data(#"{"id": 12}"#.utf8)) == nil)
        #expect(TopLevelSniffer.id(in: Data(#"{"id":"cut"#.utf8)) == nil)
    }

    @Test func checksumMatchesReference() {
        let data = Data((0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) })
        for count in [0, 1, 7, 8, 9, 1000] {
            var crc = ZipChecksum()
            data.prefix(count).withUnsafeBytes { crc.update($0) }
            #expect(crc.value == StoredZip.crc32(data.prefix(count)))
        }
        var split = ZipChecksum()
        data.prefix(333).withUnsafeBytes { split.update($0) }
        data.dropFirst(333).withUnsafeBytes { split.update($0) }
        #expect(split.value == StoredZip.crc32(data))
        #expect(StoredZip.crc32(Data("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func damagedZipEntryIsReported() throws {
        let temp = TempDir()
        let json = TestJSON.data([TestJSON.conversation(id: "a")])
        var zip = StoredZip.make([("conversations.json", json)])
        // Flip a byte inside the stored data (after the 30-byte header and the name).
        let index = 30 + "conversations.json".utf8.count + 5
        zip[index] ^= 0x20
        let error = #expect(throws: ImportError.self) {
            try Importer(archive: Archive.inMemory()).importFile(at: temp.file("x.zip", zip))
        }
        #expect(error?.description.contains("checksum") == true)
    }
}

@Suite struct TopLevelSnifferTests {
    @Test func readsIDAndUpdateTimeLikeTheDecoder() throws {
        let samples = [
            #"{"mapping":{"n":{"id":"node","update_time":5}},"update_time":12.5,"id":"top"}"#,
            #"{"update_time":"2023-12-15T12:03:30+00:00","conversation_id":"c1","x":[1,{"id":"no"}]}"#,
            #"{ "id" : "spaced" , "update_time" : 3 }"#,
        ]
        for sample in samples {
            let data = Data(sample.utf8)
            let c = try ConversationJSON.decode(data)
            let sniffed = try #require(TopLevelSniffer.idAndUpdateTime(in: data))
            #expect(sniffed.id == c.id)
            #expect(sniffed.updateTime == c.updateTime)
        }
        #expect(TopLevelSniffer.idAndUpdateTime(in: Data(#"{"id":"a","update_time":null}"#.utf8)) == nil)
        #expect(TopLevelSniffer.idAndUpdateTime(in: Data(#"{"id":"a"}"#.utf8)) == nil)
        let nested = TopLevelSniffer.members(in: Data(#"{"id":{"a":[1,"}"]},"b":2}"#.utf8), named: ["id", "b"])
        #expect(nested["b"] == .number(2))
        #expect(nested["id"]?["a"]?.arrayValue?.count == 2)
    }

    @Test func reimportSkipsOnlyWhatIsStoredAsNewOrNewer() throws {
        let temp = TempDir()
        let archive = try Archive.inMemory()
        let first = temp.file(
            "1.json",
            TestJSON.data([
                TestJSON.conversation(id: "same", updateTime: 10), TestJSON.conversation(id: "grows", updateTime: 10),
            ]))
        #expect(try Importer(archive: archive).importFile(at: first).inserted == 2)
        let second = temp.file(
            "2.json",
            TestJSON.data([
                TestJSON.conversation(id: "same", updateTime: 10),
                TestJSON.conversation(id: "grows", title: "Newer", updateTime: 20),
                TestJSON.conversation(id: "new", updateTime: 5),
            ]))
        let report = try Importer(archive: archive).importFile(at: second)
        #expect(report.unchanged == 1 && report.updated == 1 && report.inserted == 1)
        #expect(try archive.summary(id: "grows")?.title == "Newer")
    }
}

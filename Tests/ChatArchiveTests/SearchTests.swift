import ChatArchive
import ChatModel
import ChatProtocol
import ChatTestSupport
import Testing

@Suite struct SearchTests {
    /// A conversation with a regenerated answer: the current branch is a2; a1 is not current.
    func branched() throws -> Archive {
        let archive = try Archive.inMemory()
        let raw = TestJSON.data(
            TestJSON.conversation(
                id: "conv-1", title: "Branches", current: "a2",
                nodes: [
                    ("u1", nil, "user", "How do I reverse a linked list?"),
                    ("a1", "u1", "assistant", "Use an iterative approach with three pointers: the pelican method."),
                    ("a2", "u1", "assistant", "Recursion works too, but watch the stack depth."),
                ]))
        try archive.upsert(ConversationJSON.decode(raw), raw: raw, source: "t")
        let cjk = TestJSON.data(
            TestJSON.conversation(
                id: "conv-zh", title: "中文",
                nodes: [
                    ("z1", nil, "user", "介绍下你自己"),
                    ("z2", "z1", "assistant", "我是一款基于架构的大型语言模型，可以进行各种自然语言处理任务。"),
                ]))
        try archive.upsert(ConversationJSON.decode(cjk), raw: cjk, source: "t")
        return archive
    }

    @Test func findsMessagesOnBranchesThatAreNotCurrent() throws {
        let hits = try branched().search("pelican", limit: 10)
        #expect(hits.count == 1)
        let hit = try #require(hits.first)
        #expect(hit.conversationID == "conv-1")
        #expect(hit.nodeID == "a1")
        #expect(hit.role == "assistant")
        #expect(hit.title == "Branches")
        #expect(hit.snippet.contains("pelican"))
    }

    @Test func termsAreANDedPrefixesAndCaseInsensitive() throws {
        let archive = try branched()
        #expect(try archive.search("RECURS stack", limit: 10).map(\.nodeID) == ["a2"])
        #expect(try archive.search("recursion pelican", limit: 10).isEmpty)
        #expect(Set(try archive.search("linked", limit: 10).map(\.nodeID)) == ["u1"])
    }

    @Test func findsCJKWordsInsideSentences() throws {
        let archive = try branched()
        let model = try archive.search("模型", limit: 10)
        #expect(model.map(\.nodeID) == ["z2"])
        #expect(model.first?.snippet.contains("语言模型") == true)
        #expect(model.first?.snippet.contains("\u{200B}") == false)
        #expect(try archive.search("你自己", limit: 10).map(\.nodeID) == ["z1"])
        #expect(try archive.search("型模", limit: 10).isEmpty)
    }

    @Test(arguments: [
        "\"", "\"\"", "-", "--x", "*", "(", ")", "a OR", "NOT", "AND (", "NEAR(a b)", "col:stack", "^", "'",
        "stack\"", "\\", "💥", "   ", "", "\u{0301}", "ʹ", "‿", "Ⅻ", "٣", "ー", "_", "a\u{0}b",
        String(repeating: "w ", count: 300),
    ])
    func hostileQueriesNeverThrow(_ query: String) throws {
        _ = try branched().search(query, limit: 10)
    }

    @Test func operatorsInUserTextAreLiteral() throws {
        let archive = try branched()
        #expect(try archive.search("stack\"", limit: 10).map(\.nodeID) == ["a2"])
        #expect(try archive.search("(recursion)", limit: 10).map(\.nodeID) == ["a2"])
        #expect(try archive.search("-", limit: 10).isEmpty)
        #expect(try archive.search("recursion\u{0}stack", limit: 10).map(\.nodeID) == ["a2"])
    }

    @Test func updateReindexes() throws {
        let archive = try branched()
        let raw = TestJSON.data(
            TestJSON.conversation(id: "conv-1", updateTime: 500, nodes: [("n1", nil, "user", "platypus only now")]))
        #expect(try archive.upsert(ConversationJSON.decode(raw), raw: raw, source: "t") == .updated)
        #expect(try archive.search("pelican", limit: 10).isEmpty)
        #expect(try archive.search("platypus", limit: 10).map(\.nodeID) == ["n1"])
        #expect(try archive.search("模型", limit: 10).count == 1)
    }

    @Test func hiddenMessagesAreNotIndexed() throws {
        let archive = try Archive.inMemory()
        let raw = TestJSON.data(
            TestJSON.conversation(
                id: "h", nodes: [("s", nil, "system", "secret system prompt"), ("u", "s", "user", "visible words")]))
        try archive.upsert(ConversationJSON.decode(raw), raw: raw, source: "t")
        #expect(try archive.search("secret", limit: 10).isEmpty)
        #expect(try archive.search("visible", limit: 10).count == 1)
    }

    @Test func snippetsAreShortSingleLineAndShowTheMatch() throws {
        let archive = try Archive.inMemory()
        let long =
            String(repeating: "filler words before the match. ", count: 20) + "\u{1B}[31m needle\u{07} here\n\nand"
            + String(repeating: " more trailing text", count: 20)
        let raw = TestJSON.data(TestJSON.conversation(id: "s", nodes: [("n", nil, "user", long)]))
        try archive.upsert(ConversationJSON.decode(raw), raw: raw, source: "t")
        let hit = try #require(try archive.search("needle", limit: 5).first)
        #expect(hit.snippet.count <= SearchHit.maxSnippetLength)
        #expect(hit.snippet.contains("needle here and more"))
        #expect(hit.snippet.hasPrefix("…"))
        #expect(hit.snippet.hasSuffix("…"))
        #expect(!hit.snippet.unicodeScalars.contains { $0.properties.generalCategory == .control })
    }

    @Test func limitIsHonoured() throws {
        let archive = try Archive.inMemory()
        let items = (0..<30).map { TestJSON.item(id: "c\($0)", nodes: [("n", nil, "user", "common word \($0)")]) }
        try archive.upsertBatch(items, source: "t")
        #expect(try archive.search("common", limit: 7).count == 7)
        #expect(try archive.search("common", limit: 0).isEmpty)
    }
}

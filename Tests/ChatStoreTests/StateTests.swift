import ChatArchive
import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import TerminalCanvas
import Testing

@testable import ChatStore

@Suite struct StateTests {
    @Test func draftsRoundTripAndEmptyDeletes() throws {
        let archive = try Archive.inMemory()
        #expect(try archive.draft(for: "c") == nil)
        try archive.saveDraft("half a thought…\nline 2 ✨", for: "c")
        #expect(try archive.draft(for: "c") == "half a thought…\nline 2 ✨")
        try archive.saveDraft("replaced", for: "c")
        #expect(try archive.draft(for: "c") == "replaced")
        #expect(try archive.draft(for: "other") == nil)
        try archive.saveDraft("", for: "c")
        #expect(try archive.draft(for: "c") == nil)
    }

    @Test func branchMemoryRoundTrips() throws {
        let archive = try Archive.inMemory()
        #expect(try archive.branchMemory(for: "c") == BranchMemory())
        var memory = BranchMemory()
        memory.visit("leaf-a")
        memory.visit("leaf-b")
        memory.visit("leaf-a")
        try archive.saveBranchMemory(memory, for: "c")
        let loaded = try archive.branchMemory(for: "c")
        #expect(loaded == memory)
        #expect(loaded.mostRecent(among: ["leaf-a", "leaf-b"]) == "leaf-a")
        try archive.saveBranchMemory(BranchMemory(), for: "c")
        #expect(try archive.branchMemory(for: "c") == BranchMemory())
    }

    @Test func settingsRoundTripAndNilDeletes() throws {
        let archive = try Archive.inMemory()
        #expect(try archive.setting("theme") == nil)
        try archive.setSetting("theme", "dark")
        try archive.setSetting("theme", "light")
        #expect(try archive.setting("theme") == "light")
        try archive.setSetting("theme", nil)
        #expect(try archive.setting("theme") == nil)
    }
}

/// An answer still `in_progress` is marked interrupted unless it streams right now.
@Suite struct LiveAnswerMarkTests {
    static func open() throws -> OpenConversation {
        var answer = TestJSON.conversation(
            id: "c", nodes: [("u1", nil, "user", "question"), ("a1", "u1", "assistant", "half an ans")])
        var mapping = answer["mapping"] as! [String: Any]
        var node = mapping["a1"] as! [String: Any]
        var message = node["message"] as! [String: Any]
        message["status"] = "in_progress"
        node["message"] = message
        mapping["a1"] = node
        answer["mapping"] = mapping
        let conversation = try ConversationJSON.decode(TestJSON.data(answer))
        let tree = ConversationTree(conversation)
        return OpenConversation(
            id: "c", title: "t", source: "test", tree: tree, leaf: "a1", memory: BranchMemory(), width: 80,
            showReasoning: false)
    }

    @Test func anAnswerNobodyStreamsIsInterrupted() throws {
        let open = try Self.open()
        #expect(open.turns.last?.ending == .interrupted)
        #expect(open.layout.lines.last?.kind == .ending)
    }

    @Test func aLiveAnswerIsNotMarkedUntilItsStreamEnds() throws {
        var open = try Self.open()
        open.liveAnswerIDs = ["a1"]
        open.relayout()
        #expect(open.turns.last?.ending == nil)
        #expect(open.layout.lines.last?.kind == .text)
        open.liveAnswerIDs = []
        open.relayout()
        #expect(open.turns.last?.ending == .interrupted)
    }

    @Test func theLayoutKeepsItsWidthAndReasoningAndChangesOnlyWhenTheyDo() throws {
        var open = try Self.open()
        #expect(open.layout.width == 80)
        // A marker in the turns shows whether they were worked out again.
        open.turns[0].text = "marker"
        open.setLayout(width: 80, showReasoning: false)
        #expect(open.turns[0].text == "marker")
        open.setLayout(width: 40, showReasoning: false)
        #expect(open.layout.width == 40)
        #expect(open.turns[0].text != "marker")
        #expect(open.layout.lines.allSatisfy { DisplayWidth.of($0.text) <= 40 })
        open.turns[0].text = "marker"
        open.setLayout(width: 40, showReasoning: true)
        #expect(open.showsReasoning)
        #expect(open.turns[0].text != "marker")
        // Streaming and branch moves lay out at the kept width without being told it.
        open.show(leaf: open.leaf)
        #expect(open.layout.width == 40)
    }
}

import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

@testable import ChatArchive

/// Labels and bookmarks on messages: stored by conversation and node, kept when an export is
/// imported again or a newer copy replaces the conversation, found by search, gone with the
/// conversation.
@Suite struct MessageMarkTests {
    static let nodes: [TestJSON.Spec] = [
        ("u1", nil, "user", "Name a tree"),
        ("a1", "u1", "assistant", "Oak"),
        ("a2", "u1", "assistant", "Pine"),
    ]

    /// Imports conversations `ids` as an export's `conversations.json`, updated at `updateTime`.
    static func importExport(_ ids: [String], updateTime: Double, into archive: Archive) throws {
        let objects = ids.map {
            TestJSON.conversation(id: $0, title: "Trees \($0)", updateTime: updateTime, nodes: nodes)
        }
        let temp = TempDir()
        let file = temp.file("conversations.json", TestJSON.data(objects))
        _ = try Importer(archive: archive).importFile(at: file)
    }

    @Test func aLabelAndABookmarkAreReadBackByNode() throws {
        let archive = try Archive.inMemory()
        try Self.importExport(["c1"], updateTime: 10, into: archive)
        #expect(try archive.marks(in: "c1").isEmpty)
        #expect(try archive.setLabel("  keep\nthis  one ", conversationID: "c1", nodeID: "a2") == "keep this one")
        try archive.setBookmark(true, conversationID: "c1", nodeID: "a1", at: 50)
        let marks = try archive.marks(in: "c1")
        #expect(marks == ["a2": MessageMark(label: "keep this one"), "a1": MessageMark(bookmarkedAt: 50)])
        // A label and a bookmark on one message live together; removing one keeps the other.
        try archive.setBookmark(true, conversationID: "c1", nodeID: "a2", at: 60)
        #expect(try archive.marks(in: "c1")["a2"] == MessageMark(label: "keep this one", bookmarkedAt: 60))
        #expect(try archive.setLabel("   ", conversationID: "c1", nodeID: "a2") == nil)
        #expect(try archive.marks(in: "c1")["a2"] == MessageMark(bookmarkedAt: 60))
        try archive.setBookmark(false, conversationID: "c1", nodeID: "a2", at: 70)
        #expect(try archive.marks(in: "c1")["a2"] == nil)
        #expect(try archive.marks(in: "elsewhere").isEmpty)
    }

    @Test func marksOutliveAReimportAndANewerCopy() throws {
        let archive = try Archive.inMemory()
        try Self.importExport(["c1", "c2"], updateTime: 10, into: archive)
        try archive.setLabel("best", conversationID: "c1", nodeID: "a2")
        try archive.setBookmark(true, conversationID: "c2", nodeID: "u1", at: 5)
        // The same export again, then a newer one that replaces both conversations.
        try Self.importExport(["c1", "c2"], updateTime: 10, into: archive)
        try Self.importExport(["c1", "c2"], updateTime: 20, into: archive)
        #expect(try archive.summary(id: "c1")?.updateTime == 20)
        #expect(try archive.marks(in: "c1") == ["a2": MessageMark(label: "best")])
        #expect(try archive.marks(in: "c2") == ["u1": MessageMark(bookmarkedAt: 5)])
        // A server's copy stored over it (as a sync does) keeps them too.
        let (conversation, raw) = TestJSON.item(id: "c1", title: "Synced", updateTime: 30, nodes: Self.nodes)
        try archive.upsert(conversation, raw: raw, source: "chatgpt-export")
        #expect(try archive.marks(in: "c1") == ["a2": MessageMark(label: "best")])
    }

    @Test func deletingTheConversationDeletesItsMarks() throws {
        let archive = try Archive.inMemory()
        try Self.importExport(["c1", "c2"], updateTime: 10, into: archive)
        try archive.setLabel("gone", conversationID: "c1", nodeID: "a1")
        try archive.setLabel("stays", conversationID: "c2", nodeID: "a1")
        #expect(try archive.delete(id: "c1"))
        #expect(try archive.marks(in: "c1").isEmpty)
        #expect(try archive.marks(in: "c2") == ["a1": MessageMark(label: "stays")])
    }

    @Test func bookmarksAreListedNewestFirstWithTitlesAndLabels() throws {
        let archive = try Archive.inMemory()
        try Self.importExport(["c1", "c2"], updateTime: 10, into: archive)
        try archive.setBookmark(true, conversationID: "c1", nodeID: "a1", at: 5)
        try archive.setBookmark(true, conversationID: "c2", nodeID: "a2", at: 9)
        try archive.setLabel("pine", conversationID: "c2", nodeID: "a2")
        try archive.setLabel("only a label", conversationID: "c1", nodeID: "u1")
        #expect(
            try archive.bookmarks() == [
                Bookmark(conversationID: "c2", nodeID: "a2", title: "Trees c2", label: "pine", time: 9),
                Bookmark(conversationID: "c1", nodeID: "a1", title: "Trees c1", label: nil, time: 5),
            ])
        #expect(try archive.bookmarks(limit: 1).count == 1)
    }

    @Test func labelHitsMatchEveryTermAnywhereInTheLabelIgnoringCase() throws {
        let archive = try Archive.inMemory()
        try Self.importExport(["c1"], updateTime: 10, into: archive)
        try archive.setLabel("Keeper: the Pine one", conversationID: "c1", nodeID: "a2")
        try archive.setLabel("draft", conversationID: "c1", nodeID: "a1")
        let hits = try archive.labelHits("pine KEEP", limit: 10)
        #expect(
            hits == [
                SearchHit(
                    conversationID: "c1", nodeID: "a2", title: "Trees c1", role: "label",
                    snippet: "Keeper: the Pine one")
            ])
        #expect(try archive.labelHits("pine oak", limit: 10).isEmpty)
        #expect(try archive.labelHits("   ", limit: 10).isEmpty)
        #expect(try archive.labelHits("e", limit: 1).count == 1)
        #expect(try archive.labelHits("e", limit: 10).count == 1)
        #expect(try archive.labelHits("r", limit: 10).count == 2)
    }

    @Test func aLabelIsOneCleanLineOfAtMostSixtyCharacters() {
        #expect(MessageMark.cleanLabel("") == nil)
        #expect(MessageMark.cleanLabel(" \n\t ") == nil)
        #expect(MessageMark.cleanLabel("a\u{1B}[31mb") == "a [31mb")
        #expect(MessageMark.cleanLabel("one\u{2028}two\u{200E}") == "one two")
        #expect(MessageMark.cleanLabel(String(repeating: "x", count: 80))?.count == MessageMark.maxLabelLength)
        #expect(MessageMark.cleanLabel("日本語 ラベル") == "日本語 ラベル")
    }
}

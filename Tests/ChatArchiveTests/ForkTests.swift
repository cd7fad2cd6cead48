import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

@testable import ChatArchive

/// Forks in the archive: stored as a conversation of their own under the source given, linked
/// both ways, with the marks and branch memory of what they copied, surviving a re-import of the
/// origin, and readable back as the same JSON a server would write.
@Suite struct ArchiveForkTests {
    static let nodes: [TestJSON.Spec] = [
        ("u1", nil, "user", "Name a tree"),
        ("a1", "u1", "assistant", "Oak"),
        ("a2", "u1", "assistant", "Pine"),
        ("u2", "a2", "user", "Another"),
        ("a3", "u2", "assistant", "Birch"),
    ]

    static func importOrigin(into archive: Archive, updateTime: Double = 10) throws {
        let temp = TempDir()
        let object = TestJSON.conversation(id: "c1", title: "Trees", updateTime: updateTime, nodes: nodes)
        let file = temp.file("conversations.json", TestJSON.data([object]))
        _ = try Importer(archive: archive).importFile(at: file)
    }

    @Test func aForkIsALocalConversationOfTheScopeLinkedBothWays() throws {
        let archive = try Archive.inMemory()
        try Self.importOrigin(into: archive)
        let made = try archive.fork("c1", at: "a2", scope: .path, id: "f1", source: "local", now: 500)
        #expect(made.visibleMessages == 2)
        #expect(made.source == "local")
        let summary = try #require(try archive.summary(id: "f1"))
        #expect(summary.title == "Trees (fork)")
        #expect(summary.source == "local")
        #expect(summary.updateTime == 500)
        let stored = try #require(try archive.conversation(id: "f1"))
        #expect(Set(stored.mapping.keys) == ["root", "u1", "a2"])
        #expect(stored.mapping["u1"]?.children == ["a2"])
        #expect(stored.currentNode == "a2")
        #expect(stored.mapping["a2"]?.message?.content.displayText == "Pine")
        // Read back as the fork was made: the same nodes, links and messages.
        #expect(stored.mapping.mapValues(\.children) == made.conversation.mapping.mapValues(\.children))
        #expect(stored.mapping.mapValues(\.message?.id) == made.conversation.mapping.mapValues(\.message?.id))
        // The server's book (source local) finds it.
        #expect(try archive.conversation(id: "f1", source: "local") != nil)

        let link = ForkLink(
            forkID: "f1", originID: "c1", originNodeID: "a2", scope: .path, created: 500, forkTitle: "Trees (fork)",
            originTitle: "Trees")
        #expect(try archive.origin(of: "f1") == link)
        #expect(try archive.forks(of: "c1") == [link])
        #expect(try archive.forkLinks(of: "c1") == ForkLinks(forks: [link]))
        #expect(try archive.forkLinks(of: "f1") == ForkLinks(origin: link))
        #expect(try archive.origin(of: "c1") == nil)
        #expect(try archive.forks(of: "f1").isEmpty)
        // Search finds the fork's messages too.
        #expect(try archive.search("Pine", limit: 10).contains { $0.conversationID == "f1" })
    }

    @Test func theScopesCopyWhatTheySay() throws {
        let archive = try Archive.inMemory()
        try Self.importOrigin(into: archive)
        try archive.fork("c1", at: "a2", scope: .branches, id: "fb", source: "local", now: 1)
        try archive.fork("c1", at: "a2", scope: .tree, id: "ft", source: "local", now: 2)
        #expect(Set(try #require(try archive.conversation(id: "fb")).mapping.keys) == ["root", "u1", "a2", "u2", "a3"])
        #expect(try archive.conversation(id: "fb")?.currentNode == "a3")
        #expect(try archive.conversation(id: "ft")?.mapping.count == 6)
        #expect(try archive.forks(of: "c1").map(\.forkID) == ["fb", "ft"])
        #expect(try archive.forks(of: "c1").map(\.scope) == [.branches, .tree])
    }

    @Test func labelsBookmarksAndBranchMemoryOfTheCopiedMessagesComeAlong() throws {
        let archive = try Archive.inMemory()
        try Self.importOrigin(into: archive)
        try archive.setLabel("pine", conversationID: "c1", nodeID: "a2")
        try archive.setLabel("oak", conversationID: "c1", nodeID: "a1")
        try archive.setBookmark(true, conversationID: "c1", nodeID: "u1", at: 7)
        var memory = BranchMemory()
        memory.visit("a1")
        memory.visit("a3")
        try archive.saveBranchMemory(memory, for: "c1")
        let made = try archive.fork("c1", at: "a2", scope: .path, id: "f1", source: "local", now: 1)
        let expected = ["a2": MessageMark(label: "pine"), "u1": MessageMark(bookmarkedAt: 7)]
        #expect(try archive.marks(in: "f1") == expected)
        #expect(made.marks == expected)
        #expect(try archive.branchMemory(for: "f1").visits.isEmpty, "neither a1 nor a3 is in the path")
        try archive.fork("c1", at: "u1", scope: .tree, id: "f2", source: "local", now: 2)
        #expect(try archive.branchMemory(for: "f2") == memory)
        #expect(try archive.marks(in: "f2").count == 3)
        // The origin's marks are its own still.
        try archive.setLabel(nil, conversationID: "f1", nodeID: "a2")
        #expect(try archive.marks(in: "c1")["a2"] == MessageMark(label: "pine"))
    }

    @Test func theLinksSurviveAReimportOfTheOriginAndDeletingTheForkRemovesItsLink() throws {
        let archive = try Archive.inMemory()
        try Self.importOrigin(into: archive)
        try archive.fork("c1", at: "a3", scope: .path, id: "f1", source: "local", now: 1)
        try Self.importOrigin(into: archive, updateTime: 20)
        #expect(try archive.summary(id: "c1")?.updateTime == 20)
        #expect(try archive.forks(of: "c1").map(\.forkID) == ["f1"])
        #expect(try archive.origin(of: "f1")?.originID == "c1")
        #expect(try archive.conversation(id: "f1")?.mapping.count == 5)
        // The origin deleted: the fork still says where it came from, without a title.
        try archive.delete(id: "c1")
        #expect(try archive.origin(of: "f1")?.originTitle == nil)
        #expect(try archive.origin(of: "f1")?.originID == "c1")
        try archive.delete(id: "f1")
        #expect(try archive.origin(of: "f1") == nil)
    }

    @Test func forkingWhatIsNotStoredSaysWhat() throws {
        let archive = try Archive.inMemory()
        try Self.importOrigin(into: archive)
        #expect(throws: ForkError(description: "No conversation nowhere is stored")) {
            try archive.fork("nowhere", at: "a1", scope: .path, id: "f1", source: "local", now: 1)
        }
        #expect(throws: ForkError(description: "The conversation has no message zz")) {
            try archive.fork("c1", at: "zz", scope: .path, id: "f1", source: "local", now: 1)
        }
        #expect(try archive.summary(id: "f1") == nil)
    }
}

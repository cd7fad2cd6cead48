import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

@testable import ChatArchive

/// The list in the sidebar's order (pinned first), pins made here and how they fare when an
/// export is imported again, and the filter by marks.
@Suite struct LocalPinTests {
    /// A conversation object updated at `updateTime`, with the export's `members` on top.
    static func object(_ id: String, updateTime: Double, _ members: [String: Any] = [:]) -> [String: Any] {
        var object = TestJSON.conversation(id: id, title: "Chat \(id)", updateTime: updateTime)
        for (key, value) in members { object[key] = value }
        return object
    }

    static func store(_ objects: [[String: Any]], in archive: Archive) throws {
        for object in objects {
            let raw = TestJSON.data(object)
            try archive.upsert(try ConversationJSON.decode(raw), raw: raw, source: "chatgpt-export")
        }
    }

    /// Imports `objects` as an export's `conversations.json`.
    static func importExport(_ objects: [[String: Any]], into archive: Archive) throws {
        let temp = TempDir()
        let file = temp.file("conversations.json", TestJSON.data(objects))
        _ = try Importer(archive: archive).importFile(at: file)
    }

    /// Five conversations: `b` pinned at 20, `d` at 30 (so first), the rest not.
    static func five() throws -> Archive {
        let archive = try Archive.inMemory()
        try store(
            [
                object("a", updateTime: 5), object("b", updateTime: 4, ["pinned_time": 20.0]),
                object("c", updateTime: 3),
                object("d", updateTime: 2, ["pinned_time": 30.0]), object("e", updateTime: 1),
            ], in: archive)
        return archive
    }

    @Test func theListingPutsThePinnedFirstMostRecentlyPinnedFirstThenTheRestNewestFirst() throws {
        let archive = try Self.five()
        let all = try archive.listing(archived: false, offset: 0, limit: 10)
        #expect(all.rows.map(\.id) == ["d", "b", "a", "c", "e"])
        #expect(all.count == 5)
        #expect(all.pinnedCount == 2)
        // Pages across the line between the pinned and the rest, as the sidebar loads them.
        #expect(try archive.listing(archived: false, offset: 1, limit: 2).rows.map(\.id) == ["b", "a"])
        #expect(try archive.listing(archived: false, offset: 3, limit: 5).rows.map(\.id) == ["c", "e"])
        #expect(try archive.listing(archived: false, offset: 5, limit: 5).rows.isEmpty)
        #expect(try archive.listing(archived: true, offset: 0, limit: 5).count == 0)
        // The server's order (by update time) stays as it was.
        #expect(try archive.summaries(archived: false, offset: 0, limit: 10).map(\.id) == ["a", "b", "c", "d", "e"])
        for (index, id) in ["d", "b", "a", "c", "e"].enumerated() {
            #expect(try archive.listingIndex(of: id, archived: false) == index, "\(id)")
        }
        #expect(try archive.listingIndex(of: "a", archived: true) == nil)
    }

    @Test func aPinMadeHereListsTheConversationFirstAndAnUnpinTakesItOut() throws {
        let archive = try Self.five()
        #expect(try archive.setLocalPin(true, id: "e", at: 40))
        #expect(try archive.listing(archived: false, offset: 0, limit: 10).rows.map(\.id) == ["e", "d", "b", "a", "c"])
        #expect(try archive.summary(id: "e")?.facts.pinnedTime == 40)
        #expect(try archive.setLocalPin(false, id: "d", at: 41))
        let listing = try archive.listing(archived: false, offset: 0, limit: 10)
        #expect(listing.rows.map(\.id) == ["e", "b", "a", "c", "d"])
        #expect(listing.pinnedCount == 2)
        #expect(try archive.summary(id: "d")?.facts.pinnedTime == nil)
        #expect(try archive.listingIndex(of: "d", archived: false) == 4)
        // Pinning again what the export pinned gives back the export's pin.
        #expect(try archive.setLocalPin(true, id: "d", at: 42))
        #expect(try archive.summary(id: "d")?.facts.pinnedTime == 30)
        #expect(try !archive.setLocalPin(true, id: "nowhere", at: 43))
    }

    @Test func aReimportThatLeavesThePinAsItWasKeepsTheLocalChoice() throws {
        let archive = try Archive.inMemory()
        try Self.importExport(
            [Self.object("kept", updateTime: 1), Self.object("dropped", updateTime: 1, ["pinned_time": 10.0])],
            into: archive)
        try archive.setLocalPin(true, id: "kept", at: 50)
        try archive.setLocalPin(false, id: "dropped", at: 51)
        // Newer answers in both, the pins as the export had them.
        try Self.importExport(
            [Self.object("kept", updateTime: 2), Self.object("dropped", updateTime: 2, ["pinned_time": 10.0])],
            into: archive)
        #expect(try archive.summary(id: "kept")?.updateTime == 2, "the new copy was stored")
        #expect(try archive.summary(id: "kept")?.facts.pinnedTime == 50)
        #expect(try archive.summary(id: "dropped")?.facts.pinnedTime == nil)
        #expect(try archive.listing(archived: false, offset: 0, limit: 5).rows.map(\.id) == ["kept", "dropped"])
    }

    @Test func aReimportThatChangesThePinWins() throws {
        let archive = try Archive.inMemory()
        try Self.importExport(
            [Self.object("kept", updateTime: 1), Self.object("dropped", updateTime: 1, ["pinned_time": 10.0])],
            into: archive)
        try archive.setLocalPin(true, id: "kept", at: 50)
        try archive.setLocalPin(false, id: "dropped", at: 51)
        // The web page unpinned the one pinned here and pinned the other again, later.
        try Self.importExport(
            [
                Self.object("kept", updateTime: 2, ["pinned_time": NSNull()]),
                Self.object("dropped", updateTime: 2, ["pinned_time": 60.0]),
            ],
            into: archive)
        // `kept`'s export pin is unchanged (none): the local pin holds; `dropped`'s changed: the export wins.
        #expect(try archive.summary(id: "kept")?.facts.pinnedTime == 50)
        #expect(try archive.summary(id: "dropped")?.facts.pinnedTime == 60)
        try Self.importExport([Self.object("kept", updateTime: 3, ["pinned_time": 70.0])], into: archive)
        #expect(try archive.summary(id: "kept")?.facts.pinnedTime == 70)
        // And the choice made here is gone for good: the export going back does not bring it back.
        try Self.importExport([Self.object("kept", updateTime: 4)], into: archive)
        #expect(try archive.summary(id: "kept")?.facts.pinnedTime == nil)
    }

    @Test func aDeletedConversationTakesItsPinAlong() throws {
        let archive = try Self.five()
        try archive.setLocalPin(true, id: "a", at: 40)
        try archive.delete(id: "a")
        try Self.store([Self.object("a", updateTime: 5)], in: archive)
        #expect(try archive.summary(id: "a")?.facts.pinnedTime == nil)
    }

    @Test func theFilterKeepsConversationsWithEveryMarkAskedForPinnedFirst() throws {
        let archive = try Archive.inMemory()
        try Self.store(
            [
                Self.object("plain", updateTime: 9),
                Self.object("star", updateTime: 8, ["is_starred": true]),
                Self.object("study", updateTime: 7, ["is_study_mode": true, "is_starred": true]),
                Self.object("gpt", updateTime: 6, ["gizmo_id": "g-abc", "gizmo_type": "gpt"]),
                Self.object("proj", updateTime: 5, ["gizmo_id": "g-p-1", "gizmo_type": "snorlax"]),
                Self.object("temp", updateTime: 4, ["is_do_not_remember": true]),
                Self.object("pin", updateTime: 3, ["pinned_time": 1.0]),
            ], in: archive)
        try archive.keepShared([
            #require(
                SharedConversation(
                    record: .object(["conversation_id": .string("gpt"), "title": .string("Shared GPT")])))
        ])
        try archive.setLocalPin(true, id: "study", at: 2)
        func ids(_ text: String) throws -> [String] {
            try archive.summaries(archived: false, matching: ConversationFilter(parsing: text), limit: 50).map(\.id)
        }
        #expect(try ids("") == ["study", "pin", "plain", "star", "gpt", "proj", "temp"])
        #expect(try ids("is:pinned") == ["study", "pin"])
        #expect(try ids("is:starred") == ["study", "star"])
        #expect(try ids("is:starred is:pinned") == ["study"])
        #expect(try ids("is:study") == ["study"])
        #expect(try ids("is:gpt") == ["gpt"])
        #expect(try ids("is:project") == ["proj"])
        #expect(try ids("is:temporary") == ["temp"])
        #expect(try ids("is:shared") == ["gpt"])
        #expect(try ids("IS:Starred chat st") == ["study", "star"])
        #expect(try ids("is:starred proj") == [])
        // What the SQL keeps, the summary test keeps too (the CLI filters a server's list with it).
        let all = try archive.summaries(archived: false, matching: ConversationFilter(), limit: 50)
        for text in ["is:pinned", "is:starred", "is:shared chat", "is:study is:pinned", "is:temporary", "st"] {
            #expect(all.filter(ConversationFilter(parsing: text).matches).map(\.id) == (try ids(text)), "\(text)")
        }
    }

    @Test func theFilterParserSplitsMarksFromTitleWords() {
        let filter = ConversationFilter(parsing: "  rust  is:pinned IS:GPT is:custom-gpt is:nothing async is:")
        #expect(filter.words == ["rust", "is:nothing", "async", "is:"])
        #expect(filter.marks == [.pinned, .gpt])
        #expect(
            ConversationFilter(parsing: "is:starred is:temporary is:study is:project is:shared").marks == [
                .starred, .temporary, .study, .project, .shared,
            ])
        #expect(ConversationFilter(parsing: " \t ").isEmpty)
        #expect(!ConversationFilter(parsing: "is:shared").isEmpty)
        #expect(ConversationMark(name: "Custom-GPT") == .gpt)
        #expect(ConversationMark(name: "pinnedd") == nil)
    }
}

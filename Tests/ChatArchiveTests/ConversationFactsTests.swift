import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import GRDB
import Testing

@testable import ChatArchive

/// Pinned, starred, temporary, study mode, custom GPT and project conversations, as 2025–2026
/// exports mark them at the top of each conversation.
@Suite struct ConversationFactsTests {
    static func item(_ id: String, _ members: [String: Any]) -> (Conversation, Data) {
        var object = TestJSON.conversation(id: id)
        for (key, value) in members { object[key] = value }
        let raw = TestJSON.data(object)
        return (try! ConversationJSON.decode(raw), raw)
    }

    static var marked: [(String, [String: Any], ConversationFacts)] {
        [
            ("plain", ["is_starred": false, "pinned_time": NSNull(), "gizmo_id": NSNull()], ConversationFacts()),
            ("pinned", ["pinned_time": 1_760_000_000.5], ConversationFacts(pinnedTime: 1_760_000_000.5)),
            ("starred", ["is_starred": true], ConversationFacts(isStarred: true)),
            ("temporary", ["is_do_not_remember": true], ConversationFacts(tags: [.temporary])),
            (
                "study", ["is_study_mode": true, "gizmo_id": "g-abc", "gizmo_type": "gpt"],
                ConversationFacts(tags: [.study, .customGPT])
            ),
            ("project", ["gizmo_id": "g-p-123", "gizmo_type": "snorlax"], ConversationFacts(tags: [.project])),
        ]
    }

    @Test func eachMarkIsReadAndListed() throws {
        let archive = try Archive.inMemory()
        for (id, members, _) in Self.marked {
            let (c, raw) = Self.item(id, members)
            try archive.upsert(c, raw: raw, source: "chatgpt-export")
        }
        for (id, _, expected) in Self.marked {
            #expect(try archive.summary(id: id)?.facts == expected, "\(id)")
        }
        let listed = try archive.summaries(archived: false, offset: 0, limit: 10)
        #expect(listed.count == Self.marked.count)
        #expect(listed.first { $0.id == "study" }?.facts.tags.map(\.label) == ["study mode", "custom GPT"])
    }

    @Test func anArchiveFromBeforeTheMarksGetsThemOnceWhenOpened() throws {
        let temp = TempDir()
        // An archive whose conversations were stored before the facts had columns.
        do {
            let queue = try DatabaseQueue(path: temp.url.appendingPathComponent(Archive.fileName).path)
            try Archive.migrator.migrate(queue, upTo: "added-nodes")
            try queue.write { db in
                for (id, members, _) in Self.marked {
                    let (_, raw) = Self.item(id, members)
                    try db.execute(
                        sql: "INSERT INTO conversation (id, source, title, raw) VALUES (?, 'chatgpt-export', ?, ?)",
                        arguments: [id, id, raw])
                }
            }
        }
        let archive = try Archive(directory: temp.url)
        for (id, _, expected) in Self.marked {
            #expect(try archive.summary(id: id)?.facts == expected, "\(id)")
        }
    }

    @Test func anOlderArchiveOnReadOnlyStorageStillListsAndOpens() throws {
        let temp = TempDir()
        do {
            let queue = try DatabaseQueue(path: temp.url.appendingPathComponent(Archive.fileName).path)
            try Archive.migrator.migrate(queue, upTo: "open-answers")
            let (_, raw) = Self.item("old", ["is_starred": true])
            try queue.write { db in
                try db.execute(
                    sql: "INSERT INTO conversation (id, source, title, raw) VALUES ('old', 'chatgpt-export', 'Old', ?)",
                    arguments: [raw])
            }
        }
        let archive = try Archive(readingOnly: temp.url)
        let listed = try archive.summaries(archived: false, offset: 0, limit: 10)
        #expect(listed.map(\.id) == ["old"])
        #expect(listed.first?.facts == ConversationFacts(), "what the file lacks reads as nothing")
        #expect(try archive.conversation(id: "old")?.title == "Title")
        #expect(try archive.shareTitle(of: "old") == nil)
    }

    @Test func sharedConversationsAndTheAccountAreReadFromTheExport() throws {
        let temp = TempDir()
        let zip = temp.file(
            "export.zip",
            StoredZip.make([
                (
                    "conversations.json",
                    TestJSON.data([TestJSON.conversation(id: "a"), TestJSON.conversation(id: "b")])
                ),
                (
                    "shared_conversations.json",
                    TestJSON.data([
                        ["id": "share-1", "conversation_id": "a", "title": "My tree notes", "is_anonymous": true]
                    ])
                ),
                (
                    "user.json",
                    TestJSON.data([
                        "id": "user-1", "email": "you@example.com", "chatgpt_plus_user": true, "phone_number": "+100",
                    ])
                ),
            ]))
        let archive = try Archive.inMemory()

        let report = try Importer(archive: archive).importFile(at: zip)

        #expect(report.shared == 1)
        #expect(report.account == ExportAccount(email: "you@example.com", isPlus: true))
        #expect(try archive.exportAccount()?.description == "you@example.com (Plus)")
        #expect(try archive.summary(id: "a")?.facts.isShared == true)
        #expect(try archive.summary(id: "b")?.facts.isShared == false)
        #expect(try archive.shareTitle(of: "a") == "My tree notes")
        #expect(try archive.shareTitle(of: "b") == nil)
        #expect(try archive.setting(ExportAccount.setting)?.contains("+100") == false, "no phone number kept")
    }
}

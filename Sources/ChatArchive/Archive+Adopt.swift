import ChatModel
import ChatProtocol
import Foundation
import GRDB

/// What ``Archive/adopt(archiveIn:as:)`` did.
public struct Adoption: Sendable, Equatable {
    /// Conversations moved into this archive (new, or replacing a cached copy).
    public var moved: Int
    /// Conversations left out because this archive keeps the same id under another source
    /// (an import, another service): that copy stays as it is.
    public var keptApart: Int
    /// Where the other archive's file now is, renamed aside so it is read once.
    public var renamedTo: URL
}

extension Archive {
    /// The name an adopted archive's file is renamed to, beside where it was.
    public static let adoptedFileName = fileName + ".adopted"

    /// Moves the conversations of an archive kept apart into this one under `source`: before
    /// 2026-12-06 the embedded server kept its conversations in `<data>/server/` and each
    /// embedded profile in `<data>/profiles/NAME/`, while the browser cached a second copy
    /// here. The other archive's copy replaces a cached one (it was the server's own); an id
    /// this archive keeps under another source is left alone. Unfinished answers move too, so
    /// a server marks them interrupted as before. Then the other file is renamed to
    /// ``adoptedFileName`` (with a number when that name is taken), so it is read only once.
    ///
    /// Returns nil when `folder` holds no archive. Throws, moving nothing and renaming
    /// nothing, when the other archive cannot be read or a conversation in it cannot be
    /// decoded.
    @discardableResult
    public func adopt(archiveIn folder: URL, as source: String) throws -> Adoption? {
        let file = folder.appendingPathComponent(Self.fileName)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let (moved, keptApart) = try copyConversations(from: folder, as: source)
        let target = Self.freeName(for: folder.appendingPathComponent(Self.adoptedFileName))
        try FileManager.default.moveItem(at: file, to: target)
        for suffix in ["-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: file.path + suffix)
        }
        return Adoption(moved: moved, keptApart: keptApart, renamedTo: target)
    }

    /// Copies every conversation and open answer of the archive in `folder` here, in one
    /// transaction; the other archive is checkpointed and closed when this returns.
    private func copyConversations(from folder: URL, as source: String) throws -> (moved: Int, keptApart: Int) {
        let other = try Archive(directory: folder)
        let (rows, open) = try other.writer.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, raw FROM conversation ORDER BY seq").map {
                (id: $0[0] as String, raw: try StoredJSON.decode($0[1] as Data))
            }
            let open = try Row.fetchAll(db, sql: "SELECT conversation_id, message_id, pid FROM open_answer").map {
                OpenAnswer(conversationID: $0[0], messageID: $0[1], pid: $0[2])
            }
            return (rows, open)
        }
        let prepared = try rows.map {
            PreparedConversation(try FastJSON.decodeConversation($0.raw, fallbackID: $0.id), raw: $0.raw)
        }
        let counts = try modify { db -> (Int, Int) in
            var moved = 0
            var keptApart = 0
            let owner = try db.cachedStatement(sql: "SELECT source FROM conversation WHERE id = ?")
            for conversation in prepared {
                if let existing = try String.fetchOne(owner, arguments: [conversation.id]), existing != source {
                    keptApart += 1
                    continue
                }
                _ = try Self.upsert(conversation, source: source, replacing: true, db: db)
                moved += 1
            }
            for answer in open {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO open_answer (message_id, conversation_id, pid) VALUES (?, ?, ?)",
                    arguments: [answer.messageID, answer.conversationID, answer.pid])
            }
            return (moved, keptApart)
        }
        // Fold the other archive's log into its file, so the renamed file is whole on its own.
        _ = try? other.modifyWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        return counts
    }

    /// `url` when nothing is there, else `url` with `.2`, `.3`, … appended.
    private static func freeName(for url: URL) -> URL {
        var candidate = url
        var n = 2
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = URL(fileURLWithPath: url.path + ".\(n)")
            n += 1
        }
        return candidate
    }
}

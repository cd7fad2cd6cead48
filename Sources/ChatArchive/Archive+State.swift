import ChatModel
import Foundation
import GRDB

extension Archive {
    /// The unsent draft of a conversation, if any.
    public func draft(for conversationID: String) throws -> String? {
        try writer.read { db in
            try String.fetchOne(
                db, sql: "SELECT text FROM draft WHERE conversation_id = ?", arguments: [conversationID])
        }
    }

    /// Saves the draft of a conversation; empty text deletes it.
    public func saveDraft(_ text: String, for conversationID: String) throws {
        try modify { db in
            if text.isEmpty {
                try db.execute(sql: "DELETE FROM draft WHERE conversation_id = ?", arguments: [conversationID])
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO draft (conversation_id, text, updated) VALUES (?, ?, ?)
                        ON CONFLICT (conversation_id) DO UPDATE SET text = excluded.text, updated = excluded.updated
                        """,
                    arguments: [conversationID, text, Date().timeIntervalSince1970])
            }
        }
    }

    /// The leaves last visited in a conversation; empty when none was recorded (or the
    /// stored value cannot be read).
    public func branchMemory(for conversationID: String) throws -> BranchMemory {
        let data = try writer.read { db in
            try Data.fetchOne(
                db, sql: "SELECT visits FROM branch_memory WHERE conversation_id = ?", arguments: [conversationID])
        }
        guard let data else { return BranchMemory() }
        return (try? JSONDecoder().decode(BranchMemory.self, from: data)) ?? BranchMemory()
    }

    /// Saves the branch memory of a conversation; an empty memory deletes it.
    public func saveBranchMemory(_ m: BranchMemory, for conversationID: String) throws {
        try modify { db in try Self.store(m, for: conversationID, db: db) }
    }

    /// Writes a conversation's branch memory in `db`; an empty memory deletes it.
    static func store(_ m: BranchMemory, for conversationID: String, db: Database) throws {
        if m.visits.isEmpty {
            try db.execute(sql: "DELETE FROM branch_memory WHERE conversation_id = ?", arguments: [conversationID])
        } else {
            try db.execute(
                sql: """
                    INSERT INTO branch_memory (conversation_id, visits) VALUES (?, ?)
                    ON CONFLICT (conversation_id) DO UPDATE SET visits = excluded.visits
                    """,
                arguments: [conversationID, try JSONEncoder().encode(m)])
        }
    }

    /// A stored setting.
    public func setting(_ key: String) throws -> String? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key])
        }
    }

    /// Stores a setting; nil deletes it.
    public func setSetting(_ key: String, _ value: String?) throws {
        try modify { db in
            if let value {
                try db.execute(
                    sql:
                        "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    arguments: [key, value])
            } else {
                try db.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [key])
            }
        }
    }
}

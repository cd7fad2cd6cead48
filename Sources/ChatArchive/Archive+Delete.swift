import GRDB

extension Archive {
    /// Deletes a conversation with its search rows, draft, branch memory, local pin, message marks
    /// and fork link (with `source`, only when it is kept under that source). Returns whether it
    /// was stored.
    @discardableResult
    public func delete(id: String, source: String? = nil) throws -> Bool {
        try modify { db in
            guard
                let seq = try Int64.fetchOne(
                    db, sql: "SELECT seq FROM conversation WHERE id = ?1 AND (?2 IS NULL OR source = ?2)",
                    arguments: [id, source])
            else { return false }
            try Self.deleteSearchRows(db, seq: seq)
            try db.execute(sql: "DELETE FROM conversation WHERE seq = ?", arguments: [seq])
            try db.execute(sql: "DELETE FROM draft WHERE conversation_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM branch_memory WHERE conversation_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM local_pin WHERE conversation_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM message_mark WHERE conversation_id = ?", arguments: [id])
            // A deleted fork is no fork of its origin any more; a deleted origin's forks still say
            // where they came from.
            try db.execute(sql: "DELETE FROM fork_link WHERE fork_id = ?", arguments: [id])
            return true
        }
    }
}

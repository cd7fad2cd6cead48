import GRDB

extension Archive {
    /// Deletes a conversation with its search rows, draft and branch memory. Returns
    /// whether it was stored.
    @discardableResult
    public func delete(id: String) throws -> Bool {
        try modify { db in
            guard let seq = try Int64.fetchOne(db, sql: "SELECT seq FROM conversation WHERE id = ?", arguments: [id])
            else { return false }
            try db.execute(
                sql: "DELETE FROM message_fts WHERE rowid BETWEEN ? AND ?",
                arguments: [seq << 24, (seq << 24) + Int64(PreparedConversation.maxRows - 1)])
            try db.execute(sql: "DELETE FROM conversation WHERE seq = ?", arguments: [seq])
            try db.execute(sql: "DELETE FROM draft WHERE conversation_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM branch_memory WHERE conversation_id = ?", arguments: [id])
            return true
        }
    }
}

import GRDB

extension Archive {
    /// Full-text search over every visible message of every branch, best matches first
    /// (FTS5 `bm25` rank), at most `limit` hits.
    ///
    /// Each whitespace-separated term must occur as a word prefix (`regen` finds
    /// "regenerate"); CJK terms match anywhere in the text. Anything a user types is safe:
    /// quotes, `-`, `*`, parentheses and FTS5 keywords are matched literally, and a query
    /// with no letter or digit returns no hits.
    public func search(_ query: String, limit: Int) throws -> [SearchHit] {
        guard limit > 0, let expression = FTSText.matchExpression(query) else { return [] }
        let terms = FTSText.terms(query)
        return try writer.read { db in
            // Rank only rowids first, then read text for the few hits that are shown.
            let rowids = try Int64.fetchAll(
                db, sql: "SELECT rowid FROM message_fts WHERE message_fts MATCH ? ORDER BY rank LIMIT ?",
                arguments: [expression, limit])
            let detail = try db.cachedStatement(
                sql: """
                    SELECT f.conversation_id, f.node_id, f.role, f.text, c.title
                    FROM message_fts f LEFT JOIN conversation c ON c.id = f.conversation_id
                    WHERE f.rowid = ?
                    """)
            return try rowids.compactMap { rowid -> SearchHit? in
                guard let row = try Row.fetchOne(detail, arguments: [rowid]) else { return nil }
                return SearchHit(
                    conversationID: row[0], nodeID: row[1], title: row[4], role: row[2],
                    snippet: FTSText.snippet(row[3], terms: terms))
            }
        }
    }
}

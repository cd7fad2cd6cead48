import GRDB

extension Archive {
    /// How many matches a search ranks at most. Queries with fewer matches are ranked
    /// exactly; for more (a very common word), the best of the first this many matches are
    /// returned.
    static let rankedMatches = 5000

    /// Full-text search over every visible message of every branch, best matches first
    /// (FTS5 `bm25`; see ``rankedMatches``), at most `limit` hits.
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
            // bm25 is computed for at most `rankedMatches` rows, taken in rowid order (no
            // sort needed), so a query matching most messages stays fast.
            var scored: [(rowid: Int64, score: Double)] = []
            let rows = try Row.fetchCursor(
                db, sql: "SELECT rowid, bm25(message_fts) FROM message_fts WHERE message_fts MATCH ? LIMIT ?",
                arguments: [expression, Self.rankedMatches])
            while let row = try rows.next() {
                scored.append((row[0], row[1]))
            }
            scored.sort { $0.score != $1.score ? $0.score < $1.score : $0.rowid < $1.rowid }
            let rowids = scored.prefix(limit).map(\.rowid)
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

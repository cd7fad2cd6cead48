import GRDB

/// A stretch of the conversation list in the sidebar's order: the pinned conversations first,
/// most recently pinned first, then the rest, newest `update_time` first.
public struct ConversationListing: Sendable, Hashable {
    /// How many conversations the list holds.
    public var count: Int
    /// How many of them are pinned: the first `pinnedCount` of the list.
    public var pinnedCount: Int
    /// The index in the list of `rows[0]`.
    public var offset: Int
    /// The conversations from `offset` on.
    public var rows: [ConversationSummary]

    /// Creates a listing.
    public init(count: Int, pinnedCount: Int, offset: Int, rows: [ConversationSummary]) {
        self.count = count
        self.pinnedCount = pinnedCount
        self.offset = offset
        self.rows = rows
    }
}

/// Pins made here, and the list in pinned-first order. A conversation's pin is the stored
/// `pinned_time` (the export's or the server's), unless a pin or unpin made here holds: one
/// made while the stored `pinned_time` was what it still is (table `local_pin`).
extension Archive {
    /// The SQL of a conversation's pin as the reader sees it: the local choice while it holds,
    /// else the stored `pinned_time` (nil: not pinned).
    static func pinExpression(for migrations: Set<String>) -> String {
        guard migrations.contains("conversation-facts") else { return "NULL" }
        guard migrations.contains("local-pins") else { return "conversation.pinned_time" }
        return """
            (CASE WHEN EXISTS (SELECT 1 FROM local_pin WHERE local_pin.conversation_id = conversation.id
            AND local_pin.seen_pinned_time IS conversation.pinned_time)
            THEN (SELECT local_pin.pin_time FROM local_pin WHERE local_pin.conversation_id = conversation.id)
            ELSE conversation.pinned_time END)
            """
    }

    /// The ids that may be pinned: those with a stored pin (found through a partial index) and
    /// those with a local choice.
    private var pinCandidates: String {
        guard migrations.contains("conversation-facts") else { return "SELECT NULL WHERE 0" }
        let stored = "SELECT id FROM conversation WHERE pinned_time IS NOT NULL"
        guard migrations.contains("local-pins") else { return stored }
        return stored + " UNION SELECT conversation_id FROM local_pin"
    }

    /// Pins (`true`) or unpins a conversation here, at `time` (seconds since 1970; the most
    /// recently pinned comes first). The choice holds across re-imports and server copies
    /// until one brings a `pinned_time` other than the one stored now. Choosing what is stored
    /// anyway drops an earlier choice. Returns false when the conversation is not stored.
    @discardableResult
    public func setLocalPin(_ pinned: Bool, id: String, at time: Double) throws -> Bool {
        try modify { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT pinned_time FROM conversation WHERE id = ?", arguments: [id])
            else { return false }
            let stored: Double? = row[0]
            if pinned == (stored != nil) {
                try db.execute(sql: "DELETE FROM local_pin WHERE conversation_id = ?", arguments: [id])
            } else {
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO local_pin (conversation_id, pin_time, seen_pinned_time)
                        VALUES (?, ?, ?)
                        """,
                    arguments: [id, pinned ? time : nil, stored])
            }
            return true
        }
    }

    /// Up to `limit` conversations from `offset` of the list in the sidebar's order (pinned
    /// first, see ``ConversationListing``), with the list's size and how many are pinned.
    /// The pinned ones are few and read whole; the rest are read a page at a time in the
    /// order of the `update_time` index.
    public func listing(archived: Bool, offset: Int, limit: Int) throws -> ConversationListing {
        let offset = max(0, offset)
        let limit = max(0, limit)
        return try writer.read { db in
            let count =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM conversation WHERE is_archived = ?", arguments: [archived])
                ?? 0
            let pinned = try pinnedSummaries(archived: archived, db: db)
            var rows = Array(pinned.dropFirst(offset).prefix(limit))
            if rows.count < limit {
                rows += try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(summaryColumns) FROM conversation WHERE is_archived = ?1 AND \(pinExpression) IS NULL
                        ORDER BY update_time DESC, id LIMIT ?2 OFFSET ?3
                        """,
                    arguments: [archived, limit - rows.count, max(0, offset - pinned.count)]
                ).map(Self.summary(from:))
            }
            return ConversationListing(count: count, pinnedCount: pinned.count, offset: offset, rows: rows)
        }
    }

    /// Where conversation `id` is in the list ``listing(archived:offset:limit:)`` reads; nil
    /// when it is not in that list.
    public func listingIndex(of id: String, archived: Bool) throws -> Int? {
        try writer.read { db in
            let pinned = try pinnedSummaries(archived: archived, db: db)
            if let index = pinned.firstIndex(where: { $0.id == id }) { return index }
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT update_time FROM conversation WHERE id = ? AND is_archived = ?",
                    arguments: [id, archived])
            else { return nil }
            let time: Double? = row[0]
            // Before it, newest first with unknown times last: a newer time, or the same and a smaller id.
            let before =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM conversation WHERE is_archived = ?1 AND \(pinExpression) IS NULL
                        AND ((?2 IS NOT NULL AND (update_time > ?2 OR (update_time = ?2 AND id < ?3)))
                        OR (?2 IS NULL AND (update_time IS NOT NULL OR id < ?3)))
                        """,
                    arguments: [archived, time, id]) ?? 0
            return pinned.count + before
        }
    }

    /// Conversations passing `filter`, up to `limit`, in the sidebar's order (pinned first).
    /// An empty filter passes every conversation.
    public func summaries(archived: Bool, matching filter: ConversationFilter, limit: Int) throws
        -> [ConversationSummary]
    {
        var conditions = ["is_archived = ?"]
        var arguments: StatementArguments = [archived]
        for word in filter.words {
            conditions.append("COALESCE(title, '') LIKE ? ESCAPE '\\'")
            arguments += ["%" + Self.escapeLike(word) + "%"]
        }
        for mark in filter.marks { conditions.append(condition(for: mark)) }
        arguments += [max(0, limit)]
        let values = arguments
        let sql = """
            SELECT \(summaryColumns) FROM conversation WHERE \(conditions.joined(separator: " AND "))
            ORDER BY \(pinExpression) IS NULL, \(pinExpression) DESC, update_time DESC, id LIMIT ?
            """
        return try writer.read { db in
            try Row.fetchAll(db, sql: sql, arguments: values).map(Self.summary(from:))
        }
    }

    /// The SQL condition a conversation with `mark` meets (false where the file has no such column).
    private func condition(for mark: ConversationMark) -> String {
        let facts = migrations.contains("conversation-facts")
        switch mark {
        case .pinned:
            return "\(pinExpression) IS NOT NULL"
        case .starred:
            return facts ? "is_starred = 1" : "0"
        case .shared:
            guard migrations.contains("shared-conversations") else { return "0" }
            return
                "EXISTS (SELECT 1 FROM shared_conversation WHERE shared_conversation.conversation_id = conversation.id)"
        case .temporary, .study, .gpt, .project:
            guard facts, let tag = mark.tag else { return "0" }
            return "(' ' || tags || ' ') LIKE '% \(tag.rawValue) %'"
        }
    }

    /// The pinned conversations of a list, most recently pinned first.
    private func pinnedSummaries(archived: Bool, db: Database) throws -> [ConversationSummary] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT \(summaryColumns) FROM conversation WHERE is_archived = ?1 AND id IN (\(pinCandidates))
                AND \(pinExpression) IS NOT NULL ORDER BY \(pinExpression) DESC, update_time DESC, id
                """,
            arguments: [archived]
        ).map(Self.summary(from:))
    }
}

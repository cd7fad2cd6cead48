import ChatModel
import GRDB

/// A bookmarked message, as the bookmark list shows it.
public struct Bookmark: Sendable, Hashable {
    /// The conversation holding the message.
    public var conversationID: String
    /// The message's node id.
    public var nodeID: String
    /// The conversation's title, nil when it has none (or is no longer stored).
    public var title: String?
    /// The message's label, if it has one.
    public var label: String?
    /// When it was bookmarked (seconds since 1970).
    public var time: Double

    /// Creates a bookmark.
    public init(conversationID: String, nodeID: String, title: String?, label: String?, time: Double) {
        self.conversationID = conversationID
        self.nodeID = nodeID
        self.title = title
        self.label = label
        self.time = time
    }
}

/// Labels and bookmarks put on messages here (table `message_mark`). They are the reader's: an
/// import or a sync replaces a conversation's row and never touches them, so they outlive every
/// re-import; deleting the conversation deletes them.
extension Archive {
    /// Whether the archive has the table (a read-only archive of an older chatterm may not).
    private var hasMarks: Bool { migrations.contains("message-marks") }

    /// The marks on the messages of a conversation, by node id.
    public func marks(in conversationID: String) throws -> [String: MessageMark] {
        guard hasMarks else { return [:] }
        return try writer.read { db in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT node_id, label, bookmarked_time FROM message_mark WHERE conversation_id = ?",
                arguments: [conversationID])
            var marks: [String: MessageMark] = [:]
            while let row = try rows.next() {
                marks[row[0]] = MessageMark(label: row[1], bookmarkedAt: row[2])
            }
            return marks
        }
    }

    /// Puts `label` on a message (cleaned by ``MessageMark/cleanLabel(_:)``; nil or blank
    /// removes it). Returns the label stored.
    @discardableResult
    public func setLabel(_ label: String?, conversationID: String, nodeID: String) throws -> String? {
        let clean = label.flatMap(MessageMark.cleanLabel)
        try update(conversationID: conversationID, nodeID: nodeID) { $0.label = clean }
        return clean
    }

    /// Bookmarks a message at `time` (seconds since 1970), or removes its bookmark.
    public func setBookmark(_ bookmarked: Bool, conversationID: String, nodeID: String, at time: Double) throws {
        try update(conversationID: conversationID, nodeID: nodeID) { $0.bookmarkedAt = bookmarked ? time : nil }
    }

    /// Every bookmark, most recent first, with its conversation's title.
    public func bookmarks(limit: Int = 1000) throws -> [Bookmark] {
        guard hasMarks else { return [] }
        return try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT m.conversation_id, m.node_id, c.title, m.label, m.bookmarked_time
                    FROM message_mark m LEFT JOIN conversation c ON c.id = m.conversation_id
                    WHERE m.bookmarked_time IS NOT NULL
                    ORDER BY m.bookmarked_time DESC, m.conversation_id, m.node_id LIMIT ?
                    """, arguments: [limit]
            ).map { Bookmark(conversationID: $0[0], nodeID: $0[1], title: $0[2], label: $0[3], time: $0[4]) }
        }
    }

    /// The messages whose label holds every term of `query` (case-insensitive, anywhere in the
    /// label), as search hits, most recently labelled conversations first.
    public func labelHits(_ query: String, limit: Int) throws -> [SearchHit] {
        let terms = query.split(whereSeparator: \.isWhitespace).map { String($0).lowercased() }
        guard hasMarks, limit > 0, !terms.isEmpty else { return [] }
        let rows = try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT m.conversation_id, m.node_id, m.label, c.title FROM message_mark m
                    LEFT JOIN conversation c ON c.id = m.conversation_id
                    WHERE m.label IS NOT NULL ORDER BY c.update_time DESC, m.conversation_id, m.node_id
                    """)
        }
        var hits: [SearchHit] = []
        for row in rows {
            let label: String = row[2]
            let folded = label.lowercased()
            guard terms.allSatisfy({ folded.contains($0) }) else { continue }
            hits.append(
                SearchHit(conversationID: row[0], nodeID: row[1], title: row[3], role: "label", snippet: label))
            if hits.count == limit { break }
        }
        return hits
    }

    /// Reads a message's mark, changes it and stores it (or removes the row when it is empty).
    private func update(conversationID: String, nodeID: String, _ change: (inout MessageMark) -> Void) throws {
        try modify { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT label, bookmarked_time FROM message_mark WHERE conversation_id = ? AND node_id = ?",
                arguments: [conversationID, nodeID])
            var mark = row.map { MessageMark(label: $0[0], bookmarkedAt: $0[1]) } ?? MessageMark()
            change(&mark)
            if mark.isEmpty {
                try db.execute(
                    sql: "DELETE FROM message_mark WHERE conversation_id = ? AND node_id = ?",
                    arguments: [conversationID, nodeID])
            } else {
                try Self.store(mark, conversationID: conversationID, nodeID: nodeID, db: db)
            }
        }
    }

    /// Writes a message's (non-empty) mark in `db`, replacing what it had.
    static func store(_ mark: MessageMark, conversationID: String, nodeID: String, db: Database) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO message_mark (conversation_id, node_id, label, bookmarked_time)
                VALUES (?, ?, ?, ?)
                """, arguments: [conversationID, nodeID, mark.label, mark.bookmarkedAt])
    }
}

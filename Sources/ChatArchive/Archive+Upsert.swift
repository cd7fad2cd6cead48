import ChatModel
import Foundation
import GRDB

/// A conversation ready to be written: its columns, raw bytes and index rows, computed
/// off the database thread.
struct PreparedConversation: Sendable {
    /// One row of `message_fts`.
    struct TextRow: Sendable {
        var nodeID: String
        var role: String
        /// The display text, CJK-segmented (``FTSText/indexed(_:)``).
        var text: String
        /// The text as `message_text` keeps it (``SearchText``), packed off the writing thread.
        var packed: Data
    }

    var id: String
    var title: String?
    var createTime: Double?
    var updateTime: Double?
    var isArchived: Bool
    var currentNode: String?
    var nodeCount: Int
    /// The JSON, verbatim (deflated when written, on the writing thread: ``StoredJSON``).
    var raw: Data
    var rows: [TextRow]
    var facts: ConversationFacts

    /// The most full-text rows one conversation can have (rowids are `seq << 24 + n`).
    static let maxRows = 1 << 24

    init(_ c: Conversation, raw: Data) {
        id = c.id
        title = c.title
        createTime = c.createTime
        updateTime = c.updateTime
        isArchived = c.isArchived
        currentNode = c.currentNode
        nodeCount = c.mapping.count
        facts = ConversationFacts(c)
        self.raw = raw
        var rows: [TextRow] = []
        rows.reserveCapacity(c.mapping.count)
        for key in c.mapping.keys.sorted() {
            guard let message = c.mapping[key]?.message, !message.isHidden else { continue }
            let text = message.content.searchableText
            guard text.contains(where: { !$0.isWhitespace }) else { continue }
            let indexed = FTSText.indexed(text)
            rows.append(
                TextRow(
                    nodeID: key, role: message.author.role.description, text: indexed,
                    packed: SearchText.encode(indexed)))
            if rows.count == Self.maxRows { break }
        }
        self.rows = rows
    }
}

extension Archive {
    /// The source the local server (the embedded one and `chatterm serve`) keeps its
    /// conversations under. Such a conversation is the server's: a copy of it written under
    /// another source (a client's cache of that server) never replaces it.
    public static let localServerSource = "local"

    /// Stores a conversation unless the stored copy is as new: the newer `update_time`
    /// wins (a missing time is older than any). `raw` is kept verbatim and must be the
    /// JSON object `c` was decoded from. Re-indexes the conversation's messages.
    /// With `replacing`, the stored copy is replaced whatever its time (a fresh copy from
    /// the server after a stream, whose `update_time` the list already reported).
    @discardableResult
    public func upsert(_ c: Conversation, raw: Data, source: String, replacing: Bool = false) throws -> UpsertOutcome {
        try write([PreparedConversation(c, raw: raw)], source: source, replacing: replacing)[0]
    }

    /// Upserts many conversations in one transaction with prepared statements (the import
    /// hot path). Outcomes are in the order of `items`.
    @discardableResult
    public func upsertBatch(_ items: [(Conversation, Data)], source: String) throws -> [UpsertOutcome] {
        let prepared = items.map { PreparedConversation($0.0, raw: $0.1) }
        return try write(prepared, source: source)
    }

    /// Writes prepared conversations in one transaction.
    func write(_ items: [PreparedConversation], source: String, replacing: Bool = false) throws -> [UpsertOutcome] {
        try modify { db in
            try items.map { try Self.upsert($0, source: source, replacing: replacing, db: db) }
        }
    }

    static func upsert(
        _ c: PreparedConversation, source: String, replacing: Bool, db: Database
    ) throws -> UpsertOutcome {
        let find = try db.cachedStatement(sql: "SELECT seq, update_time, source FROM conversation WHERE id = ?")
        var existing: (seq: Int64, updateTime: Double?, source: String)? = nil
        if let row = try Row.fetchOne(find, arguments: [c.id]) {
            existing = (row[0], row[1], row[2])
        }
        let outcome: UpsertOutcome
        let seq: Int64
        var stored: Data { StoredJSON.encode(c.raw) }
        if let existing {
            guard replacing || (c.updateTime ?? -.infinity) > (existing.updateTime ?? -.infinity) else {
                return .unchanged
            }
            // A browser pointed at `chatterm serve` over this same archive caches what it reads
            // under the URL's source; the server's own row stays the server's.
            guard existing.source != localServerSource || source == localServerSource else { return .unchanged }
            let update = try db.cachedStatement(
                sql: """
                    UPDATE conversation SET source = ?, title = ?, create_time = ?, update_time = ?, is_archived = ?,
                    current_node = ?, node_count = ?, raw = ?, pinned_time = ?, is_starred = ?, tags = ? WHERE seq = ?
                    """)
            try update.execute(arguments: [
                source, c.title, c.createTime, c.updateTime, c.isArchived, c.currentNode, c.nodeCount, stored,
                c.facts.pinnedTime, c.facts.isStarred, c.facts.column, existing.seq,
            ])
            // A pin made here gives way once the stored pin changes (``setLocalPin(_:id:at:)``).
            let stalePin = try db.cachedStatement(
                sql: "DELETE FROM local_pin WHERE conversation_id = ? AND seen_pinned_time IS NOT ?")
            try stalePin.execute(arguments: [c.id, c.facts.pinnedTime])
            try Self.deleteSearchRows(db, seq: existing.seq)
            seq = existing.seq
            outcome = .updated
        } else {
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO conversation (id, source, title, create_time, update_time, is_archived, current_node,
                    node_count, raw, pinned_time, is_starred, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            try insert.execute(arguments: [
                c.id, source, c.title, c.createTime, c.updateTime, c.isArchived, c.currentNode, c.nodeCount, stored,
                c.facts.pinnedTime, c.facts.isStarred, c.facts.column,
            ])
            seq = db.lastInsertedRowID
            outcome = .inserted
        }
        try Self.insertSearchRows(db, seq: seq, id: c.id, rows: c.rows)
        return outcome
    }

    /// Puts a conversation's messages in the search index: their text in `message_text`, then
    /// the index over it.
    static func insertSearchRows(_ db: Database, seq: Int64, id: String, rows: [PreparedConversation.TextRow]) throws {
        let text = try db.cachedStatement(
            sql: "INSERT INTO message_text (id, conversation_id, node_id, role, body) VALUES (?, ?, ?, ?, ?)")
        let index = try db.cachedStatement(
            sql: "INSERT INTO message_fts (rowid, text, conversation_id, node_id, role) VALUES (?, ?, ?, ?, ?)")
        for (n, row) in rows.enumerated() {
            let rowid = (seq << 24) + Int64(n)
            try text.execute(arguments: [rowid, id, row.nodeID, row.role, row.packed])
            try index.execute(arguments: [rowid, row.text, id, row.nodeID, row.role])
        }
    }

    /// Indexes a stored conversation again as `c` (its JSON with the messages kept beside it,
    /// ``addingKeptNodes(to:)``), so those messages are found by search too.
    func reindexSearch(of c: Conversation) throws {
        let rows = PreparedConversation(c, raw: Data()).rows
        try modify { db in
            guard let seq = try Int64.fetchOne(db, sql: "SELECT seq FROM conversation WHERE id = ?", arguments: [c.id])
            else { return }
            try Self.deleteSearchRows(db, seq: seq)
            try Self.insertSearchRows(db, seq: seq, id: c.id, rows: rows)
        }
    }

    /// Removes a conversation's rows from the search index, then their text (the index reads
    /// the text it removes, so the order matters).
    static func deleteSearchRows(_ db: Database, seq: Int64) throws {
        let range: StatementArguments = [seq << 24, (seq << 24) + Int64(PreparedConversation.maxRows - 1)]
        try db.cachedStatement(sql: "DELETE FROM message_fts WHERE rowid BETWEEN ? AND ?").execute(arguments: range)
        try db.cachedStatement(sql: "DELETE FROM message_text WHERE id BETWEEN ? AND ?").execute(arguments: range)
    }

    /// The update time of every stored conversation that has one.
    func storedUpdateTimes() throws -> [String: Double] {
        try writer.read { db in
            var times: [String: Double] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT id, update_time FROM conversation WHERE update_time IS NOT NULL")
            while let row = try rows.next() {
                times[row[0]] = row[1]
            }
            return times
        }
    }

    /// Connection settings a bulk import changes, to be restored after it.
    struct BulkState: Sendable {
        var synchronous: Int
        var cacheSize: Int
    }

    /// Prepares for a bulk import: no FTS segment merging while it runs (one merge at the
    /// end), a larger page cache, and no fsync (WAL keeps the file consistent; a crash
    /// loses at most the last batches, which a re-import restores).
    func beginBulkWrite() throws -> BulkState {
        try modifyWithoutTransaction { db in
            let state = BulkState(
                synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? 1,
                cacheSize: try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000)
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.execute(sql: "PRAGMA cache_size = -32768")
            try db.execute(sql: "INSERT INTO message_fts (message_fts, rank) VALUES ('automerge', 0)")
            try db.execute(sql: "INSERT INTO message_fts (message_fts, rank) VALUES ('crisismerge', 2000)")
            return state
        }
    }

    /// Restores the settings after a bulk import and merges the index segments it left.
    func endBulkWrite(_ state: BulkState) throws {
        try modifyWithoutTransaction { db in
            try db.execute(sql: "INSERT INTO message_fts (message_fts, rank) VALUES ('automerge', 4)")
            try db.execute(sql: "INSERT INTO message_fts (message_fts, rank) VALUES ('crisismerge', 16)")
            try db.execute(sql: "INSERT INTO message_fts (message_fts, rank) VALUES ('merge', 500)")
            try db.execute(sql: "PRAGMA cache_size = \(state.cacheSize)")
            try db.execute(sql: "PRAGMA synchronous = \(state.synchronous)")
        }
    }
}

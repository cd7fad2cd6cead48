import GRDB

extension Archive {
    /// The schema, as GRDB migrations. Add a new migration for every change; never edit one
    /// that has shipped.
    ///
    /// - `conversation`: one row per conversation. `seq` is a stable integer key (the
    ///   full-text rows of a conversation use rowids `seq << 24 + n`), `raw` the original
    ///   JSON object verbatim, placed last so listing never reads it.
    /// - `message_fts`: FTS5 over the display text of every visible message of every branch.
    ///   Tokenizer `unicode61 remove_diacritics 2`; CJK text is indexed one character per
    ///   token (see ``FTSText``) and queried as phrases, which finds CJK words anywhere in a
    ///   sentence. `trigram` would do that too, but it indexes six times slower and twice
    ///   as large, and finds nothing for the common two-character CJK words.
    /// - `draft`, `branch_memory`, `setting`: small per-conversation and global state.
    /// - `sync_state` (migration `sync-state`): per source and list, whether the last
    ///   `chatterm sync` walk completed and the newest `update_time` it covered (see
    ///   ``HistorySync``).
    /// - `open_answer` (migration `open-answers`): answers a `chatterm serve` process is
    ///   streaming, with its pid, so the next start can mark those a dead process left
    ///   `in_progress` as interrupted (see ``abandonedAnswers(isAlive:)``).
    /// - `added_node` (migration `added-nodes`): messages read from beside a conversation rather
    ///   than from it (the answers of `model_comparisons.json`), merged into its tree when it is
    ///   loaded, so `raw` stays the export's bytes (see ``addNodes(_:)``).
    /// - `pinned_time`, `is_starred`, `tags` (migration `conversation-facts`): what the web page
    ///   shows about a conversation (``ConversationFacts``), read at upsert, backfilled once.
    /// - `message_feedback` (migration `message-feedback`): your thumbs on answers, from the
    ///   export's `message_feedback.json`, put on the messages when a conversation is loaded.
    /// - `shared_conversation` (migration `shared-conversations`): the conversations you shared
    ///   by link, with the share's title (`shared_conversations.json`).
    /// - `local_pin` (migration `local-pins`): pins and unpins made here (`p` in the browser),
    ///   each with the `pinned_time` the conversation had when it was made (`seen_pinned_time`):
    ///   it holds while the stored `pinned_time` is still that one, so an import or a server copy
    ///   that changes the pin wins (``setLocalPin(_:id:at:)``). With a partial index on the pinned
    ///   conversations, so the sidebar finds them without a scan.
    /// - `message_mark` (migration `message-marks`): labels and bookmarks put on messages here
    ///   (`L`, `b` in the browser), by conversation and node id; never sent to a service, and
    ///   left alone by imports and syncs, which only replace the `conversation` row (see
    ///   ``setLabel(_:conversationID:nodeID:)``).
    /// - `fork_link` (migration `fork-links`): each fork made here (`F` in the browser, `chatterm
    ///   fork`): the fork, the conversation and message it was made from, its scope and when;
    ///   read both ways (``origin(of:)``, ``forks(of:)``), left alone by imports and syncs.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE conversation (
                        seq INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE,
                        source TEXT NOT NULL,
                        title TEXT,
                        create_time REAL,
                        update_time REAL,
                        is_archived INTEGER NOT NULL DEFAULT 0,
                        current_node TEXT,
                        node_count INTEGER NOT NULL DEFAULT 0,
                        raw BLOB NOT NULL
                    );
                    CREATE INDEX conversation_by_update ON conversation(is_archived, update_time DESC, id);
                    CREATE VIRTUAL TABLE message_fts USING fts5(
                        text, conversation_id UNINDEXED, node_id UNINDEXED, role UNINDEXED,
                        tokenize = 'unicode61 remove_diacritics 2'
                    );
                    CREATE TABLE draft (
                        conversation_id TEXT PRIMARY KEY NOT NULL,
                        text TEXT NOT NULL,
                        updated REAL NOT NULL
                    );
                    CREATE TABLE branch_memory (
                        conversation_id TEXT PRIMARY KEY NOT NULL,
                        visits BLOB NOT NULL
                    );
                    CREATE TABLE setting (
                        key TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("sync-state") { db in
            try db.execute(
                sql: """
                    CREATE TABLE sync_state (
                        source TEXT NOT NULL,
                        list TEXT NOT NULL,
                        completed INTEGER NOT NULL DEFAULT 0,
                        mark REAL,
                        started REAL,
                        finished REAL,
                        PRIMARY KEY (source, list)
                    );
                    """)
        }
        migrator.registerMigration("open-answers") { db in
            try db.execute(
                sql: """
                    CREATE TABLE open_answer (
                        message_id TEXT PRIMARY KEY NOT NULL,
                        conversation_id TEXT NOT NULL,
                        pid INTEGER NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("added-nodes") { db in
            try db.execute(
                sql: """
                    CREATE TABLE added_node (
                        conversation_id TEXT NOT NULL,
                        node_id TEXT NOT NULL,
                        parent_id TEXT NOT NULL,
                        message BLOB NOT NULL,
                        kind TEXT NOT NULL,
                        PRIMARY KEY (conversation_id, node_id)
                    );
                    """)
        }
        migrator.registerMigration("conversation-facts") { db in
            try db.execute(
                sql: """
                    ALTER TABLE conversation ADD COLUMN pinned_time REAL;
                    ALTER TABLE conversation ADD COLUMN is_starred INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE conversation ADD COLUMN tags TEXT NOT NULL DEFAULT '';
                    """)
            try backfillFacts(db)
        }
        migrator.registerMigration("message-feedback") { db in
            try db.execute(
                sql: """
                    CREATE TABLE message_feedback (
                        conversation_id TEXT NOT NULL,
                        message_id TEXT NOT NULL,
                        rating TEXT NOT NULL,
                        text TEXT,
                        PRIMARY KEY (conversation_id, message_id)
                    );
                    """)
        }
        migrator.registerMigration("shared-conversations") { db in
            try db.execute(
                sql: """
                    CREATE TABLE shared_conversation (
                        conversation_id TEXT PRIMARY KEY NOT NULL,
                        share_id TEXT,
                        title TEXT
                    );
                    """)
        }
        migrator.registerMigration("assets") { db in
            try db.execute(
                sql: """
                    CREATE TABLE asset_blob (
                        sha256 TEXT PRIMARY KEY NOT NULL,
                        size INTEGER NOT NULL,
                        mime TEXT,
                        ext TEXT NOT NULL
                    );
                    CREATE TABLE asset (
                        file_id TEXT PRIMARY KEY NOT NULL,
                        sha256 TEXT NOT NULL,
                        original_name TEXT
                    );
                    CREATE INDEX asset_by_blob ON asset(sha256);
                    """)
        }
        migrator.registerMigration("search-text-once") { db in
            // The index keeps no copy of the text: it reads `message_text` (packed) through a view.
            try db.execute(
                sql: """
                    CREATE TABLE message_text (
                        id INTEGER PRIMARY KEY,
                        conversation_id TEXT NOT NULL,
                        node_id TEXT NOT NULL,
                        role TEXT,
                        body BLOB NOT NULL
                    );
                    INSERT INTO message_text (id, conversation_id, node_id, role, body)
                        SELECT rowid, conversation_id, node_id, role, chatterm_pack_text(text) FROM message_fts;
                    DROP TABLE message_fts;
                    CREATE VIEW message_text_view AS
                        SELECT id, chatterm_text(body) AS text, conversation_id, node_id, role FROM message_text;
                    CREATE VIRTUAL TABLE message_fts USING fts5(
                        text, conversation_id UNINDEXED, node_id UNINDEXED, role UNINDEXED,
                        content = 'message_text_view', content_rowid = 'id',
                        tokenize = 'unicode61 remove_diacritics 2'
                    );
                    INSERT INTO message_fts (message_fts) VALUES ('rebuild');
                    """)
        }
        migrator.registerMigration("local-pins") { db in
            try db.execute(
                sql: """
                    CREATE TABLE local_pin (
                        conversation_id TEXT PRIMARY KEY NOT NULL,
                        pin_time REAL,
                        seen_pinned_time REAL
                    );
                    CREATE INDEX conversation_pinned ON conversation(pinned_time) WHERE pinned_time IS NOT NULL;
                    """)
        }
        migrator.registerMigration("message-marks") { db in
            try db.execute(
                sql: """
                    CREATE TABLE message_mark (
                        conversation_id TEXT NOT NULL,
                        node_id TEXT NOT NULL,
                        label TEXT,
                        bookmarked_time REAL,
                        PRIMARY KEY (conversation_id, node_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX message_mark_bookmarked ON message_mark(bookmarked_time)
                        WHERE bookmarked_time IS NOT NULL;
                    """)
        }
        migrator.registerMigration("fork-links") { db in
            try db.execute(
                sql: """
                    CREATE TABLE fork_link (
                        fork_id TEXT PRIMARY KEY NOT NULL,
                        origin_id TEXT NOT NULL,
                        origin_node_id TEXT NOT NULL,
                        scope TEXT NOT NULL,
                        created REAL NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX fork_link_origin ON fork_link(origin_id);
                    """)
        }
        return migrator
    }

    /// Reads the facts of every stored conversation from the top-level members of its JSON
    /// (the mapping is skipped, not parsed).
    static func backfillFacts(_ db: Database) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT seq, raw FROM conversation")
        var facts: [(Int64, ConversationFacts)] = []
        while let row = try rows.next() {
            guard let json = try? StoredJSON.decode(row[1]) else { continue }
            let members = TopLevelSniffer.members(in: json, named: ConversationFacts.members)
            let found = ConversationFacts(members: members)
            if found != ConversationFacts() { facts.append((row[0], found)) }
        }
        let update = try db.makeStatement(
            sql: "UPDATE conversation SET pinned_time = ?, is_starred = ?, tags = ? WHERE seq = ?")
        for (seq, found) in facts {
            try update.execute(arguments: [found.pinnedTime, found.isStarred, found.column, seq])
        }
    }
}

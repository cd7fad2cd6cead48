import ChatModel
import ChatProtocol
import Foundation
import GRDB

/// The local conversation archive: SQLite through GRDB (DESIGN.md §4).
///
/// Conversations are stored as their original JSON bytes plus the columns the sidebar
/// needs, so listing never decodes a mapping. Every visible message of every branch is in
/// a full-text index (see ``search(_:limit:)``). Drafts, branch memory and settings live
/// beside them. Files use WAL mode through a `DatabasePool`, so readers never wait for an
/// import. All methods are synchronous and safe to call from any thread.
public final class Archive: Sendable {
    /// The file name inside the archive directory.
    public static let fileName = "chatterm.sqlite"

    let writer: any DatabaseWriter
    /// Whether the archive was opened for reading only (see ``init(readingOnly:)``): every
    /// write fails with ``ArchiveReadOnlyError``.
    public let isReadOnly: Bool
    /// The schema migrations the file has: all of them, unless it was opened for reading only
    /// and an older chatterm wrote it (then what it lacks reads as empty).
    let migrations: Set<String>
    /// The summary columns this file has (see ``summaryColumns(for:)``).
    let summaryColumns: String
    /// The folder attachments are kept in (`assets/` beside the database; a folder of its own
    /// under the temporary directory for an archive in memory).
    public let assetsDirectory: URL
    /// A conversation's pin as the reader sees it, in SQL (see ``pinExpression(for:)``).
    let pinExpression: String

    /// Opens (creating when needed) the archive in `directory`, which is created with
    /// mode 0700. The database is `chatterm.sqlite` in WAL mode.
    public init(directory: URL) throws {
        isReadOnly = false
        let fm = FileManager.default
        if !fm.fileExists(atPath: directory.path) {
            try fm.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let path = directory.appendingPathComponent(Self.fileName).path
        writer = try DatabasePool(path: path, configuration: Self.configuration())
        let applied = try writer.read { try Self.migrator.appliedIdentifiers($0) }
        try Self.migrator.migrate(writer)
        if !applied.isEmpty, !applied.contains("search-text-once") {
            // The index's own copy of every message was dropped: give the space back once.
            try writer.vacuum()
        }
        migrations = Set(Self.migrator.migrations)
        summaryColumns = Self.summaryColumns(for: migrations)
        assetsDirectory = directory.appendingPathComponent("assets")
        pinExpression = Self.pinExpression(for: migrations)
    }

    /// An archive in memory, for tests and previews.
    public static func inMemory() throws -> Archive {
        try Archive(writer: DatabaseQueue(configuration: configuration()))
    }

    /// Opens the archive in `directory` for reading only, creating, migrating and writing
    /// nothing: for an archive on read-only media (a mounted backup, a read-only bind mount)
    /// or one this user may not write. When its write-ahead log holds changes not yet in the
    /// database file (its last writer did not close it, or it is still open), SQLite reads
    /// them through the log; otherwise, or when the log cannot be used there, it opens the
    /// file immutable, since nothing can change it meanwhile.
    public init(readingOnly directory: URL) throws {
        let path = directory.appendingPathComponent(Self.fileName).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw ArchiveMissingError(path: path)
        }
        var config = Self.configuration()
        config.readonly = true
        writer = try Self.readOnlyQueue(path: path, configuration: config)
        isReadOnly = true
        migrations = (try? writer.read { try Self.migrator.appliedIdentifiers($0) }) ?? []
        summaryColumns = Self.summaryColumns(for: migrations)
        assetsDirectory = directory.appendingPathComponent("assets")
        pinExpression = Self.pinExpression(for: migrations)
    }

    /// A read-only connection that sees the write-ahead log when it holds anything, else an
    /// immutable one.
    private static func readOnlyQueue(path: String, configuration: Configuration) throws -> DatabaseQueue {
        let log = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue ?? 0
        if log > 0, let queue = try? DatabaseQueue(path: path, configuration: configuration),
            (try? queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }) != nil
        {
            return queue
        }
        return try DatabaseQueue(path: immutableURI(path), configuration: configuration)
    }

    /// A `file:` URI for `path` with `immutable=1` (the system SQLite reads URI file names).
    static func immutableURI(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path) + "?immutable=1"
    }

    private init(writer: any DatabaseWriter) throws {
        self.writer = writer
        isReadOnly = false
        try Self.migrator.migrate(writer)
        migrations = Set(Self.migrator.migrations)
        summaryColumns = Self.summaryColumns(for: migrations)
        assetsDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "chatterm-assets-\(UUID().uuidString)")
        pinExpression = Self.pinExpression(for: migrations)
    }

    private static func configuration() -> Configuration {
        var config = Configuration()
        config.label = "chatterm.archive"
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            db.add(function: SearchText.unpackFunction)
            db.add(function: SearchText.packFunction)
        }
        return config
    }

    /// Runs `updates` in a write transaction; throws ``ArchiveReadOnlyError`` when the
    /// archive was opened for reading only. Every write of the archive goes through here.
    func modify<T>(_ updates: (Database) throws -> T) throws -> T {
        guard !isReadOnly else { throw ArchiveReadOnlyError() }
        return try writer.write(updates)
    }

    /// Writes one row a value with `sql` (an `INSERT OR REPLACE` of `arguments(item)`), all in
    /// one transaction: the side files of an export kept beside its conversations.
    func replaceRows<Item>(
        _ items: [Item], sql: String, arguments: (Item) -> StatementArguments
    ) throws {
        guard !items.isEmpty else { return }
        try modify { db in
            let statement = try db.cachedStatement(sql: sql)
            for item in items { try statement.execute(arguments: arguments(item)) }
        }
    }

    /// Like ``modify(_:)``, outside a transaction (for statements such as `VACUUM`).
    func modifyWithoutTransaction<T>(_ updates: (Database) throws -> T) throws -> T {
        guard !isReadOnly else { throw ArchiveReadOnlyError() }
        return try writer.writeWithoutTransaction(updates)
    }

    /// Whether the archive holds no conversation.
    public var isEmpty: Bool {
        get throws {
            try writer.read { db in
                try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM conversation)") ?? true
            }
        }
    }

    /// How many conversations are archived (`true`) or not (`false`); with `source`, only
    /// those kept under that source.
    public func count(archived: Bool, source: String? = nil) throws -> Int {
        try writer.read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM conversation WHERE is_archived = ?1 AND (?2 IS NULL OR source = ?2)",
                arguments: [archived, source]
            ) ?? 0
        }
    }

    /// A page of summaries, newest `update_time` first (unknown times last), ties by id; with
    /// `source`, only conversations kept under that source.
    public func summaries(archived: Bool, offset: Int, limit: Int, source: String? = nil) throws
        -> [ConversationSummary]
    {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(summaryColumns) FROM conversation WHERE is_archived = ?1 AND (?4 IS NULL OR source = ?4)
                    ORDER BY update_time DESC, id LIMIT ?2 OFFSET ?3
                    """,
                arguments: [archived, max(0, limit), max(0, offset), source]
            ).map(Self.summary(from:))
        }
    }

    /// The summary of one conversation, or nil when it is not stored.
    public func summary(id: String) throws -> ConversationSummary? {
        try writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(summaryColumns) FROM conversation WHERE id = ?", arguments: [id]
            ).map(Self.summary(from:))
        }
    }

    /// The original JSON bytes of a conversation, verbatim as imported or saved (kept
    /// compressed, see ``StoredJSON``); with
    /// `source`, nil unless it is kept under that source.
    public func rawJSON(id: String, source: String? = nil) throws -> Data? {
        let stored = try writer.read { db in
            try Data.fetchOne(
                db, sql: "SELECT raw FROM conversation WHERE id = ?1 AND (?2 IS NULL OR source = ?2)",
                arguments: [id, source])
        }
        return try stored.map(StoredJSON.decode)
    }

    /// Loads and decodes one conversation, or nil when it is not stored (under `source`,
    /// when one is given), with the messages kept beside it added (``addNodes(_:)``), your
    /// thumbs on its answers (``keepFeedback(_:)``) and old raw Coze notes in words.
    public func conversation(id: String, source: String? = nil) throws -> Conversation? {
        guard let raw = try rawJSON(id: id, source: source) else { return nil }
        let decoded = try addingKeptNodes(to: FastJSON.decodeConversation(raw, fallbackID: id))
        return try addingFeedback(to: Self.rewordingOldNotes(decoded))
    }

    /// The id that `prefix` names, like git's short hashes: the id itself when stored,
    /// else the only id starting with it. Nil when none or several match.
    public func resolveID(prefix: String) throws -> String? {
        guard !prefix.isEmpty else { return nil }
        return try writer.read { db in
            let ids = try String.fetchAll(
                db, sql: "SELECT id FROM conversation WHERE id >= ? ORDER BY id LIMIT 2", arguments: [prefix])
            guard let first = ids.first, first.hasPrefix(prefix) else { return nil }
            if first == prefix { return first }
            if ids.count > 1, ids[1].hasPrefix(prefix) { return nil }
            return first
        }
    }

    /// The columns ``summary(from:)`` reads, with stand-ins for those a file from an older
    /// chatterm, opened for reading only, lacks.
    static func summaryColumns(for migrations: Set<String>) -> String {
        let facts =
            migrations.contains("conversation-facts")
            ? "\(pinExpression(for: migrations)), is_starred, tags" : "NULL, 0, ''"
        let shared =
            migrations.contains("shared-conversations")
            ? "EXISTS (SELECT 1 FROM shared_conversation WHERE shared_conversation.conversation_id = conversation.id)"
            : "0"
        return "id, title, create_time, update_time, is_archived, source, node_count, \(facts), \(shared)"
    }

    static func summary(from row: Row) -> ConversationSummary {
        var summary = ConversationSummary(
            id: row[0], title: row[1], createTime: row[2], updateTime: row[3], isArchived: row[4], source: row[5],
            nodeCount: row[6])
        summary.facts = ConversationFacts(
            pinnedTime: row[7], isStarred: row[8], tags: ConversationFacts.tags(column: row[9]), isShared: row[10])
        return summary
    }

    /// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
    static func escapeLike(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            if c == "%" || c == "_" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}

extension Archive {
    /// The first column of every row of a read-only query, as strings (diagnostics, tests).
    func strings(_ sql: String) throws -> [String] {
        try writer.read { db in try String.fetchAll(db, sql: sql) }
    }
}

/// A write to an archive opened for reading only.
public struct ArchiveReadOnlyError: Error, CustomStringConvertible {
    /// One sentence.
    public var description: String { "the archive is read-only: nothing can be saved to it" }
}

/// An archive opened for reading that does not exist.
public struct ArchiveMissingError: Error, CustomStringConvertible {
    /// Where it was looked for.
    public var path: String
    /// One sentence.
    public var description: String { "there is no archive at \(path)" }
}

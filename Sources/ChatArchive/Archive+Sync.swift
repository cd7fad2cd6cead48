import Foundation
import GRDB

/// Where the last sync of one list of one source got to (the `sync_state` table).
public struct SyncListState: Sendable, Hashable {
    /// Whether the last walk covered everything it had to, with no failure.
    public var completed: Bool
    /// The newest list `update_time` known to be covered: every conversation listed at or
    /// below it was stored by a walk that completed. Nil: nothing is known to be covered.
    public var mark: Double?
    /// When the last walk started (seconds since 1970).
    public var started: Double?
    /// When the last walk ended, if it did.
    public var finished: Double?

    /// Creates a state.
    public init(completed: Bool, mark: Double?, started: Double? = nil, finished: Double? = nil) {
        self.completed = completed
        self.mark = mark
        self.started = started
        self.finished = finished
    }
}

/// What the archive holds of a conversation, as far as a sync needs to know.
public struct StoredVersion: Sendable, Hashable {
    /// When the kept copy was last updated (seconds since 1970), if known.
    public var updateTime: Double?
    /// 0 for a listed-only stub (``Archive/mergeRemote(_:source:)``).
    public var nodeCount: Int
    /// Whether the kept copy is archived.
    public var isArchived: Bool

    /// Creates a version.
    public init(updateTime: Double?, nodeCount: Int, isArchived: Bool) {
        self.updateTime = updateTime
        self.nodeCount = nodeCount
        self.isArchived = isArchived
    }
}

extension Archive {
    /// The sync state of `list` of `source`, or nil when it was never synced.
    public func syncState(source: String, list: SyncList) throws -> SyncListState? {
        try writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT completed, mark, started, finished FROM sync_state WHERE source = ? AND list = ?",
                arguments: [source, list.rawValue]
            ).map { SyncListState(completed: $0[0], mark: $0[1], started: $0[2], finished: $0[3]) }
        }
    }

    /// Records that a walk of `list` started: not completed, the mark kept.
    public func beginSyncWalk(source: String, list: SyncList) throws {
        try modify { db in
            try db.execute(
                sql: """
                    INSERT INTO sync_state (source, list, completed, mark, started, finished)
                    VALUES (?, ?, 0, NULL, ?, NULL)
                    ON CONFLICT (source, list) DO UPDATE SET completed = 0, started = excluded.started, finished = NULL
                    """,
                arguments: [source, list.rawValue, Date().timeIntervalSince1970])
        }
    }

    /// Records how a walk of `list` ended and the mark the next walk may stop at.
    public func finishSyncWalk(source: String, list: SyncList, completed: Bool, mark: Double?) throws {
        try modify { db in
            try db.execute(
                sql: "UPDATE sync_state SET completed = ?, mark = ?, finished = ? WHERE source = ? AND list = ?",
                arguments: [completed, mark, Date().timeIntervalSince1970, source, list.rawValue])
        }
    }

    /// What is stored of each of `ids` (absent ids are left out).
    public func storedVersions(_ ids: [String]) throws -> [String: StoredVersion] {
        guard !ids.isEmpty else { return [:] }
        return try writer.read { db in
            var versions: [String: StoredVersion] = [:]
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ ids[$0..<min($0 + 500, ids.count)] }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT id, update_time, node_count, is_archived FROM conversation WHERE id IN (\(marks))",
                    arguments: StatementArguments(Array(chunk)))
                while let row = try rows.next() {
                    versions[row[0]] = StoredVersion(updateTime: row[1], nodeCount: row[2], isArchived: row[3])
                }
            }
            return versions
        }
    }

    /// The ids stored under `source` (tests, diagnostics).
    public func ids(source: String) throws -> [String] {
        try writer.read { db in
            try String.fetchAll(
                db, sql: "SELECT id FROM conversation WHERE source = ? ORDER BY id", arguments: [source])
        }
    }
}

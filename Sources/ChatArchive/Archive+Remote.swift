import ChatModel
import Foundation
import GRDB

extension Archive {
    /// Merges a page of a backend's conversation list into the cache: an unknown id gets a
    /// stub row (no mapping, `node_count` 0: listed but not cached), a known one gets the
    /// list's title, times and archived flag, keeping its cached mapping. Returns how many
    /// rows were added.
    @discardableResult
    public func mergeRemote(_ summaries: [RemoteSummary], source: String) throws -> Int {
        try modify { db in
            var added = 0
            for s in summaries {
                let exists =
                    try Bool.fetchOne(
                        db, sql: "SELECT EXISTS (SELECT 1 FROM conversation WHERE id = ?)", arguments: [s.id]) ?? false
                if exists {
                    try db.execute(
                        sql: """
                            UPDATE conversation SET title = ?, create_time = COALESCE(?, create_time),
                            update_time = COALESCE(?, update_time), is_archived = ? WHERE id = ?
                            """,
                        arguments: [s.title, s.createTime, s.updateTime, s.isArchived, s.id])
                } else {
                    let raw = try JSONEncoder().encode(
                        JSONValue.object([
                            "id": .string(s.id), "title": s.title.map(JSONValue.string) ?? .null,
                            "create_time": s.createTime.map(JSONValue.number) ?? .null,
                            "update_time": s.updateTime.map(JSONValue.number) ?? .null,
                            "is_archived": .bool(s.isArchived), "mapping": .object([:]),
                        ]))
                    try db.execute(
                        sql: """
                            INSERT INTO conversation (id, source, title, create_time, update_time, is_archived,
                            current_node, node_count, raw) VALUES (?, ?, ?, ?, ?, ?, NULL, 0, ?)
                            """,
                        arguments: [s.id, source, s.title, s.createTime, s.updateTime, s.isArchived, raw])
                    added += 1
                }
            }
            return added
        }
    }

    /// Sets a cached conversation's title (after a rename or a generated title).
    public func setTitle(_ title: String, id: String) throws {
        try modify { db in
            try db.execute(sql: "UPDATE conversation SET title = ? WHERE id = ?", arguments: [title, id])
        }
    }

    /// Sets a cached conversation's archived flag.
    public func setArchived(_ archived: Bool, id: String) throws {
        try modify { db in
            try db.execute(sql: "UPDATE conversation SET is_archived = ? WHERE id = ?", arguments: [archived, id])
        }
    }
}

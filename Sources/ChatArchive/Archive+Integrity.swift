import Foundation
import GRDB

extension Archive {
    /// What SQLite's `PRAGMA integrity_check` finds wrong with the database file: empty when
    /// the file is sound, else its lines as SQLite words them (at most `limit`).
    public func integrityProblems(limit: Int = 10) throws -> [String] {
        try writer.read { db in
            let lines = try String.fetchAll(db, sql: "PRAGMA integrity_check(\(max(1, limit)))")
            return lines == ["ok"] ? [] : lines
        }
    }
}

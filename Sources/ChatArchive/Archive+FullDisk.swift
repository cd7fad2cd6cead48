import GRDB

extension Archive {
    /// Caps the database at the pages it has, as a full disk does: the next write that needs
    /// another page fails with SQLITE_FULL ("database or disk is full"). For tests of what a
    /// full disk does to drafts and saves (reached through `@testable import`).
    func fillDisk() throws {
        try writer.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 1
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
    }

    /// Lifts the cap of ``fillDisk()``.
    func freeDisk() throws {
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = 1073741823") }
    }
}

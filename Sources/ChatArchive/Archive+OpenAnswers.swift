import Foundation
import GRDB

/// An answer being written, as recorded in the archive while it streams.
public struct OpenAnswer: Sendable, Hashable {
    /// The conversation holding it.
    public var conversationID: String
    /// The answer's message id.
    public var messageID: String
    /// The process writing it.
    public var pid: Int32
}

extension Archive {
    /// Records that this process (`pid`) is writing answer `messageID` of `conversationID`.
    public func noteOpenAnswer(conversationID: String, messageID: String, pid: Int32 = getpid()) throws {
        try modify { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO open_answer (message_id, conversation_id, pid) VALUES (?, ?, ?)",
                arguments: [messageID, conversationID, pid])
        }
    }

    /// Forgets an open answer: it was finished or marked interrupted.
    public func closeOpenAnswer(messageID: String) throws {
        try modify { db in
            try db.execute(sql: "DELETE FROM open_answer WHERE message_id = ?", arguments: [messageID])
        }
    }

    /// Open answers whose process no longer runs (`isAlive` says, by default a signal-0
    /// probe), so nobody will ever finish them.
    public func abandonedAnswers(isAlive: (Int32) -> Bool = Archive.processIsAlive) throws -> [OpenAnswer] {
        let all = try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT conversation_id, message_id, pid FROM open_answer ORDER BY rowid").map {
                OpenAnswer(conversationID: $0[0], messageID: $0[1], pid: $0[2])
            }
        }
        return all.filter { !isAlive($0.pid) }
    }

    /// Whether a process with this id runs (a process of another user counts as running).
    public static func processIsAlive(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }
}

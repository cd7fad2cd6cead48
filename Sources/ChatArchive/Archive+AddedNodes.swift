import ChatModel
import ChatProtocol
import Foundation
import GRDB

/// A message to add to a stored conversation's tree from outside its JSON.
public struct AddedNode: Sendable, Hashable {
    /// Why it is added; written to the message's metadata as `chatterm_added`.
    public enum Kind: String, Sendable {
        /// An answer of a "which response do you prefer?" comparison (`model_comparisons.json`).
        case comparedAnswer = "compared_answer"
    }

    /// The conversation it belongs to.
    public var conversationID: String
    /// The node's id (the message's).
    public var nodeID: String
    /// The node it hangs under.
    public var parentID: String
    /// The message object, as JSON.
    public var message: Data
    /// Why it is added.
    public var kind: Kind

    /// Creates one.
    public init(conversationID: String, nodeID: String, parentID: String, message: Data, kind: Kind) {
        self.conversationID = conversationID
        self.nodeID = nodeID
        self.parentID = parentID
        self.message = message
        self.kind = kind
    }
}

extension Archive {
    /// Keeps messages to add to conversations' trees (again: an id already kept is replaced).
    public func addNodes(_ nodes: [AddedNode]) throws {
        try replaceRows(
            nodes,
            sql: """
                INSERT OR REPLACE INTO added_node (conversation_id, node_id, parent_id, message, kind)
                VALUES (?, ?, ?, ?, ?)
                """
        ) { [$0.conversationID, $0.nodeID, $0.parentID, $0.message, $0.kind.rawValue] }
    }

    /// `c` with the messages kept for it added: each as the last child of its parent, its
    /// metadata marked `chatterm_added` with its kind. One whose id the conversation already
    /// has, or whose parent it lacks, is left out (a later export may hold it itself).
    func addingKeptNodes(to c: Conversation) throws -> Conversation {
        let rows = try rowsKept(
            for: c.id, in: "added-nodes",
            sql: "SELECT node_id, parent_id, message, kind FROM added_node WHERE conversation_id = ?")
        guard !rows.isEmpty else { return c }
        var c = c
        for row in rows {
            let (id, parent, kind): (String, String, String) = (row[0], row[1], row[3])
            guard c.mapping[id] == nil, c.mapping[parent] != nil,
                let value = try? FastJSON.parse(row[2] as Data), var message = ConversationJSON.message(value)
            else { continue }
            message.metadata["chatterm_added"] = .string(kind)
            c.mapping[id] = Node(id: id, message: message, parent: parent)
            c.mapping[parent]?.children.append(id)
        }
        return c
    }

    /// The rows `sql` selects for conversation `id` (its one argument) from a table of
    /// `migration`; none when this file predates the migration (an older archive read only).
    func rowsKept(for id: String, in migration: String, sql: String) throws -> [Row] {
        guard migrations.contains(migration) else { return [] }
        return try writer.read { db in try Row.fetchAll(db, sql: sql, arguments: [id]) }
    }
}

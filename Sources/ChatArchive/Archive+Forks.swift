import ChatModel
import ChatProtocol
import Foundation
import GRDB

/// A fork and where it was made from (table `fork_link`).
public struct ForkLink: Sendable, Hashable {
    /// The fork's conversation id.
    public var forkID: String
    /// The conversation it was made from.
    public var originID: String
    /// The message of the origin it was made at.
    public var originNodeID: String
    /// How much it copied.
    public var scope: ForkScope
    /// When it was made (seconds since 1970).
    public var created: Double
    /// The fork's title, nil when it is no longer stored.
    public var forkTitle: String?
    /// The origin's title, nil when it is no longer stored.
    public var originTitle: String?

    /// Creates a link.
    public init(
        forkID: String, originID: String, originNodeID: String, scope: ForkScope, created: Double,
        forkTitle: String? = nil, originTitle: String? = nil
    ) {
        self.forkID = forkID
        self.originID = originID
        self.originNodeID = originNodeID
        self.scope = scope
        self.created = created
        self.forkTitle = forkTitle
        self.originTitle = originTitle
    }
}

/// A conversation's fork links both ways: where it was forked from, and its forks.
public struct ForkLinks: Sendable, Hashable {
    /// Where it was forked from; nil when it is no fork.
    public var origin: ForkLink?
    /// The forks made from it, oldest first.
    public var forks: [ForkLink]

    /// Creates the links.
    public init(origin: ForkLink? = nil, forks: [ForkLink] = []) {
        self.origin = origin
        self.forks = forks
    }

    /// Whether it is no fork and has none.
    public var isEmpty: Bool { origin == nil && forks.isEmpty }
}

/// A fork just made: the new conversation as stored, with what was copied beside it.
public struct MadeFork: Sendable, Hashable {
    /// The fork.
    public var conversation: Conversation
    /// The source it is kept under.
    public var source: String
    /// Its link to the origin.
    public var link: ForkLink
    /// The labels and bookmarks copied from the origin's messages, by node id.
    public var marks: [String: MessageMark]
    /// The origin's branch memory of the leaves the fork kept.
    public var memory: BranchMemory
    /// How many of its messages a reader sees (hidden and system messages not counted).
    public var visibleMessages: Int

    /// Creates the result.
    public init(
        conversation: Conversation, source: String, link: ForkLink, marks: [String: MessageMark] = [:],
        memory: BranchMemory = BranchMemory(), visibleMessages: Int
    ) {
        self.conversation = conversation
        self.source = source
        self.link = link
        self.marks = marks
        self.memory = memory
        self.visibleMessages = visibleMessages
    }
}

/// What went wrong making a fork, in words.
public struct ForkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sentence.
    public var description: String
}

/// Forks (`F` in the browser, `chatterm fork`): a new local conversation made of part of
/// another's tree (``ConversationTree/fork(at:scope:id:now:memory:)``), stored under the source
/// that can continue it, with the labels and bookmarks of its messages and the branch memory of
/// its leaves copied, and linked to its origin in `fork_link`. Imports and syncs replace only a
/// conversation's row, so the links outlive a re-import of either side.
extension Archive {
    /// Whether the archive has the table (a read-only archive of an older chatterm may not).
    private var hasForks: Bool { migrations.contains("fork-links") }

    /// Forks conversation `originID` at message `nodeID` with `scope` into a new conversation
    /// `id` kept under `source`, made at `now`. Throws ``ForkError`` when the origin or the
    /// message is not stored.
    @discardableResult
    public func fork(
        _ originID: String, at nodeID: String, scope: ForkScope, id: String, source: String, now: Double
    ) throws -> MadeFork {
        guard let origin = try conversation(id: originID) else {
            throw ForkError(description: "No conversation \(originID) is stored")
        }
        let tree = ConversationTree(origin)
        let memory = try branchMemory(for: originID)
        guard let fork = tree.fork(at: nodeID, scope: scope, id: id, now: now, memory: memory) else {
            throw ForkError(description: "The conversation has no message \(nodeID)")
        }
        let raw = try JSONEncoder().encode(ConversationEncoding.json(fork))
        let prepared = PreparedConversation(fork, raw: raw)
        let marks = try self.marks(in: originID).filter { fork.mapping[$0.key] != nil }
        let keptMemory = BranchMemory(visits: memory.visits.filter { fork.mapping[$0.key] != nil })
        try modify { db in
            _ = try Self.upsert(prepared, source: source, replacing: true, db: db)
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO fork_link (fork_id, origin_id, origin_node_id, scope, created)
                    VALUES (?, ?, ?, ?, ?)
                    """, arguments: [id, originID, nodeID, scope.rawValue, now])
            for (node, mark) in marks { try Self.store(mark, conversationID: id, nodeID: node, db: db) }
            try Self.store(keptMemory, for: id, db: db)
        }
        let link = ForkLink(
            forkID: id, originID: originID, originNodeID: nodeID, scope: scope, created: now, forkTitle: fork.title,
            originTitle: origin.title)
        let forkTree = ConversationTree(fork)
        let visible = fork.mapping.keys.count { forkTree.isVisible($0, showReasoning: false) }
        return MadeFork(
            conversation: fork, source: source, link: link, marks: marks, memory: keptMemory, visibleMessages: visible)
    }

    /// A conversation's links both ways.
    public func forkLinks(of id: String) throws -> ForkLinks {
        ForkLinks(origin: try origin(of: id), forks: try forks(of: id))
    }

    /// Where a fork was made from, nil for a conversation that is not a fork.
    public func origin(of forkID: String) throws -> ForkLink? {
        guard hasForks else { return nil }
        return try links(where: "l.fork_id = ?", forkID).first
    }

    /// The forks made from a conversation, oldest first.
    public func forks(of originID: String) throws -> [ForkLink] {
        guard hasForks else { return [] }
        return try links(where: "l.origin_id = ?", originID)
    }

    private func links(where condition: String, _ id: String) throws -> [ForkLink] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT l.fork_id, l.origin_id, l.origin_node_id, l.scope, l.created, f.title, o.title
                    FROM fork_link l
                    LEFT JOIN conversation f ON f.id = l.fork_id LEFT JOIN conversation o ON o.id = l.origin_id
                    WHERE \(condition) ORDER BY l.created, l.fork_id
                    """, arguments: [id]
            ).map {
                ForkLink(
                    forkID: $0[0], originID: $0[1], originNodeID: $0[2],
                    scope: ForkScope(name: $0[3]) ?? .path, created: $0[4], forkTitle: $0[5], originTitle: $0[6])
            }
        }
    }
}

/// A conversation's sidebar line: what the list shows without loading the mapping.
public struct ConversationSummary: Sendable, Hashable, Identifiable {
    /// The conversation id.
    public var id: String
    /// The title; may be nil (show "Untitled").
    public var title: String?
    /// Seconds since 1970.
    public var createTime: Double?
    /// Seconds since 1970.
    public var updateTime: Double?
    /// Whether the conversation is archived.
    public var isArchived: Bool
    /// Where it came from: `chatgpt-export`, `demo`, a backend name, ...
    public var source: String
    /// How many nodes its mapping holds (all branches, hidden nodes included).
    public var nodeCount: Int
    /// Pinned, starred, and what kind of conversation it is.
    public var facts = ConversationFacts()

    /// Creates a summary.
    public init(
        id: String, title: String?, createTime: Double?, updateTime: Double?, isArchived: Bool, source: String,
        nodeCount: Int
    ) {
        self.id = id
        self.title = title
        self.createTime = createTime
        self.updateTime = updateTime
        self.isArchived = isArchived
        self.source = source
        self.nodeCount = nodeCount
    }
}

/// One full-text search match: a message of some branch of some conversation.
public struct SearchHit: Sendable, Hashable {
    /// The conversation holding the match.
    public var conversationID: String
    /// The node whose message matched (it may lie on a branch that is not current).
    public var nodeID: String
    /// The conversation title.
    public var title: String?
    /// The author role of the matching message (`user`, `assistant`, ...).
    public var role: String
    /// Plain text around the match on one line, at most ``SearchHit/maxSnippetLength``
    /// characters, without control characters.
    public var snippet: String

    /// The longest snippet, in characters.
    public static let maxSnippetLength = 120

    /// Creates a hit.
    public init(conversationID: String, nodeID: String, title: String?, role: String, snippet: String) {
        self.conversationID = conversationID
        self.nodeID = nodeID
        self.title = title
        self.role = role
        self.snippet = snippet
    }
}

/// What an upsert did.
public enum UpsertOutcome: Sendable, Hashable {
    /// The conversation was new.
    case inserted
    /// The stored copy was older and has been replaced.
    case updated
    /// The stored copy has the same or a newer `update_time`; nothing changed.
    case unchanged
}

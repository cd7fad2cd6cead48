import ChatModel
import ChatProtocol

/// A kind of conversation the web page marks: a temporary chat, study mode, a custom GPT's or
/// a project's.
public enum ConversationTag: String, Sendable, Hashable, CaseIterable {
    /// "Temporary chat": not remembered (`is_do_not_remember`).
    case temporary
    /// Study mode (`is_study_mode`).
    case study
    /// A conversation with a custom GPT (`gizmo_id`, `gizmo_type` `gpt`).
    case customGPT = "custom-gpt"
    /// A conversation in a project (a `g-p-…` gizmo, `gizmo_type` `snorlax`).
    case project

    /// How a reader sees it named.
    public var label: String {
        switch self {
        case .temporary: "temporary chat"
        case .study: "study mode"
        case .customGPT: "custom GPT"
        case .project: "project"
        }
    }
}

/// What the web page shows about a conversation besides its messages: whether it is pinned
/// (and when), starred, and its kind (``ConversationTag``). Read from the top-level members of
/// the conversation's JSON (`pinned_time`, `is_starred`, `is_do_not_remember`, `is_study_mode`,
/// `gizmo_id`, `gizmo_type`), which exports carry since 2025.
public struct ConversationFacts: Sendable, Hashable {
    /// The top-level members the facts are read from.
    static let members: Set<String> = [
        "pinned_time", "is_starred", "is_do_not_remember", "is_study_mode", "gizmo_id", "gizmo_type",
    ]

    /// When it was pinned (seconds since 1970); nil when it is not.
    public var pinnedTime: Double?
    /// Whether it is starred.
    public var isStarred: Bool
    /// Its kinds, in ``ConversationTag`` order.
    public var tags: [ConversationTag]
    /// Whether it was shared by link (`shared_conversations.json`; the archive knows, not the
    /// conversation's JSON).
    public var isShared: Bool

    /// Creates facts.
    public init(
        pinnedTime: Double? = nil, isStarred: Bool = false, tags: [ConversationTag] = [], isShared: Bool = false
    ) {
        self.pinnedTime = pinnedTime
        self.isStarred = isStarred
        self.tags = tags
        self.isShared = isShared
    }

    /// The facts in `members`, the conversation's top-level JSON members.
    public init(members: [String: JSONValue]) {
        pinnedTime = ConversationJSON.time(members["pinned_time"])
        isStarred = members["is_starred"]?.boolValue ?? false
        var tags: [ConversationTag] = []
        if members["is_do_not_remember"]?.boolValue == true { tags.append(.temporary) }
        if members["is_study_mode"]?.boolValue == true { tags.append(.study) }
        let gizmo = members["gizmo_id"]?.stringValue ?? ""
        if gizmo.hasPrefix("g-p-") || members["gizmo_type"]?.stringValue == "snorlax" {
            tags.append(.project)
        } else if !gizmo.isEmpty {
            tags.append(.customGPT)
        }
        self.tags = tags
        isShared = false
    }

    /// The facts of a decoded conversation (its unknown top-level members are in `extra`).
    public init(_ c: Conversation) {
        self.init(members: c.extra)
    }

    /// The `tags` column: the tags' names, space-separated.
    var column: String { tags.map(\.rawValue).joined(separator: " ") }

    /// Tags read back from the `tags` column.
    static func tags(column: String) -> [ConversationTag] {
        column.split(separator: " ").compactMap { ConversationTag(rawValue: String($0)) }
    }
}

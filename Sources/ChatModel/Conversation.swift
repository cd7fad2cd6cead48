import Foundation

/// A conversation as the backend-api detail endpoint and data exports carry it.
public struct Conversation: Sendable, Hashable {
    /// The id a new conversation's first message names as its parent before the server has
    /// named anything (`parent_message_id` of the 2025+ ChatGPT web client; chatterm's own
    /// server and the other clients take it too): the root of a conversation still being started.
    public static let newConversationRoot = "client-created-root"

    /// The conversation id (`id` or `conversation_id`).
    public var id: String
    /// The title; may be null.
    public var title: String?
    /// Seconds since 1970.
    public var createTime: Double?
    /// Seconds since 1970.
    public var updateTime: Double?
    /// Every node by id.
    public var mapping: [String: Node]
    /// The leaf of the branch the user last saw; may name a node that does not exist.
    public var currentNode: String?
    /// Whether the conversation is archived.
    public var isArchived: Bool
    /// The default model for the conversation, if recorded.
    public var defaultModelSlug: String?
    /// Every other top-level field, verbatim.
    public var extra: [String: JSONValue]

    /// Creates a conversation.
    public init(
        id: String, title: String? = nil, createTime: Double? = nil, updateTime: Double? = nil,
        mapping: [String: Node] = [:], currentNode: String? = nil, isArchived: Bool = false,
        defaultModelSlug: String? = nil, extra: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.title = title
        self.createTime = createTime
        self.updateTime = updateTime
        self.mapping = mapping
        self.currentNode = currentNode
        self.isArchived = isArchived
        self.defaultModelSlug = defaultModelSlug
        self.extra = extra
    }

    /// The title to show: the title, or "Untitled" when it is null or blank.
    /// The custom GPT (or project) the conversation talks to: its `gizmo_id`, kept from the
    /// server's or the export's JSON in `extra`; nil for plain ChatGPT.
    public var gizmoID: String? {
        guard case .string(let id)? = extra["gizmo_id"], !id.isEmpty else { return nil }
        return id
    }

    public var displayTitle: String {
        let t = title?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return t.isEmpty ? "Untitled" : t
    }
}

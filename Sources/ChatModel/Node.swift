/// A node of a conversation's `mapping`: a message (or none, for a root) with its links.
public struct Node: Sendable, Hashable {
    /// The node id (the key in `mapping`).
    public var id: String
    /// The message, absent for a root.
    public var message: Message?
    /// The parent node id; nil for a root.
    public var parent: String?
    /// Child node ids in creation order.
    public var children: [String]
    /// Whether the source listed the children. Since 2026 exports give each node its `parent`
    /// only; the tree then rebuilds `children` from the parents without calling it a repair.
    public var childrenListed: Bool

    /// Creates a node.
    public init(
        id: String, message: Message? = nil, parent: String? = nil, children: [String] = [],
        childrenListed: Bool = true
    ) {
        self.id = id
        self.message = message
        self.parent = parent
        self.children = children
        self.childrenListed = childrenListed
    }
}

/// One repair `ConversationTree` made to a broken mapping, so the reader can be told what
/// was wrong instead of the client crashing or silently hiding messages (DESIGN.md §3).
public enum TreeRepair: Sendable, Hashable, CustomStringConvertible {
    /// A node names a parent that is not in the mapping (and no node lists it as a child);
    /// it was attached under the root.
    case orphanAttached(node: String, missingParent: String)
    /// A second node without a parent; it was attached under the chosen root.
    case extraRootAttached(node: String)
    /// The node's parent chain loops (a cycle, or a self-parent); the link from its parent
    /// was cut and the node attached under the root.
    case cycleCut(node: String)
    /// A `children` entry names a node that does not exist; the entry was dropped.
    case danglingChildDropped(parent: String, child: String)
    /// A node names its parent but the parent's `children` does not list it; the link was added
    /// after the listed children.
    case childLinkAdded(parent: String, child: String)
    /// A node lists a child whose parent is another node (it names that parent, or that node
    /// listed it first); the child is shown under its parent only.
    case childListedElsewhere(lister: String, child: String, parent: String)
    /// `current_node` is absent or names no node; the newest leaf is shown instead.
    case missingCurrentNode(requested: String?, fallback: String)
    /// No node could serve as the root (for example every node is in a cycle, or the mapping is
    /// empty); a message-less root `chatterm-synthetic-root` was created.
    case syntheticRootCreated

    /// One human line, e.g. "current_node 13ad9ffc… is not in the mapping; showing the newest leaf 4c5b8fe4…".
    public var description: String {
        switch self {
        case .orphanAttached(let node, let missingParent):
            return "node \(Self.short(node)) names parent \(Self.short(missingParent)), which is not in the mapping; "
                + "attached under the root"
        case .extraRootAttached(let node):
            return "node \(Self.short(node)) is a second root; attached under the root"
        case .cycleCut(let node):
            return "node \(Self.short(node)) is in a parent cycle; cut and attached under the root"
        case .danglingChildDropped(let parent, let child):
            return "node \(Self.short(parent)) lists child \(Self.short(child)), which is not in the mapping; dropped"
        case .childLinkAdded(let parent, let child):
            return "node \(Self.short(child)) names parent \(Self.short(parent)), which does not list it; link added"
        case .childListedElsewhere(let lister, let child, let parent):
            return
                "node \(Self.short(lister)) lists child \(Self.short(child)), whose parent is \(Self.short(parent)); "
                + "shown under \(Self.short(parent)) only"
        case .missingCurrentNode(let requested?, let fallback):
            return
                "current_node \(Self.short(requested)) is not in the mapping; showing the newest leaf \(Self.short(fallback))"
        case .missingCurrentNode(nil, let fallback):
            return "the conversation has no current_node; showing the newest leaf \(Self.short(fallback))"
        case .syntheticRootCreated:
            return "the mapping has no root; created \(ConversationTree.syntheticRootID)"
        }
    }

    /// The first 8 characters of an id, with an ellipsis when it is longer.
    static func short(_ id: String) -> String {
        id.count > 8 ? String(id.prefix(8)) + "…" : id
    }
}

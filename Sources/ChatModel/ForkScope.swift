/// How much of a conversation a fork copies, from the message it starts at (LibreChat's three
/// choices).
public enum ForkScope: String, Sendable, Hashable, CaseIterable {
    /// The messages from the root down to the chosen one: no sibling, nothing below it.
    case path
    /// The path to the chosen message and every branch that continues from it.
    case branches
    /// Every message of the conversation.
    case tree

    /// What the scope copies, in words ("this path only").
    public var summary: String {
        switch self {
        case .path: "this path only"
        case .branches: "this path and its branches"
        case .tree: "the whole tree"
        }
    }

    /// Reads a scope from its name (`path`, `branches`, `tree`), as the CLI and the archive
    /// write it; nil for anything else.
    public init?(name: String) {
        self.init(rawValue: name.lowercased())
    }
}

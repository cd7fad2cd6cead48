import ChatModel

/// The fork window: the message a fork starts at, the scopes to pick from and how many messages
/// each would copy.
public struct ForkPickerState: Sendable, Equatable {
    /// The conversation to fork.
    public var conversationID: String
    /// The message the fork starts at (the last node of the selected turn).
    public var nodeID: String
    /// How many messages a reader would see in the fork, per scope, in ``ForkScope/allCases`` order.
    public var messageCounts: [Int]
    /// The highlighted row, an index into ``ForkScope/allCases``.
    public var selected: Int

    /// The window for a fork of `tree` at `nodeID`, "this path only" highlighted.
    public init(conversationID: String, nodeID: String, tree: ConversationTree) {
        self.conversationID = conversationID
        self.nodeID = nodeID
        messageCounts = ForkScope.allCases.map { scope in
            tree.forkedNodes(at: nodeID, scope: scope).count { tree.isVisible($0, showReasoning: false) }
        }
        selected = 0
    }

    /// The highlighted scope.
    public var scope: ForkScope { ForkScope.allCases[min(max(0, selected), ForkScope.allCases.count - 1)] }
}

import ChatConfig
import ChatModel

/// Why the tree overview's own keys (folds, the filter, the search) and `T` cannot act.
extension Availability {
    /// `T` lists the branches off the path: there must be some (in the overview it switches back
    /// to the tree whatever it lists).
    static func listBranchesReason(_ state: AppState) -> String? {
        if case .tree = state.overlay { return nil }
        guard let open = state.open else { return Reason.noConversation }
        return open.tree.otherBranchCount(to: open.leaf) == 0 ? "This conversation has no other branch" : nil
    }

    /// The keys that act in the tree overview only, on what it lists.
    static func treeReason(_ command: Command, _ state: AppState) -> String? {
        guard case .tree(let tree) = state.overlay else { return "Only the tree overview (t) has this key" }
        if tree.mode == .branches, command != .treeMatchNext, command != .treeMatchPrev {
            return "The list of branches cannot be folded, filtered or searched: T shows the tree again"
        }
        switch command {
        case .treeFold:
            return tree.foldTarget == nil ? "Nothing lies below this message to fold" : nil
        case .treeFoldAll:
            return tree.folded.isEmpty && !tree.rows.contains(where: { $0.siblingCount > 1 && $0.descendantCount > 0 })
                ? "This conversation has no branch to fold" : nil
        case .treeMatchNext, .treeMatchPrev:
            if tree.searched.isEmpty { return "No search yet: / searches the tree" }
            return tree.matches.isEmpty ? "No message matches “\(tree.searched)”" : nil
        default:
            return nil
        }
    }
}

import ChatModel

/// The tree overview (`t`) and the list of branches off the path (`T`): opening them, folds,
/// the filter to your prompts, and the search within the conversation (`/`, `n`, `N`).
extension Reducer {
    /// `t`: the whole tree, the shown message's row selected.
    static func showTree(_ state: inout AppState) -> [Effect] {
        if case .tree(var tree) = state.overlay, tree.mode == .branches {
            tree.setMode(.tree)
            state.overlay = .tree(tree)
            return []
        }
        state.overlay = treeOverview(state, mode: .tree).map(Overlay.tree)
        return []
    }

    /// `T`: the branches off the path, one line each with its last message; in the tree
    /// overview it switches between the two.
    static func listBranches(_ state: inout AppState) -> [Effect] {
        if case .tree(var tree) = state.overlay {
            tree.setMode(tree.mode == .branches ? .tree : .branches)
            state.overlay = .tree(tree)
            return []
        }
        state.overlay = treeOverview(state, mode: .branches).map(Overlay.tree)
        return []
    }

    /// The overview of the open conversation, its path the one the pane shows.
    static func treeOverview(_ state: AppState, mode: TreeOverviewState.Mode) -> TreeOverviewState? {
        guard let open = state.open else { return nil }
        let rows = open.tree.outline(pathTo: open.leaf)
        var selected = rows.lastIndex(where: \.isOnCurrentPath) ?? 0
        if open.turns.indices.contains(open.selected) {
            let id = open.turns[open.selected].id
            selected = rows.firstIndex { $0.nodeID == id } ?? selected
        }
        if mode == .branches { selected = 0 }
        return TreeOverviewState(
            rows: rows, selectedRow: selected, labels: open.marks.compactMapValues(\.label),
            visited: visitedNodes(open), mode: mode)
    }

    /// The messages on the branches the reader has opened: the paths to the branch memory's
    /// leaves.
    static func visitedNodes(_ open: OpenConversation) -> Set<String> {
        var visited: Set<String> = []
        for leaf in open.memory.visits.keys {
            visited.formUnion(open.tree.path(to: leaf))
        }
        return visited
    }

    /// Space: folds the subtree under the selected row, or unfolds it.
    static func toggleTreeFold(_ state: inout AppState) -> [Effect] {
        guard case .tree(var tree) = state.overlay else { return [] }
        tree.toggleFold()
        state.overlay = .tree(tree)
        return []
    }

    /// `Z`: folds every branch, or unfolds all.
    static func toggleTreeFoldAll(_ state: inout AppState) -> [Effect] {
        guard case .tree(var tree) = state.overlay else { return [] }
        tree.toggleFoldAll()
        state.overlay = .tree(tree)
        return []
    }

    /// `p`: only your prompts, or every message; a search is run again over what is listed.
    static func toggleTreePrompts(_ state: inout AppState) -> [Effect] {
        guard case .tree(var tree) = state.overlay else { return [] }
        tree.toggleOnlyPrompts()
        if !tree.searched.isEmpty { searchTree(&tree, state.open?.tree) }
        state.overlay = .tree(tree)
        return []
    }

    /// `/`: opens the query line (with the last query to edit).
    static func beginTreeSearch(_ state: inout AppState) -> [Effect] {
        guard case .tree(var tree) = state.overlay else { return [] }
        tree.query = TextEditor(tree.searched)
        state.overlay = .tree(tree)
        return []
    }

    /// `n` and `N`: the next or previous match, unfolding what hides it.
    static func treeMatch(_ state: inout AppState, forward: Bool) -> [Effect] {
        guard case .tree(var tree) = state.overlay else { return [] }
        tree.nextMatch(forward: forward)
        state.overlay = .tree(tree)
        return []
    }

    /// Searches the tree for the query being typed (or the last one).
    static func searchTree(_ tree: inout TreeOverviewState, _ conversation: ConversationTree?) {
        let query = tree.query?.text ?? tree.searched
        guard let conversation else { return }
        tree.search(query) { conversation.displayText(of: $0) }
    }
}

import ChatModel

/// The comparison window: two versions of a message side by side.
extension Reducer {
    /// `=`: opens the comparison of the selected message's version with the next one (the
    /// last version with the one before it, so the older stays on the left), or closes it.
    static func toggleCompare(_ state: inout AppState) -> [Effect] {
        if case .compare = state.overlay {
            state.overlay = nil
            return []
        }
        guard let open = state.open, open.turns.indices.contains(open.selected) else { return [] }
        let turn = open.turns[open.selected]
        let versions = open.tree.siblings(of: turn.id)
        let shown = versions.firstIndex(of: turn.id) ?? turn.siblingIndex - 1
        guard versions.count > 1, versions.indices.contains(shown) else { return [] }
        let left = shown < versions.count - 1 ? shown : shown - 1
        guard
            let compare = CompareState(
                versions: versions, left: left, right: left + 1, tree: open.tree, memory: open.memory,
                screenWidth: state.width)
        else { return [] }
        state.overlay = .compare(compare)
        state.message = nil
        return []
    }

    /// `[ ]` (left) and `{ }` (right) in the comparison: that side shows another version,
    /// stepping over the one the other side shows.
    static func moveCompareSide(_ state: inout AppState, _ side: CompareState.Side, by delta: Int) -> [Effect] {
        guard case .compare(var compare) = state.overlay, let open = state.open,
            let target = compare.target(moving: side, by: delta)
        else { return [] }
        compare.show(target, on: side, tree: open.tree, memory: open.memory, screenWidth: state.width)
        state.overlay = .compare(compare)
        state.message = nil
        return []
    }

    /// The comparison laid out again when the screen's width changed.
    static func relayoutCompare(_ state: inout AppState) {
        guard case .compare(var compare) = state.overlay, let open = state.open else { return }
        compare.relayout(tree: open.tree, memory: open.memory, screenWidth: state.width)
        compare.scroll = min(compare.scroll, compare.maxScroll(screenWidth: state.width, screenHeight: state.height))
        state.overlay = .compare(compare)
    }
}

/// Siblings, `‹i/n›` and branch switching.
///
/// A visible message's siblings are found at its **anchor**: the message itself, or, when its
/// parent is a hidden node (no message, hidden, reasoning, empty) whose only child leading to a
/// visible message is on this line, that parent, climbing on while the same holds (never to the
/// root). The anchor's parent's children that lead to a visible message are grouped by the role
/// family of their **representative**, the first visible message of their subtree in depth-first
/// order: `user` is one family, every other role the other (regenerations are assistant siblings
/// under a user message, edits are user siblings). Siblings are reported as representatives.
///
/// Nodes that are not visible with reasoning hidden (hidden nodes, thoughts, recaps) have no
/// siblings: each is its own only sibling, so `‹i/n›` shows on the answer, not on its thoughts.
extension ConversationTree {
    /// The representatives of the node's sibling group, in creation order: `[id]` when it is alone
    /// or not a visible message, `[]` for an unknown id.
    public func siblings(of id: String) -> [String] {
        guard let i = index[id] else { return [] }
        guard let found = siblingGroup(of: i) else { return [id] }
        return found.group.map { ids[representative[$0]] }
    }

    /// The node's 1-based position among its siblings and their count; `(1, 1)` when alone.
    public func siblingPosition(of id: String) -> (index: Int, count: Int) {
        guard let i = index[id] else { return (1, 1) }
        return siblingPosition(of: i)
    }

    /// The leaf to open after moving `delta` siblings from the turn starting at `turnID`: the
    /// sibling's remembered leaf, else its last-child leaf (`leaf(under:memory:)`). The move is
    /// clamped to the first or last sibling; nil when no move is possible.
    public func switchSibling(of turnID: String, by delta: Int, memory: BranchMemory) -> String? {
        guard let i = index[turnID], let found = siblingGroup(of: i) else { return nil }
        let last = found.group.count - 1
        let (sum, overflow) = found.position.addingReportingOverflow(delta)
        let target = overflow ? (delta > 0 ? last : 0) : min(max(sum, 0), last)
        guard target != found.position else { return nil }
        return leaf(under: ids[found.group[target]], memory: memory)
    }

    /// The ids of the turns on the visible path to `leaf` (reasoning hidden) that have siblings.
    public func branchPoints(to leaf: String) -> [String] {
        turns(to: leaf).filter { $0.siblingCount > 1 }.map(\.id)
    }

    /// How many other branches a reader could open from the path to `leaf`: visible messages with
    /// no visible message below them (the visible ends of branches) that are not on that path.
    /// Leaves that only add hidden nodes to a visible end are not counted twice.
    public func otherBranchCount(to leaf: String) -> Int {
        guard let l = index[leaf] else { return 0 }
        var onPath = [Bool](repeating: false, count: ids.count)
        for p in pathIndices(to: l) { onPath[p] = true }
        var count = 0
        for i in ids.indices where visible[i] && visibleLeadingChildren[i] == 0 && !onPath[i] {
            count += 1
        }
        return count
    }

    /// `siblingPosition(of:)` by index.
    func siblingPosition(of i: Int) -> (index: Int, count: Int) {
        guard let found = siblingGroup(of: i) else { return (1, 1) }
        return (found.position + 1, found.group.count)
    }

    /// The sibling group (anchors) of a visible node and the position of its anchor in it.
    func siblingGroup(of i: Int) -> (group: [Int], position: Int)? {
        guard visible[i] else { return nil }
        let a = anchor(of: i)
        let g = groupOf[a]
        guard g >= 0 else { return nil }
        return (groups[g], positionInGroup[a])
    }

    /// Climbs from a visible node through hidden single-line parents (see the type's notes).
    func anchor(of i: Int) -> Int {
        var a = i
        while true {
            let p = parentOf[a]
            guard p >= 0, parentOf[p] >= 0, !visible[p], visibleLeadingChildren[p] == 1 else { return a }
            a = p
        }
    }
}

/// Forking: a new conversation made of part of this one's (repaired) tree.
extension ConversationTree {
    /// The node ids a fork at `nodeID` with `scope` keeps, in depth-first pre-order (the root
    /// first); empty for an unknown id. Always closed under parents: the root and every ancestor
    /// of a kept node are kept.
    public func forkedNodes(at nodeID: String, scope: ForkScope) -> [String] {
        guard let start = index[nodeID] else { return [] }
        switch scope {
        case .path:
            return pathIndices(to: start).map { ids[$0] }
        case .branches:
            var kept = pathIndices(to: start)
            kept.removeLast()
            var stack = [start]
            while let v = stack.popLast() {
                kept.append(v)
                stack.append(contentsOf: childrenOf[v].reversed())
            }
            return kept.map { ids[$0] }
        case .tree:
            return preorder.map { ids[$0] }
        }
    }

    /// A new conversation holding the part of this one a fork at `nodeID` with `scope` keeps:
    /// each kept node with its message, id and content unchanged, its parent and children as
    /// this (repaired) tree has them, children outside the fork dropped, so the fork's mapping
    /// needs no repair. Its current node is `nodeID` for ``ForkScope/path``, else the leaf
    /// below `nodeID` the reader would see (`leaf(under:memory:)`). Titled "`title` (fork)",
    /// created and updated at `now`; the origin's other top-level fields (pins, stars, shares,
    /// projects) are the origin's and are not copied. Nil for an unknown `nodeID`.
    public func fork(
        at nodeID: String, scope: ForkScope, id: String, now: Double, memory: BranchMemory = BranchMemory()
    ) -> Conversation? {
        let kept = forkedNodes(at: nodeID, scope: scope)
        guard !kept.isEmpty else { return nil }
        let keptSet = Set(kept)
        var mapping: [String: Node] = [:]
        mapping.reserveCapacity(kept.count)
        for nodeID in kept {
            guard let i = index[nodeID] else { continue }
            mapping[nodeID] = Node(
                id: nodeID, message: messages[i], parent: parentOf[i] >= 0 ? ids[parentOf[i]] : nil,
                children: childrenOf[i].map { ids[$0] }.filter { keptSet.contains($0) })
        }
        let current = scope == .path ? nodeID : leaf(under: nodeID, memory: memory)
        return Conversation(
            id: id, title: Self.forkTitle(of: conversation), createTime: now, updateTime: now, mapping: mapping,
            currentNode: current, defaultModelSlug: conversation.defaultModelSlug)
    }

    /// "`title` (fork)"; a fork of a fork is titled like its origin, not "(fork) (fork)".
    static func forkTitle(of origin: Conversation) -> String {
        let title = origin.displayTitle
        return title.hasSuffix(" (fork)") ? title : title + " (fork)"
    }
}

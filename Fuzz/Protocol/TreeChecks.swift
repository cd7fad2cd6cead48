// What any repaired ConversationTree must satisfy, whatever mapping it was built from. Shared by
// the `conversation`, `tree` and `dify` entries.

enum TreeChecks {
    /// Checks the tree built from `conversation` and returns it.
    @discardableResult
    static func verify(_ conversation: Conversation) -> ConversationTree {
        let tree = ConversationTree(conversation)
        checkStructure(tree, conversation)
        checkQueries(tree)
        checkIdempotent(tree)
        return tree
    }

    /// Every node of the mapping is in the tree; the links form one tree under the root (each node
    /// reached once from it, so no cycle); the current leaf and the leaves are real nodes.
    static func checkStructure(_ tree: ConversationTree, _ conversation: Conversation) {
        let n = tree.ids.count
        let synthetic = tree.repairs.contains(.syntheticRootCreated)
        guard n == conversation.mapping.count + (synthetic ? 1 : 0) else { fail("nodes were lost or invented") }
        for key in conversation.mapping.keys where tree.index[key] == nil { fail("a mapping node is missing") }
        guard tree.parentOf[tree.rootIndex] == -1, tree.ids[tree.rootIndex] == tree.rootID else { fail("bad root") }
        var seenAsChild = [Bool](repeating: false, count: n)
        for p in 0..<n {
            for c in tree.childrenOf[p] {
                guard tree.parentOf[c] == p, !seenAsChild[c] else { fail("children and parent links disagree") }
                seenAsChild[c] = true
            }
        }
        for v in 0..<n where v != tree.rootIndex && !seenAsChild[v] { fail("a node hangs under no parent") }
        var reached = [Bool](repeating: false, count: n)
        for v in tree.preorder {
            guard !reached[v] else { fail("a node is reached twice") }
            reached[v] = true
        }
        guard tree.preorder.count == n else { fail("a node is not reachable from the root") }
        guard tree.index[tree.currentLeaf] != nil else { fail("the current leaf is not a node") }
        if let requested = conversation.currentNode, conversation.mapping[requested] != nil,
            tree.currentLeaf != requested
        {
            fail("an existing current_node was not kept")
        }
        let leaves = tree.preorder.filter { tree.childrenOf[$0].isEmpty }.map { tree.ids[$0] }
        guard tree.leaves == leaves else { fail("leaves are not the childless nodes in order") }
        let path = tree.path(to: tree.currentLeaf)
        guard path.first == tree.rootID, path.last == tree.currentLeaf else {
            fail("the path does not join root and leaf")
        }
    }

    /// The reader's queries answer with real nodes: turns on the current path, sibling positions in
    /// range, switches landing on leaves, the outline listing each visible node once.
    static func checkQueries(_ tree: ConversationTree) {
        let onPath = Set(tree.path(to: tree.currentLeaf))
        let leaves = Set(tree.leaves)
        for showReasoning in [false, true] {
            for turn in tree.turns(to: tree.currentLeaf, showReasoning: showReasoning) {
                guard turn.nodeIDs.allSatisfy(onPath.contains), turn.siblingIndex >= 1,
                    turn.siblingIndex <= turn.siblingCount
                else { fail("a turn is off the path or its sibling position is out of range") }
            }
        }
        let memory = BranchMemory(visits: [tree.currentLeaf: 1])
        for id in tree.ids {
            let position = tree.siblingPosition(of: id)
            let siblings = tree.siblings(of: id)
            guard position.index >= 1, position.index <= position.count, siblings.count == position.count else {
                fail("sibling position and siblings disagree")
            }
            for delta in [-1, 1, Int.min, Int.max] {
                if let target = tree.switchSibling(of: id, by: delta, memory: memory), !leaves.contains(target) {
                    fail("a sibling switch did not land on a leaf")
                }
            }
            guard leaves.contains(tree.leaf(under: id, memory: BranchMemory())) else { fail("leaf(under:) is no leaf") }
        }
        let outline = tree.outline()
        guard Set(outline.map(\.nodeID)).count == outline.count,
            outline.allSatisfy({ tree.index[$0.nodeID] != nil && leaves.contains($0.leafID) && $0.depth >= 0 })
        else { fail("the outline lists unknown nodes or leaves") }
        _ = tree.otherBranchCount(to: tree.currentLeaf)
        _ = tree.branchPoints(to: tree.currentLeaf)
    }

    /// Building again from the repaired links repairs nothing and changes no link.
    static func checkIdempotent(_ tree: ConversationTree) {
        var mapping: [String: Node] = [:]
        for id in tree.ids { mapping[id] = tree.node(id) }
        let again = ConversationTree(
            Conversation(id: tree.conversation.id, mapping: mapping, currentNode: tree.currentLeaf))
        guard again.repairs.isEmpty else { fail("a repaired tree needed repairs: \(again.repairs)") }
        guard again.rootID == tree.rootID, again.currentLeaf == tree.currentLeaf,
            tree.ids.allSatisfy({ again.children(of: $0) == tree.children(of: $0) })
        else { fail("rebuilding the repaired tree changed it") }
    }

    static func fail(_ why: String) -> Never {
        fatalError("tree check: \(why)")
    }
}

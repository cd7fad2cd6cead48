/// A conversation's mapping as a repaired tree: parents, children, leaves, the visible path,
/// turns, siblings (`‹i/n›`) and branch switching (DESIGN.md §3, PROTOCOL.md §1.4).
///
/// Building never fails: broken input is repaired and each repair is listed in `repairs`.
/// Everything structural is computed once in `init` (O(n log n), iterative walks only), so
/// queries are cheap and a 10 000-deep chain cannot overflow the stack.
///
/// "Visible" in structural questions (siblings, representatives, branches, outline) means visible
/// with reasoning hidden; only `turns` and `isVisible` take `showReasoning`.
public struct ConversationTree: Sendable {
    /// The id of the root created when a mapping has none.
    public static let syntheticRootID = "chatterm-synthetic-root"

    /// The conversation the tree was built from, unchanged.
    public let conversation: Conversation
    /// The root: `client-created-root`, else the parentless node with most descendants (then a
    /// message-less one), else a synthetic root. Other parentless nodes hang under it.
    public let rootID: String
    /// What was repaired, in the order found.
    public let repairs: [TreeRepair]
    /// The end of the visible path: `current_node` when it exists (even if it is not a leaf),
    /// else the newest leaf.
    public let currentLeaf: String
    /// Every leaf, in depth-first child order (hidden leaves included).
    public let leaves: [String]

    let ids: [String]
    let index: [String: Int]
    let messages: [Message?]
    let parentOf: [Int]
    let childrenOf: [[Int]]
    let rootIndex: Int
    let currentIndex: Int
    /// Nodes in depth-first pre-order.
    let preorder: [Int]
    /// The leaves under node i are `leaves[leafStart[i]..<leafEnd[i]]`.
    let leafStart: [Int]
    let leafEnd: [Int]
    /// Whether node i is visible with reasoning hidden.
    let visible: [Bool]
    /// The first visible node of i's subtree in pre-order (i itself when visible), or -1.
    let representative: [Int]
    /// How many children of i have a representative.
    let visibleLeadingChildren: [Int]
    /// The leaf reached from i by following the last child leading to a visible message (else the
    /// last child) at each step.
    let lastChildLeaf: [Int]
    /// Sibling groups: children of one parent with a representative of one role family.
    let groups: [[Int]]
    /// The group of node i (as a child of its parent), or -1, and its position in it.
    let groupOf: [Int]
    let positionInGroup: [Int]

    /// Builds the tree; never crashes on any input and records every repair.
    public init(_ conversation: Conversation) {
        let links = TreeLinks(mapping: conversation.mapping)
        let n = links.ids.count
        let children = links.children
        var repairs = links.repairs

        // Pre-order, leaves, and the range of leaves under each node.
        var preorder: [Int] = []
        preorder.reserveCapacity(n)
        var leafIndices: [Int] = []
        var leafStart = [Int](repeating: 0, count: n)
        var leafEnd = [Int](repeating: 0, count: n)
        var stack: [(node: Int, exiting: Bool)] = [(links.root, false)]
        while let (v, exiting) = stack.popLast() {
            if exiting {
                leafEnd[v] = leafIndices.count
                continue
            }
            preorder.append(v)
            leafStart[v] = leafIndices.count
            stack.append((v, true))
            if children[v].isEmpty { leafIndices.append(v) }
            for c in children[v].reversed() { stack.append((c, false)) }
        }

        // Visibility, representatives, and create times inherited from the nearest timed ancestor.
        let visible = links.messages.map { $0.map { Self.shows($0, showReasoning: false) } ?? false }
        var representative = [Int](repeating: -1, count: n)
        var visibleLeadingChildren = [Int](repeating: 0, count: n)
        var lastChildLeaf = [Int](repeating: -1, count: n)
        for v in preorder.reversed() {
            var first = -1
            var last = -1
            var count = 0
            for c in children[v] where representative[c] >= 0 {
                if first < 0 { first = representative[c] }
                last = c
                count += 1
            }
            representative[v] = visible[v] ? v : first
            visibleLeadingChildren[v] = count
            if last < 0 { last = children[v].last ?? -1 }
            lastChildLeaf[v] = last >= 0 ? lastChildLeaf[last] : v
        }
        var time = [Double](repeating: -Double.infinity, count: n)
        for v in preorder {
            let inherited = links.parent[v] >= 0 ? time[links.parent[v]] : -Double.infinity
            time[v] = links.messages[v]?.createTime ?? inherited
        }

        // Sibling groups.
        var groups: [[Int]] = []
        var groupOf = [Int](repeating: -1, count: n)
        var positionInGroup = [Int](repeating: -1, count: n)
        for p in 0..<n where children[p].count > 0 {
            var userGroup = -1
            var assistantGroup = -1
            for c in children[p] where representative[c] >= 0 {
                let isUser = links.messages[representative[c]]?.author.role == .user
                var g = isUser ? userGroup : assistantGroup
                if g < 0 {
                    g = groups.count
                    groups.append([])
                    if isUser { userGroup = g } else { assistantGroup = g }
                }
                groupOf[c] = g
                positionInGroup[c] = groups[g].count
                groups[g].append(c)
            }
        }

        // The current leaf.
        var current = -1
        if let requested = conversation.currentNode, conversation.mapping[requested] != nil {
            current = links.index[requested] ?? -1
        }
        if current < 0 {
            var newest = links.root
            var newestTime = -Double.infinity
            for l in leafIndices where time[l] >= newestTime {
                newest = l
                newestTime = time[l]
            }
            current = newest
            repairs.append(.missingCurrentNode(requested: conversation.currentNode, fallback: links.ids[newest]))
        }

        self.conversation = conversation
        self.rootID = links.ids[links.root]
        self.repairs = repairs
        self.currentLeaf = links.ids[current]
        self.leaves = leafIndices.map { links.ids[$0] }
        self.ids = links.ids
        self.index = links.index
        self.messages = links.messages
        self.parentOf = links.parent
        self.childrenOf = children
        self.rootIndex = links.root
        self.currentIndex = current
        self.preorder = preorder
        self.leafStart = leafStart
        self.leafEnd = leafEnd
        self.visible = visible
        self.representative = representative
        self.visibleLeadingChildren = visibleLeadingChildren
        self.lastChildLeaf = lastChildLeaf
        self.groups = groups
        self.groupOf = groupOf
        self.positionInGroup = positionInGroup
    }

    /// The node with its repaired links (`parent` and `children` as this tree has them; the
    /// synthetic root is a message-less node), or nil for an unknown id.
    public func node(_ id: String) -> Node? {
        guard let i = index[id] else { return nil }
        return Node(id: id, message: messages[i], parent: parent(of: id), children: children(of: id))
    }

    /// The repaired children of a node, existing nodes only, in creation order.
    public func children(of id: String) -> [String] {
        guard let i = index[id] else { return [] }
        return childrenOf[i].map { ids[$0] }
    }

    /// The repaired parent of a node; nil for the root and unknown ids.
    public func parent(of id: String) -> String? {
        guard let i = index[id], parentOf[i] >= 0 else { return nil }
        return ids[parentOf[i]]
    }

    /// The node ids from the root to `id`, both inclusive; empty for an unknown id.
    public func path(to id: String) -> [String] {
        guard let i = index[id] else { return [] }
        return pathIndices(to: i).map { ids[$0] }
    }

    /// Whether the node holds a message a reader sees: not hidden (`Message.isHidden`), with
    /// non-blank display text, a non-text part or an error to show, and reasoning only when
    /// `showReasoning`.
    public func isVisible(_ id: String, showReasoning: Bool) -> Bool {
        guard let i = index[id], let message = messages[i] else { return false }
        return Self.shows(message, showReasoning: showReasoning)
    }

    /// The leaf to open under `id`: the one visited most recently according to `memory`, else the
    /// one reached by following the last child at each step (the last child that leads to a
    /// visible message, when one does). An unknown id is returned as is.
    public func leaf(under id: String, memory: BranchMemory) -> String {
        guard let i = index[id] else { return id }
        if !memory.visits.isEmpty, let remembered = memory.mostRecent(among: leaves[leafStart[i]..<leafEnd[i]]) {
            return remembered
        }
        let last = lastChildLeaf[i]
        return last >= 0 ? ids[last] : id
    }

    /// Root … i, inclusive. Iterative; the repaired parent links have no cycles.
    func pathIndices(to i: Int) -> [Int] {
        var path = [i]
        var j = i
        while parentOf[j] >= 0, path.count <= ids.count {
            j = parentOf[j]
            path.append(j)
        }
        return path.reversed()
    }

    /// Whether a message is shown (see `isVisible`).
    static func shows(_ message: Message, showReasoning: Bool) -> Bool {
        if message.isHidden { return false }
        if message.isReasoning && !showReasoning { return false }
        // A failed answer with no text still shows: its error (a Dify message with status "error").
        return message.content.hasDisplayableContent || message.errorText?.isEmpty == false
    }
}

extension MessageContent {
    /// Whether there is anything to show: a non-text part, or display text that is not blank.
    var hasDisplayableContent: Bool {
        for part in parts {
            switch part {
            case .object: return true
            case .text(let s): if s.contains(where: { !$0.isWhitespace }) { return true }
            }
        }
        return displayText.contains(where: { !$0.isWhitespace })
    }
}

extension ConversationTree: Equatable {
    /// Trees are equal when they were built from equal conversations (everything else is
    /// derived from it).
    public static func == (lhs: ConversationTree, rhs: ConversationTree) -> Bool {
        lhs.conversation == rhs.conversation
    }
}

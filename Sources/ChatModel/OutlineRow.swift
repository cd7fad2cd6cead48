/// One visible message in the whole-tree outline (`chatterm show --tree`, the TUI tree overview).
public struct OutlineRow: Sendable, Hashable {
    /// The node this row shows.
    public var nodeID: String
    /// Indentation: how many messages with siblings lie on the path to this one, itself included,
    /// so a linear conversation stays flat and each alternative indents one step.
    public var depth: Int
    /// The author's role.
    public var role: Role
    /// The first non-blank line of the display text, trimmed, at most 80 characters (an ellipsis
    /// marks a cut).
    public var preview: String
    /// The 1-based position among siblings.
    public var siblingIndex: Int
    /// How many siblings, itself included.
    public var siblingCount: Int
    /// Whether the node is on the path to the tree's current leaf.
    public var isOnCurrentPath: Bool
    /// Whether no visible message lies below this one (it ends a branch as the reader sees it).
    public var isLeaf: Bool
    /// The leaf to open when this row is chosen: `leaf(under:memory:)` with an empty memory.
    public var leafID: String

    /// Creates a row.
    public init(
        nodeID: String, depth: Int, role: Role, preview: String, siblingIndex: Int = 1, siblingCount: Int = 1,
        isOnCurrentPath: Bool = false, isLeaf: Bool = false, leafID: String
    ) {
        self.nodeID = nodeID
        self.depth = depth
        self.role = role
        self.preview = preview
        self.siblingIndex = siblingIndex
        self.siblingCount = siblingCount
        self.isOnCurrentPath = isOnCurrentPath
        self.isLeaf = isLeaf
        self.leafID = leafID
    }
}

extension ConversationTree {
    /// The whole tree as depth-first rows of visible messages (reasoning hidden), children in
    /// creation order.
    public func outline() -> [OutlineRow] {
        var onPath = [Bool](repeating: false, count: ids.count)
        for p in pathIndices(to: currentIndex) { onPath[p] = true }
        var depth = [Int](repeating: 0, count: ids.count)
        var rows: [OutlineRow] = []
        let noMemory = BranchMemory()
        for v in preorder {
            var d = parentOf[v] >= 0 ? depth[parentOf[v]] : 0
            if visible[v], let message = messages[v] {
                let position = siblingPosition(of: v)
                if position.count > 1 { d += 1 }
                rows.append(
                    OutlineRow(
                        nodeID: ids[v], depth: d, role: message.author.role,
                        preview: Self.preview(message.content.displayText), siblingIndex: position.index,
                        siblingCount: position.count, isOnCurrentPath: onPath[v],
                        isLeaf: visibleLeadingChildren[v] == 0, leafID: leaf(under: ids[v], memory: noMemory)
                    ))
            }
            depth[v] = d
        }
        return rows
    }

    /// The first non-blank line, trimmed, cut to `limit` characters with an ellipsis. Looks only at
    /// the start of the text, so long messages cost no more than short ones.
    static func preview(_ text: String, limit: Int = 80) -> String {
        guard let start = text.firstIndex(where: { !$0.isWhitespace }) else { return "" }
        var line = ""
        var count = 0
        var index = start
        while index < text.endIndex, !text[index].isNewline, count <= limit {
            line.append(text[index])
            count += 1
            index = text.index(after: index)
        }
        while let last = line.last, last.isWhitespace {
            line.removeLast()
            count -= 1
        }
        return count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }
}

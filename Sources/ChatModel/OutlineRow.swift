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
    /// The index in the outline of the nearest visible message above this one (its parent as
    /// the outline shows it), or -1 for a first message.
    public var parentRow: Int
    /// How many rows lie below this one in its subtree: what folding it hides.
    public var descendantCount: Int
    /// How many rows of its subtree, itself included, end a branch (``isLeaf``).
    public var leafCount: Int

    /// Creates a row.
    public init(
        nodeID: String, depth: Int, role: Role, preview: String, siblingIndex: Int = 1, siblingCount: Int = 1,
        isOnCurrentPath: Bool = false, isLeaf: Bool = false, leafID: String, parentRow: Int = -1,
        descendantCount: Int = 0, leafCount: Int = 0
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
        self.parentRow = parentRow
        self.descendantCount = descendantCount
        self.leafCount = leafCount
    }

    /// How many messages the branch this row starts holds, down to its leaves: itself and every
    /// row below it.
    public var branchLength: Int { 1 + descendantCount }
}

extension ConversationTree {
    /// The whole tree as depth-first rows of visible messages (reasoning hidden), children in
    /// creation order; the path to `target` (else the tree's current leaf) is marked current. One
    /// pass over the nodes and one back over the rows (subtree sizes), so 2,000 nodes cost well
    /// under a millisecond.
    public func outline(pathTo target: String? = nil) -> [OutlineRow] {
        var onPath = [Bool](repeating: false, count: ids.count)
        for p in pathIndices(to: target.flatMap { index[$0] } ?? currentIndex) { onPath[p] = true }
        var depth = [Int](repeating: 0, count: ids.count)
        // The row of the nearest visible node at or above each node, or -1.
        var rowAbove = [Int](repeating: -1, count: ids.count)
        var rows: [OutlineRow] = []
        let noMemory = BranchMemory()
        for v in preorder {
            let parent = parentOf[v]
            var d = parent >= 0 ? depth[parent] : 0
            let above = parent >= 0 ? rowAbove[parent] : -1
            rowAbove[v] = above
            if visible[v], let message = messages[v] {
                let position = siblingPosition(of: v)
                if position.count > 1 { d += 1 }
                rowAbove[v] = rows.count
                rows.append(
                    OutlineRow(
                        nodeID: ids[v], depth: d, role: message.author.role,
                        preview: Self.preview(message.content.displayText), siblingIndex: position.index,
                        siblingCount: position.count, isOnCurrentPath: onPath[v],
                        isLeaf: visibleLeadingChildren[v] == 0, leafID: leaf(under: ids[v], memory: noMemory),
                        parentRow: above
                    ))
            }
            depth[v] = d
        }
        for r in rows.indices.reversed() {
            if rows[r].isLeaf { rows[r].leafCount += 1 }
            let parent = rows[r].parentRow
            guard parent >= 0 else { continue }
            rows[parent].descendantCount += 1 + rows[r].descendantCount
            rows[parent].leafCount += rows[r].leafCount
        }
        return rows
    }

    /// The display text of a row's message (what the pane shows, not the preview); "" for an
    /// unknown id.
    public func displayText(of id: String) -> String {
        guard let i = index[id], let message = messages[i] else { return "" }
        return message.content.displayText
    }

    /// The first non-blank line, trimmed, cut to `limit` characters with an ellipsis. Looks only at
    /// the start of the text, so long messages cost no more than short ones.
    static func preview(_ text: String, limit: Int = 80) -> String {
        asciiPreview(text, limit: limit) ?? characterPreview(text, limit: limit)
    }

    /// ``preview(_:limit:)`` read as bytes, when the part it reads is ASCII (a byte is a
    /// character there): one pass, one copy. Nil when it meets a byte that is not ASCII.
    static func asciiPreview(_ text: String, limit: Int) -> String? {
        let utf8 = text.utf8
        var i = utf8.startIndex
        func isSpace(_ b: UInt8) -> Bool { b == 32 || (9...13).contains(b) }
        while i < utf8.endIndex, isSpace(utf8[i]) { i = utf8.index(after: i) }
        guard i < utf8.endIndex else { return "" }
        let start = i
        var count = 0
        while i < utf8.endIndex, count <= limit {
            let b = utf8[i]
            if b >= 0x80 { return nil }
            if (10...13).contains(b) { break }
            count += 1
            i = utf8.index(after: i)
        }
        var end = i
        while end > start, isSpace(utf8[utf8.index(before: end)]) {
            end = utf8.index(before: end)
            count -= 1
        }
        let line = String(text[start..<end])
        return count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }

    /// ``preview(_:limit:)`` character by character.
    static func characterPreview(_ text: String, limit: Int) -> String {
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

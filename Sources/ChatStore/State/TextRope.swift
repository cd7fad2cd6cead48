import TerminalCanvas

/// Text as a balanced tree of short runs of characters, so that an edit costs the same however
/// long the text is (a few runs and the path to them are copied, O(log n)), and a copy of the
/// text, such as the state the screen draws, shares everything with the original.
///
/// Every node counts its characters, newlines and display columns, so a line's start, the
/// number of lines and a column are found by walking down one path rather than the text.
public struct TextRope: Sendable {
    /// The most characters in one run.
    static let runCapacity = 512
    /// The most children of an inner node.
    static let fanout = 32

    private(set) var root: Node

    /// An empty text.
    public init() {
        root = Node(run: [])
    }

    /// The characters of `text`.
    public init(_ text: String) {
        self.init()
        insert(Array(text), at: 0)
    }

    /// The number of characters.
    public var count: Int { root.count }
    /// Whether there are no characters.
    public var isEmpty: Bool { root.count == 0 }
    /// The number of `\n` characters.
    public var newlineCount: Int { root.newlines }

    /// The text as a string (O(n)).
    public var string: String {
        var out = String()
        root.forEachRun { run in out.append(contentsOf: run) }
        return out
    }

    /// The character at `index`, which must be in `0..<count`.
    public subscript(index: Int) -> Character {
        var node = root
        var offset = index
        while !node.isRun {
            let (child, rest) = node.child(containing: offset, atEnd: false)
            node = node.children[child]
            offset = rest
        }
        return node.run[offset]
    }

    /// The characters in `range` (clamped to the text).
    public func characters(in range: Range<Int>) -> [Character] {
        let lower = max(0, range.lowerBound)
        let upper = min(count, range.upperBound)
        guard lower < upper else { return [] }
        var out: [Character] = []
        out.reserveCapacity(upper - lower)
        root.collect(lower..<upper, into: &out)
        return out
    }

    /// How many newlines come before `index`.
    public func newlines(before index: Int) -> Int {
        root.prefixSum(Swift.min(Swift.max(0, index), count), of: \.newlines) { $0 == "\n" ? 1 : 0 }
    }

    /// The display columns of the characters before `index` (newlines take none).
    public func columns(before index: Int) -> Int {
        root.prefixSum(Swift.min(Swift.max(0, index), count), of: \.width) { DisplayWidth.of($0) }
    }

    /// The index of the newline numbered `ordinal` (from 0), or nil when there are fewer.
    public func indexOfNewline(_ ordinal: Int) -> Int? {
        guard ordinal >= 0, ordinal < newlineCount else { return nil }
        var node = root
        var remaining = ordinal
        var offset = 0
        descend: while !node.isRun {
            for child in node.children {
                if remaining < child.newlines {
                    node = child
                    continue descend
                }
                remaining -= child.newlines
                offset += child.count
            }
            return nil
        }
        for (i, c) in node.run.enumerated() where c == "\n" {
            if remaining == 0 { return offset + i }
            remaining -= 1
        }
        return nil
    }

    /// The first index `i` whose characters before it take more than `columns` columns, minus
    /// one: the character that would not fit in `columns`. Nil when the whole text fits.
    public func indexExceeding(columns: Int) -> Int? {
        guard root.width > columns else { return nil }
        var node = root
        var used = 0
        var offset = 0
        descend: while !node.isRun {
            for child in node.children {
                if used + child.width > columns {
                    node = child
                    continue descend
                }
                used += child.width
                offset += child.count
            }
            return nil
        }
        for (i, c) in node.run.enumerated() {
            used += DisplayWidth.of(c)
            if used > columns { return offset + i }
        }
        return nil
    }

    /// Inserts `characters` before `index` (clamped to the text).
    public mutating func insert(_ characters: [Character], at index: Int) {
        guard !characters.isEmpty else { return }
        var level = root.inserting(characters, at: Swift.min(Swift.max(0, index), count))
        while level.count > 1 { level = Node.group(level) }
        root = level[0]
    }

    /// Removes the characters in `range` (clamped to the text).
    public mutating func remove(_ range: Range<Int>) {
        let lower = max(0, range.lowerBound)
        let upper = min(count, range.upperBound)
        guard lower < upper else { return }
        var node = root.removing(lower..<upper) ?? Node(run: [])
        while !node.isRun, node.children.count == 1 { node = node.children[0] }
        root = node
    }
}

extension TextRope: Equatable {
    /// Same characters; compared a stretch at a time, so two long texts are never copied whole.
    public static func == (a: TextRope, b: TextRope) -> Bool {
        guard a.count == b.count, a.newlineCount == b.newlineCount, a.root.width == b.root.width else { return false }
        if a.root === b.root { return true }
        let stretch = 4096
        return stride(from: 0, to: a.count, by: stretch).allSatisfy { start in
            a.characters(in: start..<start + stretch) == b.characters(in: start..<start + stretch)
        }
    }
}

extension TextRope: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        root.forEachRun { run in for c in run { hasher.combine(c) } }
    }
}

extension TextRope {
    /// A node: a run of characters (a leaf) or up to `fanout` children of equal height.
    /// Immutable, so copies of a rope share nodes safely.
    final class Node: Sendable {
        let run: [Character]
        let children: [Node]
        let isRun: Bool
        let count: Int
        let newlines: Int
        let width: Int

        /// A run; its counts are measured unless the caller knows them.
        init(run: [Character], newlines: Int? = nil, width: Int? = nil) {
            self.run = run
            children = []
            isRun = true
            count = run.count
            self.newlines = newlines ?? run.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
            self.width = width ?? run.reduce(0) { $0 + DisplayWidth.of($1) }
        }

        init(children: [Node]) {
            run = []
            self.children = children
            isRun = false
            count = children.reduce(0) { $0 + $1.count }
            newlines = children.reduce(0) { $0 + $1.newlines }
            width = children.reduce(0) { $0 + $1.width }
        }

        /// The child holding `offset` and the offset within it; `atEnd` picks the child that
        /// ends at `offset` rather than the next one (where an insertion goes).
        func child(containing offset: Int, atEnd: Bool) -> (Int, Int) {
            var rest = offset
            for (i, child) in children.enumerated() {
                if rest < child.count || (atEnd && rest == child.count) { return (i, rest) }
                rest -= child.count
            }
            return (children.count - 1, children[children.count - 1].count)
        }

        func forEachRun(_ body: ([Character]) -> Void) {
            if isRun {
                body(run)
            } else {
                for child in children { child.forEachRun(body) }
            }
        }

        func collect(_ range: Range<Int>, into out: inout [Character]) {
            if isRun {
                out.append(contentsOf: run[range])
                return
            }
            var start = 0
            for child in children {
                let end = start + child.count
                if end > range.lowerBound && start < range.upperBound {
                    let lower = Swift.max(range.lowerBound, start) - start
                    let upper = Swift.min(range.upperBound, end) - start
                    child.collect(lower..<upper, into: &out)
                }
                if end >= range.upperBound { break }
                start = end
            }
        }

        /// The sum of `measure` over the characters before `index`, using the nodes' totals.
        func prefixSum(_ index: Int, of total: KeyPath<Node, Int>, _ measure: (Character) -> Int) -> Int {
            var node = self
            var offset = index
            var sum = 0
            while !node.isRun {
                var next: Node?
                for child in node.children {
                    if offset < child.count {
                        next = child
                        break
                    }
                    sum += child[keyPath: total]
                    offset -= child.count
                }
                guard let next else { return sum }
                node = next
            }
            return node.run[..<offset].reduce(sum) { $0 + measure($1) }
        }

        /// This node with `characters` inserted at `offset`: one node, or several of the same
        /// height when it grew past its capacity.
        func inserting(_ characters: [Character], at offset: Int) -> [Node] {
            if isRun {
                var joined = run
                joined.insert(contentsOf: characters, at: offset)
                if joined.count <= TextRope.runCapacity {
                    let added = Node(run: characters)
                    return [Node(run: joined, newlines: newlines + added.newlines, width: width + added.width)]
                }
                return Self.split(joined, into: TextRope.runCapacity).map { Node(run: Array($0)) }
            }
            let (index, rest) = child(containing: offset, atEnd: true)
            var replaced = children
            replaced.replaceSubrange(index...index, with: children[index].inserting(characters, at: rest))
            if replaced.count <= TextRope.fanout { return [Node(children: replaced)] }
            return Self.split(replaced, into: TextRope.fanout).map { Node(children: Array($0)) }
        }

        /// This node without the characters in `range`, or nil when nothing is left.
        func removing(_ range: Range<Int>) -> Node? {
            if isRun {
                guard range.count < count else { return nil }
                let removed = Node(run: Array(run[range]))
                var rest = run
                rest.removeSubrange(range)
                return Node(run: rest, newlines: newlines - removed.newlines, width: width - removed.width)
            }
            var kept: [Node] = []
            var start = 0
            for child in children {
                let end = start + child.count
                if end <= range.lowerBound || start >= range.upperBound {
                    kept.append(child)
                } else if let rest = child.removing(
                    (Swift.max(range.lowerBound, start) - start)..<(Swift.min(range.upperBound, end) - start))
                {
                    kept.append(rest)
                }
                start = end
            }
            return kept.isEmpty ? nil : Node(children: kept)
        }

        /// Nodes of one height gathered under parents, `fanout` at most each.
        static func group(_ nodes: [Node]) -> [Node] {
            split(nodes, into: TextRope.fanout).map { Node(children: Array($0)) }
        }

        /// `items` cut into the fewest pieces of at most `capacity`, of nearly equal size.
        static func split<T>(_ items: [T], into capacity: Int) -> [ArraySlice<T>] {
            let pieces = (items.count + capacity - 1) / capacity
            var out: [ArraySlice<T>] = []
            out.reserveCapacity(pieces)
            var start = 0
            for piece in 0..<pieces {
                let end = items.count * (piece + 1) / pieces
                out.append(items[start..<end])
                start = end
            }
            return out
        }
    }
}

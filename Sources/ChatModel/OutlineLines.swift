import Foundation

/// One line of the tree overview: a message's row, or the line that stands for a folded
/// subtree under it.
public struct OutlineLine: Sendable, Hashable {
    /// The row (an index into the outline) the line shows, or whose subtree it stands for.
    public var row: Int
    /// For a fold's line, what it hides; nil on a message's own line.
    public var folded: FoldedCount?

    /// Creates a line.
    public init(row: Int, folded: FoldedCount? = nil) {
        self.row = row
        self.folded = folded
    }
}

/// What a folded subtree hides: its messages, and the branches (leaves) among them.
public struct FoldedCount: Sendable, Hashable {
    /// The messages below the folded row.
    public var messages: Int
    /// The branch ends among them.
    public var branches: Int

    /// Creates a count.
    public init(messages: Int, branches: Int) {
        self.messages = messages
        self.branches = branches
    }

    /// "12 messages in 3 branches", "1 message".
    public var text: String {
        let m = messages == 1 ? "1 message" : "\(messages) messages"
        return branches > 1 ? "\(m) in \(branches) branches" : m
    }
}

/// The tree overview's logic over an outline (`ConversationTree.outline`): which lines show when
/// subtrees are folded and the list is filtered to your prompts, where folds sit, which rows a
/// search matches, and the branches off the path. Pure functions of the rows.
public enum OutlineLines {
    /// The lines shown: rows in order, none inside a folded subtree, each folded row followed by
    /// its fold's line; with `onlyPrompts`, only your prompts' rows (a fold's line stays, so
    /// what is hidden is still said).
    public static func lines(_ rows: [OutlineRow], folded: Set<String>, onlyPrompts: Bool) -> [OutlineLine] {
        var lines: [OutlineLine] = []
        lines.reserveCapacity(rows.count)
        var r = 0
        while r < rows.count {
            let row = rows[r]
            if !onlyPrompts || row.role == .user { lines.append(OutlineLine(row: r)) }
            if row.descendantCount > 0, folded.contains(row.nodeID) {
                lines.append(
                    OutlineLine(
                        row: r, folded: FoldedCount(messages: row.descendantCount, branches: row.leafCount)))
                r += 1 + row.descendantCount
            } else {
                r += 1
            }
        }
        return lines
    }

    /// The rows above `row` in its subtree's chain, nearest first.
    public static func ancestors(of row: Int, in rows: [OutlineRow]) -> [Int] {
        var out: [Int] = []
        guard rows.indices.contains(row) else { return out }
        var r = rows[row].parentRow
        while r >= 0, out.count < rows.count {
            out.append(r)
            r = rows[r].parentRow
        }
        return out
    }

    /// The row a fold key acts on at `row`: the row itself when something lies below it, else
    /// the nearest row above that starts a branch (a sibling), else the nearest with anything
    /// below; nil when there is nothing to fold.
    public static func foldTarget(at row: Int, in rows: [OutlineRow]) -> Int? {
        guard rows.indices.contains(row) else { return nil }
        if rows[row].descendantCount > 0 { return row }
        let above = ancestors(of: row, in: rows)
        return above.first { rows[$0].siblingCount > 1 } ?? above.first
    }

    /// The node ids "fold all" folds: every row that starts a branch and has messages below.
    public static func foldAll(_ rows: [OutlineRow]) -> Set<String> {
        Set(rows.lazy.filter { $0.siblingCount > 1 && $0.descendantCount > 0 }.map(\.nodeID))
    }

    /// `folded` without the folds that hide `row` (its folded ancestors), so it shows.
    public static func unfolding(_ folded: Set<String>, toShow row: Int, in rows: [OutlineRow]) -> Set<String> {
        var out = folded
        for a in ancestors(of: row, in: rows) { out.remove(rows[a].nodeID) }
        return out
    }

    /// The rows whose message's display text (`text(nodeID)`) holds `query`, ignoring case and
    /// width, in order; with `onlyPrompts`, only your prompts. Empty for a blank query.
    public static func matches(
        _ query: String, in rows: [OutlineRow], onlyPrompts: Bool, text: (String) -> String
    ) -> [Int] {
        let needle = query.trimmingCharacters(in: .whitespaces)
        guard !needle.isEmpty else { return [] }
        return rows.indices.filter { r in
            (!onlyPrompts || rows[r].role == .user)
                && text(rows[r].nodeID).range(of: needle, options: [.caseInsensitive, .widthInsensitive]) != nil
        }
    }

    /// The match after (`forward`) or before `row`, wrapping around; nil when there is none.
    public static func nextMatch(_ matches: [Int], from row: Int, forward: Bool) -> Int? {
        guard !matches.isEmpty else { return nil }
        if forward { return matches.first { $0 > row } ?? matches.first }
        return matches.last { $0 < row } ?? matches.last
    }

    /// The line that shows `row` (its own line, else the fold's line that hides it, else the
    /// nearest line before it), or 0.
    public static func line(showing row: Int, in lines: [OutlineLine]) -> Int {
        if let own = lines.firstIndex(where: { $0.row == row && $0.folded == nil }) { return own }
        var best = 0
        for (i, line) in lines.enumerated() where line.row <= row { best = i }
        return best
    }

    /// The branches off the path: the rows that end a branch and are not on the current path,
    /// in order.
    public static func branchesOffPath(_ rows: [OutlineRow]) -> [Int] {
        rows.indices.filter { rows[$0].isLeaf && !rows[$0].isOnCurrentPath }
    }

    /// Where the branch ending at `leafRow` leaves the current path: the highest row above it
    /// (or itself) that is not on the path, and how many messages lie from there to the leaf.
    public static func branchStart(of leafRow: Int, in rows: [OutlineRow]) -> (row: Int, length: Int) {
        guard rows.indices.contains(leafRow) else { return (leafRow, 0) }
        var start = leafRow
        var length = 1
        var r = rows[leafRow].parentRow
        while r >= 0, !rows[r].isOnCurrentPath, length <= rows.count {
            start = r
            length += 1
            r = rows[r].parentRow
        }
        return (start, length)
    }
}

/// The outline's messages made ready for searching as you type: each row's whole display text
/// as UTF-8, read once per open overview. A query without letters that change case outside ASCII
/// (most, CJK included) is matched byte by byte with ASCII letters folded, so a key typed costs
/// one pass over the bytes rather than a Foundation search of every text; one with such letters
/// ("Ёлка", "É") lowercases each text for that search.
public struct OutlineSearchIndex: Sendable, Equatable {
    /// Row `r`'s display text as UTF-8.
    let texts: [[UInt8]]

    /// Reads every row's text (`text(nodeID)`).
    public init(rows: [OutlineRow], text: (String) -> String) {
        texts = rows.map { Array(text($0.nodeID).utf8) }
    }

    /// The rows whose text holds `query`, ignoring case, in order; with `onlyPrompts`, only your
    /// prompts. Empty for a blank query.
    public func matches(_ query: String, in rows: [OutlineRow], onlyPrompts: Bool) -> [Int] {
        let query = query.trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else { return [] }
        let candidates = rows.indices.filter { $0 < texts.count && (!onlyPrompts || rows[$0].role == .user) }
        let asciiCase = query.unicodeScalars.allSatisfy { $0.isASCII || !$0.properties.changesWhenCaseMapped }
        guard asciiCase else {
            let lowered = query.lowercased()
            return candidates.filter {
                String(decoding: texts[$0], as: UTF8.self).lowercased().range(of: lowered) != nil
            }
        }
        let needle = query.utf8.map { Self.fold[Int($0)] }
        return needle.withUnsafeBytes { n in
            candidates.filter { r in texts[r].withUnsafeBytes { Self.contains($0, folded: n) } }
        }
    }

    /// Each byte with ASCII's capital letters made small.
    static let fold: [UInt8] = (0...255).map { b in (65...90).contains(b) ? UInt8(b + 32) : UInt8(b) }

    /// Whether `haystack`, its ASCII letters folded, holds `needle` (folded, not empty).
    static func contains(_ haystack: UnsafeRawBufferPointer, folded needle: UnsafeRawBufferPointer) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        let first = needle[0]
        let other = (97...122).contains(first) ? first - 32 : first
        let last = haystack.count - needle.count
        var i = 0
        while i <= last {
            let b = haystack[i]
            if b == first || b == other {
                var j = 1
                while j < needle.count, fold[Int(haystack[i + j])] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}

import ChatModel
import Foundation

/// The tree overview: one row per visible message of the whole tree, the lines it shows of
/// them (folds, the filter to your prompts), a search within the conversation, and the list of
/// branches off the path (`list_branches`), which is the same window showing only their ends.
///
/// `rows` never change while the window is open; every change of folds, filter or mode
/// recomputes `lines` once (``OutlineLines``) and keeps the selected row selected, or the
/// nearest line that shows it.
public struct TreeOverviewState: Sendable, Equatable {
    /// What the window lists.
    public enum Mode: Sendable, Equatable {
        /// Every message, as a tree.
        case tree
        /// The branches off the path: each branch's last message, one line each.
        case branches
    }

    /// The rows, depth first.
    public let rows: [OutlineRow]
    /// The labels on the rows' messages, by node id.
    public var labels: [String: String]
    /// The messages on a branch the reader has opened (the branch memory's leaves and the path
    /// to them), by node id.
    public let visited: Set<String>
    /// The selected line (an index into `lines`).
    public var selected: Int
    /// The rows whose subtrees are folded, by node id.
    public private(set) var folded: Set<String> = []
    /// Whether only your prompts are listed.
    public private(set) var onlyPrompts = false
    /// What is listed.
    public private(set) var mode: Mode
    /// The lines shown, computed from the rows, folds, filter and mode.
    public private(set) var lines: [OutlineLine] = []
    /// The search being typed after `/`; nil when no query line is open.
    public var query: TextEditor?
    /// The text the matches are for ("" when there is no search).
    public private(set) var searched = ""
    /// The rows that match `searched`, in order.
    public private(set) var matches: [Int] = []
    /// The messages' texts made ready for searching, built by the first search.
    public private(set) var searchIndex: OutlineSearchIndex?

    /// Creates the overview with `selectedRow` selected (or the line nearest it).
    public init(
        rows: [OutlineRow], selectedRow: Int, labels: [String: String] = [:], visited: Set<String> = [],
        mode: Mode = .tree
    ) {
        self.rows = rows
        self.labels = labels
        self.visited = visited
        self.mode = mode
        selected = 0
        relist(keeping: selectedRow)
    }

    /// The row of the selected line, if any.
    public var selectedRow: Int? { lines.indices.contains(selected) ? lines[selected].row : nil }

    /// Which of `matches` holds the selected row (1-based), or nil.
    public var selectedMatch: Int? {
        guard let row = selectedRow, let i = matches.firstIndex(of: row) else { return nil }
        return i + 1
    }

    /// The row a fold key acts on, or nil when nothing can fold there.
    public var foldTarget: Int? {
        guard mode == .tree, let row = selectedRow else { return nil }
        if lines[selected].folded != nil { return row }
        return OutlineLines.foldTarget(at: row, in: rows)
    }

    /// Folds the subtree under the selected row (or the branch holding it), or unfolds it when it
    /// is folded; the folded row is selected. False when there is nothing to fold.
    @discardableResult
    public mutating func toggleFold() -> Bool {
        guard let target = foldTarget else { return false }
        let id = rows[target].nodeID
        if folded.contains(id) { folded.remove(id) } else { folded.insert(id) }
        relist(keeping: target)
        return true
    }

    /// Folds every branch, or unfolds everything when something is folded.
    public mutating func toggleFoldAll() {
        let row = selectedRow ?? 0
        folded = folded.isEmpty ? OutlineLines.foldAll(rows) : []
        // The selection moves up to what still shows it.
        let hidden = OutlineLines.ancestors(of: row, in: rows).last { folded.contains(rows[$0].nodeID) }
        relist(keeping: hidden ?? row)
    }

    /// Lists only your prompts, or every message again (the reducer searches again, since the
    /// matches follow the filter).
    public mutating func toggleOnlyPrompts() {
        onlyPrompts.toggle()
        relist(keeping: selectedRow ?? 0)
    }

    /// Lists the branches off the path, or the tree again.
    public mutating func setMode(_ mode: Mode) {
        let row = selectedRow ?? 0
        self.mode = mode
        relist(keeping: row)
        if mode == .branches, let first = lines.indices.first(where: { lines[$0].row >= row }) { selected = first }
    }

    /// Searches the messages' display text (`text(nodeID)`, read once into ``searchIndex``) for
    /// `query`, ignoring case; the selection moves to the first match at or after it, unfolding
    /// what hides it.
    public mutating func search(_ query: String, text: (String) -> String) {
        searched = query.trimmingCharacters(in: .whitespaces)
        let index = searchIndex ?? OutlineSearchIndex(rows: rows, text: text)
        searchIndex = index
        matches = index.matches(searched, in: rows, onlyPrompts: onlyPrompts)
        guard let row = selectedRow, !matches.isEmpty else { return }
        let target = matches.contains(row) ? row : OutlineLines.nextMatch(matches, from: row, forward: true)
        if let target { reveal(target) }
    }

    /// Drops the search and its marks.
    public mutating func clearSearch() {
        searched = ""
        matches = []
        query = nil
    }

    /// Moves to the next (or previous) match, unfolding what hides it; false when there is none.
    @discardableResult
    public mutating func nextMatch(forward: Bool) -> Bool {
        guard let target = OutlineLines.nextMatch(matches, from: selectedRow ?? -1, forward: forward) else {
            return false
        }
        reveal(target)
        return true
    }

    /// Unfolds what hides `row` and selects it.
    mutating func reveal(_ row: Int) {
        if mode == .branches { mode = .tree }
        folded = OutlineLines.unfolding(folded, toShow: row, in: rows)
        relist(keeping: row)
    }

    /// Recomputes the lines and selects the line showing `row`.
    private mutating func relist(keeping row: Int) {
        switch mode {
        case .tree:
            lines = OutlineLines.lines(rows, folded: folded, onlyPrompts: onlyPrompts)
        case .branches:
            lines = OutlineLines.branchesOffPath(rows).map { OutlineLine(row: $0) }
        }
        selected = OutlineLines.line(showing: row, in: lines)
    }
}

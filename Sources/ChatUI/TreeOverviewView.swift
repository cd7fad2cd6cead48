import ChatConfig
import ChatModel
import ChatRender
import ChatStore
import TerminalCanvas

/// The tree overview (`t`) and the list of branches off the path (`T`): one line per message
/// (or per folded subtree, or per branch), the shown path, the branches opened before and the
/// search's matches marked, and the query line while a search is typed.
enum TreeOverviewView {
    /// What the marks mean, in the window's bottom edge.
    static let legend = "● shown  ○ opened before  ▸ folded  » match"

    /// Draws the window in `rect`; returns the caret while a query is typed.
    static func render(_ tree: TreeOverviewState, _ rect: Rect, _ context: RenderContext, into buffer: inout Buffer)
        -> Frame.Position?
    {
        let theme = context.theme
        let inner = Draw.window(&buffer, rect, title: title(tree), theme: theme, footer: legend)
        guard !inner.isEmpty else { return nil }
        var list = inner
        var caret: Frame.Position?
        if let query = tree.query {
            let prompt = "Search: "
            Draw.row(&buffer, inner, y: inner.y, left: prompt + query.text, style: theme.style("ui.input"))
            let x = inner.x + DisplayWidth.of(prompt + query.textBeforeCursor)
            caret = Frame.Position(x: min(inner.maxX - 1, x), y: inner.y)
            list = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        }
        guard list.height > 0 else { return caret }
        if tree.lines.isEmpty {
            let empty = tree.mode == .branches ? "No other branch: this path is the whole tree" : "No messages"
            buffer.write(empty, x: list.x + 1, y: list.y, style: theme.style("ui.input.placeholder"), maxX: list.maxX)
            return caret
        }
        let first = max(0, min(tree.selected - list.height / 2, tree.lines.count - list.height))
        let matches = Set(tree.matches)
        for slot in 0..<list.height where first + slot < tree.lines.count {
            let index = first + slot
            let line = tree.lines[index]
            let y = list.y + slot
            let selected = index == tree.selected
            if let folded = line.folded {
                drawFold(tree.rows[line.row], folded, y: y, selected: selected, list, theme, into: &buffer)
            } else if tree.mode == .branches {
                drawBranch(tree, line.row, y: y, selected: selected, list, theme, into: &buffer)
            } else {
                drawRow(
                    tree, line.row, y: y, selected: selected, matched: matches.contains(line.row), list, theme,
                    into: &buffer)
            }
        }
        return caret
    }

    /// "Tree · 3 branches · your prompts only · 2 of 5 matches · Enter shows one".
    static func title(_ tree: TreeOverviewState) -> String {
        let leaves = tree.rows.lazy.filter(\.isLeaf).count
        if tree.mode == .branches {
            let count = tree.lines.count
            return "Other branches · \(count) off this path · Enter opens one · T shows the tree"
        }
        var parts = ["Tree", leaves == 1 ? "1 branch" : "\(leaves) branches"]
        if tree.onlyPrompts { parts.append("your prompts only") }
        if !tree.searched.isEmpty {
            let quoted = "“\(TextSanitizer.cleanLine(tree.searched))”"
            if tree.matches.isEmpty {
                parts.append("no match for \(quoted)")
            } else if let at = tree.selectedMatch {
                parts.append("\(at) of \(tree.matches.count) matches for \(quoted)")
            } else {
                parts.append("\(tree.matches.count) match\(tree.matches.count == 1 ? "" : "es") for \(quoted)")
            }
        }
        parts.append("Enter shows one")
        return parts.joined(separator: " · ")
    }

    /// The mark before a message: on the shown path, on a branch opened before, or neither.
    static func bullet(_ tree: TreeOverviewState, _ row: OutlineRow) -> String {
        row.isOnCurrentPath ? "●" : (tree.visited.contains(row.nodeID) ? "○" : "·")
    }

    static func who(_ role: Role) -> String {
        role == .user ? "You" : (role == .assistant ? "AI " : String(describing: role))
    }

    static func messages(_ count: Int) -> String { count == 1 ? "1 message" : "\(count) messages" }

    private static func indent(_ depth: Int, _ rect: Rect) -> String {
        String(repeating: "  ", count: min(depth, max(0, rect.width / 6)))
    }

    /// `»  ● AI  ‹2/3› [label] preview ……… 8 messages`: the branch's length on the right of a
    /// row that starts one.
    private static func drawRow(
        _ tree: TreeOverviewState, _ r: Int, y: Int, selected: Bool, matched: Bool, _ rect: Rect, _ theme: Theme,
        into buffer: inout Buffer
    ) {
        let item = tree.rows[r]
        var style = theme.style(item.isOnCurrentPath ? "ui.tree.current" : "ui.help")
        if selected { style = theme.style("ui.sidebar.selected") }
        let accent = selected ? style : theme.style("ui.branch.marker")
        buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: style)
        let length = item.siblingCount > 1 ? messages(item.branchLength) : ""
        let rightWidth = length.isEmpty ? 0 : DisplayWidth.of(length) + 1
        let maxX = max(rect.x, rect.maxX - rightWidth - (length.isEmpty ? 0 : 1))
        let gutter = matched ? "»" : " "
        var x = buffer.write(
            gutter, x: rect.x, y: y, style: matched && !selected ? theme.style("ui.search.match") : style)
        x = buffer.write(
            "\(indent(item.depth, rect))\(bullet(tree, item)) \(who(item.role)) ", x: x, y: y, style: style, maxX: maxX)
        if item.siblingCount > 1 {
            x = buffer.write("‹\(item.siblingIndex)/\(item.siblingCount)› ", x: x, y: y, style: accent, maxX: maxX)
        }
        if let label = tree.labels[item.nodeID] {
            x = buffer.write("[\(TextSanitizer.cleanLine(label))] ", x: x, y: y, style: accent, maxX: maxX)
        }
        let previewStyle = matched && !selected ? theme.style("ui.search.match") : style
        buffer.write(MarkdownPlain.line(item.preview), x: x, y: y, style: previewStyle, maxX: maxX)
        if !length.isEmpty, rightWidth < rect.width {
            buffer.write(length, x: rect.maxX - rightWidth, y: y, style: accent, maxX: rect.maxX)
        }
    }

    /// `    ▸ 12 messages in 3 branches folded`, one step in from its row.
    private static func drawFold(
        _ item: OutlineRow, _ folded: FoldedCount, y: Int, selected: Bool, _ rect: Rect, _ theme: Theme,
        into buffer: inout Buffer
    ) {
        let style = theme.style(selected ? "ui.sidebar.selected" : "ui.input.placeholder")
        Draw.row(
            &buffer, rect, y: y, left: " " + indent(item.depth + 1, rect) + "▸ " + folded.text + " folded",
            style: style)
    }

    /// `● ‹2/3› AI  last message's line ……… 3 messages`: a branch off the path, named by where it
    /// leaves the path (its `‹i/n›` there) and by its last message, and its length from there.
    private static func drawBranch(
        _ tree: TreeOverviewState, _ r: Int, y: Int, selected: Bool, _ rect: Rect, _ theme: Theme,
        into buffer: inout Buffer
    ) {
        let leaf = tree.rows[r]
        let start = OutlineLines.branchStart(of: r, in: tree.rows)
        let fork = tree.rows[start.row]
        let style = theme.style(selected ? "ui.sidebar.selected" : "ui.help")
        let accent = selected ? style : theme.style("ui.branch.marker")
        buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: style)
        let length = messages(start.length)
        let maxX = max(rect.x, rect.maxX - DisplayWidth.of(length) - 2)
        var x = buffer.write(" \(bullet(tree, leaf)) ", x: rect.x, y: y, style: style, maxX: maxX)
        if fork.siblingCount > 1 {
            x = buffer.write("‹\(fork.siblingIndex)/\(fork.siblingCount)› ", x: x, y: y, style: accent, maxX: maxX)
        }
        x = buffer.write("\(who(leaf.role)) ", x: x, y: y, style: style, maxX: maxX)
        if let label = tree.labels[leaf.nodeID] {
            x = buffer.write("[\(TextSanitizer.cleanLine(label))] ", x: x, y: y, style: accent, maxX: maxX)
        }
        buffer.write(MarkdownPlain.line(leaf.preview), x: x, y: y, style: style, maxX: maxX)
        if DisplayWidth.of(length) + 1 < rect.width {
            buffer.write(length, x: rect.maxX - DisplayWidth.of(length) - 1, y: y, style: accent, maxX: rect.maxX)
        }
    }
}

import ChatModel
import TerminalCanvas

/// Markdown as one line of plain text, for places that show a glimpse of a message (the tree
/// overview, search hits): markup removed by the same parser the pane uses (`**bold**` →
/// `bold`, `# Title` → `Title`, `` `x` `` → `x`), citation marks and control characters gone.
public enum MarkdownPlain {
    /// The text of `markdown`'s blocks on one line, joined by spaces.
    public static func line(_ markdown: String) -> String {
        let safe = Citations.stripPrivateUse(TextSanitizer.cleanLine(markdown))
        guard
            safe.utf8.contains(where: { "*_`#[]<>~|!\\".utf8.contains($0) }) || safe.hasPrefix("-")
                || safe.hasPrefix(">")
        else { return safe }
        return MarkdownParser.parse(safe).map(text(of:)).filter { !$0.isEmpty }.joined(separator: " ")
    }

    static func text(of block: MarkdownBlock) -> String {
        switch block {
        case .heading(_, let inlines), .paragraph(let inlines): inlines.map(\.text).joined()
        case .list(let list): list.items.flatMap(\.blocks).map(text(of:)).joined(separator: " ")
        case .quote(let blocks): blocks.map(text(of:)).joined(separator: " ")
        case .code(_, let code): code.replacingNewlines
        case .table(let table):
            (table.header + table.rows.flatMap { $0 }).map { $0.map(\.text).joined() }.joined(separator: " ")
        case .rule: ""
        case .html(let html): html.replacingNewlines
        }
    }
}

extension String {
    fileprivate var replacingNewlines: String { split(separator: "\n").joined(separator: " ") }
}

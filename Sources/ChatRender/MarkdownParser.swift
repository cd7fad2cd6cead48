import CCMarkGFM
import Foundation

/// Reads Markdown with cmark-gfm (GitHub's CommonMark: tables, strikethrough, autolinks,
/// task lists) into ``MarkdownBlock``s. Nothing is hand-parsed: every construct comes from
/// the library's tree. Strikethrough needs double tildes (`~~x~~`), so the "about ~5
/// minutes" of chat answers stays plain.
public enum MarkdownParser {
    /// cmark-gfm registers its extensions in a process-wide table: once, before any parse.
    private static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    private static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    /// cmark-gfm keeps the characters its extensions react to (`~`, `|`) in one process-wide
    /// table that attaching an extension fills and freeing a parser empties: two parses at once
    /// lose each other's extensions (seen as `~~text~~` left unstruck under parallel tests). So
    /// parses take turns; one costs microseconds.
    private static let lock = NSLock()

    /// The blocks of `markdown`.
    public static func parse(_ markdown: String) -> [MarkdownBlock] {
        lock.lock()
        defer { lock.unlock() }
        _ = extensionsRegistered
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE) else { return [] }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        var text = markdown
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { return [] }
        defer { cmark_node_free(document) }
        return blocks(under: document)
    }

    // MARK: - Blocks

    static func blocks(under node: OpaquePointer) -> [MarkdownBlock] {
        var out: [MarkdownBlock] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            out += block(current)
            child = cmark_node_next(current)
        }
        return out
    }

    static func block(_ node: OpaquePointer) -> [MarkdownBlock] {
        switch typeName(node) {
        case "paragraph": return [.paragraph(inlines(under: node))]
        case "heading": return [.heading(level: Int(cmark_node_get_heading_level(node)), inlines(under: node))]
        case "block_quote": return [.quote(blocks(under: node))]
        case "list": return [.list(list(node))]
        case "code_block":
            let info = string(cmark_node_get_fence_info(node))
            let language = info.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            return [.code(language: language, text: trimmingFinalNewline(string(cmark_node_get_literal(node))))]
        case "html_block": return [.html(trimmingFinalNewline(string(cmark_node_get_literal(node))))]
        case "thematic_break": return [.rule]
        case "table": return [.table(table(node))]
        default: return blocks(under: node)  // footnote definitions and anything new: their content
        }
    }

    static func list(_ node: OpaquePointer) -> MarkdownList {
        var items: [MarkdownListItem] = []
        var child = cmark_node_first_child(node)
        while let item = child {
            let task: Bool? = typeName(item) == "tasklist" ? cmark_gfm_extensions_get_tasklist_item_checked(item) : nil
            items.append(MarkdownListItem(blocks: blocks(under: item), task: task))
            child = cmark_node_next(item)
        }
        return MarkdownList(
            ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
            start: Int(cmark_node_get_list_start(node)), loose: cmark_node_get_list_tight(node) == 0, items: items)
    }

    static func table(_ node: OpaquePointer) -> MarkdownTable {
        let columns = Int(cmark_gfm_extensions_get_table_columns(node))
        var alignments: [MarkdownTable.Alignment] = Array(repeating: .none, count: columns)
        if let raw = cmark_gfm_extensions_get_table_alignments(node) {
            for i in 0..<columns {
                switch raw[i] {
                case UInt8(ascii: "l"): alignments[i] = .left
                case UInt8(ascii: "c"): alignments[i] = .center
                case UInt8(ascii: "r"): alignments[i] = .right
                default: break
                }
            }
        }
        var header: [[InlineRun]] = []
        var rows: [[[InlineRun]]] = []
        var row = cmark_node_first_child(node)
        while let current = row {
            var cells: [[InlineRun]] = []
            var cell = cmark_node_first_child(current)
            while let c = cell {
                cells.append(inlines(under: c))
                cell = cmark_node_next(c)
            }
            if cmark_gfm_extensions_get_table_row_is_header(current) != 0 { header = cells } else { rows.append(cells) }
            row = cmark_node_next(current)
        }
        return MarkdownTable(alignments: alignments, header: header, rows: rows)
    }

    // MARK: - Inlines

    static func inlines(under node: OpaquePointer) -> [InlineRun] {
        var runs: [InlineRun] = []
        appendInlines(under: node, style: [], url: nil, to: &runs)
        return runs
    }

    static func appendInlines(under node: OpaquePointer, style: InlineStyle, url: String?, to runs: inout [InlineRun]) {
        var child = cmark_node_first_child(node)
        while let current = child {
            appendInline(current, style: style, url: url, to: &runs)
            child = cmark_node_next(current)
        }
    }

    static func appendInline(_ node: OpaquePointer, style: InlineStyle, url: String?, to runs: inout [InlineRun]) {
        switch typeName(node) {
        case "text", "html_inline": append(string(cmark_node_get_literal(node)), style, url, to: &runs)
        case "softbreak": append(" ", style, url, to: &runs)
        case "linebreak": append("\n", style, url, to: &runs)
        case "code": append(string(cmark_node_get_literal(node)), style.union(.code), url, to: &runs)
        case "emph": appendInlines(under: node, style: style.union(.emphasis), url: url, to: &runs)
        case "strong": appendInlines(under: node, style: style.union(.strong), url: url, to: &runs)
        case "strikethrough": appendInlines(under: node, style: style.union(.strikethrough), url: url, to: &runs)
        case "link":
            appendInlines(under: node, style: style.union(.link), url: string(cmark_node_get_url(node)), to: &runs)
        case "image":
            var alt: [InlineRun] = []
            appendInlines(under: node, style: [], url: nil, to: &alt)
            let text = alt.map(\.text).joined()
            append("[image: \(text.isEmpty ? "no description" : text)]", style.union(.image), nil, to: &runs)
        case "footnote_reference": append("[^\(string(cmark_node_get_literal(node)))]", style, url, to: &runs)
        default: appendInlines(under: node, style: style, url: url, to: &runs)
        }
    }

    /// Appends text, joining it to the previous run when the style is the same.
    static func append(_ text: String, _ style: InlineStyle, _ url: String?, to runs: inout [InlineRun]) {
        guard !text.isEmpty else { return }
        if let last = runs.last, last.style == style, last.url == url {
            runs[runs.count - 1].text += text
        } else {
            runs.append(InlineRun(text, style: style, url: url))
        }
    }

    // MARK: - Helpers

    static func typeName(_ node: OpaquePointer) -> String {
        string(cmark_node_get_type_string(node))
    }

    static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    static func trimmingFinalNewline(_ s: String) -> String {
        s.hasSuffix("\n") ? String(s.dropLast()) : s
    }
}

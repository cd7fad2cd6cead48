import ChatModel

/// The links of parsed Markdown that a person can open: `http`, `https` and `mailto` targets
/// only (never `javascript:`, `file:` or anything else), with their text as the title.
enum MarkdownLinks {
    static func collect(_ blocks: [MarkdownBlock]) -> [SourceLink] {
        var out: [SourceLink] = []
        for block in blocks { collect(block, into: &out) }
        return out
    }

    static func collect(_ block: MarkdownBlock, into out: inout [SourceLink]) {
        switch block {
        case .heading(_, let inlines), .paragraph(let inlines): collect(inlines, into: &out)
        case .list(let list): for item in list.items { for b in item.blocks { collect(b, into: &out) } }
        case .quote(let blocks): for b in blocks { collect(b, into: &out) }
        case .table(let table): for cell in table.header + table.rows.flatMap({ $0 }) { collect(cell, into: &out) }
        case .code, .rule, .html: break
        }
    }

    static func collect(_ inlines: [InlineRun], into out: inout [SourceLink]) {
        var current: (text: String, url: String)?
        func flush() {
            if let (text, url) = current { out.append(SourceLink(title: text.isEmpty ? url : text, url: url)) }
            current = nil
        }
        for run in inlines {
            guard let url = run.url, opens(url) else {
                flush()
                continue
            }
            if current?.url == url {
                current?.text += run.text
            } else {
                flush()
                current = (run.text, url)
            }
        }
        flush()
    }

    /// Whether a link target is one a person may open from the terminal.
    static func opens(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:")
    }
}

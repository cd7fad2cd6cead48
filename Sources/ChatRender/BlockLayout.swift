import TerminalCanvas

/// Lays ``MarkdownBlock``s out for a width: headings with a rule under levels 1–2, lists
/// with hanging indents, quotes behind a bar, numbered code blocks hard-wrapped, tables
/// with box characters, rules across the width. Pure: the same blocks and width give the
/// same lines.
public struct BlockLayout {
    /// The width lines are laid out for.
    public let width: Int
    /// The lines so far.
    public private(set) var lines: [RenderedLine] = []
    /// The code blocks met so far, in order (numbered from `firstCodeBlock`).
    public private(set) var codeBlocks: [(language: String, text: String)] = []
    /// The number of the first code block (a message laid out in parts continues its count).
    public let firstCodeBlock: Int

    /// The number of the code block whose last line is still arriving (nil when none is).
    private let openCodeBlock: Int?
    /// The last paragraph's wrap, kept so a streaming paragraph wraps only its new end: the
    /// memo given is tried on each paragraph (``StyledWrap/wrap(_:width:memo:)`` checks that
    /// it fits) and this is the last paragraph's.
    public private(set) var paragraphMemo: WrapMemo?

    /// Lays out `blocks` `width` columns wide, one blank line between top-level blocks. With
    /// `endsInOpenFence` (an answer still streaming inside a code fence) the last code block's
    /// last line is still arriving: it is drawn plain until its newline comes.
    public init(
        _ blocks: [MarkdownBlock], width: Int, firstCodeBlock: Int = 1, endsInOpenFence: Bool = false,
        paragraphMemo: WrapMemo? = nil
    ) {
        self.width = max(1, width)
        self.paragraphMemo = paragraphMemo
        self.firstCodeBlock = firstCodeBlock
        let count = Self.codeBlockCount(blocks)
        openCodeBlock = endsInOpenFence && count > 0 ? firstCodeBlock + count - 1 : nil
        for (i, block) in blocks.enumerated() {
            if i > 0 { lines.append(RenderedLine([])) }
            layOut(block, context: Context(width: self.width))
        }
    }

    /// Where a block is drawn: how wide, behind which prefixes, in which base slot.
    struct Context {
        var width: Int
        /// The prefix of the block's first line (a list marker) and of the lines after it.
        var first: [StyledRun] = []
        var rest: [StyledRun] = []
        /// The slot of plain text (quoted text is `markup.quote`).
        var slot = ""
        var listDepth = 0

        /// The context for the lines after the first.
        var continued: Context {
            var c = self
            c.first = rest
            return c
        }
    }

    private mutating func emit(_ runs: [StyledRun], _ context: inout Context, kind: RenderedLine.Kind = .prose) {
        lines.append(RenderedLine(context.first + runs, kind: kind))
        context.first = context.rest
    }

    private mutating func layOut(_ block: MarkdownBlock, context: Context) {
        var c = context
        switch block {
        case .paragraph(let inlines):
            if let rows = Self.displayMath(inlines) {
                for row in rows {
                    for line in StyledWrap.wrap([StyledRun(row, slot: "markup.math")], width: max(1, c.width - 4)) {
                        emit([StyledRun("    ")] + line, &c)
                    }
                }
                return
            }
            var memo = paragraphMemo
            for line in StyledWrap.wrap(Self.runs(inlines, slot: c.slot), width: c.width, memo: &memo) {
                emit(line, &c)
            }
            paragraphMemo = memo
        case .heading(let level, let inlines):
            let slot = "markup.heading.\(min(6, max(1, level)))"
            let wrapped = StyledWrap.wrap(Self.runs(inlines, slot: slot, extra: .bold), width: c.width)
            for line in wrapped { emit(line, &c) }
            if level <= 2 {
                let w = min(c.width, wrapped.map { $0.reduce(0) { $0 + DisplayWidth.of($1.text) } }.max() ?? 0)
                emit([StyledRun(String(repeating: level == 1 ? "═" : "─", count: max(1, w)), slot: slot)], &c)
            }
        case .list(let list):
            layOutList(list, context: c)
        case .quote(let blocks):
            let bar = StyledRun("│ ", slot: "markup.quote")
            var inner = c
            inner.width = max(1, c.width - 2)
            inner.first = c.first + [bar]
            inner.rest = c.rest + [bar]
            inner.slot = "markup.quote"
            for (i, child) in blocks.enumerated() {
                if i > 0 { emit([], &inner) }
                layOut(child, context: inner)
                inner.first = inner.rest
            }
        case .code(let language, let text):
            let number = firstCodeBlock + codeBlocks.count
            codeBlocks.append((language, text))
            let title = "[\(number)] " + (language.isEmpty ? "code" : language)
            emit([StyledRun(title, slot: "ui.code.header")], &c, kind: .codeHeader(block: number))
            let source = text.split(separator: "\n", omittingEmptySubsequences: false)
            let highlighted = CodeHighlighter.shared.lines(
                of: text, language: language, lastLineOpen: number == openCodeBlock)
            for (i, line) in source.enumerated() {
                let runs =
                    highlighted?.count == source.count
                    ? highlighted?[i] ?? [] : [StyledRun(String(line), slot: CodeSlots.plain)]
                for piece in StyledWrap.hardWrap(runs, width: max(1, c.width - 2)) {
                    emit(Self.joined([StyledRun("  ", slot: CodeSlots.plain)] + piece), &c, kind: .code(block: number))
                }
            }
        case .table(let table):
            for line in TableLayout.lines(table, width: c.width, slot: c.slot) { emit(line, &c) }
        case .rule:
            emit([StyledRun(String(repeating: "─", count: c.width), slot: "markup.rule")], &c)
        case .html(let text):
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                for piece in StyledWrap.wrap([StyledRun(String(line), slot: "markup.raw.inline")], width: c.width) {
                    emit(piece, &c)
                }
            }
        }
    }

    private mutating func layOutList(_ list: MarkdownList, context: Context) {
        let bullets = ["•", "◦", "▪"]
        let numbers = list.items.indices.map { "\(list.start + $0)." }
        let markerWidth = list.ordered ? (numbers.map { DisplayWidth.of($0) }.max() ?? 2) + 1 : 2
        for (i, item) in list.items.enumerated() {
            if i > 0 && list.loose { lines.append(RenderedLine(context.rest)) }
            // A task item shows its box where the bullet would be.
            var marker = list.ordered ? numbers[i] : bullets[context.listDepth % bullets.count]
            if let done = item.task, !list.ordered { marker = done ? "[x]" : "[ ]" }
            marker += String(repeating: " ", count: max(1, markerWidth - DisplayWidth.of(marker)))
            var first = [StyledRun(marker, slot: "markup.list")]
            if let done = item.task, list.ordered {
                first.append(StyledRun(done ? "[x] " : "[ ] ", slot: "markup.list"))
            }
            let indent = first.reduce(0) { $0 + DisplayWidth.of($1.text) }
            var inner = context
            inner.width = max(1, context.width - indent)
            inner.first = (i == 0 ? context.first : context.rest) + first
            inner.rest = context.rest + [StyledRun(String(repeating: " ", count: indent))]
            inner.listDepth = context.listDepth + 1
            if item.blocks.isEmpty { lines.append(RenderedLine(inner.first)) }
            for (j, block) in item.blocks.enumerated() {
                if j > 0 && list.loose { lines.append(RenderedLine(inner.rest)) }
                layOut(block, context: inner)
                inner.first = inner.rest
            }
        }
    }

    /// How many code blocks `blocks` hold, nested ones included.
    static func codeBlockCount(_ blocks: [MarkdownBlock]) -> Int {
        blocks.reduce(0) { count, block in
            switch block {
            case .code: count + 1
            case .quote(let inner): count + codeBlockCount(inner)
            case .list(let list): count + list.items.reduce(0) { $0 + codeBlockCount($1.blocks) }
            default: count
            }
        }
    }

    /// Runs with adjacent runs of one look made one.
    static func joined(_ runs: [StyledRun]) -> [StyledRun] {
        var out: [StyledRun] = []
        for run in runs {
            if let last = out.last, last.slot == run.slot, last.attributes == run.attributes {
                out[out.count - 1].text += run.text
            } else {
                out.append(run)
            }
        }
        return out
    }

    /// The rows of a paragraph that is display math (``MathMarkup``), else nil.
    static func displayMath(_ inlines: [InlineRun]) -> [String]? {
        let text = inlines.map(\.text).joined()
        guard text.first == MathMarkup.displayStart, text.last == MathMarkup.displayEnd else { return nil }
        return text.dropFirst().dropLast().split(separator: MathMarkup.displayBreak).map(String.init)
    }

    /// Inline runs as styled runs: the strongest emphasis names the slot, the others add
    /// their attributes (bold italic for `***x***`); inline math (``MathMarkup``) in `markup.math`.
    static func runs(_ inlines: [InlineRun], slot base: String, extra: Attributes = []) -> [StyledRun] {
        let styled = styledRuns(inlines, slot: base, extra: extra)
        guard styled.contains(where: { MathMarkup.hasInlineMark($0.text) }) else { return styled }
        var out: [StyledRun] = []
        var inMath = false
        for run in styled {
            var piece = ""
            func flush() {
                guard !piece.isEmpty else { return }
                out.append(
                    StyledRun(
                        piece, slot: inMath ? "markup.math" : run.slot, attributes: run.attributes, link: run.link))
                piece = ""
            }
            for c in run.text {
                if c == MathMarkup.inlineStart || c == MathMarkup.inlineEnd {
                    flush()
                    inMath = c == MathMarkup.inlineStart
                } else {
                    piece.append(c)
                }
            }
            flush()
        }
        return out
    }

    static func styledRuns(_ inlines: [InlineRun], slot base: String, extra: Attributes) -> [StyledRun] {
        inlines.map { run in
            let s = run.style
            var attributes = extra
            if s.contains(.strong) { attributes.insert(.bold) }
            if s.contains(.emphasis) { attributes.insert(.italic) }
            if s.contains(.strikethrough) { attributes.insert(.dim) }
            if s.contains(.link) { attributes.insert(.underline) }
            return StyledRun(
                run.text, slot: slot(for: s, base: base), attributes: attributes, link: run.url.flatMap(link(to:)))
        }
    }

    /// The hyperlink of link text: `http`, `https` and `mailto` addresses only, made safe.
    static func link(to url: String) -> Hyperlink? {
        MarkdownLinks.opens(url) ? Hyperlink(url) : nil
    }

    /// The slot of inline text: code and links have their own; emphasis takes the base slot
    /// (a heading's, a quote's) when there is one, else its own.
    static func slot(for style: InlineStyle, base: String) -> String {
        if style.contains(.code) { return "markup.raw.inline" }
        if style.contains(.link) || style.contains(.image) { return "markup.link.text" }
        guard base.isEmpty else { return base }
        if style.contains(.strong) { return "markup.bold" }
        if style.contains(.emphasis) { return "markup.italic" }
        if style.contains(.strikethrough) { return "markup.strikethrough" }
        return base
    }
}

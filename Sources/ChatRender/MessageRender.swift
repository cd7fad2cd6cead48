import ChatModel
import TerminalCanvas

/// A message's text rendered for a width: its lines and its code blocks (numbered from 1,
/// the numbers `1`–`9` copy). Text from a server is sanitised before it is parsed, so no
/// control character reaches a line.
///
/// While an answer streams, ``append(_:)`` re-renders only the text after the last block
/// boundary (a blank line before an unindented line that cannot continue a list, outside a
/// code fence); the blocks before it are kept as they are. The result equals rendering the
/// whole text at once (``init(_:width:)``) for every text chat answers hold in practice:
/// lists, fences and indented code never straddle a boundary.
public struct MessageRender: Sendable {
    /// The width the lines are laid out for.
    public let width: Int
    /// The finished part: lines and code blocks of the text before ``tailStart``.
    private var stableLines: [RenderedLine] = []
    private var stableCode: [CodeBlockText] = []
    private var stableLinks: [SourceLink] = []
    /// The text after the last boundary, re-rendered on every append.
    private var tail = ""
    private var tailLines: [RenderedLine] = []
    private var tailCode: [CodeBlockText] = []
    private var tailLinks: [SourceLink] = []
    /// Boundary scanning: the unscanned start of `tail` (a line not yet complete) and fence state.
    private var scanner = BoundaryScanner()
    /// The tail's last paragraph as last wrapped, so the next append wraps only its new end.
    var tailMemo: WrapMemo?

    /// Renders `markdown` `width` columns wide.
    public init(_ markdown: String, width: Int) {
        self.width = max(1, width)
        append(markdown)
        // A whole message rendered at once keeps no wrap to resume (renders are cached).
        tailMemo = nil
    }

    /// Every line: the finished part, a blank line, the rest.
    public var lines: [RenderedLine] {
        if stableLines.isEmpty { return tailLines }
        if tailLines.isEmpty { return stableLines }
        return stableLines + [RenderedLine([])] + tailLines
    }

    /// Calls `body` with each of ``lines`` in order, without building the array.
    public func forEachLine(_ body: (RenderedLine) -> Void) {
        stableLines.forEach(body)
        if !stableLines.isEmpty && !tailLines.isEmpty { body(RenderedLine([])) }
        tailLines.forEach(body)
    }

    /// ``lines`` from `start` on, without copying those before it (a streaming view takes
    /// only what changed).
    public func lines(from start: Int) -> [RenderedLine] {
        var out = start < stableLines.count ? Array(stableLines[start...]) : []
        let separated = !stableLines.isEmpty && !tailLines.isEmpty
        if separated && start <= stableLines.count { out.append(RenderedLine([])) }
        let tailStart = stableLines.count + (separated ? 1 : 0)
        out += tailLines.dropFirst(max(0, start - tailStart))
        return out
    }

    /// How many of the first ``lines`` stay as they are whatever is appended: a view
    /// re-lays out only from here.
    public var stableLineCount: Int { stableLines.count }

    /// Every code block, in order.
    public var codeBlocks: [CodeBlockText] { stableCode + tailCode }

    /// The web and mail links of the text (`http`, `https`, `mailto`), each once, in order.
    public var links: [SourceLink] {
        var seen = Set<String>()
        return (stableLinks + tailLinks).filter { seen.insert($0.url ?? "").inserted }
    }

    /// Appends streamed text and re-renders what follows the last block boundary.
    public mutating func append(_ suffix: String) {
        tail += suffix
        if let cut = scanner.scan(tail) {
            let finished = String(tail[..<cut])
            tail = String(tail[cut...])
            scanner.rebase(droppingPrefixOf: finished)
            let part = Self.render(finished, width: width, firstCodeBlock: stableCode.count + 1)
            if !part.lines.isEmpty {
                if !stableLines.isEmpty { stableLines.append(RenderedLine([])) }
                stableLines += part.lines
            }
            stableCode += part.codeBlocks
            stableLinks += part.links
        }
        // Text ending on a code line without its newline: that line is still arriving (drawn
        // plain until its newline), rendered at once or delta by delta alike.
        let rest = Self.render(
            tail, width: width, firstCodeBlock: stableCode.count + 1,
            endsInOpenFence: scanner.endsOnAnOpenCodeLine(tail), memo: &tailMemo)
        tailLines = rest.lines
        tailCode = rest.codeBlocks
        tailLinks = rest.links
    }

    static func render(_ text: String, width: Int, firstCodeBlock: Int, endsInOpenFence: Bool = false) -> (
        lines: [RenderedLine], codeBlocks: [CodeBlockText], links: [SourceLink]
    ) {
        var memo: WrapMemo?
        return render(text, width: width, firstCodeBlock: firstCodeBlock, endsInOpenFence: endsInOpenFence, memo: &memo)
    }

    /// ``render(_:width:firstCodeBlock:endsInOpenFence:)`` with the last paragraph's wrap
    /// resumed from `memo` where it fits, and `memo` left as the last paragraph's.
    static func render(
        _ text: String, width: Int, firstCodeBlock: Int, endsInOpenFence: Bool, memo: inout WrapMemo?
    ) -> (lines: [RenderedLine], codeBlocks: [CodeBlockText], links: [SourceLink]) {
        // Sanitised part by part: a sequence never spans a line break, and parts start lines.
        // Citation markers still unresolved while an answer streams are private-use text: gone.
        let safe = Citations.stripPrivateUse(TextSanitizer.clean(text))
        var lines: [RenderedLine] = []
        var code: [CodeBlockText] = []
        var links: [SourceLink] = []
        let segments = Directives.segments(safe)
        for (index, segment) in segments.enumerated() {
            let inner = segment.boxTitle == nil ? width : max(1, width - 4)
            let blocks = MarkdownParser.parse(MathMarkup.prepare(segment.markdown))
            links += MarkdownLinks.collect(blocks)
            let last = index == segments.count - 1
            let layout = BlockLayout(
                blocks, width: inner, firstCodeBlock: firstCodeBlock + code.count,
                endsInOpenFence: endsInOpenFence && last, paragraphMemo: last ? memo : nil)
            if last { memo = layout.paragraphMemo }
            var part = layout.lines
            if let title = segment.boxTitle { part = box(part, title: title, width: width) }
            code += layout.codeBlocks.map { CodeBlockText(language: $0.language, text: $0.text) }
            guard !part.isEmpty else { continue }
            if !lines.isEmpty { lines.append(RenderedLine([])) }
            lines += part
        }
        return (lines, code, links)
    }

    /// A Canvas document's lines in a box titled with its title (or variant).
    static func box(_ lines: [RenderedLine], title: String, width: Int) -> [RenderedLine] {
        let border = "markup.table"
        let name = DisplayWidth.truncate(title, to: max(1, width - 6))
        let top = [
            StyledRun("┌─ ", slot: border), StyledRun(name, slot: "markup.heading", attributes: .bold),
            StyledRun(
                " " + String(repeating: "─", count: max(0, width - 5 - DisplayWidth.of(name))) + "┐", slot: border),
        ]
        var out = [RenderedLine(top)]
        for line in lines {
            let pad = String(repeating: " ", count: max(0, width - 4 - line.width))
            out.append(
                RenderedLine(
                    [StyledRun("│ ", slot: border)] + line.runs + [StyledRun(pad), StyledRun(" │", slot: border)],
                    kind: line.kind))
        }
        out.append(
            RenderedLine([StyledRun("└" + String(repeating: "─", count: max(0, width - 2)) + "┘", slot: border)]))
        return out
    }
}

/// A code block's language and text.
public struct CodeBlockText: Sendable, Hashable {
    /// The fence's language (may be empty).
    public var language: String
    /// The code.
    public var text: String

    /// Creates a code block.
    public init(language: String, text: String) {
        self.language = language
        self.text = text
    }
}

/// Finds the last block boundary in streamed text, scanning each complete line once.
struct BoundaryScanner: Sendable {
    /// Where the first line not yet scanned starts, in UTF-8 offset of the current tail.
    var scanned = 0
    var inFence = false
    var fence = ""
    var previousBlank = false
    /// How many Canvas directives (`:::name` … `:::`) are open: no boundary inside one.
    var directives = 0

    /// The start of the last boundary line among newly completed lines, if any.
    mutating func scan(_ text: String) -> String.Index? {
        let utf8 = text.utf8
        var boundary: String.Index?
        var lineStart = utf8.index(utf8.startIndex, offsetBy: scanned)
        while let newline = utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
            let line = text[lineStart..<newline]
            if !inFence, directives == 0, previousBlank, Self.startsBlock(line) { boundary = lineStart }
            note(line)
            lineStart = utf8.index(after: newline)
        }
        scanned = utf8.distance(from: utf8.startIndex, to: lineStart)
        return boundary
    }

    /// Whether `text` (the tail scanned) ends inside a code fence on a line without its
    /// newline that is not the closing fence: a code line still arriving.
    func endsOnAnOpenCodeLine(_ text: String) -> Bool {
        guard inFence, scanned < text.utf8.count else { return false }
        let rest = text[text.utf8.index(text.utf8.startIndex, offsetBy: scanned)...]
        return !closesFence(rest)
    }

    /// Whether a line closes the open fence.
    private func closesFence(_ line: Substring) -> Bool {
        let trimmed = line.drop(while: { $0 == " " })
        guard line.count - trimmed.count <= 3, trimmed.hasPrefix(fence), let mark = fence.first else { return false }
        return trimmed.allSatisfy { $0 == mark || $0 == " " }
    }

    /// The tail lost its first `prefix.utf8.count` bytes.
    mutating func rebase(droppingPrefixOf prefix: String) {
        scanned -= prefix.utf8.count
    }

    private mutating func note(_ line: Substring) {
        let trimmed = line.drop(while: { $0 == " " })
        let leading = line.count - trimmed.count
        if leading <= 3, trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
            let marker = String(trimmed.prefix(3))
            if !inFence {
                inFence = true
                fence = marker
            } else if closesFence(line) {
                inFence = false
            }
        }
        if !inFence {
            if Directives.opener(line) != nil {
                directives += 1
            } else if directives > 0, Directives.isCloser(line) {
                directives -= 1
            }
        }
        previousBlank = trimmed.isEmpty
    }

    /// Whether a line after a blank line starts a block of its own at the top level: not
    /// indented (indented code, list continuation), not a list item, not a table row.
    static func startsBlock(_ line: Substring) -> Bool {
        guard let first = line.first, first != " ", first != "\t", first != "|" else { return false }
        if "-*+".contains(first) { return false }
        if first.isNumber {
            let digits = line.prefix(while: \.isNumber)
            let after = line.dropFirst(digits.count).first
            if after == "." || after == ")" { return false }
        }
        return true
    }
}

import ChatImages
import ChatModel
import Foundation
import TerminalCanvas

/// One line of the message pane, before styling: the view picks colours by `kind` and `role`.
public struct PaneLine: Sendable, Hashable {
    /// What the line shows.
    public enum Kind: Sendable, Hashable {
        /// The author line of a message.
        case header
        /// Wrapped prose.
        case text
        /// The line above a fenced code block: `[n] language`.
        case codeHeader(block: Int)
        /// A line of code (hard-wrapped, never re-flowed).
        case code(block: Int)
        /// Reasoning text, shown on request.
        case reasoning
        /// A hidden step of an answer (agent thought, verbose message), shown on request.
        case note
        /// The service's error for a message, styled as an error.
        case error
        /// How an answer ended when it did not simply finish (stopped, interrupted, cut at
        /// the length limit).
        case ending
        /// The "Sources" list under an answer that cites some: `[n] title — domain`.
        case source
        /// A suggested next prompt under an answer; `index` is 1-based (the key that picks it).
        case followUp(index: Int)
        /// A file the message carries (`index` in ``ChatModel/Turn/attachments``): its summary
        /// line, then with `detail` its prompt or other words about it.
        case attachment(index: Int, detail: Bool)
        /// Row `row` of an image's preview, drawn from the file in `box` by the view.
        case preview(index: Int, row: Int, box: PreviewBox)
        /// Space between messages.
        case blank
    }

    /// What the line shows.
    public var kind: Kind
    /// The index of the turn it belongs to.
    public var turn: Int
    /// The author role of that turn.
    public var role: Role
    /// The sibling marker `‹i/n›` on a header of a message with siblings.
    public var marker: String?
    /// A plain line's text, or nil for a line of rendered Markdown.
    private var plainText: String?
    /// A plain line's styled pieces (a source line with its link), if any.
    private var plainRuns: [StyledRun]?
    /// A rendered Markdown line, shared with its message's render (not copied), drawn after
    /// ``PaneLayout/indent`` columns.
    private var rendered: RenderedLine?

    /// A plain line: `text` (already sanitised, indented), and its styled pieces if it has any.
    public init(kind: Kind, text: String, turn: Int, role: Role, marker: String? = nil, runs: [StyledRun]? = nil) {
        self.kind = kind
        self.turn = turn
        self.role = role
        self.marker = marker
        plainText = text
        plainRuns = runs
    }

    /// A line of an answer's rendered Markdown, indented like every message body.
    init(kind: Kind, rendered: RenderedLine, turn: Int, role: Role) {
        self.kind = kind
        self.turn = turn
        self.role = role
        self.rendered = rendered
    }

    /// The text (already sanitised), indentation included.
    public var text: String {
        if let plainText { return plainText }
        return PaneLayout.indentText + (rendered?.text ?? "")
    }

    /// The line's styled pieces when it was rendered from Markdown or carries a link (`text` is
    /// their plain text); nil for plain lines.
    public var runs: [StyledRun]? {
        if let rendered { return [StyledRun(PaneLayout.indentText)] + rendered.runs }
        return plainRuns
    }

    /// Lines are equal when they show the same: how they are stored does not count. Two lines
    /// of rendered Markdown show the same exactly when their runs are equal (both are drawn
    /// after the same indentation), which a line kept from the same render answers at once.
    public static func == (a: PaneLine, b: PaneLine) -> Bool {
        guard a.kind == b.kind, a.turn == b.turn, a.role == b.role, a.marker == b.marker else { return false }
        if let x = a.rendered, let y = b.rendered { return x.runs == y.runs }
        return a.text == b.text && a.runs == b.runs
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(turn)
        hasher.combine(text)
    }
}

/// Where and how large an image's preview is drawn: the file, and the cells it takes.
public struct PreviewBox: Sendable, Hashable {
    /// The image file.
    public var path: String
    /// Columns the preview takes.
    public var columns: Int
    /// Rows the preview takes.
    public var rows: Int

    /// Creates a box.
    public init(path: String, columns: Int, rows: Int) {
        self.path = path
        self.columns = columns
        self.rows = rows
    }

    /// The most rows a preview in the pane takes.
    public static let maxRows = 8
    /// The most columns a preview in the pane takes.
    public static let maxColumns = 40
    /// Columns a preview is indented by, under its line's icon.
    public static let indent = 3

    /// The box for an attachment in a pane body `width` columns wide: nil unless the archive
    /// holds it, it is an image and its pixel size is known.
    public static func of(_ attachment: Attachment, width: Int) -> PreviewBox? {
        guard attachment.kind == .image, let local = attachment.local,
            local.mimeType?.hasPrefix("image/") ?? true,
            let pixelsWide = local.width ?? attachment.width, let pixelsHigh = local.height ?? attachment.height,
            pixelsWide > 0, pixelsHigh > 0
        else { return nil }
        let room = min(maxColumns, width - indent)
        guard room >= 4 else { return nil }
        let fit = CellFit.cells(width: pixelsWide, height: pixelsHigh, columns: room, rows: maxRows)
        guard fit.columns > 0, fit.rows > 0 else { return nil }
        return PreviewBox(path: local.path, columns: fit.columns, rows: fit.rows)
    }
}

/// A fenced code block of a message, numbered from 1 in the order it appears.
public struct CodeBlock: Sendable, Hashable {
    /// The fence's language tag (may be empty).
    public var language: String
    /// The code, without fences.
    public var text: String
}

/// The message pane laid out for a width: every line of every turn, and where each turn starts.
public struct PaneLayout: Sendable {
    /// The width it was laid out for.
    public let width: Int
    /// The key that continues an answer cut at its length limit, named under the last one
    /// ("— c continues"); nil when no key is bound to it (nothing is offered).
    public let continueKey: String?
    /// All lines, top to bottom.
    public private(set) var lines: [PaneLine] = []
    /// The lines of each turn (header to last line, without the blank after it).
    public private(set) var turnRanges: [Range<Int>] = []
    /// The code blocks of each turn.
    public private(set) var codeBlocks: [[CodeBlock]] = []
    /// The sources and links of each turn, as its Sources list numbers them (`[1]` first).
    public private(set) var sources: [[SourceLink]] = []
    /// Where the last turn's body stopped, for appending streamed text.
    var tail: BodyCursor?
    /// The last turn's Markdown rendering and the line where its body starts, for appending
    /// streamed text to an answer.
    var markdownTail: MarkdownTail?

    /// The answers laid out as a placeholder line, to render off the draw path (see
    /// ``init(turns:width:showReasoning:focus:continueKey:)``); empty when every turn is laid out.
    public private(set) var deferredTexts: [String] = []

    /// Columns of indentation for message bodies.
    public static let indent = 2
    /// That indentation as text.
    static let indentText = String(repeating: " ", count: indent)

    /// Markdown not rendered yet beyond which a layout around a `focus` turn renders only the
    /// turns near it and leaves the rest to ``deferredTexts``.
    public static let deferAbove = 64 * 1024
    /// Lines rendered on each side of the focus turn before the rest is deferred.
    static let linesAroundFocus = 200

    /// Lays out `turns` for a pane `width` columns wide. With a `focus` turn and more than
    /// ``deferAbove`` bytes of answers not rendered before, only the answers within about
    /// ``linesAroundFocus`` lines of it are rendered; the others show a placeholder line and
    /// are listed in ``deferredTexts`` (render them into ``MessageRenderCache/shared`` and lay
    /// out again). Without a focus, every answer is rendered, on every core. With
    /// `deferringRendered` (a conversation being opened), answers rendered before count too:
    /// copying every line of a long conversation into the layout costs more than a frame, so
    /// the far ones are laid out after the first frame, off the draw path, as new ones are.
    public init(
        turns: [Turn], width: Int, showReasoning: Bool = false, focus: Int? = nil, continueKey: String? = "c",
        deferringRendered: Bool = false
    ) {
        self.width = max(1, width)
        self.continueKey = continueKey
        let bodyWidth = max(1, self.width - Self.indent)
        let deferred = Self.deferredTurns(
            turns, bodyWidth: bodyWidth, focus: focus, includingRendered: deferringRendered)
        if deferred.isEmpty {
            let markdown = turns.filter(Self.isMarkdown).map(\.text)
            MessageRenderCache.shared.prepare(markdown, width: bodyWidth)
        }
        deferredTexts = deferred.sorted().map { turns[$0].text }
        for (index, turn) in turns.enumerated() {
            let start = lines.count
            let marker = turn.siblingCount > 1 ? "‹\(turn.siblingIndex)/\(turn.siblingCount)›" : nil
            lines.append(
                PaneLine(
                    kind: .header, text: Self.label(for: turn) + Self.marks(turn), turn: index, role: turn.author.role,
                    marker: marker))
            if showReasoning { appendNotes(of: turn, index: index) }
            appendAttachments(of: turn, index: index)
            if deferred.contains(index) {
                lines.append(
                    PaneLine(
                        kind: .text, text: String(repeating: " ", count: Self.indent) + "…", turn: index,
                        role: turn.author.role))
                codeBlocks.append([])
                turnRanges.append(start..<lines.count)
                if index < turns.count - 1 {
                    lines.append(PaneLine(kind: .blank, text: "", turn: index, role: turn.author.role))
                }
                continue
            }
            let (blocks, links) = appendBody(of: turn, index: index)
            let listed = Self.sourceList(cited: turn.sources, links: links)
            appendTrailer(of: turn, index: index, sources: listed, isLast: index == turns.count - 1)
            codeBlocks.append(blocks)
            sources.append(listed)
            turnRanges.append(start..<lines.count)
            if index < turns.count - 1 {
                lines.append(PaneLine(kind: .blank, text: "", turn: index, role: turn.author.role))
            }
        }
    }

    /// Whether a turn's body is rendered from Markdown (answers; your prompts are plain text).
    static func isMarkdown(_ turn: Turn) -> Bool { turn.author.role != .user && !turn.text.isEmpty }

    /// The answers to leave unrendered: none unless more than ``deferAbove`` bytes of them are
    /// not rendered yet (or, `includingRendered`, are answers at all); then those beyond ``linesAroundFocus`` lines from the focus turn, the
    /// nearer ones being rendered (and kept) on the way.
    static func deferredTurns(
        _ turns: [Turn], bodyWidth: Int, focus: Int?, includingRendered: Bool = false
    ) -> Set<Int> {
        guard let focus, turns.indices.contains(focus) else { return [] }
        let cache = MessageRenderCache.shared
        let missing = turns.indices.filter {
            isMarkdown(turns[$0]) && (includingRendered || !cache.contains(turns[$0].text, width: bodyWidth))
        }
        guard missing.reduce(0, { $0 + turns[$1].text.utf8.count }) > deferAbove else { return [] }
        // The answers nearest the focus are rendered anyway: on every core at once.
        let nearest = (focus - 4...focus + 4).filter { turns.indices.contains($0) && isMarkdown(turns[$0]) }
        cache.prepare(nearest.map { turns[$0].text }, width: bodyWidth)
        var keep: Set<Int> = [focus]
        for side in [Array((0..<focus).reversed()), Array((focus + 1)..<turns.count)] {
            var lines = 0
            for index in side {
                guard lines < linesAroundFocus else { break }
                keep.insert(index)
                lines += isMarkdown(turns[index]) ? cache.render(turns[index].text, width: bodyWidth).lines.count : 2
            }
        }
        return Set(missing).subtracting(keep)
    }

    /// The index of the turn shown on a line, if any.
    public func turn(atLine line: Int) -> Int? {
        guard line >= 0, line < lines.count else { return nil }
        return lines[line].turn
    }

    /// The author label of a turn: `You`, `ChatGPT · gpt-4o` (OpenAI's models), `Assistant ·
    /// llama3.1` (any other), `Assistant`, `Reasoning`, or the role name; an answer kept from a
    /// comparison adds `· compared answer`, one you rated your thumb.
    public static func label(for turn: Turn) -> String {
        if turn.isReasoning { return "Reasoning" }
        switch turn.author.role {
        case .user: return "You"
        case .assistant:
            let marks = (turn.isComparedAnswer ? " · compared answer" : "") + Self.thumb(turn)
            guard let model = turn.modelSlug, !model.isEmpty else { return "Assistant" + marks }
            let name = AssistantName.of(model: model)
            return "\(name) · \(TextSanitizer.cleanLine(model))" + marks
        case .system: return "System"
        case .tool: return "Tool \(turn.author.name ?? "")"
        case .other(let name): return TextSanitizer.cleanLine(name)
        }
    }

    /// ` · [label]` and ` · bookmarked` for what the reader put on a turn here, else nothing.
    public static func marks(_ turn: Turn) -> String {
        let label = turn.label.map { " · [\(TextSanitizer.cleanLine($0))]" } ?? ""
        return label + (turn.isBookmarked ? " · bookmarked" : "")
    }

    /// ` · 👍` or ` · 👎` for an answer you rated on the web page, else nothing.
    public static func thumb(_ turn: Turn) -> String {
        switch turn.feedback {
        case "up": " · 👍"
        case "down": " · 👎"
        default: ""
        }
    }

    /// Hidden steps above the body: `· kind label: text` (no colon when there is no text), wrapped.
    private mutating func appendNotes(of turn: Turn, index: Int) {
        let pad = String(repeating: " ", count: Self.indent)
        for note in turn.notes {
            let label = TextSanitizer.cleanLine(note.label.isEmpty ? note.kind : "\(note.kind) \(note.label)")
            let text = note.text.split(separator: "\n", omittingEmptySubsequences: true).map {
                TextSanitizer.clean(String($0))
            }.joined(separator: " ")
            let line = text.isEmpty ? "· \(label)" : "· \(label): \(text)"
            for piece in TextWrap.wrap(line, width: max(1, width - Self.indent)) {
                lines.append(PaneLine(kind: .note, text: pad + piece, turn: index, role: turn.author.role))
            }
        }
    }

    /// A line for each file the turn carries, with a generated image's prompt under it.
    private mutating func appendAttachments(of turn: Turn, index: Int) {
        let pad = String(repeating: " ", count: Self.indent)
        let wrapWidth = max(1, width - Self.indent)
        for (i, attachment) in turn.attachments.enumerated() {
            for piece in TextWrap.wrap(AttachmentText.summary(attachment), width: wrapWidth) {
                lines.append(
                    PaneLine(
                        kind: .attachment(index: i, detail: false), text: pad + piece, turn: index,
                        role: turn.author.role))
            }
            if let prompt = AttachmentText.prompt(attachment) {
                for piece in TextWrap.wrap(prompt, width: max(1, wrapWidth - 3)) {
                    lines.append(
                        PaneLine(
                            kind: .attachment(index: i, detail: true), text: pad + "   " + piece, turn: index,
                            role: turn.author.role))
                }
            }
            if let box = PreviewBox.of(attachment, width: wrapWidth) {
                for row in 0..<box.rows {
                    lines.append(
                        PaneLine(
                            kind: .preview(index: i, row: row, box: box), text: "", turn: index, role: turn.author.role)
                    )
                }
            }
        }
    }

    /// A turn's Sources list: the sources its citations name, then the answer's own links
    /// that are not among them (each once).
    public static func sourceList(cited: [SourceLink], links: [SourceLink]) -> [SourceLink] {
        cited + links.filter { link in !cited.contains { $0.url == link.url } }
    }

    /// Lines under the body: the error, then numbered follow-ups. A turn with a trailer
    /// cannot take streamed text in place (``appendToLastTurn(_:)`` returns false).
    private mutating func appendTrailer(of turn: Turn, index: Int, sources: [SourceLink], isLast: Bool) {
        let pad = String(repeating: " ", count: Self.indent)
        let before = lines.count
        if let error = turn.errorText, !error.isEmpty {
            for piece in TextWrap.wrap("⚠ " + TextSanitizer.cleanLine(error), width: max(1, width - Self.indent)) {
                lines.append(PaneLine(kind: .error, text: pad + piece, turn: index, role: turn.author.role))
            }
        }
        if !sources.isEmpty {
            lines.append(PaneLine(kind: .source, text: pad + "Sources", turn: index, role: turn.author.role))
            for (i, source) in sources.enumerated() {
                let text = "[\(i + 1)] " + TextSanitizer.cleanLine(source.listed)
                // Each line of a source links to it (an OSC 8 hyperlink where the terminal takes them).
                let link = source.url.flatMap(Hyperlink.init)
                for piece in TextWrap.wrap(text, width: max(1, width - Self.indent)) {
                    lines.append(
                        PaneLine(
                            kind: .source, text: pad + piece, turn: index, role: turn.author.role,
                            runs: link.map { [StyledRun(pad), StyledRun(piece, link: $0)] }))
                }
                // The passage drawn on (a knowledge-base segment), on one line under its name.
                if let excerpt = source.excerpt {
                    let room = max(1, width - Self.indent - 6)
                    let quoted = "“" + DisplayWidth.truncate(TextSanitizer.cleanLine(excerpt), to: room) + "”"
                    lines.append(
                        PaneLine(kind: .source, text: pad + "    " + quoted, turn: index, role: turn.author.role))
                }
            }
        }
        if let ending = turn.ending {
            // `continue_answer` continues the last answer only: an earlier cut one just says so.
            let hint = ending == .cutAtLengthLimit && isLast ? continueKey.map { " — \($0) continues" } ?? "" : ""
            for piece in TextWrap.wrap("⏹ " + ending.sentence + hint, width: max(1, width - Self.indent)) {
                lines.append(PaneLine(kind: .ending, text: pad + piece, turn: index, role: turn.author.role))
            }
        }
        for (i, prompt) in turn.followUps.enumerated() {
            let text = "alt+\(i + 1) → " + TextSanitizer.cleanLine(prompt)
            for piece in TextWrap.wrap(text, width: max(1, width - Self.indent)) {
                lines.append(
                    PaneLine(kind: .followUp(index: i + 1), text: pad + piece, turn: index, role: turn.author.role))
            }
        }
        if lines.count > before {
            tail = nil
            markdownTail = nil
        }
    }

    private mutating func appendBody(of turn: Turn, index: Int) -> ([CodeBlock], [SourceLink]) {
        if turn.author.role != .user && !turn.text.isEmpty {
            return appendMarkdownBody(of: turn, index: index)
        }
        var body = BodyCursor(
            turn: index, role: turn.author.role, prose: turn.isReasoning ? .reasoning : .text, width: width)
        body.layOutText(turn.text, into: &lines)
        body.hasText = !turn.text.isEmpty
        // A message of files alone shows them, not "(empty)".
        if !body.hasText && turn.attachments.isEmpty {
            lines.append(body.emptyLine)
        }
        if index == turnRanges.count {
            tail = body
            markdownTail = nil
        }
        return (body.allBlocks, [])
    }

    /// An answer's body rendered from Markdown (headings, lists, tables, code, quotes); the
    /// last turn keeps its rendering so streamed text re-renders only its open end.
    private mutating func appendMarkdownBody(of turn: Turn, index: Int) -> ([CodeBlock], [SourceLink]) {
        let prose: PaneLine.Kind = turn.isReasoning ? .reasoning : .text
        let render = MessageRenderCache.shared.render(turn.text, width: max(1, width - Self.indent))
        let start = lines.count
        render.forEachLine { lines.append(Self.paneLine($0, turn: index, role: turn.author.role, prose: prose)) }
        if index == turnRanges.count {
            markdownTail = MarkdownTail(render: render, bodyStart: start, role: turn.author.role, prose: prose)
            tail = nil
        }
        return (render.codeBlocks.map { CodeBlock(language: $0.language, text: $0.text) }, render.links)
    }

    /// A rendered line as a pane line, indented like every message body.
    static func paneLine(_ line: RenderedLine, turn: Int, role: Role, prose: PaneLine.Kind) -> PaneLine {
        let kind: PaneLine.Kind =
            switch line.kind {
            case .prose: prose
            case .codeHeader(let block): .codeHeader(block: block)
            case .code(let block): .code(block: block)
            }
        return PaneLine(kind: kind, rendered: line, turn: turn, role: role)
    }

    /// Appends streamed text to the last turn, laying out only its last source line and
    /// what follows, not the whole answer. The result equals a layout of the longer text.
    /// Returns false (changing nothing) when the layout has no turns.
    @discardableResult
    public mutating func appendToLastTurn(_ suffix: String) -> Bool {
        if markdownTail == nil, !suffix.isEmpty, let body = tail, body.role != .user, body.turn == turnRanges.count - 1
        {
            // An answer that was still empty (its placeholder shown) becomes Markdown.
            lines.removeSubrange(body.tailStart...)
            markdownTail = MarkdownTail(
                render: MessageRender("", width: max(1, width - Self.indent)), bodyStart: body.tailStart,
                role: body.role, prose: body.prose)
            tail = nil
        }
        if var markdown = markdownTail, !suffix.isEmpty {
            let turn = turnRanges.count - 1
            let (role, prose) = (markdown.role, markdown.prose)
            let keep = markdown.bodyStart + markdown.render.stableLineCount
            markdown.render.append(suffix)
            lines.removeSubrange(keep...)
            let fresh = markdown.render.lines(from: keep - markdown.bodyStart)
            lines += fresh.map { Self.paneLine($0, turn: turn, role: role, prose: prose) }
            turnRanges[turn] = turnRanges[turn].lowerBound..<lines.count
            codeBlocks[turn] = markdown.render.codeBlocks.map { CodeBlock(language: $0.language, text: $0.text) }
            // A turn streamed in place has no cited sources yet (they would have ended it with a trailer).
            sources[turn] = markdown.render.links
            markdownTail = markdown
            return true
        }
        guard var body = tail, body.turn == turnRanges.count - 1, !suffix.isEmpty else { return suffix.isEmpty }
        lines.removeSubrange(body.tailStart...)
        body.restoreTail()
        body.layOutText(body.tailText + suffix, into: &lines)
        body.hasText = true
        turnRanges[turnRanges.count - 1] = turnRanges[turnRanges.count - 1].lowerBound..<lines.count
        codeBlocks[codeBlocks.count - 1] = body.allBlocks
        tail = body
        return true
    }
}

extension PaneLayout: Equatable {
    /// Layouts are equal when they show the same: width, lines, turns, code blocks, sources
    /// and the answers left unrendered; what is kept only for appending streamed text is not
    /// compared.
    public static func == (lhs: PaneLayout, rhs: PaneLayout) -> Bool {
        lhs.width == rhs.width && lhs.lines == rhs.lines && lhs.turnRanges == rhs.turnRanges
            && lhs.codeBlocks == rhs.codeBlocks && lhs.sources == rhs.sources && lhs.deferredTexts == rhs.deferredTexts
    }
}

/// Lays out a message body one source line at a time, remembering where its last line
/// began so streamed text can resume there (``PaneLayout/appendToLastTurn(_:)``).
struct BodyCursor: Sendable {
    /// Fenced-code state between lines.
    struct Fences: Sendable {
        var inCode = false
        var fence = ""
        var language = ""
        var codeLines: [String] = []
        var blocks: [CodeBlock] = []
        /// The pane line where the open block's first code line is.
        var codeStart = 0
    }

    let turn: Int
    let role: Role
    let prose: PaneLine.Kind
    let width: Int
    var fences = Fences()
    var hasText = false
    /// The last source line (raw), the line index where its lines start, and the state before it.
    var tailText = ""
    var tailStart = 0
    var tailFences = Fences()

    init(turn: Int, role: Role, prose: PaneLine.Kind, width: Int) {
        self.turn = turn
        self.role = role
        self.prose = prose
        self.width = width
    }

    var emptyLine: PaneLine {
        PaneLine(
            kind: prose, text: String(repeating: " ", count: PaneLayout.indent) + "(empty)", turn: turn, role: role)
    }

    /// The closed code blocks plus the one still open.
    var allBlocks: [CodeBlock] {
        guard fences.inCode else { return fences.blocks }
        return fences.blocks + [CodeBlock(language: fences.language, text: fences.codeLines.joined(separator: "\n"))]
    }

    mutating func startTail(_ text: String, at index: Int) {
        tailText = text
        tailStart = index
        tailFences = fences
    }

    mutating func restoreTail() {
        fences = tailFences
    }

    /// Lays out `text` line by line, remembering where its last line starts (the tail streamed
    /// text resumes from), then highlights a code block left open. Lines are cleaned one by one
    /// (a sequence never spans a line break), so streamed text can be cleaned from its last line
    /// on and lay out the same.
    mutating func layOutText(_ text: String, into lines: inout [PaneLine]) {
        var pieces = text.split(separator: "\n", omittingEmptySubsequences: false)
        let last = String(pieces.removeLast())
        for piece in pieces {
            layOut(TextSanitizer.clean(String(piece)), into: &lines)
        }
        startTail(last, at: lines.count)
        layOut(TextSanitizer.clean(last), into: &lines)
        finish(&lines)
    }

    /// Highlights a code block still open at the end of the text (a prompt that never closed
    /// its fence); call once the text is laid out.
    func finish(_ lines: inout [PaneLine]) {
        if fences.inCode { highlightOpenBlock(in: &lines) }
    }

    /// Redraws the open block's code lines highlighted for its language (as an answer's are):
    /// the same pieces in the same places, now with the runs of `keyword`, `string`, …; left
    /// plain when the language is unknown.
    private func highlightOpenBlock(in lines: inout [PaneLine]) {
        let code = fences.codeLines.joined(separator: "\n")
        guard let highlighted = CodeHighlighter.shared.lines(of: code, language: fences.language),
            highlighted.count == fences.codeLines.count, fences.codeStart <= lines.count
        else { return }
        let pad = StyledRun(PaneLayout.indentText)
        let gutter = StyledRun("  ", slot: CodeSlots.plain)
        let block = fences.blocks.count + 1
        var styled: [PaneLine] = []
        for runs in highlighted {
            for piece in StyledWrap.hardWrap(runs, width: max(1, width - PaneLayout.indent - 2)) {
                let text = pad.text + gutter.text + piece.map(\.text).joined()
                styled.append(
                    PaneLine(
                        kind: .code(block: block), text: text, turn: turn, role: role, runs: [pad, gutter] + piece))
            }
        }
        // Hard wrap breaks styled runs where it breaks their text: the same lines, restyled.
        guard styled.count == lines.count - fences.codeStart,
            zip(styled, lines[fences.codeStart...]).allSatisfy({ $0.text == $1.text })
        else { return }
        lines.replaceSubrange(fences.codeStart..., with: styled)
    }

    /// Lays out one source line (no newline in it).
    mutating func layOut(_ line: String, into lines: inout [PaneLine]) {
        let bodyWidth = max(1, width - PaneLayout.indent)
        let pad = String(repeating: " ", count: PaneLayout.indent)
        let trimmed = line.drop(while: { $0 == " " })
        if !fences.inCode, trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
            fences.inCode = true
            fences.fence = String(trimmed.prefix(3))
            fences.language = String(trimmed.dropFirst(3)).trimmingCharacters(in: .whitespaces)
            fences.codeLines = []
            let number = fences.blocks.count + 1
            let title = fences.language.isEmpty ? "[\(number)] code" : "[\(number)] \(fences.language)"
            lines.append(PaneLine(kind: .codeHeader(block: number), text: pad + title, turn: turn, role: role))
            fences.codeStart = lines.count
            return
        }
        if fences.inCode {
            if trimmed.hasPrefix(fences.fence) && trimmed.trimmingCharacters(in: .whitespaces) == fences.fence {
                highlightOpenBlock(in: &lines)
                fences.inCode = false
                fences.blocks.append(
                    CodeBlock(language: fences.language, text: fences.codeLines.joined(separator: "\n")))
                return
            }
            fences.codeLines.append(line)
            for piece in TextWrap.hardWrap(line, width: max(1, bodyWidth - 2)) {
                lines.append(
                    PaneLine(
                        kind: .code(block: fences.blocks.count + 1), text: pad + "  " + piece, turn: turn, role: role))
            }
            return
        }
        if line.isEmpty {
            lines.append(PaneLine(kind: prose, text: "", turn: turn, role: role))
            return
        }
        for piece in TextWrap.wrap(line, width: bodyWidth) {
            lines.append(PaneLine(kind: prose, text: pad + piece, turn: turn, role: role))
        }
    }
}

/// The last turn's Markdown rendering, kept so streamed text re-renders only its open end.
struct MarkdownTail: Sendable {
    var render: MessageRender
    /// The line where the turn's body starts.
    var bodyStart: Int
    var role: Role
    var prose: PaneLine.Kind
}

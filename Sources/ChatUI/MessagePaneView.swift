import ChatArchive
import ChatClient
import ChatConfig
import ChatImages
import ChatModel
import ChatRender
import ChatStore
import Foundation
import TerminalCanvas

/// The open branch: author headers with `‹i/n›` markers, wrapped text, code blocks, the selection.
enum MessagePaneView {
    /// What one row of the open conversation shows: with the pane's focus, its inner rectangle
    /// and the context, everything its cells are drawn from.
    struct Row: Equatable {
        /// The line.
        var line: PaneLine
        /// Whether it belongs to the selected message (and is not a blank line).
        var selected: Bool
        /// Whether it belongs to the answer that is streaming.
        var live: Bool
        /// A header's time (its message's), nil on other lines.
        var stamp: Double?
        /// Whether it was drawn without its image, whose preview was still being made (so the
        /// next frame draws it again).
        var waiting = false
    }

    /// What a frame drew in the pane, so that the next one can copy the rows it shows again
    /// (a streaming answer scrolls them up) instead of drawing them.
    struct Drawn: Equatable {
        /// The pane's inside.
        var inner: Rect
        /// Whether it was drawn focused.
        var focused: Bool
        /// The border's title and footer.
        var title: String
        var footer: String?
        /// The layout's index of the line on the first row.
        var top: Int
        /// Each row's line, nil for a row below the last line.
        var rows: [Row?]
    }

    /// Draws the pane inside `rect` only; returns what it drew of an open conversation. With
    /// `last` (what the last frame drew, and its cells, which `buffer` still holds) a row
    /// showing what a row of the last frame showed is copied from it, and the border is left
    /// alone when it did not change.
    static func render(
        _ state: AppState, _ rect: Rect, _ context: RenderContext, into buffer: inout Buffer,
        last: (drawn: Drawn, buffer: Buffer)? = nil
    ) -> Drawn? {
        let theme = context.theme
        let focused = state.focus == .messages && state.overlay == nil
        guard let open = state.open else {
            buffer.reset(rect, to: Screen.background(context))
            let inner = Draw.box(
                &buffer, rect, title: "chatterm", style: theme.style(focused ? "ui.border.focused" : "ui.border"),
                titleStyle: theme.style("ui.title"))
            renderWelcome(state, inner, context, into: &buffer)
            return nil
        }
        let streaming = state.streams.values.contains { $0.openKey == open.id }
        let rows = max(0, rect.height - 2)
        let below = max(0, open.layout.lines.count - (open.scrollTop + rows))
        let footer = below > 0 ? "↓ \(below) more" : nil
        let inner = Draw.inside(rect)
        let reusable = last.flatMap { $0.drawn.inner == inner && $0.drawn.focused == focused ? $0 : nil }
        if reusable == nil { buffer.reset(rect, to: Screen.background(context)) }
        let title = paneTitle(open)
        if reusable?.drawn.title != title || reusable?.drawn.footer != footer {
            Draw.box(
                &buffer, rect, title: title, style: theme.style(focused ? "ui.border.focused" : "ui.border"),
                titleStyle: theme.style("ui.title"), footer: footer)
        }
        var drawn = Drawn(
            inner: inner, focused: focused, title: title, footer: footer, top: open.scrollTop, rows: [])
        guard !inner.isEmpty else { return drawn }
        drawn.rows.reserveCapacity(inner.height)
        for row in 0..<inner.height {
            let index = open.scrollTop + row
            let y = inner.y + row
            let rowRect = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            guard index < open.layout.lines.count else {
                if reusable?.drawn.rows[row] != nil { buffer.reset(rowRect, to: Screen.background(context)) }
                drawn.rows.append(nil)
                continue
            }
            let line = open.layout.lines[index]
            let shown = Row(
                line: line, selected: line.turn == open.selected && line.kind != .blank,
                live: streaming && line.turn == open.turns.count - 1,
                stamp: line.kind == .header ? open.turns[line.turn].createTime : nil)
            drawn.rows.append(shown)
            if let reusable {
                let source = index - reusable.drawn.top
                if reusable.drawn.rows.indices.contains(source), reusable.drawn.rows[source] == shown {
                    if source != row {
                        buffer.copy(
                            Rect(x: inner.x, y: inner.y + source, width: inner.width, height: 1),
                            from: reusable.buffer, toRow: y)
                    }
                    continue
                }
                buffer.reset(rowRect, to: Screen.background(context))
            }
            if !drawLine(shown, y: y, inner, focused: focused, context, &buffer) {
                drawn.rows[drawn.rows.count - 1]?.waiting = true
            }
        }
        return drawn
    }

    /// Where a click lands in the pane `rect` that drew `drawn` (nil: no conversation open):
    /// the pane, over it each message's lines (not the blank ones between messages), and over
    /// a header's sibling marker its `‹` and `›`.
    /// The border's title: the conversation's, and for a fork where it was forked from.
    static func paneTitle(_ open: OpenConversation) -> String {
        guard let origin = open.forkLinks.origin else { return open.title }
        return open.title + " · forked from " + (origin.originTitle ?? "a deleted conversation")
    }

    static func hits(_ drawn: Drawn?, _ rect: Rect) -> [HitMap.Region] {
        var hits = HitMap()
        hits.add(rect, .pane)
        guard let drawn else { return hits.regions }
        let inner = drawn.inner
        for (offset, row) in drawn.rows.enumerated() {
            guard let line = row?.line, line.kind != .blank else { continue }
            let y = inner.y + offset
            hits.add(Rect(x: inner.x, y: y, width: inner.width, height: 1), .message(turn: line.turn))
            if let arrows = markerArrows(line, inner) {
                hits.add(Rect(x: arrows.previous, y: y, width: 1, height: 1), .siblingMarker(turn: line.turn, step: -1))
                hits.add(Rect(x: arrows.next, y: y, width: 1, height: 1), .siblingMarker(turn: line.turn, step: 1))
            }
        }
        return hits.regions
    }

    /// The columns of a header's `‹` and `›` (drawn after its text and a space), when the whole
    /// marker fits in `inner`.
    static func markerArrows(_ line: PaneLine, _ inner: Rect) -> (previous: Int, next: Int)? {
        guard line.kind == .header, let marker = line.marker else { return nil }
        let previous = inner.x + 1 + DisplayWidth.of(line.text) + 1
        let next = previous + DisplayWidth.of(marker) - 1
        return next < inner.maxX ? (previous, next) : nil
    }

    /// Row `row` of an image's preview, from the preview cache; a file that cannot be drawn says
    /// why on its first row. With a painter, a preview the cache lacks is asked of it and the
    /// row left empty: returns false then.
    private static func drawPreview(
        row: Int, box: PreviewBox, x: Int, y: Int, _ inner: Rect, _ context: RenderContext, _ buffer: inout Buffer
    ) -> Bool {
        let cache = ImagePreviewCache.shared
        let colors = context.imageColors
        do {
            let preview: ImagePreview
            if let painter = context.previewPainter {
                guard
                    let made = cache.cachedPreview(
                        contentsOfFile: box.path, columns: box.columns, rows: box.rows, colors: colors)
                else {
                    painter.request(box, colors: colors)
                    return false
                }
                preview = try made.get()
            } else {
                preview = try cache.preview(
                    contentsOfFile: box.path, columns: box.columns, rows: box.rows, colors: colors)
            }
            guard preview.cells.indices.contains(row) else { return true }
            var column = x
            for cell in preview.cells[row] where !cell.isContinuation {
                guard column < inner.maxX else { break }
                if let character = cell.text.first { buffer.put(character, x: column, y: y, style: cell.style) }
                column += Int(max(1, cell.width))
            }
        } catch {
            guard row == 0 else { return true }
            buffer.write(
                "(no preview: \(error.description))", x: x, y: y,
                style: context.theme.style("ui.attachment.prompt"), maxX: inner.maxX)
        }
        return true
    }

    /// Draws one row; false when it still lacks its image (see ``drawPreview``).
    @discardableResult
    static func drawLine(
        _ row: Row, y: Int, _ inner: Rect, focused: Bool, _ context: RenderContext, _ buffer: inout Buffer
    ) -> Bool {
        var complete = true
        let theme = context.theme
        let line = row.line
        let roleSlot = roleSlot(line.role)
        switch line.kind {
        case .header:
            let style = theme.style(roleSlot).adding(.bold)
            var x = buffer.write(line.text, x: inner.x + 1, y: y, style: style, maxX: inner.maxX)
            if let marker = line.marker {
                x = buffer.write(" " + marker, x: x, y: y, style: theme.style("ui.branch.marker"), maxX: inner.maxX)
            }
            if row.live {
                x = buffer.write(" ⋯ streaming", x: x, y: y, style: theme.style("ui.branch.marker"), maxX: inner.maxX)
            }
            if let time = row.stamp {
                let stamp = ShortDate.full(time, in: context.timeZone)
                let w = DisplayWidth.of(stamp)
                if inner.maxX - w - 1 > x + 1 {
                    buffer.write(stamp, x: inner.maxX - w - 1, y: y, style: theme.style("ui.message.header"))
                }
            }
        case .codeHeader:
            buffer.fill(Rect(x: inner.x + 2, y: y, width: inner.width - 2, height: 1), style: theme.style("ui.code"))
            buffer.write(line.text, x: inner.x, y: y, style: theme.style("ui.code.header"), maxX: inner.maxX)
        case .code:
            // Highlighted tokens (`keyword`, `string`, …) laid over the code block's own style.
            buffer.fill(Rect(x: inner.x + 2, y: y, width: inner.width - 2, height: 1), style: theme.style("ui.code"))
            if let runs = line.runs {
                drawRuns(runs, base: theme.style("ui.code"), x: inner.x, y: y, inner, theme, &buffer)
            } else {
                buffer.write(line.text, x: inner.x, y: y, style: theme.style("ui.code"), maxX: inner.maxX)
            }
        case .reasoning where line.runs != nil:
            drawRuns(
                line.runs ?? [], base: theme.style("ui.message.reasoning"), x: inner.x, y: y, inner, theme, &buffer)
        case .source where line.runs != nil:
            drawRuns(
                line.runs ?? [], base: theme.style("ui.message.reasoning"), x: inner.x, y: y, inner, theme, &buffer)
        case .reasoning, .note, .ending, .source:
            buffer.write(line.text, x: inner.x, y: y, style: theme.style("ui.message.reasoning"), maxX: inner.maxX)
        case .error:
            buffer.write(line.text, x: inner.x, y: y, style: theme.style("ui.message.error"), maxX: inner.maxX)
        case .followUp:
            buffer.write(line.text, x: inner.x, y: y, style: theme.style("ui.branch.marker"), maxX: inner.maxX)
        case .preview(_, let row, let box):
            complete = drawPreview(
                row: row, box: box, x: inner.x + PaneLayout.indent + PreviewBox.indent, y: y, inner, context, &buffer)
        case .attachment(_, let detail):
            let slot = detail ? "ui.attachment.prompt" : "ui.attachment"
            buffer.write(line.text, x: inner.x, y: y, style: theme.style(slot), maxX: inner.maxX)
        case .text:
            let base = theme.style(roleSlot)
            if let runs = line.runs {
                drawRuns(runs, base: base, x: inner.x, y: y, inner, theme, &buffer)
            } else {
                buffer.write(line.text, x: inner.x, y: y, style: base, maxX: inner.maxX)
            }
        case .blank:
            break
        }
        if row.selected {
            let style = theme.style(focused ? "ui.message.selected" : "ui.border")
            buffer.put("▌", x: inner.x, y: y, style: style)
        }
        return complete
    }

    /// Rendered Markdown: each run in its slot's style laid over the message's own (so an
    /// unset colour keeps the pane's), with its attributes added; link text carries its address
    /// into the cells (the screen makes it an OSC 8 hyperlink where the terminal takes them).
    private static func drawRuns(
        _ runs: [StyledRun], base: Style, x: Int, y: Int, _ inner: Rect, _ theme: Theme, _ buffer: inout Buffer
    ) {
        var column = x
        for run in runs {
            let style = (run.slot.isEmpty ? base : base.overlaid(by: theme.style(run.slot))).adding(run.attributes)
            column = buffer.write(run.text, x: column, y: y, style: style, maxX: inner.maxX, link: run.link)
        }
    }

    private static func roleSlot(_ role: Role) -> String {
        switch role {
        case .user: "ui.message.user"
        case .assistant: "ui.message.assistant"
        default: "ui.message.system"
        }
    }

    private static func renderWelcome(
        _ state: AppState, _ inner: Rect, _ context: RenderContext, into buffer: inout Buffer
    ) {
        let keymap = context.keymap
        var lines: [String] = []
        if let backend = state.backend {
            lines += [
                "New chat with \(backend.name)\(backend.model.map { " (\($0))" } ?? ""): type below and press Enter.",
                "",
            ]
            if !state.starters.isEmpty {
                lines.append("Or start from one of these (press its number in the empty input box):")
                for (i, starter) in state.starters.enumerated() {
                    lines.append("  \(i + 1)  " + TextSanitizer.cleanLine(starter.title))
                }
                lines.append("")
            }
        }
        lines += [
            "Pick a conversation on the left and press \(KeyHints.first(.open, .sidebar, keymap)).",
            "",
            "\(KeyHints.first(.siblingPrev, .messages, keymap)) \(KeyHints.first(.siblingNext, .messages, keymap))  other versions of a message",
            "\(KeyHints.first(.treeOverview, .messages, keymap))     every branch of the conversation",
            "\(KeyHints.first(.search, .global, keymap))  search all conversations",
            "\(KeyHints.first(.help, .global, keymap))     all keys",
        ]
        for (i, line) in lines.enumerated() where i < inner.height {
            buffer.write(
                line, x: inner.x + 1, y: inner.y + i, style: context.theme.style("ui.input.placeholder"),
                maxX: inner.maxX)
        }
    }
}

import ChatArchive
import ChatClient
import ChatConfig
import ChatModel
import ChatStore
import Foundation
import TerminalCanvas

/// The status line: a message when there is one, else where the reader is in the tree.
enum StatusLineView {
    static func render(_ state: AppState, _ rect: Rect, _ context: RenderContext, into buffer: inout Buffer) {
        let theme = context.theme
        var right = "chatterm · " + (state.open?.source ?? state.backend?.name ?? "archive")
        if let backend = state.backend, state.open == nil || state.open?.source == backend.sourceName {
            right = "chatterm · \(backend.name)" + (backend.model.map { " · \($0)" } ?? "")
        }
        if let usage = state.open?.turns.last(where: { $0.author.role == .assistant })?.usage {
            right = usageText(usage) + " │ " + right
        }
        let streaming = state.open.flatMap { open in state.streams.values.first { $0.openKey == open.id } }
        if let stream = streaming, state.message.map({ $0.kind == .info || $0.kind == .progress }) ?? true {
            Draw.row(
                &buffer, rect, y: rect.y, left: " " + streamSummary(stream, now: state.now), right: right + " ",
                style: theme.style("ui.statusline"))
            return
        }
        if let message = state.message {
            let slot: String
            switch message.kind {
            case .info, .progress: slot = "ui.statusline"
            case .warning: slot = "ui.warning"
            case .error: slot = "ui.error"
            }
            let left = " " + TextSanitizer.cleanLine(message.text)
            Draw.row(&buffer, rect, y: rect.y, left: left, right: right + " ", style: theme.style("ui.statusline"))
            // Only the message takes its colour, not the right-hand part a long one runs up to.
            let room = max(0, rect.width - DisplayWidth.of(right + " ") - 1)
            buffer.restyle(Rect(x: rect.x, y: rect.y, width: min(room, DisplayWidth.of(left)), height: 1)) { _ in
                theme.style(slot)
            }
            return
        }
        Draw.row(
            &buffer, rect, y: rect.y, left: " " + summary(state, keymap: context.keymap), right: right + " ",
            style: theme.style("ui.statusline"))
    }

    /// The last answer's usage: `48 in + 312 out tok · 2.1 s · 0.000039 USD` (the price when the
    /// service reported one, Dify's).
    static func usageText(_ usage: TokenUsage) -> String {
        var parts: [String] = []
        if let p = usage.promptTokens, let c = usage.completionTokens {
            parts.append("\(p) in + \(c) out tok")
        } else if let c = usage.completionTokens {
            parts.append("\(c) out tok")
        } else if let t = usage.totalTokens {
            parts.append("\(t) tok")
        }
        if let latency = usage.latency { parts.append(Fixed.string(latency, decimals: 1) + " s") }
        if let price = usage.priceText { parts.append(price) }
        return parts.joined(separator: " · ")
    }

    static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    /// `⠹ answering · 3.2 s · first text 0.41 s · ≈38 tok/s · SSE · Esc stops` (`≈`: estimated).
    static func streamSummary(_ stream: ActiveStream, now: Double) -> String {
        let elapsed = max(0, now - stream.startedAt)
        let frame = spinner[Int(elapsed * 10) % spinner.count]
        var parts = [frame + (stream.stopping ? " stopping" : stream.firstTextAt == nil ? " waiting" : " answering")]
        parts.append(Fixed.string(elapsed, decimals: 1) + " s")
        if let ttft = stream.timeToFirstText { parts.append("first text " + Fixed.string(ttft, decimals: 2) + " s") }
        if let speed = stream.speed { parts.append(speed.text) }
        if let transport = stream.transport { parts.append(transport) }
        parts.append("Esc stops")
        return parts.joined(separator: " · ")
    }

    /// `Title · forked 1× · branch 2/5 · message 3/8 ‹2/3› · 4 other branches off this path (T lists
    /// them)` (a fork: `forked from “Origin”`).
    static func summary(_ state: AppState, keymap: Keymap = .builtin) -> String {
        guard let open = state.open else {
            let sidebar = state.sidebar
            let count = sidebar.conversationCount
            return sidebar.loaded ? (count == 1 ? "1 conversation" : "\(count) conversations") : "loading…"
        }
        var parts = [TextSanitizer.cleanLine(open.title)]
        if let origin = open.forkLinks.origin {
            parts.append("forked from “\(TextSanitizer.cleanLine(origin.originTitle ?? "a deleted conversation"))”")
        }
        if !open.forkLinks.forks.isEmpty { parts.append("forked \(open.forkLinks.forks.count)×") }
        let branch = open.branchPosition
        parts.append("branch \(branch.index)/\(branch.count)")
        if open.turns.indices.contains(open.selected) {
            let turn = open.turns[open.selected]
            var position = "message \(open.selected + 1)/\(open.turns.count)"
            if turn.siblingCount > 1 { position += " ‹\(turn.siblingIndex)/\(turn.siblingCount)›" }
            parts.append(position)
        }
        let others = open.tree.otherBranchCount(to: open.leaf)
        if others > 0 {
            var text = "\(others) other branch\(others == 1 ? "" : "es") off this path"
            if let key = keymap.firstKey(for: .listBranches, in: .messages) { text += " (\(key) lists them)" }
            parts.append(text)
        }
        return parts.joined(separator: " · ")
    }
}

/// The footer: the keys that work in the focused pane, from the active keymap.
enum FooterView {
    /// What the footer shows: its hints, in order, with what a click on each does. A frame
    /// draws it again only when they changed (``FrameRenderer``).
    struct Input: Equatable {
        /// The keys, what they do, and what a click on them does.
        var hints: [FooterEntry]

        /// The hints for `state` (``KeyHints/footerEntries(_:_:)``).
        init(_ state: AppState, _ keymap: Keymap) {
            hints = KeyHints.footerEntries(state, keymap)
        }
    }

    /// The hints drawn in `width` columns, in order: those that fit from the left, and the
    /// help's hint kept (the ones before it dropped first) so a narrow footer still says where
    /// the keys are explained.
    static func shown(_ hints: [FooterEntry], width: Int) -> [FooterEntry] {
        func columns(_ hint: FooterEntry) -> Int { DisplayWidth.of(hint.key) + DisplayWidth.of(hint.label) + 3 }
        let available = width - 1
        guard hints.map(columns).reduce(0, +) > available,
            let help = hints.firstIndex(where: { $0.clicks == .whole(.command(.help)) })
        else { return hints }
        var room = available - columns(hints[help])
        guard room >= 0 else { return hints }
        var shown: [FooterEntry] = []
        for (index, hint) in hints.enumerated() where index != help {
            guard columns(hint) <= room else { break }
            room -= columns(hint)
            shown.append(hint)
        }
        shown.insert(hints[help], at: min(help, shown.count))
        return shown
    }

    /// Draws the hints that fit in `rect` (``shown(_:width:)``); returns where a click on one
    /// runs it.
    @discardableResult
    static func render(
        _ input: Input, _ rect: Rect, _ context: RenderContext, into buffer: inout Buffer
    ) -> [HitMap.Region] {
        let theme = context.theme
        buffer.fill(rect, style: theme.style("ui.footer"))
        var hits = HitMap()
        var x = rect.x + 1
        for hint in shown(input.hints, width: rect.width) {
            let keyWidth = DisplayWidth.of(hint.key)
            let width = keyWidth + DisplayWidth.of(hint.label) + 3
            guard x + width <= rect.maxX else { break }
            switch hint.clicks {
            case .whole(let action):
                hits.add(Rect(x: x, y: rect.y, width: width - 2, height: 1), .hint(action))
            case .keys(let first, let firstWidth, let second):
                if let first { hits.add(Rect(x: x, y: rect.y, width: firstWidth, height: 1), .hint(first)) }
                if let second {
                    let start = x + firstWidth + 1
                    hits.add(Rect(x: start, y: rect.y, width: x + keyWidth - start, height: 1), .hint(second))
                }
            case .none:
                break
            }
            x = buffer.write(hint.key, x: x, y: rect.y, style: theme.style("ui.footer.key"))
            x = buffer.write(" " + hint.label + "  ", x: x, y: rect.y, style: theme.style("ui.footer"))
        }
        return hits.regions
    }
}

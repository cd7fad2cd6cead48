import ChatConfig
import ChatStore
import TerminalCanvas

/// One row of the help overlay.
struct HelpLine: Sendable, Equatable {
    /// What a row shows.
    enum Kind: Sendable, Equatable {
        /// A context's title.
        case heading
        /// A command's keys and summary.
        case command(Command, disabled: Bool)
        /// Why the command above it cannot act now (wrapped to the window when drawn).
        case reason
        /// Space between sections.
        case blank
    }

    var kind: Kind
    var keys = ""
    var text = ""
}

extension OverlayView {
    /// Help rows: one section per context, one row per command bound there (in ``Command``
    /// order) with all its keys and its summary, and under a command that cannot act now the
    /// reason (``Availability``), judged in the state behind the overlay with that section's
    /// pane focused. The overlays' sections (search, tree, help) give no reasons: those windows
    /// are not open while the help is.
    static func helpLines(_ keymap: Keymap, _ state: AppState) -> [HelpLine] {
        var lines: [HelpLine] = []
        for context in KeyContext.allCases {
            let bindings = keymap.bindings(in: context).filter { !$0.keys.isEmpty }
            guard !bindings.isEmpty else { continue }
            if !lines.isEmpty { lines.append(HelpLine(kind: .blank)) }
            lines.append(HelpLine(kind: .heading, text: context.title))
            let judged = stateBehindHelp(state, for: context)
            for binding in bindings {
                let keys = binding.keys.map(\.description).joined(separator: " ")
                let reason = judged.flatMap { Availability.disabledReason(binding.command, in: $0) }
                lines.append(
                    HelpLine(
                        kind: .command(binding.command, disabled: reason != nil), keys: keys,
                        text: binding.command.summary(in: context)))
                if let reason { lines.append(HelpLine(kind: .reason, text: reason)) }
            }
        }
        return lines
    }

    /// The state a section's commands are judged in: the overlay closed and the section's pane
    /// focused; nil for the overlays' sections.
    static func stateBehindHelp(_ state: AppState, for context: KeyContext) -> AppState? {
        var behind = state
        behind.overlay = nil
        switch context {
        case .global: break
        case .sidebar:
            behind.focus = .sidebar
            behind.sidebar.isEditingFilter = false
        case .messages: behind.focus = .messages
        case .input: behind.focus = .input
        case .search, .tree, .compare, .help: return nil
        }
        return behind
    }

    static func renderHelp(
        scroll: Int, _ state: AppState, _ rect: Rect, _ context: RenderContext, into buffer: inout Buffer
    ) {
        let theme = context.theme
        let inner = Draw.window(
            &buffer, rect, title: "Keys · \(context.keymap.name)", theme: theme, footer: "Esc closes")
        let keyWidth = min(24, max(10, inner.width / 3))
        let textX = inner.x + 2 + keyWidth
        let lines = wrapReasons(helpLines(context.keymap, state), width: inner.maxX - textX)
        let first = min(scroll, max(0, lines.count - inner.height))
        for row in 0..<inner.height where first + row < lines.count {
            let line = lines[first + row]
            let y = inner.y + row
            switch line.kind {
            case .heading:
                buffer.write(line.text, x: inner.x + 1, y: y, style: theme.style("ui.title").adding(.bold))
            case .command(_, let disabled):
                let dim: Attributes = disabled ? .dim : []
                buffer.write(
                    DisplayWidth.truncate(line.keys, to: keyWidth - 1), x: inner.x + 2, y: y,
                    style: theme.style("ui.help.key").adding(dim))
                buffer.write(line.text, x: textX, y: y, style: theme.style("ui.help").adding(dim), maxX: inner.maxX)
            case .reason:
                buffer.write(line.text, x: textX, y: y, style: theme.style("ui.input.placeholder"), maxX: inner.maxX)
            case .blank:
                break
            }
        }
    }

    /// Each reason as rows of at most `width` columns: `↳ ` before the first, the rest under its
    /// text.
    static func wrapReasons(_ lines: [HelpLine], width: Int) -> [HelpLine] {
        lines.flatMap { line -> [HelpLine] in
            guard line.kind == .reason else { return [line] }
            return TextWrap.wrap(line.text, width: max(1, width - 2)).enumerated().map { index, row in
                HelpLine(kind: .reason, text: (index == 0 ? "↳ " : "  ") + row)
            }
        }
    }
}

import ChatConfig
import ChatModel
import ChatStore
import Foundation
import TerminalCanvas

/// The status line: a message when there is one, else where the reader is in the tree.
enum StatusLineView {
    static func render(_ state: AppState, _ rect: Rect, _ context: RenderContext, into buffer: inout Buffer) {
        let theme = context.theme
        let right = "chatterm · " + (state.open?.source ?? "archive")
        if let message = state.message {
            let slot: String
            switch message.kind {
            case .info: slot = "ui.statusline"
            case .warning: slot = "ui.warning"
            case .error: slot = "ui.error"
            }
            Draw.row(
                &buffer, rect, y: rect.y, left: " " + TextSanitizer.cleanLine(message.text), right: right + " ",
                style: theme.style("ui.statusline"))
            buffer.restyle(
                Rect(x: rect.x, y: rect.y, width: min(rect.width, DisplayWidth.of(message.text) + 1), height: 1)
            ) {
                _ in theme.style(slot)
            }
            return
        }
        Draw.row(
            &buffer, rect, y: rect.y, left: " " + summary(state), right: right + " ",
            style: theme.style("ui.statusline"))
    }

    /// `Title · branch 2/5 · message 3/8 ‹2/3› · 4 other branches`.
    static func summary(_ state: AppState) -> String {
        guard let open = state.open else {
            let sidebar = state.sidebar
            return sidebar.loaded ? "\(sidebar.rowCount) conversations" : "loading…"
        }
        var parts = [open.title]
        let branch = open.branchPosition
        parts.append("branch \(branch.index)/\(branch.count)")
        if open.turns.indices.contains(open.selected) {
            let turn = open.turns[open.selected]
            var position = "message \(open.selected + 1)/\(open.turns.count)"
            if turn.siblingCount > 1 { position += " ‹\(turn.siblingIndex)/\(turn.siblingCount)›" }
            parts.append(position)
        }
        let others = open.tree.otherBranchCount(to: open.leaf)
        if others > 0 { parts.append("\(others) other branch\(others == 1 ? "" : "es") off this path") }
        return parts.joined(separator: " · ")
    }
}

/// The footer: the keys that work in the focused pane, from the active keymap.
enum FooterView {
    static func render(_ state: AppState, _ rect: Rect, _ context: RenderContext, into buffer: inout Buffer) {
        let theme = context.theme
        buffer.fill(rect, style: theme.style("ui.footer"))
        var x = rect.x + 1
        for (key, label) in KeyHints.footer(state, context.keymap) {
            let width = DisplayWidth.of(key) + DisplayWidth.of(label) + 3
            guard x + width <= rect.maxX else { break }
            x = buffer.write(key, x: x, y: rect.y, style: theme.style("ui.footer.key"))
            x = buffer.write(" " + label + "  ", x: x, y: rect.y, style: theme.style("ui.footer"))
        }
    }
}

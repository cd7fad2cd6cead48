import ChatConfig
import ChatModel
import ChatStore
import TerminalCanvas

/// The fork window: one row a scope, with how many messages the fork would hold.
enum ForkPickerView {
    /// Draws the window in `rect`.
    static func render(_ picker: ForkPickerState, _ rect: Rect, _ context: RenderContext, into buffer: inout Buffer) {
        let theme = context.theme
        let inner = Draw.window(&buffer, rect, title: "Fork from this message · Enter forks", theme: theme)
        guard !inner.isEmpty else { return }
        for (row, scope) in ForkScope.allCases.enumerated() where row < inner.height {
            let style = theme.style(row == picker.selected ? "ui.sidebar.selected" : "ui.help")
            let count = picker.messageCounts.indices.contains(row) ? picker.messageCounts[row] : 0
            Draw.row(
                &buffer, inner, y: inner.y + row,
                left: " " + scope.summary.prefix(1).uppercased()
                    + scope.summary.dropFirst(),
                right: (count == 1 ? "1 message" : "\(count) messages") + " ", style: style)
        }
    }
}

import ChatConfig
import ChatModel
import ChatStore
import Foundation
import TerminalCanvas

/// The multi-line input box; returns where the caret is.
enum InputBoxView {
    static func render(
        _ state: AppState, _ rect: Rect, _ context: RenderContext, into buffer: inout Buffer
    ) -> Frame.Position? {
        let theme = context.theme
        let focused = state.focus == .input && state.overlay == nil
        let title = state.open == nil ? "New message" : "Message"
        let hint = state.input.isEmpty ? nil : "\(state.input.characters.count) chars · draft saved"
        let inner = Draw.box(
            &buffer, rect, title: title, style: theme.style(focused ? "ui.border.focused" : "ui.border"),
            titleStyle: theme.style("ui.title"), footer: hint)
        guard !inner.isEmpty else { return nil }
        buffer.fill(inner, style: theme.style("ui.input"))
        if state.input.isEmpty {
            let send = KeyHints.first("send", .input, context.keymap)
            let newline = KeyHints.first("input_newline", .input, context.keymap)
            let text = focused ? "Type a message · \(send) send · \(newline) new line" : "Tab here to write a message"
            buffer.write(text, x: inner.x, y: inner.y, style: theme.style("ui.input.placeholder"), maxX: inner.maxX)
            return focused ? Frame.Position(x: inner.x, y: inner.y) : nil
        }
        let layout = InputLayout(editor: state.input, width: inner.width)
        let first = max(0, min(layout.cursorRow - inner.height + 1, layout.rows.count - inner.height))
        for row in 0..<inner.height where first + row < layout.rows.count {
            buffer.write(
                layout.rows[first + row], x: inner.x, y: inner.y + row, style: theme.style("ui.input"), maxX: inner.maxX
            )
        }
        return Frame.Position(
            x: inner.x + min(layout.cursorColumn, inner.width - 1), y: inner.y + layout.cursorRow - first)
    }
}

/// The input text cut into screen rows of a width, with the caret's row and column.
struct InputLayout {
    var rows: [String] = []
    var cursorRow = 0
    var cursorColumn = 0

    init(editor: TextEditor, width: Int) {
        let width = max(1, width - 1)
        let (cursorLine, column) = editor.cursorPosition()
        for (index, line) in editor.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let pieces = TextWrap.hardWrap(String(line), width: width)
            if index == cursorLine {
                var remaining = column
                var row = 0
                for (i, piece) in pieces.enumerated() {
                    let w = DisplayWidth.of(piece)
                    if remaining <= w && (remaining < w || i == pieces.count - 1) {
                        row = i
                        break
                    }
                    remaining -= w
                    row = i + 1
                }
                cursorRow = rows.count + min(row, max(0, pieces.count - 1))
                cursorColumn = row < pieces.count ? remaining : DisplayWidth.of(pieces.last ?? "")
            }
            rows.append(contentsOf: pieces.isEmpty ? [""] : pieces)
        }
        if rows.isEmpty { rows = [""] }
    }
}

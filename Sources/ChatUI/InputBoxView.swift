import ChatConfig
import ChatModel
import ChatStore
import Foundation
import TerminalCanvas

/// The multi-line input box; returns where the caret is.
enum InputBoxView {
    /// Drafts at least this long mention the editor key in the footer.
    static let longDraft = 10_000

    static func render(
        _ state: AppState, _ rect: Rect, _ context: RenderContext, into buffer: inout Buffer
    ) -> Frame.Position? {
        let theme = context.theme
        let focused = state.focus == .input && state.overlay == nil
        let title = state.open == nil ? "New message" : "Message"
        let inner = Draw.box(
            &buffer, rect, title: title, style: theme.style(focused ? "ui.border.focused" : "ui.border"),
            titleStyle: theme.style("ui.title"), footer: footer(state, context),
            footerStyle: state.draftSaveFailure == nil ? nil : theme.style("ui.error"))
        guard !inner.isEmpty else { return nil }
        buffer.fill(inner, style: theme.style("ui.input"))
        if state.input.isEmpty {
            let send = KeyHints.first(.send, .input, context.keymap)
            let newline = KeyHints.first(.inputNewline, .input, context.keymap)
            let text = focused ? "Type a message · \(send) send · \(newline) new line" : "Tab here to write a message"
            buffer.write(text, x: inner.x, y: inner.y, style: theme.style("ui.input.placeholder"), maxX: inner.maxX)
            return focused ? Frame.Position(x: inner.x, y: inner.y) : nil
        }
        let layout = InputLayout(editor: state.input, width: inner.width, height: inner.height)
        for (row, text) in layout.rows.enumerated() {
            buffer.write(text, x: inner.x, y: inner.y + row, style: theme.style("ui.input"), maxX: inner.maxX)
        }
        return Frame.Position(
            x: inner.x + min(layout.cursorColumn, inner.width - 1), y: inner.y + layout.cursorRow)
    }

    /// "not saved: disk full" while a draft save fails; else the draft's length, and for a long
    /// draft the key that opens it in `$EDITOR`.
    static func footer(_ state: AppState, _ context: RenderContext) -> String? {
        if let failure = state.draftSaveFailure { return "not saved: \(failure)" }
        guard !state.input.isEmpty else { return nil }
        var footer = "\(state.input.count) chars · draft saved"
        if state.input.count >= longDraft, let key = context.keymap.keys(for: .openEditor, in: .input).first {
            footer += " · \(key) opens it in $EDITOR"
        }
        return footer
    }
}

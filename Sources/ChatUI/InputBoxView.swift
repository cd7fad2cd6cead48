import ChatConfig
import ChatModel
import ChatStore
import Foundation
import TerminalCanvas

/// The multi-line input box; returns where the caret is.
enum InputBoxView {
    /// Drafts at least this long mention the editor key in the footer.
    static let longDraft = 10_000

    /// Everything the input box draws from (besides the context): a frame draws it again only
    /// when this changed (``FrameRenderer``).
    struct Input: Equatable {
        /// Whether the box has the keys (its border is drawn focused, the caret shown).
        var focused: Bool
        /// Whether it writes a new chat's first message.
        var isNewChat: Bool
        /// Why the draft could not be saved, if it could not.
        var draftSaveFailure: String?
        /// The draft and its caret.
        var editor: TextEditor

        /// What `state` shows in the input box.
        init(_ state: AppState) {
            focused = state.focus == .input && state.overlay == nil
            isNewChat = state.open == nil
            draftSaveFailure = state.draftSaveFailure
            editor = state.input
        }
    }

    /// Draws the box inside `rect` only; returns where the caret is.
    static func render(
        _ input: Input, _ rect: Rect, _ context: RenderContext, into buffer: inout Buffer
    ) -> Frame.Position? {
        let theme = context.theme
        let focused = input.focused
        let title = input.isNewChat ? "New message" : "Message"
        let inner = Draw.box(
            &buffer, rect, title: title, style: theme.style(focused ? "ui.border.focused" : "ui.border"),
            titleStyle: theme.style("ui.title"), footer: footer(input, context),
            footerStyle: input.draftSaveFailure == nil ? nil : theme.style("ui.error"))
        guard !inner.isEmpty else { return nil }
        buffer.fill(inner, style: theme.style("ui.input"))
        if input.editor.isEmpty {
            let send = KeyHints.first(.send, .input, context.keymap)
            let newline = KeyHints.first(.inputNewline, .input, context.keymap)
            let text = focused ? "Type a message · \(send) send · \(newline) new line" : "Tab here to write a message"
            buffer.write(text, x: inner.x, y: inner.y, style: theme.style("ui.input.placeholder"), maxX: inner.maxX)
            return focused ? Frame.Position(x: inner.x, y: inner.y) : nil
        }
        let layout = InputLayout(editor: input.editor, width: inner.width, height: inner.height)
        for (row, text) in layout.rows.enumerated() {
            buffer.write(text, x: inner.x, y: inner.y + row, style: theme.style("ui.input"), maxX: inner.maxX)
        }
        return Frame.Position(
            x: inner.x + min(layout.cursorColumn, inner.width - 1), y: inner.y + layout.cursorRow)
    }

    /// "not saved: disk full" while a draft save fails; else the draft's length, and for a long
    /// draft the key that opens it in `$EDITOR`.
    static func footer(_ input: Input, _ context: RenderContext) -> String? {
        if let failure = input.draftSaveFailure { return "not saved: \(failure)" }
        guard !input.editor.isEmpty else { return nil }
        var footer = "\(input.editor.count) chars · draft saved"
        if input.editor.count >= longDraft, let key = context.keymap.keys(for: .openEditor, in: .input).first {
            footer += " · \(key) opens it in $EDITOR"
        }
        return footer
    }
}

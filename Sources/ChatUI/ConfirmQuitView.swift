import ChatConfig
import ChatStore
import TerminalCanvas

extension OverlayView {
    /// "Quit chatterm?" with y and n; when a draft could not be saved, it says so first, as
    /// quitting then loses that draft.
    static func renderConfirmQuit(
        _ draftSaveFailure: String?, _ screen: Rect, _ context: RenderContext, into buffer: inout Buffer
    ) {
        let theme = context.theme
        var lines = ["Quit chatterm?"]
        if let failure = draftSaveFailure {
            lines = ["Your draft is not saved (\(failure)).", "Quitting now loses it. Quit anyway?"]
        }
        let width = max(36, (lines.map { DisplayWidth.of($0) }.max() ?? 0) + 4)
        let rect = screen.centered(width: width, height: lines.count + 4)
        let inner = Draw.window(&buffer, rect, title: "Quit", theme: theme)
        for (row, line) in lines.enumerated() {
            let style = row == 0 && draftSaveFailure != nil ? theme.style("ui.error") : theme.style("ui.help")
            buffer.write(line, x: inner.x + 1, y: inner.y + row, style: style, maxX: inner.maxX)
        }
        let keys = inner.y + lines.count + 1
        buffer.write("y", x: inner.x + 1, y: keys, style: theme.style("ui.help.key"))
        buffer.write(" quit   ", x: inner.x + 2, y: keys, style: theme.style("ui.help"))
        buffer.write("n", x: inner.x + 10, y: keys, style: theme.style("ui.help.key"))
        buffer.write(" stay", x: inner.x + 11, y: keys, style: theme.style("ui.help"))
    }
}

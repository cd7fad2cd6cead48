import ChatConfig
import ChatRender
import ChatStore
import TerminalCanvas

/// The comparison window (`=`): two versions of a message over the whole window, each drawn
/// as the message pane draws it, side by side with a rule between them (stacked, the left one
/// on top, below ``ChatStore/CompareState/sideBySideWidth`` columns), scrolled together. The
/// words only the left version has are marked `ui.compare.removed`, the words only the right
/// one has `ui.compare.added`. It draws from the laid-out pair in the state: nothing is
/// compared here.
enum CompareView {
    /// The window: the whole screen above the status line and the footer.
    static func window(_ state: AppState) -> Rect {
        Rect(x: 0, y: 0, width: state.width, height: max(0, state.height - 2))
    }

    /// The title: which versions show and how many words differ.
    static func title(_ compare: CompareState) -> String {
        let count = compare.versions.count
        let pair = "Versions ‹\(compare.left + 1)/\(count)› and ‹\(compare.right + 1)/\(count)›"
        let layout = compare.layout
        guard layout.isMarked else { return pair + " · comparing the words…" }
        guard layout.removedWords > 0 || layout.addedWords > 0 else { return pair + " · the same words" }
        return pair + " · " + words(layout.removedWords) + " removed, " + words(layout.addedWords) + " added"
    }

    static func words(_ n: Int) -> String { n == 1 ? "1 word" : "\(n) words" }

    /// Draws the window, both sides and their marks.
    static func render(_ compare: CompareState, _ state: AppState, _ context: RenderContext, into buffer: inout Buffer)
    {
        let theme = context.theme
        let rect = window(state)
        let rows = CompareState.sideRows(screenWidth: state.width, screenHeight: state.height)
        let below = max(0, compare.layout.rowCount - (compare.scroll + rows))
        let inner = Draw.window(
            &buffer, rect, title: title(compare), theme: theme, footer: below > 0 ? "↓ \(below) more" : nil)
        guard !inner.isEmpty else { return }
        buffer.reset(inner, to: Screen.background(context))
        let (left, right) = sides(inner, stacked: CompareState.isStacked(screenWidth: state.width), rows: rows)
        let rule = theme.style("ui.border")
        if CompareState.isStacked(screenWidth: state.width) {
            for x in inner.x..<inner.maxX where left.maxY < inner.maxY {
                buffer.put("─", x: x, y: left.maxY, style: rule)
            }
        } else {
            for y in inner.y..<inner.maxY { buffer.put("│", x: left.maxX, y: y, style: rule) }
        }
        drawSide(
            compare.layout.old, in: left, from: compare.scroll, mark: theme.style("ui.compare.removed"), context,
            &buffer)
        drawSide(
            compare.layout.new, in: right, from: compare.scroll, mark: theme.style("ui.compare.added"), context, &buffer
        )
    }

    /// The two sides' rectangles inside the window: side by side with a column between them,
    /// or one above the other with a row between them.
    static func sides(_ inner: Rect, stacked: Bool, rows: Int) -> (Rect, Rect) {
        if stacked {
            let top = Rect(x: inner.x, y: inner.y, width: inner.width, height: min(rows, inner.height))
            let bottomY = top.maxY + 1
            return (
                top, Rect(x: inner.x, y: bottomY, width: inner.width, height: max(0, min(rows, inner.maxY - bottomY)))
            )
        }
        let width = max(1, (inner.width - 1) / 2)
        let left = Rect(x: inner.x, y: inner.y, width: width, height: inner.height)
        return (
            left, Rect(x: left.maxX + 1, y: inner.y, width: max(0, inner.maxX - left.maxX - 1), height: inner.height)
        )
    }

    /// One side's rows from `first`, each line as the pane draws it, then its marks.
    static func drawSide(
        _ side: CompareLayout.Side, in rect: Rect, from first: Int, mark: Style, _ context: RenderContext,
        _ buffer: inout Buffer
    ) {
        guard rect.width > 0 else { return }
        for row in 0..<rect.height {
            let index = first + row
            guard side.lines.indices.contains(index) else { break }
            let y = rect.y + row
            let shown = MessagePaneView.Row(line: side.lines[index], selected: false, live: false, stamp: nil)
            MessagePaneView.drawLine(shown, y: y, rect, focused: false, context, &buffer)
            for range in side.marks[index] {
                let x = rect.x + range.lowerBound
                let width = min(range.count, rect.maxX - x)
                guard width > 0 else { continue }
                buffer.restyle(Rect(x: x, y: y, width: width, height: 1)) { $0.overlaid(by: mark) }
            }
        }
    }
}

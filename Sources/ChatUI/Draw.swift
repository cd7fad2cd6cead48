import ChatConfig
import ChatModel
import ChatStore
import Foundation
import TerminalCanvas

/// Drawing helpers shared by the views.
enum Draw {
    /// A window over the panes: `rect` filled in the help style and boxed with the focused
    /// border and `title` (and `footer`); returns the inner rectangle.
    @discardableResult
    static func window(
        _ buffer: inout Buffer, _ rect: Rect, title: String, theme: Theme, footer: String? = nil
    ) -> Rect {
        buffer.fill(rect, style: theme.style("ui.help"))
        return box(
            &buffer, rect, title: title, style: theme.style("ui.border.focused"), titleStyle: theme.style("ui.title"),
            footer: footer)
    }

    /// Draws a box border with a title in the top edge and an optional footer in the bottom
    /// edge (in `footerStyle`, else the border's); returns the inner rectangle.
    @discardableResult
    static func box(
        _ buffer: inout Buffer, _ rect: Rect, title: String, style: Style, titleStyle: Style, footer: String? = nil,
        footerStyle: Style? = nil
    ) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return inside(rect) }
        let right = rect.maxX - 1
        let bottom = rect.maxY - 1
        buffer.put("┌", x: rect.x, y: rect.y, style: style)
        buffer.put("┐", x: right, y: rect.y, style: style)
        buffer.put("└", x: rect.x, y: bottom, style: style)
        buffer.put("┘", x: right, y: bottom, style: style)
        for x in (rect.x + 1)..<right {
            buffer.put("─", x: x, y: rect.y, style: style)
            buffer.put("─", x: x, y: bottom, style: style)
        }
        for y in (rect.y + 1)..<bottom {
            buffer.put("│", x: rect.x, y: y, style: style)
            buffer.put("│", x: right, y: y, style: style)
        }
        if !title.isEmpty, rect.width > 4 {
            let text = " " + DisplayWidth.truncate(TextSanitizer.cleanLine(title), to: rect.width - 4) + " "
            buffer.write(text, x: rect.x + 1, y: rect.y, style: titleStyle, maxX: right)
        }
        if let footer, !footer.isEmpty, rect.width > 4 {
            let text = " " + DisplayWidth.truncate(footer, to: rect.width - 4) + " "
            let w = DisplayWidth.of(text)
            buffer.write(text, x: max(rect.x + 1, right - w), y: bottom, style: footerStyle ?? style, maxX: right)
        }
        return rect.inset(by: 1)
    }

    /// The inside of a box drawn around `rect` (empty when `rect` is too small for a border).
    static func inside(_ rect: Rect) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        return rect.inset(by: 1)
    }

    /// Writes `left` and right-aligned `right` on one row of `rect`, filling the row with `style`.
    static func row(
        _ buffer: inout Buffer, _ rect: Rect, y: Int, left: String, right: String = "", style: Style,
        rightStyle: Style? = nil
    ) {
        buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: style)
        let rightWidth = DisplayWidth.of(right)
        let leftRoom = max(0, rect.width - (rightWidth > 0 ? rightWidth + 1 : 0))
        buffer.write(DisplayWidth.truncate(left, to: leftRoom), x: rect.x, y: y, style: style, maxX: rect.x + leftRoom)
        if rightWidth > 0, rightWidth < rect.width {
            buffer.write(right, x: rect.maxX - rightWidth, y: y, style: rightStyle ?? style, maxX: rect.maxX)
        }
    }
}

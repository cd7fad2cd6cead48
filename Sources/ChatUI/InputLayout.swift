import ChatStore
import TerminalCanvas

/// The rows of the input box: the draft cut into rows of a width, as many as the box shows,
/// with the caret on the last one unless the text starts above it.
///
/// Only the lines near the caret are cut, and of a long line only the stretch near the caret
/// (from a row boundary, counted in whole rows of `width` characters from the line's start),
/// so a frame costs the same whatever the draft's length.
struct InputLayout {
    /// The rows the box shows, top to bottom.
    private(set) var rows: [String] = []
    /// The caret's row in `rows`.
    private(set) var cursorRow = 0
    /// The caret's display column in its row.
    private(set) var cursorColumn = 0

    /// One row: where it starts and ends in the text (its newline excluded), and its text.
    private struct Row {
        var start: Int
        var end: Int
        var text: String
    }

    /// Lays out `editor` for a box `width` columns wide (one is kept free for the caret at a
    /// row's end) and `height` rows high.
    init(editor: TextEditor, width: Int, height: Int) {
        let width = max(1, width - 1)
        let height = max(1, height)
        let reach = width * (height + 1)
        let cursor = editor.cursor
        let line = editor.lineStart(of: cursor)..<editor.lineEnd(from: cursor)
        var all = Self.rows(of: editor, line, near: cursor, reach: reach, width: width)
        var caret = all.lastIndex { $0.start <= cursor } ?? 0
        // Lines above, until the caret can be the last row or the text starts.
        while caret < height - 1, let top = all.first, top.start > 0, editor.lineStart(of: top.start) == top.start {
            let above = editor.lineStart(of: top.start - 1)..<(top.start - 1)
            let rows = Self.rows(of: editor, above, near: above.upperBound, reach: reach, width: width)
            all.insert(contentsOf: rows, at: 0)
            caret += rows.count
        }
        let first = max(0, caret - height + 1)
        // Lines below, until the box is full or the text ends.
        while all.count - first < height, let bottom = all.last, bottom.end < editor.count,
            editor.lineEnd(from: bottom.end) == bottom.end
        {
            let start = bottom.end + 1
            let below = start..<editor.lineEnd(from: start)
            all.append(contentsOf: Self.rows(of: editor, below, near: start, reach: reach, width: width))
        }
        let shown = all[first..<min(all.count, first + height)]
        rows = shown.map(\.text)
        cursorRow = caret - first
        cursorColumn = editor.columns(from: all[caret].start, to: cursor)
    }

    /// The rows of `line` (a line's range, newline excluded) within `reach` characters of
    /// `near`, hard-wrapped at `width` columns: a character that does not fit starts a row.
    private static func rows(
        of editor: TextEditor, _ line: Range<Int>, near: Int, reach: Int, width: Int
    ) -> [Row] {
        let skipped = max(0, near - line.lowerBound - reach) / width * width
        let start = line.lowerBound + skipped
        let end = min(line.upperBound, max(near, start) + reach)
        let characters = editor.characters(in: start..<end)
        var rows: [Row] = []
        var text = ""
        var used = 0
        var rowStart = start
        for (i, character) in characters.enumerated() {
            let w = DisplayWidth.of(character)
            if used + w > width && used > 0 {
                rows.append(Row(start: rowStart, end: start + i, text: text))
                text = ""
                used = 0
                rowStart = start + i
            }
            text.append(character)
            used += w
        }
        rows.append(Row(start: rowStart, end: end, text: text))
        return rows
    }
}

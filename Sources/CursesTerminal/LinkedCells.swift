import TerminalCanvas

/// Linked cells written again after curses has updated the screen, wrapped in OSC 8.
///
/// ncurses knows nothing of hyperlinks, and a cell it draws (or draws through, to move the
/// cursor cheaply) loses the link the terminal had for it. So after every update, each row
/// curses may have touched (a row with a changed cell, and the cursor's row) has its linked
/// cells written once more: the cursor saved (DECSC, which also saves the colours and
/// attributes curses believes are set), then per run of cells with one link the cursor
/// moved there, OSC 8 opened, the same characters in the same colours and attributes, OSC 8
/// closed; finally the cursor restored (DECRC). The screen then looks exactly as curses
/// thinks it does, with links.
struct LinkedRun: Sendable, Hashable {
    /// Where the run starts.
    var x: Int
    var y: Int
    /// Its cells, left to right, without the continuation halves of wide cells.
    var cells: [Cell]
    /// The address.
    var link: Hyperlink
}

enum LinkedCells {
    /// The runs of cells with a link in `rows` of `buffer`, cut to the terminal's size. The
    /// bottom-right cell is left out: writing there could scroll the screen, which is why curses
    /// treats it specially too.
    static func runs(in buffer: Buffer, rows: some Sequence<Int>, width: Int, height: Int) -> [LinkedRun] {
        var out: [LinkedRun] = []
        let columns = min(width, buffer.width)
        for y in rows.sorted() where y >= 0 && y < min(height, buffer.height) {
            var current: LinkedRun?
            for x in 0..<columns {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                let fits = x + Int(cell.width) < columns || (x + Int(cell.width) == columns && y < height - 1)
                guard let link = cell.link, fits else {
                    if let run = current { out.append(run) }
                    current = nil
                    continue
                }
                if current?.link == link {
                    current?.cells.append(cell)
                } else {
                    if let run = current { out.append(run) }
                    current = LinkedRun(x: x, y: y, cells: [cell], link: link)
                }
            }
            if let run = current { out.append(run) }
        }
        return out
    }

    /// The bytes that write `runs` again as hyperlinks. `move` gives the sequence that puts the
    /// cursor at a column and row, `look` the one that sets a style (after a reset), `glyph` the
    /// characters curses drew for a cell; `save` and `restore` keep the cursor and attributes.
    static func sequence(
        _ runs: [LinkedRun], save: String, restore: String, move: (_ x: Int, _ y: Int) -> String,
        look: (Style) -> String, glyph: (Cell) -> String
    ) -> String {
        guard !runs.isEmpty else { return "" }
        var out = save
        for run in runs {
            out += move(run.x, run.y)
            out += run.link.opening
            var style: Style?
            for cell in run.cells {
                if cell.style != style {
                    out += look(cell.style)
                    style = cell.style
                }
                out += glyph(cell)
            }
            out += Hyperlink.closing
        }
        return out + restore
    }
}

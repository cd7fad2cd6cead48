import TerminalCanvas

/// A GFM table drawn with box characters: columns sized by display width (CJK and emoji
/// count two), cell text wrapped when the table is wider than the space, alignment from the
/// delimiter row.
enum TableLayout {
    static func lines(_ table: MarkdownTable, width: Int, slot: String) -> [[StyledRun]] {
        let columns = max(table.alignments.count, table.header.count, table.rows.map(\.count).max() ?? 0)
        guard columns > 0 else { return [] }
        let rows = ([table.header] + table.rows).map { row in
            (0..<columns).map { i in i < row.count ? BlockLayout.runs(row[i], slot: slot) : [] }
        }
        let headerRuns = rows[0].map { cell in
            cell.map { run in
                var bold = run
                bold.attributes.insert(.bold)
                return bold
            }
        }
        let allRows = [headerRuns] + rows.dropFirst()
        guard 3 * columns + 1 + 3 * columns <= width else {
            return stacked(allRows, width: width, slot: slot)
        }
        let widths = columnWidths(allRows, columns: columns, available: width)
        let border = "markup.table"
        func rule(_ left: String, _ mid: String, _ right: String) -> [StyledRun] {
            [
                StyledRun(
                    left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: mid) + right,
                    slot: border)
            ]
        }
        var out: [[StyledRun]] = [rule("┌", "┬", "┐")]
        for (r, row) in allRows.enumerated() {
            let wrapped = (0..<columns).map { StyledWrap.wrap(row[$0], width: widths[$0]) }
            let height = wrapped.map(\.count).max() ?? 1
            for lineIndex in 0..<height {
                var line = [StyledRun("│", slot: border)]
                for c in 0..<columns {
                    let content = lineIndex < wrapped[c].count ? wrapped[c][lineIndex] : []
                    let used = content.reduce(0) { $0 + DisplayWidth.of($1.text) }
                    let free = max(0, widths[c] - used)
                    let (left, right) = padding(
                        free, table.alignments.indices.contains(c) ? table.alignments[c] : .none)
                    line.append(StyledRun(" " + String(repeating: " ", count: left)))
                    line += content
                    line.append(StyledRun(String(repeating: " ", count: right) + " "))
                    line.append(StyledRun("│", slot: border))
                }
                out.append(line)
            }
            if r == 0 { out.append(rule("├", "┼", "┤")) }
        }
        out.append(rule("└", "┴", "┘"))
        return out
    }

    static func padding(_ free: Int, _ alignment: MarkdownTable.Alignment) -> (Int, Int) {
        switch alignment {
        case .right: (free, 0)
        case .center: (free / 2, free - free / 2)
        case .left, .none: (0, free)
        }
    }

    /// A table too wide for even three columns of text each: every row as `header: cell`
    /// lines, rows apart by a rule.
    static func stacked(_ rows: [[[StyledRun]]], width: Int, slot: String) -> [[StyledRun]] {
        var out: [[StyledRun]] = []
        for (r, row) in rows.enumerated().dropFirst() {
            if r > 1 { out.append([StyledRun(String(repeating: "─", count: width), slot: "markup.table")]) }
            for (c, cell) in row.enumerated() {
                let label = c < rows[0].count ? rows[0][c] + [StyledRun(": ", attributes: .bold)] : []
                out += StyledWrap.wrap(label + cell, width: width)
            }
        }
        return out
    }

    /// Each column as wide as its widest cell, then, while the table with its borders and
    /// padding is wider than `available`: the column with the most room above its longest
    /// word narrows first (words stay whole), then the widest column (no column below 3).
    static func columnWidths(_ rows: [[[StyledRun]]], columns: Int, available: Int) -> [Int] {
        func widthOf(_ cell: [StyledRun]) -> Int { cell.reduce(0) { $0 + DisplayWidth.of($1.text) } }
        var widths = (0..<columns).map { c in max(1, rows.map { widthOf($0[c]) }.max() ?? 0) }
        let longestWord = (0..<columns).map { c in
            rows.flatMap { row in row[c].map(\.text).joined().split(separator: " ").map { DisplayWidth.of($0) } }.max()
                ?? 1
        }
        var total = widths.reduce(0, +) + 3 * columns + 1
        while total > available {
            let slack = widths.indices.map { widths[$0] - max(3, longestWord[$0]) }
            if let roomy = slack.indices.max(by: { slack[$0] < slack[$1] }), slack[roomy] > 0 {
                widths[roomy] -= 1
            } else if let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 3 {
                widths[widest] -= 1
            } else {
                break
            }
            total -= 1
        }
        return widths
    }
}

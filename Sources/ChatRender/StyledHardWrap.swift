import TerminalCanvas

extension StyledWrap {
    /// Code's hard wrap over styled runs: a line breaks after `width` columns wherever that
    /// falls, never re-flowed, exactly where ``TextWrap/hardWrap(_:width:)`` breaks its text; each
    /// piece keeps its runs' slots. `runs` hold one line (no newline).
    static func hardWrap(_ runs: [StyledRun], width: Int) -> [[StyledRun]] {
        guard runs.reduce(0, { $0 + $1.text.utf8.count }) > width, width > 0 else { return [runs] }
        var lines: [[StyledRun]] = []
        var current: [StyledRun] = []
        var used = 0
        for run in runs {
            var piece = ""
            for character in run.text {
                let w = DisplayWidth.of(character)
                if used + w > width && used > 0 {
                    if !piece.isEmpty { current.append(StyledRun(piece, slot: run.slot, attributes: run.attributes)) }
                    piece = ""
                    lines.append(current)
                    current = []
                    used = 0
                }
                piece.append(character)
                used += w
            }
            if !piece.isEmpty { current.append(StyledRun(piece, slot: run.slot, attributes: run.attributes)) }
        }
        lines.append(current)
        return lines
    }
}

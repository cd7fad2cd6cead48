import TerminalCanvas

/// Word wrap over styled runs: breaks at spaces and between wide (CJK) characters, inside a
/// word only when the word alone is wider than the line; spaces at a break are dropped;
/// `\n` in a run starts a new line (a hard break). Widths come from ``DisplayWidth``.
enum StyledWrap {
    /// `runs` wrapped to `width` columns (at least one line, possibly empty).
    static func wrap(_ runs: [StyledRun], width: Int) -> [[StyledRun]] {
        var filler = Filler(width: max(1, width))
        for run in runs {
            for character in run.text {
                if character == "\n" {
                    filler.endWord()
                    filler.breakLine(force: true)
                } else if character == " " {
                    filler.endWord()
                    filler.pendingSpace = run
                } else {
                    let w = DisplayWidth.of(character)
                    if w > 1 { filler.endWord() }
                    filler.addToWord(character, width: w, style: run)
                    if w > 1 { filler.endWord() }
                }
            }
        }
        filler.endWord()
        filler.breakLine(force: false)
        return filler.lines
    }

    private struct Filler {
        let width: Int
        var lines: [[StyledRun]] = []
        var line: [StyledRun] = []
        var used = 0
        var word: [StyledRun] = []
        var wordWidth = 0
        /// A space seen since the last word (its style), placed only before a following word on the same line.
        var pendingSpace: StyledRun?

        init(width: Int) { self.width = width }

        mutating func addToWord(_ character: Character, width w: Int, style: StyledRun) {
            if let last = word.last, last.slot == style.slot, last.attributes == style.attributes {
                word[word.count - 1].text.append(character)
            } else {
                word.append(StyledRun(String(character), slot: style.slot, attributes: style.attributes))
            }
            wordWidth += w
        }

        mutating func endWord() {
            guard !word.isEmpty else { return }
            let space = (pendingSpace != nil && !line.isEmpty) ? 1 : 0
            if used + space + wordWidth <= width {
                if space == 1, let s = pendingSpace { append(StyledRun(" ", slot: s.slot, attributes: s.attributes)) }
            } else if !line.isEmpty {
                breakLine(force: true)
            }
            pendingSpace = nil
            if wordWidth <= width - used {
                for piece in word { append(piece) }
            } else {
                // Wider than a line: cut between characters.
                for piece in word {
                    for character in piece.text {
                        let w = DisplayWidth.of(character)
                        if used + w > width && used > 0 { breakLine(force: true) }
                        append(StyledRun(String(character), slot: piece.slot, attributes: piece.attributes))
                    }
                }
            }
            word = []
            wordWidth = 0
        }

        mutating func append(_ run: StyledRun) {
            used += DisplayWidth.of(run.text)
            if let last = line.last, last.slot == run.slot, last.attributes == run.attributes {
                line[line.count - 1].text += run.text
            } else {
                line.append(run)
            }
        }

        /// Ends the current line; at the very end (`force` false) only when it holds something
        /// or nothing was written yet.
        mutating func breakLine(force: Bool) {
            if force || !line.isEmpty || lines.isEmpty {
                lines.append(line)
            }
            line = []
            used = 0
            pendingSpace = nil
        }
    }
}

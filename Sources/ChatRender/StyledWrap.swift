import TerminalCanvas

/// Word wrap over styled runs: breaks at spaces and between wide (CJK) characters, inside a
/// word only when the word alone is wider than the line; spaces at a break are dropped;
/// `\n` in a run starts a new line (a hard break). Widths come from ``DisplayWidth``.
enum StyledWrap {
    /// `runs` wrapped to `width` columns (at least one line, possibly empty).
    static func wrap(_ runs: [StyledRun], width: Int) -> [[StyledRun]] {
        var filler = Filler(width: max(1, width))
        for run in runs {
            if run.text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7f) || $0 == 0x0a }) {
                wrapASCII(run, into: &filler)
                continue
            }
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

    /// The same for printable ASCII, by bytes: a word is a run of non-spaces and its width is
    /// its length (the common case, without grapheme breaking or width lookups).
    private static func wrapASCII(_ run: StyledRun, into filler: inout Filler) {
        let bytes = run.text.utf8
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0a {
                filler.endWord()
                filler.breakLine(force: true)
                index = bytes.index(after: index)
            } else if byte == 0x20 {
                filler.endWord()
                filler.pendingSpace = run
                index = bytes.index(after: index)
            } else {
                var end = index
                var count = 0
                while end < bytes.endIndex, bytes[end] != 0x20, bytes[end] != 0x0a {
                    end = bytes.index(after: end)
                    count += 1
                }
                filler.addToWord(Substring(run.text[index..<end]), width: count, style: run)
                index = end
            }
        }
    }

    private struct Filler {
        let width: Int
        var lines: [[StyledRun]] = []
        var line: [StyledRun] = []
        var used = 0
        /// The word being read: its pieces (one per style) with their widths.
        var word: [(run: StyledRun, width: Int)] = []
        var wordWidth = 0
        /// A space seen since the last word (its style), placed only before a following word on the same line.
        var pendingSpace: StyledRun?

        init(width: Int) { self.width = width }

        mutating func addToWord(_ character: Character, width w: Int, style: StyledRun) {
            addToWord(Substring(String(character)), width: w, style: style)
        }

        mutating func addToWord(_ piece: Substring, width w: Int, style: StyledRun) {
            if let last = word.last, last.run.hasSameLook(as: style) {
                word[word.count - 1].run.text += piece
                word[word.count - 1].width += w
            } else {
                word.append(
                    (StyledRun(String(piece), slot: style.slot, attributes: style.attributes, link: style.link), w))
            }
            wordWidth += w
        }

        mutating func endWord() {
            guard !word.isEmpty else { return }
            let space = (pendingSpace != nil && !line.isEmpty) ? 1 : 0
            if used + space + wordWidth <= width {
                if space == 1, let s = pendingSpace {
                    append(StyledRun(" ", slot: s.slot, attributes: s.attributes, link: s.link), width: 1)
                }
            } else if !line.isEmpty {
                breakLine(force: true)
            }
            pendingSpace = nil
            if wordWidth <= width - used {
                for piece in word { append(piece.run, width: piece.width) }
            } else {
                // Wider than a line: cut between characters.
                for piece in word {
                    for character in piece.run.text {
                        let w = DisplayWidth.of(character)
                        if used + w > width && used > 0 { breakLine(force: true) }
                        append(
                            StyledRun(
                                String(character), slot: piece.run.slot, attributes: piece.run.attributes,
                                link: piece.run.link),
                            width: w)
                    }
                }
            }
            word.removeAll(keepingCapacity: true)
            wordWidth = 0
        }

        mutating func append(_ run: StyledRun, width w: Int) {
            used += w
            if let last = line.last, last.hasSameLook(as: run) {
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

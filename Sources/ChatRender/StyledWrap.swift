import TerminalCanvas

/// Word wrap over styled runs: breaks at spaces and between wide (CJK) characters, inside a
/// word only when the word alone is wider than the line; spaces at a break are dropped;
/// `\n` in a run starts a new line (a hard break). Widths come from ``DisplayWidth``.
enum StyledWrap {
    /// `runs` wrapped to `width` columns (at least one line, possibly empty).
    static func wrap(_ runs: [StyledRun], width: Int) -> [[StyledRun]] {
        var memo: WrapMemo?
        return wrap(runs, width: width, memo: &memo)
    }

    /// `runs` wrapped to `width` columns, resuming from `memo` (the last wrap of the same
    /// paragraph, or nil) where the runs still begin the same way: only the lines from the last
    /// one whose break is settled by text both share are wrapped again, so a streaming
    /// paragraph costs what its new end costs, not its length. The result is always what
    /// ``wrap(_:width:)`` gives; `memo` becomes this wrap's.
    static func wrap(_ runs: [StyledRun], width: Int, memo: inout WrapMemo?) -> [[StyledRun]] {
        var filler = Filler(width: max(1, width))
        var start = WrapPosition(run: 0, offset: 0)
        if let kept = memo, kept.width == filler.width, let resume = kept.resumePoint(for: runs) {
            filler.lines = Array(kept.lines[..<resume.line])
            filler.checkpoints = kept.checkpoints.prefix { $0.line <= resume.line }
            start = resume.restart
        }
        for index in start.run..<runs.count {
            let run = runs[index]
            let offset = index == start.run ? start.offset : 0
            let text =
                offset == 0
                ? Substring(run.text) : run.text[run.text.utf8.index(run.text.startIndex, offsetBy: offset)...]
            filler.run = index
            if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7f) || $0 == 0x0a }) {
                wrapASCII(text, from: offset, style: run, into: &filler)
            } else {
                wrapGraphemes(text, from: offset, style: run, into: &filler)
            }
        }
        filler.at(WrapPosition(run: runs.count, offset: 0), after: WrapPosition(run: runs.count, offset: 0))
        filler.endWord()
        filler.breakLine(force: false)
        memo = WrapMemo(width: filler.width, runs: runs, lines: filler.lines, checkpoints: filler.checkpoints)
        return filler.lines
    }

    /// Any text, a grapheme at a time.
    private static func wrapGraphemes(
        _ text: Substring, from offset: Int, style run: StyledRun, into filler: inout Filler
    ) {
        var offset = offset
        for character in text {
            let next = offset + character.utf8.count
            filler.at(offset, after: next)
            if character == "\n" {
                filler.endWord()
                filler.breakLine(force: true)
                filler.markHardBreak()
            } else if character == " " {
                filler.endWord()
                filler.pendingSpace = run
            } else {
                let w = DisplayWidth.of(character)
                if w > 1 { filler.endWord() }
                filler.addToWord(Substring(String(character)), width: w, style: run)
                if w > 1 { filler.endWord() }
            }
            offset = next
        }
    }

    /// The same for printable ASCII, by bytes: a word is a run of non-spaces and its width is
    /// its length (the common case, without grapheme breaking or width lookups).
    private static func wrapASCII(_ text: Substring, from offset: Int, style run: StyledRun, into filler: inout Filler)
    {
        let bytes = text.utf8
        var index = bytes.startIndex
        var offset = offset
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0a || byte == 0x20 {
                filler.at(offset, after: offset + 1)
                filler.endWord()
                if byte == 0x0a {
                    filler.breakLine(force: true)
                    filler.markHardBreak()
                } else {
                    filler.pendingSpace = run
                }
                index = bytes.index(after: index)
                offset += 1
            } else {
                var end = index
                var count = 0
                while end < bytes.endIndex, bytes[end] != 0x20, bytes[end] != 0x0a {
                    end = bytes.index(after: end)
                    count += 1
                }
                filler.at(offset, after: offset + count)
                filler.addToWord(text[index..<end], width: count, style: run)
                index = end
                offset += count
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

        /// Where reading is: the run, the start of the text being read and the end of it.
        var run = 0
        var position = WrapPosition(run: 0, offset: 0)
        var after = WrapPosition(run: 0, offset: 0)
        /// Where the word being read starts.
        var wordStart = WrapPosition(run: 0, offset: 0)
        /// The lines begun by a word or after a hard break, to resume from.
        var checkpoints: [WrapCheckpoint] = []

        init(width: Int) { self.width = width }

        mutating func at(_ offset: Int, after end: Int) {
            at(WrapPosition(run: run, offset: offset), after: WrapPosition(run: run, offset: end))
        }

        mutating func at(_ start: WrapPosition, after end: WrapPosition) {
            position = start
            after = end
        }

        mutating func addToWord(_ piece: Substring, width w: Int, style: StyledRun) {
            if word.isEmpty { wordStart = position }
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
                // The new line starts with this word; the break was settled by the text up to
                // the end of what is being read (the word's end is known only there).
                checkpoints.append(WrapCheckpoint(line: lines.count, restart: wordStart, settledBy: after))
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

        /// After a `\n`: the next line starts right after it, whatever follows.
        mutating func markHardBreak() {
            checkpoints.append(WrapCheckpoint(line: lines.count, restart: after, settledBy: after))
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

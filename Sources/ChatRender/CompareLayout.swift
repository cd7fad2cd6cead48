import ChatModel
import TerminalCanvas

/// Two versions of a message laid out as the message pane lays each out (``PaneLayout``), with
/// the words that differ marked: on the old side the words the new one dropped, on the new side
/// the words it added (``WordDiff``, over the text each side shows, so a mark falls on what is
/// drawn). Built once per pair and width; drawing reads it.
public struct CompareLayout: Sendable, Equatable {
    /// One version: its lines and, for each line, the columns to mark.
    public struct Side: Sendable, Equatable {
        /// The lines, as the pane shows them (header with `‹i/n›`, body, trailer).
        public var lines: [PaneLine]
        /// For each line, the column ranges of its text that differ (empty for most).
        public var marks: [[Range<Int>]]
    }

    /// The old version (its removed words marked).
    public let old: Side
    /// The new version (its added words marked).
    public let new: Side
    /// Words only in the old version.
    public let removedWords: Int
    /// Words only in the new version.
    public let addedWords: Int
    /// The width each side was laid out for.
    public let width: Int

    /// Lays out `old` and `new` `width` columns wide each and marks what differs.
    public init(old: Turn, new: Turn, width: Int) {
        self.width = max(1, width)
        let oldLines = PaneLayout(turns: [old], width: self.width).lines
        let newLines = PaneLayout(turns: [new], width: self.width).lines
        let oldText = Self.comparedText(oldLines)
        let newText = Self.comparedText(newLines)
        let diff = WordDiff(old: oldText.text, new: newText.text)
        self.old = Side(lines: oldLines, marks: Self.marks(diff.removed, in: oldText, lineCount: oldLines.count))
        self.new = Side(lines: newLines, marks: Self.marks(diff.added, in: newText, lineCount: newLines.count))
        let counts = diff.counts
        removedWords = counts.removed
        addedWords = counts.added
    }

    /// Rows the taller side takes.
    public var rowCount: Int { max(old.lines.count, new.lines.count) }

    /// The text a side's lines show, one line each, and where each compared line starts in it.
    struct ComparedText {
        var text = ""
        /// UTF-8 offset of each compared line in `text`, and the line's index.
        var starts: [(offset: Int, line: Int)] = []
    }

    /// Whether a line's words are compared: not the header (its `‹i/n›` always differs), a
    /// blank line or an image's preview.
    static func isCompared(_ line: PaneLine) -> Bool {
        switch line.kind {
        case .header, .blank, .preview: false
        default: true
        }
    }

    static func comparedText(_ lines: [PaneLine]) -> ComparedText {
        var compared = ComparedText()
        var offset = 0
        for (index, line) in lines.enumerated() where isCompared(line) {
            if !compared.starts.isEmpty {
                compared.text += "\n"
                offset += 1
            }
            compared.starts.append((offset, index))
            compared.text += line.text
            offset += line.text.utf8.count
        }
        return compared
    }

    /// The byte ranges as column ranges of each line, cut at line ends, without the spaces at
    /// either end of a piece.
    static func marks(_ ranges: [Range<Int>], in compared: ComparedText, lineCount: Int) -> [[Range<Int>]] {
        var marks = [[Range<Int>]](repeating: [], count: lineCount)
        guard !ranges.isEmpty else { return marks }
        let bytes = Array(compared.text.utf8)
        for range in ranges {
            // The compared line holding the range's start (the last that starts at or before it).
            var slot = lastStart(atOrBefore: range.lowerBound, in: compared.starts)
            while slot < compared.starts.count {
                let start = compared.starts[slot].offset
                guard start < range.upperBound else { break }
                let end = slot + 1 < compared.starts.count ? compared.starts[slot + 1].offset - 1 : bytes.count
                var low = max(range.lowerBound, start)
                var high = min(range.upperBound, end)
                while low < high, bytes[low] == 0x20 { low += 1 }
                while high > low, bytes[high - 1] == 0x20 { high -= 1 }
                if low < high {
                    let column = DisplayWidth.of(String(decoding: bytes[start..<low], as: UTF8.self))
                    let width = DisplayWidth.of(String(decoding: bytes[low..<high], as: UTF8.self))
                    marks[compared.starts[slot].line].append(column..<column + width)
                }
                slot += 1
            }
        }
        return marks
    }

    /// The index of the last start at or before `offset` (0 when none is).
    static func lastStart(atOrBefore offset: Int, in starts: [(offset: Int, line: Int)]) -> Int {
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle].offset <= offset { low = middle + 1 } else { high = middle }
        }
        return max(0, low - 1)
    }
}

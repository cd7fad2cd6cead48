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
    /// Words only in the old version (0 until ``isMarked``).
    public let removedWords: Int
    /// Words only in the new version (0 until ``isMarked``).
    public let addedWords: Int
    /// The width each side was laid out for.
    public let width: Int
    /// Whether the words were compared and the marks placed; a layout from ``unmarked(old:new:width:)``
    /// is not until ``marked()`` compares them.
    public let isMarked: Bool

    /// Lays out `old` and `new` `width` columns wide each and marks what differs.
    public init(old: Turn, new: Turn, width: Int) {
        self = Self.unmarked(old: old, new: new, width: width).marked()
    }

    private init(old: Side, new: Side, removedWords: Int, addedWords: Int, width: Int, isMarked: Bool) {
        self.old = old
        self.new = new
        self.removedWords = removedWords
        self.addedWords = addedWords
        self.width = width
        self.isMarked = isMarked
    }

    /// `old` and `new` laid out `width` columns wide each, nothing marked yet: what a window
    /// draws at once while ``marked()`` compares the words off the draw path.
    public static func unmarked(old: Turn, new: Turn, width: Int) -> CompareLayout {
        let width = max(1, width)
        // Both answers rendered at once, one a core, before each side is laid out alone.
        let markdown = [old, new].filter(PaneLayout.isMarkdown).map(\.text)
        MessageRenderCache.shared.prepare(markdown, width: max(1, width - PaneLayout.indent))
        let oldLines = PaneLayout(turns: [old], width: width).lines
        let newLines = PaneLayout(turns: [new], width: width).lines
        return CompareLayout(
            old: Side(lines: oldLines, marks: Array(repeating: [], count: oldLines.count)),
            new: Side(lines: newLines, marks: Array(repeating: [], count: newLines.count)), removedWords: 0,
            addedWords: 0, width: width, isMarked: false)
    }

    /// The same sides with the words that differ compared and marked (itself when they are).
    public func marked() -> CompareLayout {
        guard !isMarked else { return self }
        let oldText = Self.comparedText(old.lines)
        let newText = Self.comparedText(new.lines)
        let diff = WordDiff(old: oldText.text, new: newText.text)
        let counts = diff.counts
        return CompareLayout(
            old: Side(lines: old.lines, marks: Self.marks(diff.removed, in: oldText, lineCount: old.lines.count)),
            new: Side(lines: new.lines, marks: Self.marks(diff.added, in: newText, lineCount: new.lines.count)),
            removedWords: counts.removed, addedWords: counts.added, width: width, isMarked: true)
    }

    /// Whether `other` lays out the same two sides at the same width (marked or not): a
    /// comparison finished off the draw path still belongs to the window showing this.
    public func hasSameSides(as other: CompareLayout) -> Bool {
        width == other.width && old.lines == other.old.lines && new.lines == other.new.lines
    }

    /// UTF-8 bytes of text the two sides show, which is what comparing them costs.
    public var comparedBytes: Int {
        (old.lines + new.lines).reduce(0) { $0 + (Self.isCompared($1) ? $1.text.utf8.count : 0) }
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

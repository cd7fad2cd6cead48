/// What changed between two texts, word by word (``WordTokens``): the words the new text
/// dropped and the ones it added, found as the longest common subsequence of the two texts'
/// words (``MyersDiff``). Whitespace is never compared: text that differs only in spaces or line
/// breaks is equal. Built once; a view reads its ranges, a script its ``segments``.
public struct WordDiff: Sendable, Equatable {
    /// Whether a piece of text is in both texts, only the old or only the new.
    public enum Change: Sendable, Hashable {
        case equal, removed, added
    }

    /// A stretch of the unified diff: text and which side it comes from.
    public struct Segment: Sendable, Hashable {
        /// Which side the text is from.
        public var change: Change
        /// The text, whitespace included.
        public var text: String

        /// Creates a segment.
        public init(_ change: Change, _ text: String) {
            self.change = change
            self.text = text
        }
    }

    /// One place the texts differ: old words `old` replaced by new words `new` (either may be
    /// empty), as word indices.
    struct Hunk: Sendable, Equatable {
        var old: Range<Int>
        var new: Range<Int>
    }

    /// The old text's words.
    let oldWords: WordTokens
    /// The new text's words.
    let newWords: WordTokens
    /// Where they differ, in order.
    let hunks: [Hunk]
    /// The old text's UTF-8 bytes.
    private let oldBytes: [UInt8]
    /// The new text's UTF-8 bytes.
    private let newBytes: [UInt8]

    /// Compares `old` with `new`.
    public init(old: String, new: String) {
        let oldBytes = Array(old.utf8)
        let newBytes = Array(new.utf8)
        let oldWords = WordTokens(old)
        let newWords = WordTokens(new)
        var numbers: [ArraySlice<UInt8>: Int32] = [:]
        func number(_ bytes: [UInt8], _ words: WordTokens) -> [Int32] {
            words.ranges.map { range in
                let key = bytes[range]
                if let known = numbers[key] { return known }
                let next = Int32(numbers.count)
                numbers[key] = next
                return next
            }
        }
        let matched = MyersDiff.matches(number(oldBytes, oldWords), number(newBytes, newWords))
        var hunks: [Hunk] = []
        var i = 0
        var j = 0
        for (oldIndex, newIndex) in matched.enumerated() where newIndex >= 0 {
            if i < oldIndex || j < newIndex { hunks.append(Hunk(old: i..<oldIndex, new: j..<newIndex)) }
            i = oldIndex + 1
            j = newIndex + 1
        }
        if i < oldWords.ranges.count || j < newWords.ranges.count {
            hunks.append(Hunk(old: i..<oldWords.ranges.count, new: j..<newWords.ranges.count))
        }
        self.oldBytes = oldBytes
        self.newBytes = newBytes
        self.oldWords = oldWords
        self.newWords = newWords
        self.hunks = hunks
    }

    /// Whether the texts have the same words.
    public var isEqual: Bool { hunks.isEmpty }

    /// The old text's removed stretches, as UTF-8 byte ranges: from a hunk's first removed word
    /// to its last, the whitespace between them included.
    public var removed: [Range<Int>] {
        hunks.compactMap { Self.span($0.old, in: oldWords) }
    }

    /// The new text's added stretches, as UTF-8 byte ranges (as ``removed``).
    public var added: [Range<Int>] {
        hunks.compactMap { Self.span($0.new, in: newWords) }
    }

    /// Words removed and words added, in all.
    public var counts: (removed: Int, added: Int) {
        hunks.reduce((0, 0)) { ($0.0 + $1.old.count, $0.1 + $1.new.count) }
    }

    /// The unified word diff, as `git diff --word-diff` reads it: the new text's words and
    /// whitespace, with each hunk's old words (removed) before its new words (added). Adjacent
    /// segments of one kind are joined.
    public var segments: [Segment] {
        var out: [Segment] = []
        func emit(_ change: Change, _ bytes: ArraySlice<UInt8>) {
            guard !bytes.isEmpty else { return }
            let text = String(decoding: bytes, as: UTF8.self)
            if let last = out.last, last.change == change {
                out[out.count - 1].text += text
            } else {
                out.append(Segment(change, text))
            }
        }
        var position = 0
        for hunk in hunks {
            guard let added = Self.span(hunk.new, in: newWords) else {
                // Words only removed: they stand where they stood, after their own spacing.
                let removed = Self.span(hunk.old, in: oldWords) ?? 0..<0
                let previous = hunk.new.lowerBound - 1
                if previous >= 0 {
                    let end = max(position, newWords.ranges[previous].upperBound)
                    emit(.equal, newBytes[position..<end])
                    position = end
                    let before = hunk.old.lowerBound > 0 ? oldWords.ranges[hunk.old.lowerBound - 1].upperBound : 0
                    emit(.equal, oldBytes[before..<removed.lowerBound])
                    emit(.removed, oldBytes[removed])
                } else {
                    // At the start: the new text's leading spacing, the words, then the old
                    // spacing after them, so they stay apart from the next word.
                    let first = newWords.ranges.first?.lowerBound ?? newBytes.count
                    emit(.equal, newBytes[position..<first])
                    position = first
                    emit(.removed, oldBytes[removed])
                    let next =
                        oldWords.ranges.indices.contains(hunk.old.upperBound)
                        ? oldWords.ranges[hunk.old.upperBound].lowerBound : removed.upperBound
                    emit(.equal, oldBytes[removed.upperBound..<next])
                }
                continue
            }
            // The equal words before the hunk and its spacing, as the new text has them.
            emit(.equal, newBytes[position..<added.lowerBound])
            if let removed = Self.span(hunk.old, in: oldWords) { emit(.removed, oldBytes[removed]) }
            emit(.added, newBytes[added])
            position = added.upperBound
        }
        emit(.equal, newBytes[position...])
        return out
    }

    /// The unified word diff as `git diff --word-diff=plain` writes it: removed text in
    /// `[-…-]`, added text in `{+…+}`, the rest as it is.
    public var plain: String {
        segments.map { segment in
            switch segment.change {
            case .equal: segment.text
            case .removed: "[-" + segment.text + "-]"
            case .added: "{+" + segment.text + "+}"
            }
        }.joined()
    }

    /// The byte range from the first to the last word of `words`, nil when there are none.
    static func span(_ words: Range<Int>, in tokens: WordTokens) -> Range<Int>? {
        guard let first = words.first, let last = words.last else { return nil }
        return tokens.ranges[first].lowerBound..<tokens.ranges[last].upperBound
    }
}

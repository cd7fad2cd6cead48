/// A text cut into the pieces a word diff compares: words (letters, digits and `_`), each CJK
/// character (Han, kana, Hangul, full-width forms) and each other character (punctuation, a
/// symbol, an emoji) on its own; whitespace only separates them and is never compared.
public struct WordTokens: Sendable, Equatable {
    /// The pieces in order, as UTF-8 byte ranges of the text.
    public let ranges: [Range<Int>]

    /// Cuts `text` into pieces.
    public init(_ text: String) {
        var ranges: [Range<Int>] = []
        var offset = 0
        var wordStart: Int?
        for character in text {
            let length = character.utf8.count
            defer { offset += length }
            switch Self.kind(of: character) {
            case .word:
                if wordStart == nil { wordStart = offset }
            case .space:
                if let start = wordStart { ranges.append(start..<offset) }
                wordStart = nil
            case .single:
                if let start = wordStart { ranges.append(start..<offset) }
                wordStart = nil
                ranges.append(offset..<offset + length)
            }
        }
        if let start = wordStart { ranges.append(start..<offset) }
        self.ranges = ranges
    }

    /// How a character takes part in a piece.
    enum Kind {
        /// Part of a word.
        case word
        /// Whitespace: between pieces.
        case space
        /// A piece by itself.
        case single
    }

    static func kind(of character: Character) -> Kind {
        if character.isWhitespace { return .space }
        if let first = character.unicodeScalars.first, TokenEstimate.isWide(first.value) { return .single }
        if character.isLetter || character.isNumber || character == "_" { return .word }
        return .single
    }
}

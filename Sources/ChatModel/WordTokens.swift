/// A text cut into the pieces a word diff compares: words (letters, digits and `_`), each CJK
/// character (Han, kana, Hangul, full-width forms) and each other character (punctuation, a
/// symbol, an emoji) on its own; whitespace only separates them and is never compared.
public struct WordTokens: Sendable, Equatable {
    /// The pieces in order, as UTF-8 byte ranges of the text.
    public let ranges: [Range<Int>]

    /// Cuts `text` into pieces, a Unicode scalar at a time (ASCII without a table lookup);
    /// combining marks, variation selectors, skin tones and what a zero-width joiner joins
    /// stay with the piece before them.
    public init(_ text: String) {
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(text.utf8.count / 5)
        var offset = 0
        var wordStart = -1
        var joinNext = false
        for scalar in text.unicodeScalars {
            let length = UTF8.width(scalar)
            defer { offset += length }
            var kind = Self.kind(of: scalar)
            if joinNext {
                joinNext = false
                if kind != .space { kind = .joining }
            }
            switch kind {
            case .word:
                if wordStart < 0 { wordStart = offset }
            case .space:
                if wordStart >= 0 { ranges.append(wordStart..<offset) }
                wordStart = -1
            case .single:
                if wordStart >= 0 { ranges.append(wordStart..<offset) }
                wordStart = -1
                ranges.append(offset..<offset + length)
            case .joining:
                joinNext = scalar.value == 0x200D
                if wordStart >= 0 { continue }
                if let last = ranges.last, last.upperBound == offset {
                    ranges[ranges.count - 1] = last.lowerBound..<offset + length
                } else {
                    ranges.append(offset..<offset + length)
                }
            }
        }
        if wordStart >= 0 { ranges.append(wordStart..<offset) }
        self.ranges = ranges
    }

    /// How a scalar takes part in a piece.
    enum Kind {
        /// Part of a word.
        case word
        /// Whitespace: between pieces.
        case space
        /// A piece by itself.
        case single
        /// Part of the piece before it (a combining mark, a joiner, a variation selector).
        case joining
    }

    static func kind(of scalar: Unicode.Scalar) -> Kind {
        let v = scalar.value
        if v < 0x80 {
            switch v {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F: return .word
            case 0x09...0x0D, 0x20: return .space
            default: return .single
            }
        }
        let properties = scalar.properties
        if properties.isWhitespace { return .space }
        switch v {
        case 0x200D, 0xFE00...0xFE0F, 0x1F3FB...0x1F3FF, 0xE0020...0xE007F, 0xE0100...0xE01EF: return .joining
        default: break
        }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .joining
        default: break
        }
        if TokenEstimate.isWide(v) { return .single }
        if properties.isAlphabetic || properties.numericType != nil { return .word }
        return .single
    }
}

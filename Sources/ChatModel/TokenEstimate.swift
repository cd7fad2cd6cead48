/// A guess at how many tokens a text is, for a speed figure when the service reports no usage:
/// a CJK character (Han, kana, Hangul, their punctuation and full-width forms) or an emoji is
/// about one token, other text about four characters a token.
public enum TokenEstimate {
    /// The estimated tokens of `text` (fractional: pieces of a stream add up).
    public static func tokens(in text: some StringProtocol) -> Double {
        var wide = 0
        var other = 0
        for scalar in text.unicodeScalars {
            if isWide(scalar.value) { wide += 1 } else { other += 1 }
        }
        return Double(wide) + Double(other) / 4
    }

    /// Whether a scalar is from a script whose characters are about a token each.
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x11FF,  // Hangul Jamo
            0x2E80...0x303F,  // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
            0x3040...0x31FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK strokes
            0x3200...0x4DBF,  // enclosed CJK, compatibility, CJK extension A
            0x4E00...0x9FFF,  // CJK unified ideographs
            0xA960...0xA97F,  // Hangul Jamo extended A
            0xAC00...0xD7FF,  // Hangul syllables and Jamo extended B
            0xF900...0xFAFF,  // CJK compatibility ideographs
            0xFE30...0xFE4F,  // CJK compatibility forms
            0xFF00...0xFFEF,  // half-width and full-width forms
            0x1F300...0x1FAFF,  // emoji and pictographs
            0x20000...0x3FFFF:  // CJK extensions B and later
            true
        default: false
        }
    }
}

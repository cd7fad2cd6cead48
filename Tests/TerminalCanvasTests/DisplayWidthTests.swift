import Testing

@testable import TerminalCanvas

@Suite struct DisplayWidthTests {
    @Test func ascii() {
        #expect(DisplayWidth.of("hello, world") == 12)
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of(Character("a")) == 1)
    }

    @Test func controlCharactersTakeNoColumns() {
        #expect(DisplayWidth.of(Unicode.Scalar(0x07)) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x1b)) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x85)) == 0)
    }

    @Test func cjkIsTwoColumnsEach() {
        #expect(DisplayWidth.of("介绍") == 4)
        #expect(DisplayWidth.of("介绍下你自己") == 12)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("ひらがな") == 8)
        #expect(DisplayWidth.of("a介b") == 4)
    }

    @Test func fullwidthForms() {
        #expect(DisplayWidth.of("ＡＢＣ") == 6)
        #expect(DisplayWidth.of("，") == 2)
        #expect(DisplayWidth.of("\u{3000}") == 2)
        #expect(DisplayWidth.of("ｱ") == 1)  // halfwidth katakana
    }

    @Test func emoji() {
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("🚀") == 2)
        #expect(DisplayWidth.of("😀🚀x") == 5)
        #expect(DisplayWidth.of("⌚") == 2)
    }

    @Test func combiningMarksAddNothing() {
        let decomposed = "e\u{301}"
        #expect(decomposed.count == 1)
        #expect(DisplayWidth.of(decomposed) == 1)
        #expect(DisplayWidth.of("Cafe\u{301} ok") == 7)
        #expect(DisplayWidth.of(Unicode.Scalar(0x301)!) == 0)
    }

    @Test func zwjSequenceCountsAsItsFirstEmoji() {
        let family = "👨‍👩‍👧‍👦"
        #expect(family.count == 1)
        #expect(DisplayWidth.of(family) == 2)
        #expect(DisplayWidth.of("a\(family)b") == 4)
    }

    @Test func variationSelector16KeepsTheBaseWidth() {
        #expect(DisplayWidth.of(Unicode.Scalar(0xfe0f)!) == 0)
        #expect(DisplayWidth.of("❤️") == 1)
        #expect(DisplayWidth.of("😀\u{fe0f}") == 2)
    }

    @Test func zeroWidthFormatCharacters() {
        #expect(DisplayWidth.of("a\u{200b}b") == 2)
        #expect(DisplayWidth.of("a\u{200d}b") == 2)
    }

    @Test func prefixAndTruncate() {
        #expect(DisplayWidth.prefix("介绍下", fitting: 3) == "介")
        #expect(DisplayWidth.prefix("abc", fitting: 10) == "abc")
        #expect(DisplayWidth.truncate("hello world", to: 6) == "hello…")
        #expect(DisplayWidth.truncate("介绍下你", to: 6) == "介绍…")
        #expect(DisplayWidth.truncate("abc", to: 3) == "abc")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
    }
}

import Testing

@testable import TerminalCanvas

@Suite struct TextWrapTests {
    @Test func shortLineIsUnchanged() {
        #expect(TextWrap.wrap("hello world", width: 20) == ["hello world"])
        #expect(TextWrap.wrap("hello world", width: 11) == ["hello world"])
    }

    @Test func breaksAtSpacesAndDropsThem() {
        #expect(TextWrap.wrap("the quick brown fox jumps", width: 10) == ["the quick", "brown fox", "jumps"])
        #expect(TextWrap.wrap("aaa bbb", width: 3) == ["aaa", "bbb"])
        #expect(TextWrap.wrap("a    b", width: 3) == ["a", "b"])
    }

    @Test func keepsInnerRunsOfSpaces() {
        #expect(TextWrap.wrap("a  b  c dddd", width: 8) == ["a  b  c", "dddd"])
    }

    @Test func longWordIsBrokenByColumns() {
        #expect(TextWrap.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextWrap.wrap("go abcdefghij", width: 4) == ["go", "abcd", "efgh", "ij"])
    }

    @Test func cjkBreaksBetweenCharacters() {
        #expect(TextWrap.wrap("介绍下你自己", width: 5) == ["介绍", "下你", "自己"])
        #expect(TextWrap.wrap("介绍下你自己", width: 6) == ["介绍下", "你自己"])
        #expect(TextWrap.wrap("hello世界你好", width: 8) == ["hello世", "界你好"])
    }

    @Test func cjkClosingPunctuationStaysWithPrecedingCharacter() {
        #expect(TextWrap.wrap("你好，世界。", width: 4) == ["你", "好，", "世", "界。"])
        #expect(TextWrap.wrap("你好世界.", width: 6) == ["你好世", "界."])
        #expect(TextWrap.wrap("你好世界.", width: 9) == ["你好世界."])
        #expect(TextWrap.wrap("见（附录）内容", width: 4) == ["见", "（附", "录）", "内容"])
    }

    @Test func emojiAreWide() {
        #expect(TextWrap.wrap("😀🚀😀🚀", width: 5) == ["😀🚀", "😀🚀"])
        #expect(TextWrap.wrap("ok 😀 fine", width: 5) == ["ok 😀", "fine"])
    }

    @Test func neverSplitsAGrapheme() {
        let family = "👨‍👩‍👧"
        let lines = TextWrap.wrap("e\u{301}e\u{301}e\u{301} \(family)\(family)", width: 2)
        #expect(lines == ["e\u{301}e\u{301}", "e\u{301}", family, family])
        #expect(lines.joined() == "e\u{301}e\u{301}e\u{301}\(family)\(family)")
    }

    @Test func wideCharacterInOneColumnGetsItsOwnLine() {
        #expect(TextWrap.wrap("介绍", width: 1) == ["介", "绍"])
        #expect(TextWrap.hardWrap("a介b", width: 1) == ["a", "介", "b"])
    }

    @Test func newlinesAndEmptyLinesArePreserved() {
        #expect(TextWrap.wrap("one\n\ntwo three", width: 5) == ["one", "", "two", "three"])
        #expect(TextWrap.wrap("", width: 5) == [""])
        #expect(TextWrap.wrap("a\n", width: 5) == ["a", ""])
        #expect(TextWrap.wrap("a\r\nb", width: 5) == ["a", "b"])
    }

    @Test func listItemsGetAHangingIndent() {
        #expect(TextWrap.wrap("- one two three", width: 9) == ["- one two", "  three"])
        #expect(TextWrap.wrap("* alpha beta gamma", width: 12) == ["* alpha beta", "  gamma"])
        #expect(TextWrap.wrap("12. first second", width: 11) == ["12. first", "    second"])
        #expect(TextWrap.wrap("  - nested item here", width: 12) == ["  - nested", "    item", "    here"])
    }

    @Test func indentedLineKeepsItsIndentation() {
        #expect(TextWrap.wrap("    indented text here", width: 14) == ["    indented", "    text here"])
    }

    @Test func notAListMarker() {
        #expect(TextWrap.wrap("-5 degrees is cold", width: 10) == ["-5 degrees", "is cold"])
    }

    @Test func hangingIndentIsDroppedWhenTooWide() {
        #expect(TextWrap.wrap("- abc def", width: 3) == ["- a", "bc", "def"])
    }

    @Test func nonPositiveWidthTruncatesEveryLine() {
        #expect(TextWrap.wrap("abc def\nghi", width: 0) == ["", ""])
        #expect(TextWrap.wrap("abc", width: -3) == [""])
        #expect(TextWrap.hardWrap("abc", width: 0) == [""])
    }

    @Test func everyLineFits() {
        let text = "Swift 是一门 general-purpose 编程语言，😀 supports 中文 and emoji 🚀🚀 everywhere.\n- list 项目 item"
        for width in 1...30 {
            for line in TextWrap.wrap(text, width: width) {
                let w = DisplayWidth.of(line)
                #expect(w <= max(width, 2), "width \(width): \(line)")
            }
        }
    }

    @Test func hardWrapCutsByColumns() {
        #expect(TextWrap.hardWrap("let x = 1 // comment", width: 8) == ["let x = ", "1 // com", "ment"])
        #expect(TextWrap.hardWrap("ab介绍", width: 3) == ["ab", "介", "绍"])
        #expect(TextWrap.hardWrap("", width: 3) == [""])
        #expect(TextWrap.hardWrap("abc\ndef", width: 10) == ["abc", "def"])
    }

    /// ASCII lines take a byte-wise path: every cut is still full, in order, and fits.
    @Test(arguments: [1, 2, 7, 40]) func hardWrapPiecesAreFullAndFit(width: Int) {
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("abc xyz(){};=/-_09") + ["介", "é", "😀"]
        for round in 0..<200 {
            let ascii = round % 2 == 0
            let length = Int.random(in: 0...200, using: &random)
            let line = String(
                (0..<length).map { _ in
                    ascii ? alphabet[Int.random(in: 0..<18, using: &random)] : alphabet.randomElement(using: &random)!
                })
            let pieces = TextWrap.hardWrap(line, width: width)
            #expect(pieces.joined() == line)
            for (i, piece) in pieces.enumerated() {
                let w = DisplayWidth.of(piece)
                #expect(w <= width || piece.count == 1, "\(piece) is wider than \(width)")
                if i < pieces.count - 1 { #expect(w > width - 2, "\(piece) could hold more than \(w) columns") }
            }
        }
    }
}

import Testing

@testable import TerminalCanvas

@Suite struct BufferTests {
    let red = Style(fg: .ansi(1))
    let blue = Style(fg: .ansi(4))

    @Test func newBufferIsBlank() {
        let b = Buffer(width: 3, height: 2)
        #expect(b.lines == ["   ", "   "])
        #expect(b.cells.count == 6)
        #expect(Buffer(width: -1, height: 2).cells.isEmpty)
    }

    @Test func writeReturnsNextColumnAndClipsAtRightEdge() {
        var b = Buffer(width: 5, height: 1)
        #expect(b.write("hello world", x: 1, y: 0, style: red) == 5)
        #expect(b.lines == [" hell"])
        #expect(b[1, 0].style == red)
        #expect(b[0, 0].style == .plain)
    }

    @Test func writeClipsAtMaxX() {
        var b = Buffer(width: 6, height: 1)
        #expect(b.write("abcdef", x: 0, y: 0, style: red, maxX: 3) == 3)
        #expect(b.lines == ["abc   "])
    }

    @Test func writeClipsAtLeftEdge() {
        var b = Buffer(width: 4, height: 1)
        #expect(b.write("abcdef", x: -2, y: 0, style: red) == 4)
        #expect(b.lines == ["cdef"])
        var c = Buffer(width: 4, height: 1)
        c.write("介绍", x: -1, y: 0, style: red)
        #expect(c.lines == [" 绍 "])
        #expect(c[1, 0].width == 2 && c[2, 0].isContinuation)
    }

    @Test func writeOutsideRowsIsIgnored() {
        var b = Buffer(width: 3, height: 1)
        b.write("abc", x: 0, y: 1, style: red)
        b.write("abc", x: 0, y: -1, style: red)
        #expect(b.lines == ["   "])
    }

    @Test func wideCharacterTakesTwoCells() {
        var b = Buffer(width: 6, height: 1)
        #expect(b.write("介绍!", x: 0, y: 0, style: red) == 5)
        #expect(b[0, 0].text == "介" && b[0, 0].width == 2)
        #expect(b[1, 0].isContinuation)
        #expect(b[2, 0].text == "绍")
        #expect(b[4, 0].text == "!")
        #expect(b.lines == ["介绍! "])
    }

    @Test func wideCharacterThatDoesNotFitStopsTheWrite() {
        var b = Buffer(width: 3, height: 1)
        b.fill(b.area, with: ".", style: .plain)
        #expect(b.write("a介", x: 1, y: 0, style: red) == 2)
        #expect(b.lines == [".a."])
    }

    @Test func wideCharacterPutAtRightEdgeBecomesSpace() {
        var b = Buffer(width: 3, height: 1)
        b.put("介", x: 2, y: 0, style: red)
        #expect(b[2, 0].text == " " && b[2, 0].width == 1)
        #expect(b[2, 0].style == red)
    }

    @Test func overwritingRightHalfOfWideCharacterBlanksLeftHalf() {
        var b = Buffer(width: 4, height: 1)
        b.write("介绍", x: 0, y: 0, style: red)
        b.put("x", x: 1, y: 0, style: blue)
        #expect(b.lines == [" x绍"])
        #expect(b[0, 0] == Cell.blank(red))
    }

    @Test func overwritingLeftHalfOfWideCharacterBlanksRightHalf() {
        var b = Buffer(width: 4, height: 1)
        b.write("介绍", x: 0, y: 0, style: red)
        b.put("x", x: 2, y: 0, style: blue)
        #expect(b.lines == ["介x "])
        #expect(!b[3, 0].isContinuation)
    }

    @Test func wideOverTwoHalvesOfDifferentWideCharacters() {
        var b = Buffer(width: 6, height: 1)
        b.write("介绍你", x: 0, y: 0, style: red)
        b.put("好", x: 1, y: 0, style: blue)
        #expect(b.lines == [" 好 你"])
        #expect(b[1, 0].width == 2 && b[2, 0].isContinuation && b[3, 0].width == 1)
    }

    @Test func zeroWidthAndControlCharactersAreNotWritten() {
        var b = Buffer(width: 4, height: 1)
        #expect(b.write("a\u{7}\nb\u{200B}c", x: 0, y: 0, style: red) == 3)
        #expect(b.lines == ["abc "])
    }

    @Test func combiningMarkStaysWithItsBase() {
        var b = Buffer(width: 3, height: 1)
        b.write("e\u{301}x", x: 0, y: 0, style: red)
        #expect(b[0, 0].text == "e\u{301}")
        #expect(b[1, 0].text == "x")
    }

    @Test func joinedEmojiIsDrawnAsItsFirstEmoji() {
        var b = Buffer(width: 4, height: 1)
        b.write("👨‍👩‍👧x", x: 0, y: 0, style: red)
        #expect(b[0, 0].text == "👨" && b[0, 0].width == 2)
        #expect(b[2, 0].text == "x")
    }

    @Test func variationSelectorAfterNarrowSymbolIsDropped() {
        var b = Buffer(width: 3, height: 1)
        b.write("❤️x", x: 0, y: 0, style: red)
        #expect(b[0, 0].text == "❤")
        #expect(b[1, 0].text == "x")
    }

    @Test func fillClipsToBuffer() {
        var b = Buffer(width: 4, height: 3)
        b.fill(Rect(x: 2, y: 1, width: 10, height: 10), with: "#", style: red)
        #expect(b.lines == ["    ", "  ##", "  ##"])
        #expect(b[3, 2].style == red)
        b.fill(Rect(x: -5, y: -5, width: 6, height: 6), with: "o", style: blue)
        #expect(b.lines == ["o   ", "  ##", "  ##"])
    }

    @Test func fillWithWideCharacter() {
        var b = Buffer(width: 5, height: 1)
        b.fill(b.area, with: "中", style: red)
        #expect(b.lines == ["中中 "])
        #expect(b[0, 0].width == 2 && b[1, 0].isContinuation && b[2, 0].width == 2)
    }

    @Test func fillCuttingAWideCharacterBlanksItsOtherHalf() {
        var b = Buffer(width: 4, height: 1)
        b.write("介绍", x: 0, y: 0, style: red)
        b.fill(Rect(x: 1, y: 0, width: 2, height: 1), with: "-", style: blue)
        #expect(b.lines == [" -- "])
        #expect(b.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func restyleKeepsTextAndChangesStyle() {
        var b = Buffer(width: 4, height: 2)
        b.write("abcd", x: 0, y: 0, style: red)
        b.restyle(Rect(x: 1, y: 0, width: 2, height: 5)) { $0.adding(.bold).on(.ansi(4)) }
        #expect(b.lines == ["abcd", "    "])
        #expect(b[0, 0].style == red)
        #expect(b[1, 0].style == Style(fg: .ansi(1), bg: .ansi(4), attributes: .bold))
        #expect(b[2, 1].style == Style(bg: .ansi(4), attributes: .bold))
        #expect(b[3, 0].style == red)
    }

    @Test func restyleCuttingAWideCharacterRestylesItWhole() {
        var b = Buffer(width: 6, height: 1)
        b.write("介绍你", x: 0, y: 0, style: red)
        b.restyle(Rect(x: 1, y: 0, width: 2, height: 1)) { _ in blue }
        #expect(b.cells[0...3].allSatisfy { $0.style == blue })
        #expect(b[4, 0].style == red)
    }

    @Test func linesSkipContinuationCells() {
        var b = Buffer(width: 8, height: 2)
        b.write("我😀a", x: 1, y: 1, style: red)
        #expect(b.lines == ["        ", " 我😀a  "])
        #expect(b.line(1) == " 我😀a  ")
    }
}

/// Cells carry the address of link text, so the diff sees a link change and the screen can
/// make the cells an OSC 8 hyperlink.
@Suite struct BufferLinkTests {
    let link = Hyperlink("https://example.com/")!
    let other = Hyperlink("https://example.org/")!

    @Test func writtenCellsCarryTheirLinkAndOthersNone() {
        var b = Buffer(width: 10, height: 1)
        var x = b.write("see ", x: 0, y: 0, style: .plain)
        x = b.write("链接", x: x, y: 0, style: .plain.adding(.underline), link: link)
        #expect(x == 8)
        #expect(b[3, 0].link == nil)
        #expect((4..<8).allSatisfy { b[$0, 0].link == link }, "both halves of each wide character")
        #expect(b[8, 0].link == nil)
        b.put("x", x: 5, y: 0, style: .plain)
        #expect(b[4, 0].link == nil && b[4, 0].text == " ", "a wide cell cut in half is blanked, link and all")
        #expect(b[5, 0].link == nil)
    }

    @Test func aLinkChangeIsADiffAndRestylingKeepsIt() {
        var a = Buffer(width: 4, height: 1)
        a.write("ab", x: 0, y: 0, style: .plain, link: link)
        var b = a
        b.write("ab", x: 0, y: 0, style: .plain, link: other)
        #expect(b.diff(from: a).map(\.x) == [0, 1])
        #expect(b.diff(from: a).first?.cell.link == other)
        b.restyle(Rect(x: 0, y: 0, width: 4, height: 1)) { $0.adding(.reverse) }
        #expect(b[0, 0].link == other && b[0, 0].style.attributes.contains(.reverse))
        b.fill(Rect(x: 0, y: 0, width: 1, height: 1), style: .plain)
        #expect(b[0, 0].link == nil)
    }
}

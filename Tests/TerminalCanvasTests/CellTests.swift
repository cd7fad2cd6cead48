import Testing

@testable import TerminalCanvas

/// A cell is plain data: its grapheme packed in a ``Glyph``, its link numbered. Whatever it is
/// given, it gives back exactly, and two cells are equal exactly when they hold the same.
@Suite struct CellTests {
    @Test(arguments: [
        " ", "a", "~", "é", "中", "🌲", "", "e\u{301}", "a\u{301}\u{302}", "a\u{301}\u{302}\u{303}",
        "a\u{301}\u{302}\u{303}\u{304}\u{305}", "🌲\u{fe0f}", "\u{10FFFF}", "\u{1F600}\u{1F3FB}",
    ])
    func aGlyphGivesBackItsScalars(text: String) {
        let glyph = Glyph(text)
        #expect(glyph.text.unicodeScalars.elementsEqual(text.unicodeScalars))
        #expect(glyph.scalars == Array(text.unicodeScalars))
        #expect(glyph.first == text.unicodeScalars.first)
        #expect(glyph.isEmpty == text.isEmpty)
        #expect(glyph.hasMarks == (text.unicodeScalars.count > 1))
        #expect(Glyph(text) == glyph, "the same text, the same glyph (a long one is numbered once)")
        #expect(Cell(text).text.unicodeScalars.elementsEqual(text.unicodeScalars))
    }

    @Test func glyphsAreEqualOnlyWithTheSameScalars() {
        #expect(Glyph("é") != Glyph("e\u{301}"), "canonically equivalent, but not the same scalars")
        #expect(Glyph("a\u{301}\u{302}\u{303}") != Glyph("a\u{302}\u{301}\u{303}"))
        #expect(Glyph("a\u{301}\u{302}\u{303}") != Glyph("a\u{301}\u{302}"))
        #expect(Glyph(" ") == .space && Glyph("") == .empty && Glyph("a") == Glyph(Unicode.Scalar("a")))
        #expect(Glyph.ascii(0x41) == Glyph("A"))
    }

    @Test func aCellKeepsItsLinkAndEveryField() {
        let link = Hyperlink("https://example.com/a")
        var cell = Cell("中", width: 2, style: Style(fg: .rgb(1, 2, 3), attributes: .bold), link: link)
        #expect(cell.link == link && cell.text == "中" && cell.width == 2 && cell.style.attributes == .bold)
        #expect(cell == Cell("中", width: 2, style: Style(fg: .rgb(1, 2, 3), attributes: .bold), link: link))
        #expect(cell != Cell("中", width: 2, style: Style(fg: .rgb(1, 2, 3), attributes: .bold)))
        #expect(
            cell
                != Cell(
                    "中", width: 2, style: Style(fg: .rgb(1, 2, 3), attributes: .bold),
                    link: Hyperlink("https://example.com/b")))
        cell.link = nil
        cell.text = "x"
        #expect(cell.link == nil && cell.text == "x")
        #expect(Cell.blank().text == " " && Cell.blank().link == nil)
    }

    @Test func resetAndCopyTouchOnlyTheirRectangle() {
        var source = Buffer(width: 6, height: 3)
        source.write("abcdef", x: 0, y: 0, style: .plain)
        source.write("中文ok", x: 0, y: 1, style: Style(fg: .ansi(2)))
        var b = Buffer(width: 6, height: 3)
        b.write("zzzzzz", x: 0, y: 2, style: .plain)
        b.copy(Rect(x: 0, y: 1, width: 6, height: 1), from: source, toRow: 0)
        b.copy(Rect(x: 1, y: 0, width: 3, height: 1), from: source, toRow: 1)
        #expect(b.lines == ["中文ok", " bcd  ", "zzzzzz"])
        #expect(b[0, 0] == source[0, 1] && b[1, 0].isContinuation)
        b.reset(Rect(x: 2, y: 2, width: 10, height: 5), to: .blank(Style(bg: .ansi(4))))
        #expect(b.lines[2] == "zz    " && b[5, 2].style.bg == .ansi(4) && b[1, 2].style.bg == .default)
        var other = b
        other.copy(Rect(x: 0, y: 0, width: 6, height: 1), from: Buffer(width: 5, height: 3), toRow: 0)
        other.copy(Rect(x: 0, y: 0, width: 6, height: 2), from: source, toRow: 2)
        #expect(other == b, "a source of another size, or rows that do not fit, copy nothing")
    }
}

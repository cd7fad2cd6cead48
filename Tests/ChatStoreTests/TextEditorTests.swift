import ChatStore
import Testing

@Suite struct TextEditorTests {
    @Test func insertsAtCursorAndMovesIt() {
        var e = TextEditor("hello")
        e.apply(.left)
        e.apply(.left)
        e.apply(.insert("XY"))
        #expect(e.text == "helXYlo")
        #expect(e.cursor == 5)
    }

    @Test func backspaceAndDeleteAtEdgesDoNothing() {
        var e = TextEditor("")
        e.apply(.backspace)
        e.apply(.deleteForward)
        #expect(e.text == "")
        e = TextEditor("ab")
        e.apply(.deleteForward)
        #expect(e.text == "ab")
        e.apply(.backspace)
        #expect(e.text == "a")
    }

    @Test func cjkAndEmojiMoveAsOneCharacter() {
        var e = TextEditor("介绍😀")
        e.apply(.left)
        #expect(e.cursor == 2)
        e.apply(.backspace)
        #expect(e.text == "介😀")
        #expect(e.cursorPosition().column == 2)
    }

    @Test func wordJumpsSkipPunctuation() {
        var e = TextEditor("let foo = bar_baz(1)")
        e.apply(.wordLeft)
        #expect(e.cursor == 18)
        e.apply(.wordLeft)
        #expect(e.cursor == 10)
        e.apply(.wordLeft)
        #expect(e.cursor == 4)
        e.apply(.wordRight)
        #expect(e.cursor == 7)
    }

    @Test func deleteWordBackward() {
        var e = TextEditor("one two  ")
        e.apply(.deleteWordBackward)
        #expect(e.text == "one ")
    }

    @Test func newlinesAndVerticalMovementKeepTheColumn() {
        var e = TextEditor("abcdef")
        e.apply(.newline)
        e.apply(.insert("xy"))
        #expect(e.text == "abcdef\nxy")
        #expect(e.cursorPosition().line == 1)
        e.apply(.up)
        #expect(e.cursorPosition().line == 0)
        #expect(e.cursorPosition().column == 2)
        e.apply(.lineEnd)
        e.apply(.down)
        #expect(e.cursorPosition().column == 2)
        e.apply(.down)
        #expect(e.cursor == e.count)
    }

    @Test func verticalMovementCountsWideColumns() {
        var e = TextEditor("介绍下\nabcdef")
        e.apply(.up)
        #expect(e.cursorPosition() == (line: 0, column: 6))
        e = TextEditor("abcd\n介绍下")
        e.apply(.lineStart)
        e.apply(.right)
        e.apply(.up)
        #expect(e.cursorPosition().column == 2)
    }

    @Test func killToLineEndStopsAtNewline() {
        var e = TextEditor("abc\ndef")
        e.apply(.up)
        e.apply(.lineStart)
        e.apply(.right)
        e.apply(.killToLineEnd)
        #expect(e.text == "a\ndef")
    }

    @Test func killLineEmptiesTheCursorsLineOnly() {
        var e = TextEditor("abc\ndef\nghi")
        e.apply(.up)
        e.apply(.killLine)
        #expect(e.text == "abc\n\nghi")
        e.apply(.insert("X"))
        #expect(e.text == "abc\nX\nghi")
        var single = TextEditor("only line")
        single.apply(.killLine)
        #expect(single.text == "")
        #expect(single.cursor == 0)
    }

    @Test func singleLineFieldsTurnNewlinesIntoSpaces() {
        var e = TextEditor()
        e.apply(.insert("a\nb"), singleLine: true)
        e.apply(.newline, singleLine: true)
        #expect(e.text == "a b")
    }

    @Test func pastedControlSequencesAreStripped() {
        var e = TextEditor()
        e.apply(.insert("red \u{1b}[31mtext\u{1b}[0m\tend"))
        #expect(e.text == "red text    end")
    }

    @Test func clearEmpties() {
        var e = TextEditor("x")
        e.apply(.clear)
        #expect(e.isEmpty && e.cursor == 0)
    }
}

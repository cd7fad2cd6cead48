import Foundation
import Testing

@testable import TerminalCanvas

@Suite struct TextSanitizerTests {
    @Test(arguments: ["plain text", "介绍下你自己 😀", "line one\nline two\n", "", "e\u{301}"])
    func plainTextIsUnchanged(text: String) {
        #expect(TextSanitizer.clean(text) == text)
    }

    @Test func csiColourCodesAreRemoved() {
        #expect(TextSanitizer.clean("\u{1b}[1;31mred\u{1b}[0m text") == "red text")
        #expect(TextSanitizer.clean("a\u{1b}[38;2;255;0;0mb") == "ab")
        #expect(TextSanitizer.clean("\u{1b}[2J\u{1b}[Hclear") == "clear")
    }

    @Test func oscWithBelAndStTerminators() {
        #expect(TextSanitizer.clean("x\u{1b}]52;c;ZXZpbA==\u{07}y") == "xy")
        #expect(TextSanitizer.clean("x\u{1b}]52;c;ZXZpbA==\u{1b}\\y") == "xy")
        let link = "\u{1b}]8;;https://evil.example\u{1b}\\click\u{1b}]8;;\u{1b}\\ here"
        #expect(TextSanitizer.clean(link) == "click here")
        #expect(TextSanitizer.clean("\u{1b}]0;title\u{07}ok") == "ok")
        #expect(TextSanitizer.clean("a\u{9d}0;title\u{9c}b") == "ab")
    }

    @Test func oscInterruptedByAnotherSequence() {
        #expect(TextSanitizer.clean("a\u{1b}]0;title\u{1b}[31mb") == "ab")
        let nested = String(repeating: "\u{1b}]", count: 20000) + "x"
        #expect(TextSanitizer.clean(nested) == "")
    }

    @Test func c1ControlsAreDropped() {
        #expect(TextSanitizer.clean("a\u{85}b\u{9b}31mc\u{90}dcs\u{9c}d") == "abcd")
        #expect(TextSanitizer.clean("x\u{7f}y\u{0}z") == "xyz")
    }

    @Test func loneEscAtEnd() {
        #expect(TextSanitizer.clean("text\u{1b}") == "text")
        #expect(TextSanitizer.clean("text\u{1b}[") == "text")
        #expect(TextSanitizer.clean("\u{1b}") == "")
    }

    @Test func twoByteEscapesAndCharsetDesignations() {
        #expect(TextSanitizer.clean("a\u{1b}7b\u{1b}8c\u{1b}(Bd") == "abcd")
        #expect(TextSanitizer.clean("a\u{1b}介b") == "a介b")
    }

    @Test func newlinesInsideOrAfterAnEscapeAreKept() {
        #expect(TextSanitizer.clean("a\u{1b}[31\nb") == "a\nb")
        #expect(TextSanitizer.clean("a\u{1b}\nb") == "a\nb")
    }

    @Test func tabsBecomeSpacesAndCarriageReturnsAreDropped() {
        #expect(TextSanitizer.clean("a\tb") == "a    b")
        #expect(TextSanitizer.clean("a\tb", tabWidth: 2) == "a  b")
        #expect(TextSanitizer.clean("one\r\ntwo\r") == "one\ntwo")
    }

    @Test func bidiOverridesAreDropped() {
        #expect(TextSanitizer.clean("abc\u{202e}def\u{202c}") == "abcdef")
        #expect(TextSanitizer.clean("\u{2066}x\u{2069}\u{202a}y") == "xy")
    }

    @Test func cleanLineJoinsLines() {
        #expect(TextSanitizer.cleanLine("a\nb\u{1b}[0m\nc") == "a b c")
    }
}

@Suite struct VisibleEscapeTests {
    @Test(arguments: ["plain text", "介绍下你自己 😀", "tab\tand\nnewline\n", "", "windows\r\nline"])
    func textWithoutControlsIsUnchanged(text: String) {
        #expect(TextSanitizer.escapeVisibly(text) == text)
    }

    @Test func controlsBecomeVisibleStandIns() {
        #expect(TextSanitizer.escapeVisibly("a\u{1b}[2Jb") == "a␛[2Jb")
        #expect(TextSanitizer.escapeVisibly("bell\u{07} del\u{7f} nul\u{0}") == "bell␇ del␡ nul␀")
        #expect(TextSanitizer.escapeVisibly("lone\rreturn") == "lone␍return")
        #expect(TextSanitizer.escapeVisibly("c1\u{9b}31m") == "c1⟨U+009B⟩31m")
        #expect(TextSanitizer.escapeVisibly("bidi\u{202e}txt\u{2066}") == "bidi⟨U+202E⟩txt⟨U+2066⟩")
    }

    @Test func nothingThatActsOnATerminalIsLeft() {
        let escaped = TextSanitizer.escapeVisibly(
            String(repeating: "x\u{1b}]52;c;ZXZpbA==\u{07}\u{9d}\u{85}", count: 3))
        #expect(!escaped.unicodeScalars.contains { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) })
    }

    @Test func jsonKeepsItsValueWithUnsafeCharactersEscaped() throws {
        let value = ["t": "a\u{9b}31m\u{202e}b\u{7f}c", "plain": "介绍 😀"]
        let data = try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys])
        let raw = String(decoding: data, as: UTF8.self)
        #expect(raw.contains("\u{9b}"), "JSONSerialization writes C1 raw; this test needs it to")
        let escaped = TextSanitizer.escapingInJSON(raw)
        #expect(escaped.contains(#"\u009b"#) && escaped.contains(#"\u202e"#) && escaped.contains(#"\u007f"#))
        #expect(!escaped.unicodeScalars.contains { (0x7f...0x9f).contains($0.value) || $0.value == 0x202e })
        let back = try JSONSerialization.jsonObject(with: Data(escaped.utf8)) as? [String: String]
        #expect(back == value)
    }
}

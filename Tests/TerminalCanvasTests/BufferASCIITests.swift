import ChatTestSupport
import Testing

@testable import TerminalCanvas

/// `Buffer.write` draws printable ASCII byte by byte and only the rest grapheme by grapheme,
/// and `fill` makes its cell once; these check that the shortcuts draw exactly what drawing
/// one grapheme at a time draws.
@Suite struct BufferASCIITests {
    /// Pieces that meet at every kind of boundary the shortcut must respect: combining marks
    /// and ZWJ after ASCII, CR LF, controls, wide and joined graphemes, a variation selector.
    static let pieces = [
        "a", "b", " ", "~", "\u{301}", "e\u{301}", "\r", "\n", "\r\n", "\t", "\u{7F}", "\u{1B}", "介", "绍", "😀",
        "👩\u{200D}💻", "\u{200D}", "❤\u{FE0F}", "\u{FE0F}", "é", "—", "🇯🇵", "x\u{20E3}", "\u{0}",
    ]

    private func randomText(_ random: inout SplitMix64) -> String {
        (0..<Int.random(in: 0...12, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }
            .joined()
    }

    /// A buffer with wide graphemes already in it, so overwrites must blank their halves.
    private func background(_ random: inout SplitMix64) -> Buffer {
        var buffer = Buffer(width: 9, height: 2)
        buffer.write("介a绍😀b", x: Int.random(in: 0...2, using: &random), y: 0, style: Style(fg: .ansi(3)))
        return buffer
    }

    @Test func theASCIIShortcutDrawsWhatTheGraphemeWalkDraws() {
        var random = SplitMix64(state: 12)
        for _ in 0..<20_000 {
            let text = randomText(&random)
            let x = Int.random(in: -3...10, using: &random)
            let y = Int.random(in: -1...2, using: &random)
            let maxX: Int? = Bool.random(using: &random) ? nil : Int.random(in: 0...10, using: &random)
            let link = Bool.random(using: &random) ? Hyperlink("https://example.com") : nil
            var fast = background(&random)
            var slow = fast
            let style = Style(fg: .ansi(2), attributes: .bold)
            let end = fast.write(text, x: x, y: y, style: style, maxX: maxX, link: link)
            let reference = slow.writeGraphemes(
                text, x: x, y: y, style: style, limit: min(maxX ?? slow.width, slow.width), link: link)
            #expect(end == reference, "column after \(text.debugDescription) at \(x)")
            #expect(fast == slow, "cells after \(text.debugDescription) at \(x), \(y), max \(String(describing: maxX))")
            if fast != slow { return }
        }
    }

    @Test func asciiAfterAWideGraphemeBlanksItsOtherHalf() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.write("介绍", x: 0, y: 0, style: .plain)
        buffer.write("x", x: 1, y: 0, style: .plain)
        #expect(buffer.lines == [" x绍"])
        #expect(buffer[0, 0].width == 1)
    }

    @Test func controlsAreSkippedAndCombiningMarksStayWithTheirLetter() {
        var buffer = Buffer(width: 8, height: 1)
        #expect(buffer.write("a\r\nb\u{1B}e\u{301}c", x: 0, y: 0, style: .plain) == 4)
        #expect(buffer.lines == ["abe\u{301}c    "])
        #expect(buffer[2, 0].text == "e\u{301}")
    }

    @Test func fillDrawsWhatPuttingEachCellDraws() {
        var random = SplitMix64(state: 5)
        for _ in 0..<5_000 {
            var fast = background(&random)
            var slow = fast
            let rect = Rect(
                x: Int.random(in: -2...9, using: &random), y: Int.random(in: -1...2, using: &random),
                width: Int.random(in: 0...10, using: &random), height: Int.random(in: 0...3, using: &random))
            let character = ["-", " ", "é", "\u{301}", "▌", "#"].randomElement(using: &random)!
            let style = Style(fg: .ansi(5))
            fast.fill(rect, with: Character(character), style: style)
            for y in max(0, rect.y)..<max(max(0, rect.y), min(slow.height, rect.maxY)) {
                for x in max(0, rect.x)..<max(max(0, rect.x), min(slow.width, rect.maxX)) {
                    slow.put(
                        DisplayWidth.of(Character(character)) == 0 ? " " : Character(character), x: x, y: y,
                        style: style)
                }
            }
            #expect(fast == slow, "fill \(character.debugDescription) over \(rect)")
            if fast != slow { return }
        }
    }
}

import ChatModel
import ChatTestSupport
import Testing

@testable import ChatRender

/// Appending streamed text must lay out exactly like laying out the longer text at once.
@Suite struct PaneLayoutAppendTests {
    static let alphabet: [String] = [
        "a", "b", " ", " ", "word ", "\n", "\n", "```", "```swift\n", "~~~", "\t", "\u{1b}[31m", "\u{1b}", "[",
        "中文", "👍🏽", "e\u{301}", "-", "  ", "longerwordthatwraps",
    ]

    static func turns(_ last: String) -> [Turn] {
        [
            Turn(id: "u", nodeIDs: ["u"], author: Author(role: .user), text: "question\n```\nopen"),
            Turn(id: "a", nodeIDs: ["a"], author: Author(role: .assistant), text: last),
        ]
    }

    static func assertSame(_ a: PaneLayout, _ b: PaneLayout, _ note: String) {
        #expect(a.lines == b.lines, "\(note)")
        #expect(a.turnRanges == b.turnRanges, "\(note)")
        #expect(a.codeBlocks == b.codeBlocks, "\(note)")
    }

    @Test func randomAppendsEqualAWholeLayout() {
        var rng = SplitMix64(state: 0xC0FFEE)
        for round in 0..<300 {
            let width = Int.random(in: 4...40, using: &rng)
            var text = ""
            for _ in 0..<Int.random(in: 0...6, using: &rng) { text += Self.alphabet.randomElement(using: &rng)! }
            var layout = PaneLayout(turns: Self.turns(text), width: width)
            for step in 0..<Int.random(in: 1...25, using: &rng) {
                var suffix = ""
                for _ in 0..<Int.random(in: 1...4, using: &rng) { suffix += Self.alphabet.randomElement(using: &rng)! }
                text += suffix
                let appended = layout.appendToLastTurn(suffix)
                #expect(appended)
                Self.assertSame(
                    layout, PaneLayout(turns: Self.turns(text), width: width),
                    "round \(round) step \(step) width \(width) text \(text.debugDescription)")
            }
        }
    }

    @Test func appendingToAnEmptyAnswerDropsThePlaceholder() {
        var layout = PaneLayout(turns: Self.turns(""), width: 30)
        #expect(layout.lines.last?.text.contains("(empty)") == true)
        layout.appendToLastTurn("Hello")
        #expect(layout.lines.last?.text == "  Hello")
        #expect(!layout.lines.contains { $0.text.contains("(empty)") })
    }

    @Test func anOpenCodeBlockGrowsAndCloses() {
        var layout = PaneLayout(turns: Self.turns("Here:\n```py\nprint(1)"), width: 30)
        #expect(layout.codeBlocks[1] == [CodeBlock(language: "py", text: "print(1)")])
        layout.appendToLastTurn("\nprint(2)\n```\nDone.")
        #expect(layout.codeBlocks[1] == [CodeBlock(language: "py", text: "print(1)\nprint(2)")])
        #expect(layout.lines.last?.text == "  Done.")
    }

    @Test func nothingToAppendToWithoutTurns() {
        var layout = PaneLayout(turns: [], width: 30)
        let appended = layout.appendToLastTurn("x")
        #expect(!appended)
        #expect(layout.lines.isEmpty)
    }
}

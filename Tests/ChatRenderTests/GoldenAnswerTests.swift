import ChatModel
import Testing

@testable import ChatRender

/// One answer holding every construct ChatGPT writes, rendered at 80 and 40 columns: the literal
/// lines, and the same lines when the answer arrives in small pieces.
struct GoldenAnswerTests {
    static let answer = """
        # Planting guide

        Spruce is **tall**, birch is *white*, ~~oak~~ is `slow()`; see [the guide](https://guide.example/trees).

        ## Steps

        1. Dig a hole twice as wide as the root ball.
        2. Water:
           - in spring, every week
           - in summer, every *other* day
             - [x] checked
             - [ ] not yet
        3. Mulch.

        > A quote with **bold** and a second sentence that is long enough to wrap at forty columns.

        | 树 | Height (m) | Note |
        |:---|-----------:|:----:|
        | 云杉 Spruce | 40 | evergreen |
        | Birch | 25 | 白桦 |

        ```python
        def grow(tree, years):
            return tree.height * 1.1 ** years  # a comment long enough to be cut at forty columns
        ```

        The growth is \\(h_n = h_0 \\cdot r^n\\) and it costs $5, not math. In total:

        \\[
        \\sum_{i=1}^{n} \\frac{a_i}{\\sqrt{n}} \\le \\infty
        \\]

        Sources say so\u{E200}cite\u{E202}turn0search0\u{E201}.

        :::writing{id="51231" variant="email" subject="Tree order"}
        Dear nursery, please send **two** spruces.
        :::

        ---

        Done.
        """

    static let at80 = [
        "Planting guide",
        "══════════════",
        "",
        "Spruce is tall, birch is white, oak is slow(); see the guide.",
        "",
        "Steps",
        "─────",
        "",
        "1. Dig a hole twice as wide as the root ball.",
        "2. Water:",
        "   ◦ in spring, every week",
        "   ◦ in summer, every other day",
        "     [x] checked",
        "     [ ] not yet",
        "3. Mulch.",
        "",
        "│ A quote with bold and a second sentence that is long enough to wrap at forty",
        "│ columns.",
        "",
        "┌─────────────┬────────────┬───────────┐",
        "│ 树          │ Height (m) │   Note    │",
        "├─────────────┼────────────┼───────────┤",
        "│ 云杉 Spruce │         40 │ evergreen │",
        "│ Birch       │         25 │   白桦    │",
        "└─────────────┴────────────┴───────────┘",
        "",
        "[1] python",
        "  def grow(tree, years):",
        "      return tree.height * 1.1 ** years  # a comment long enough to be cut at fo",
        "  rty columns",
        "",
        "The growth is hₙ = h₀ · rⁿ and it costs $5, not math. In total:",
        "",
        "    ∑ᵢ₌₁ⁿ aᵢ/(√n) ≤ ∞",
        "",
        "Sources say so.",
        "",
        "┌─ email · Tree order ─────────────────────────────────────────────────────────┐",
        "│ Dear nursery, please send two spruces.                                       │",
        "└──────────────────────────────────────────────────────────────────────────────┘",
        "",
        "────────────────────────────────────────────────────────────────────────────────",
        "",
        "Done.",
    ]

    static let at40 = [
        "Planting guide",
        "══════════════",
        "",
        "Spruce is tall, birch is white, oak is",
        "slow(); see the guide.",
        "",
        "Steps",
        "─────",
        "",
        "1. Dig a hole twice as wide as the root",
        "   ball.",
        "2. Water:",
        "   ◦ in spring, every week",
        "   ◦ in summer, every other day",
        "     [x] checked",
        "     [ ] not yet",
        "3. Mulch.",
        "",
        "│ A quote with bold and a second",
        "│ sentence that is long enough to wrap",
        "│ at forty columns.",
        "",
        "┌─────────────┬────────────┬───────────┐",
        "│ 树          │ Height (m) │   Note    │",
        "├─────────────┼────────────┼───────────┤",
        "│ 云杉 Spruce │         40 │ evergreen │",
        "│ Birch       │         25 │   白桦    │",
        "└─────────────┴────────────┴───────────┘",
        "",
        "[1] python",
        "  def grow(tree, years):",
        "      return tree.height * 1.1 ** years ",
        "   # a comment long enough to be cut at ",
        "  forty columns",
        "",
        "The growth is hₙ = h₀ · rⁿ and it costs",
        "$5, not math. In total:",
        "",
        "    ∑ᵢ₌₁ⁿ aᵢ/(√n) ≤ ∞",
        "",
        "Sources say so.",
        "",
        "┌─ email · Tree order ─────────────────┐",
        "│ Dear nursery, please send two        │",
        "│ spruces.                             │",
        "└──────────────────────────────────────┘",
        "",
        "────────────────────────────────────────",
        "",
        "Done.",
    ]

    @Test(arguments: [(80, at80), (40, at40)])
    func theAnswerLooksLikeThis(width: Int, golden: [String]) {
        let lines = MessageRender(Self.answer, width: width).lines
        #expect(lines.map(\.text) == golden)
        #expect(lines.allSatisfy { $0.width <= width })
    }

    @Test func stylesOfChosenPieces() throws {
        let lines = MessageRender(Self.answer, width: 80).lines
        func run(_ text: String) throws -> StyledRun {
            try #require(lines.flatMap(\.runs).first { $0.text.contains(text) }, "no run holds \(text)")
        }
        #expect(try run("Planting guide").slot == "markup.heading.1")
        #expect(try run("tall").attributes.contains(.bold))
        #expect(try run("white").attributes.contains(.italic))
        #expect(try run("oak").slot == "markup.strikethrough")
        #expect(try run("slow()").slot == "markup.raw.inline")
        #expect(try run("the guide").slot == "markup.link.text")
        #expect(try run("hₙ = h₀ · rⁿ").slot.hasPrefix("markup.math"))
        #expect(
            !lines.flatMap(\.runs).contains { $0.text.unicodeScalars.contains { (0xE000...0xF8FF).contains($0.value) } }
        )
    }

    /// Streamed in pieces of one to seven characters, the answer ends in the same lines.
    @Test(arguments: [80, 40]) func streamedPieceByPieceItEndsTheSame(width: Int) {
        var render = MessageRender("", width: width)
        var rest = Substring(Self.answer)
        var n = 1
        while !rest.isEmpty {
            render.append(String(rest.prefix(n)))
            rest = rest.dropFirst(n)
            n = n % 7 + 1
        }
        #expect(render.lines == MessageRender(Self.answer, width: width).lines)
    }
}

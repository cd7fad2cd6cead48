import ChatRender
import Testing

/// TeX as ChatGPT writes it, turned into Unicode: a table of real answer snippets.
@Suite struct MathTests {
    @Test(arguments: [
        (#"E = mc^2"#, "E = mc²"),
        (#"\alpha + \beta \leq \gamma"#, "α + β ≤ γ"),
        (#"\frac{a}{b}"#, "a/b"),
        (#"\frac{a+b}{2}"#, "(a+b)/2"),
        (#"\sqrt{x^2 + y^2}"#, "√(x² + y²)"),
        (#"\sum_{i=1}^{n} i = \frac{n(n+1)}{2}"#, "∑ᵢ₌₁ⁿ i = (n(n+1))/2"),
        (#"\int_0^\infty e^{-x} \, dx = 1"#, "∫₀^∞ e⁻ˣ dx = 1"),
        (#"x \in \mathbb{R}"#, "x ∈ ℝ"),
        (#"f: \mathbb{N} \to \mathbb{Z}"#, "f: ℕ → ℤ"),
        (#"\text{speed} = \frac{\text{distance}}{\text{time}}"#, "speed = distance/time"),
        (#"a_{ij} \neq b_{ij}"#, "aᵢⱼ ≠ bᵢⱼ"),
        (#"\lim_{x \to 0} \frac{\sin x}{x} = 1"#, "lim_(x → 0) (sin x)/x = 1"),
        (#"\left( \frac{1}{2} \right)^2"#, "( 1/2 )²"),
        (#"P(A \cap B) = P(A) \cdot P(B)"#, "P(A ∩ B) = P(A) · P(B)"),
        (#"\forall \epsilon > 0 \exists \delta"#, "∀ ε > 0 ∃ δ"),
        (#"\unknowncommand{x} + 1"#, #"\unknowncommand{x} + 1"#),
    ])
    func texBecomesUnicode(tex: String, unicode: String) {
        #expect(TeXToUnicode.convert(tex) == unicode)
    }

    @Test func inlineMathIsStyledAndLoneDollarsAreMoney() {
        let render = MessageRender(#"The area is \(\pi r^2\), and it costs $5 or $10."#, width: 80)
        #expect(render.lines.map(\.text) == ["The area is π r², and it costs $5 or $10."])
        #expect(render.lines[0].runs.contains { $0.slot == "markup.math" && $0.text.contains("π") })
    }

    @Test func displayMathSitsOnIndentedLinesOfItsOwn() {
        let text = """
            The quadratic formula:

            \\[
            x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}
            \\]

            and also $$e^{i\\pi} + 1 = 0$$
            """
        let lines = MessageRender(text, width: 60).lines
        #expect(lines.map(\.text).contains("    x = (-b ± √(b² - 4ac))/2a"), "\(lines.map(\.text))")
        #expect(lines.map(\.text).contains { $0.contains("e^(iπ) + 1 = 0") }, "\(lines.map(\.text))")
        #expect(lines.first { $0.text.contains("x = ") }?.runs.last?.slot == "markup.math")
    }

    @Test func codeIsNeverMath() {
        let text = "Use `\\(x\\)` literally.\n\n```tex\n\\[ a^2 \\]\n```"
        let lines = MessageRender(text, width: 60).lines.map(\.text)
        #expect(lines.contains(#"Use \(x\) literally."#))
        #expect(lines.contains(#"  \[ a^2 \]"#))
    }
}

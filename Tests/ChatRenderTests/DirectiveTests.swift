import ChatRender
import Testing

/// Canvas directives: a titled box around their rendered content.
@Suite struct DirectiveTests {
    static let email = """
        Here is the draft:

        :::writing{variant="email" id="52731" title="Meeting follow-up"}
        Hi **team**,

        - notes attached
        :::

        Anything else?
        """

    @Test func aWritingBlockIsATitledBoxWithItsContentRendered() {
        #expect(
            MessageRender(Self.email, width: 30).lines.map(\.text) == [
                "Here is the draft:",
                "",
                "┌─ Meeting follow-up ────────┐",
                "│ Hi team,                   │",
                "│                            │",
                "│ • notes attached           │",
                "└────────────────────────────┘",
                "",
                "Anything else?",
            ])
    }

    @Test func theVariantNamesABoxWithoutTitleAndUnknownDirectivesLoseTheirMarks() {
        let lines = MessageRender(
            ":::code{variant=\"python\"}\n```python\nx = 1\n```\n:::\n\n:::note\nplain words\n:::", width: 24
        )
        .lines.map(\.text)
        #expect(lines.first == "┌─ code · python ──────┐")
        #expect(lines.contains("│   x = 1              │"))
        #expect(lines.last == "plain words")
        #expect(!lines.contains { $0.contains(":::") || $0.contains("{") })
    }

    @Test func aDirectiveStreamsIntoItsBoxAndEndsLikeTheWhole() {
        let text = Self.email
        var streamed = MessageRender("", width: 30)
        for character in text { streamed.append(String(character)) }
        #expect(streamed.lines == MessageRender(text, width: 30).lines)
        let half = MessageRender(String(text.prefix(100)), width: 30).lines.map(\.text)
        #expect(half.contains { $0.hasPrefix("┌─ Meeting follow-up") }, "an open directive is already a box: \(half)")
    }
}

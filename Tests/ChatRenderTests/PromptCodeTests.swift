import ChatModel
import Testing

@testable import ChatRender

/// Code you paste into a prompt is highlighted like an answer's: the same lines and breaks as
/// plain text, each token in its slot.
@Suite struct PromptCodeTests {
    static func prompt(_ text: String) -> Turn {
        Turn(id: "u", nodeIDs: ["u"], author: Author(role: .user), text: text)
    }

    static func codeLines(_ layout: PaneLayout) -> [PaneLine] {
        layout.lines.filter { if case .code = $0.kind { true } else { false } }
    }

    @Test func aPromptsFencedCodeIsHighlighted() {
        _ = HighlightFolder.sharedReady
        let layout = PaneLayout(
            turns: [Self.prompt("Why does this fail?\n```python\ndef area(r):\n    return 'x' * r\n```\nThanks")],
            width: 60)
        let code = Self.codeLines(layout)
        #expect(code.map(\.text) == ["    def area(r):", "        return 'x' * r"])
        #expect(code[0].runs?.first { $0.text.contains("def") }?.slot == "keyword")
        #expect(code[1].runs?.first { $0.text.contains("'x'") }?.slot == "string")
        #expect(layout.codeBlocks[0] == [CodeBlock(language: "python", text: "def area(r):\n    return 'x' * r")])
        // The prose around it stays plain.
        #expect(layout.lines.first { $0.text.contains("Thanks") }?.runs == nil)
    }

    @Test func longCodeLinesBreakWhereThePlainTextBreaksAndAnUnclosedFenceIsHighlightedToo() {
        _ = HighlightFolder.sharedReady
        let long = "x = \"" + String(repeating: "a", count: 70) + "\""
        let layout = PaneLayout(turns: [Self.prompt("```python\n\(long)\nf(42)")], width: 40)
        let code = Self.codeLines(layout)
        #expect(code.count == 4)
        #expect(code.allSatisfy { $0.runs != nil })
        #expect(code.map { String($0.text.dropFirst(4)) }.joined(separator: "").hasPrefix(long))
        #expect(code.last?.runs?.first { $0.text.contains("42") }?.slot == "constant.numeric")
    }

    @Test func anUnknownLanguageStaysPlain() {
        let layout = PaneLayout(turns: [Self.prompt("```nosuchlanguage\nlet x = 1\n```")], width: 60)
        #expect(Self.codeLines(layout).map(\.runs) == [nil])
    }
}

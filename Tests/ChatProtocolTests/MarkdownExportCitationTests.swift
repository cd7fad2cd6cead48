import ChatModel
import ChatTestSupport
import Foundation
import Testing

@testable import ChatProtocol

/// `export --format md`: the Markdown as written, citation markers as `[n]`, the sources
/// numbered under the message, and never a private-use character.
@Suite struct MarkdownExportCitationTests {
    static let marker0 = "\u{E200}cite\u{E202}turn0search0\u{E201}"
    static let marker1 = "\u{E200}cite\u{E202}turn0search1\u{E201}"

    static func tree(title: String = "Trees", answer: String, references: [[String: Any]]) throws -> ConversationTree {
        let object = ConversationObject.questionAndAnswer(
            id: "conv-cite", title: title, answer: answer, answerMetadata: ["content_references": references])
        return ConversationTree(try ConversationJSON.decode(try JSONSerialization.data(withJSONObject: object)))
    }

    static func reference(_ marker: String, _ title: String, _ url: String) -> [String: Any] {
        ["matched_text": marker, "type": "grouped_webpages", "items": [["title": title, "url": url]]]
    }

    @Test func markersBecomeNumbersAndTheSourcesAListUnderTheMessage() throws {
        let answer = "## Spruce\n\nSpruce is **tall**.\(Self.marker0) Birch is white.\(Self.marker1)\n\n- a list"
        let tree = try Self.tree(
            answer: answer,
            references: [
                Self.reference(Self.marker0, "Spruce [facts]", "https://spruce.example/a_(tree)"),
                Self.reference(Self.marker1, "Birch", "https://birch.example/"),
            ])
        let text = MarkdownExport.branch(tree, leaf: "a1")
        #expect(
            text.contains(
                """
                ## Spruce

                Spruce is **tall**. [1] Birch is white. [2]

                - a list

                Sources:

                1. [Spruce \\[facts\\]](<https://spruce.example/a_(tree)>)
                2. [Birch](https://birch.example/)
                """), "\(text)")
    }

    @Test func onlyWebAndMailAddressesBecomeLinks() throws {
        let tree = try Self.tree(
            answer: "Look.\(Self.marker0)",
            references: [Self.reference(Self.marker0, "Sneaky", "javascript:alert(1)")])
        let text = MarkdownExport.branch(tree, leaf: "a1")
        #expect(text.contains("1. Sneaky — javascript:alert(1)\n"), "\(text)")
        #expect(!text.contains("](javascript:"))
    }

    @Test func noPrivateUseCharacterIsEverWritten() throws {
        let tree = try Self.tree(
            title: "Trees \u{E203}here", answer: "Cut\u{E200} short but kept, and \u{E206} gone.\(Self.marker1)",
            references: [Self.reference(Self.marker1, "Birch \u{E204}", "https://birch.example/")])
        for text in [MarkdownExport.branch(tree, leaf: "a1"), MarkdownExport.allBranches(tree)] {
            #expect(!text.unicodeScalars.contains { (0xE000...0xF8FF).contains($0.value) }, "\(text)")
            #expect(text.contains("# Trees here"))
            #expect(text.contains("Cut short but kept, and  gone. [1]"), "a lone U+E200 loses no text: \(text)")
            #expect(text.contains("1. [Birch ](https://birch.example/)"))
        }
    }
}

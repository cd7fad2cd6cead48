import ChatModel
import ChatTestSupport
import Foundation
import Testing

@testable import ChatProtocol

/// `export --format md` keeps what the pane shows around an answer: its error, its follow-ups,
/// its notes (folded), its usage and its sources. On seed 001's Dify page and the doc samples in
/// ../shared/fixtures.
@Suite("Markdown export of answer extras", .enabled(if: SeedText.available && Fixtures.available))
struct MarkdownExportAnswerExtrasTests {
    static func export(_ pageText: String, id: String = "c") throws -> String {
        let history = try DifyHistory(conversationID: id, pageData: [Data(pageText.utf8)])
        let tree = ConversationTree(history.conversation)
        return MarkdownExport.branch(tree, leaf: tree.currentLeaf)
    }

    @Test func aFailedDifyAnswerExportsItsError() throws {
        // Seed 001's first message: status "error", answer "".
        let text = try Self.export(try SeedText.difyMessages())
        let section = try #require(text.components(separatedBy: "### You\n\n111\n\n").last)
        #expect(
            section.hasPrefix(
                "### Assistant\n\n> **Error:** [openai_api_compatible] Server Unavailable Error, HTTPConnectionPool("),
            "\(section.prefix(200))")
        #expect(!text.contains("### Assistant\n\n\n\n"))
    }

    @Test func sourcesUsageAndNotesFollowTheAnswer() throws {
        let docs = try Self.export(try DifyFixtureText.docMessages())
        // The segment's score and, quoted on one line, the passage the answer drew on.
        #expect(
            docs.contains("Sources:\n\n1. iPhone List (relevance 0.98)\n   > \"Model\",\"Release Date\","), "\(docs)")
        let agent = try Self.export(try DifyFixtureText.docAgentMessages())
        // The agent's dalle2 thought, folded above the answer, its JSON input as text.
        #expect(
            agent.contains(
                """
                <details><summary>Notes (2)</summary>

                - **thought dalle2**: Input: {"dalle2": {"prompt": "cat"}} Observation: image has been created
                """), "\(agent)")
        #expect(agent.contains("\n</details>\n\nI have generated an image of a cat for you."))
    }

    @Test func theRealConsoleCapturesUsageIsSaidInWords() throws {
        let text = try Self.export(try DifyFixtureText.realMessages())
        #expect(text.contains("<sub>Usage: 80 prompt tokens, 45 answer tokens (125 in all) · 0.99 s</sub>"), "\(text)")
    }
}

/// The extras' Markdown on their own, for what no fixture carries.
@Suite struct MarkdownExportAnswerExtraPartsTests {
    @Test func followUpsAreAListOnOneLineEach() throws {
        // Seed 001's Coze follow_up, kept as the engine keeps it.
        var answer = Message(id: "a", author: Author(role: .assistant), content: .text("当然"))
        answer.followUps = ["薛之谦的代表作有哪些？", "two\nlines"]
        answer.tokenUsage = TokenUsage(promptTokens: 2618, latency: 4.1)
        var c = Conversation(id: "c")
        c.mapping = ["r": Node(id: "r", children: ["a"]), "a": Node(id: "a", message: answer, parent: "r")]
        c.currentNode = "a"
        let text = MarkdownExport.branch(ConversationTree(c), leaf: "a")
        #expect(text.contains("当然\n\nSuggested follow-ups:\n\n- 薛之谦的代表作有哪些？\n- two lines\n\n"), "\(text)")
        #expect(text.contains("<sub>Usage: 2618 prompt tokens · 4.10 s</sub>"))
    }

    @Test func noteTextCannotCloseTheDetailsBlock() {
        let text = MarkdownExport.notes([AnswerNote(kind: "verbose", label: "x<y", text: "</details><b>&")])
        #expect(
            text
                == "<details><summary>Notes (1)</summary>\n\n- **verbose x&lt;y**: &lt;/details&gt;&lt;b&gt;&amp;\n\n</details>\n\n"
        )
    }

    @Test func thePriceIsPartOfTheUsage() {
        let usage = TokenUsage(promptTokens: 80, completionTokens: 45, totalPrice: "0.0000390", currency: "USD")
        #expect(
            MarkdownExport.usageLine(usage) == "Usage: 80 prompt tokens, 45 answer tokens (125 in all) · 0.000039 USD")
        #expect(MarkdownExport.usageLine(TokenUsage()) == nil)
    }
}

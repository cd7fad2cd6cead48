import ChatTestSupport
import Foundation
import Testing

/// `chatterm show` renders answers like the pane on a terminal, and prints their Markdown to a pipe.
@Suite(.timeLimit(.minutes(2)), .enabled(if: E2EFixture.binaryPath != nil, "needs a built .build/debug/chatterm"))
struct ShowRenderTests {
    static let answer = """
        # Trees

        Some **bold** words and a table.\u{E200}cite\u{E202}turn0search0\u{E201}

        | Tree | 中文 |
        |------|------|
        | Spruce | 云杉 |

        \\[ E = mc^2 \\]
        """

    static var conversation: [String: Any] {
        var answerMessage = E2EFixture.message("a1", "assistant", answer)
        var metadata = answerMessage["metadata"] as? [String: Any] ?? [:]
        metadata["content_references"] = [
            [
                "matched_text": "\u{E200}cite\u{E202}turn0search0\u{E201}", "type": "grouped_webpages",
                "items": [["title": "Spruce facts", "url": "https://www.spruce.example/a"]],
            ]
        ]
        answerMessage["metadata"] = metadata
        return [
            "id": "conv-md", "title": "Markdown", "create_time": 1_700_000_000.0, "update_time": 1_700_000_900.0,
            "current_node": "a1",
            "mapping": [
                "r": E2EFixture.node("r", nil, ["u1"], nil),
                "u1": E2EFixture.node("u1", "r", ["a1"], E2EFixture.message("u1", "user", "tell me **now**")),
                "a1": E2EFixture.node("a1", "u1", [], answerMessage),
            ],
        ]
    }

    @Test func aTerminalSeesTheAnswerRendered() throws {
        let fixture = try E2EFixture(importing: [Self.conversation])
        defer { fixture.remove() }
        let result = try Spawn.runInTerminal(
            [fixture.binary, "show", "conv-md"], environment: ["CHATTERM_HOME": fixture.home.path, "COLUMNS": "60"])
        #expect(result.status == 0, "\(result.stderr)")
        let plain = HostileText.removingSGR(result.stdout)
        #expect(plain.contains("┌────────┬──────┐"), "\(plain)")
        #expect(plain.contains("│ Spruce │ 云杉 │"))
        #expect(plain.contains("E = mc²"))
        #expect(plain.contains("[1] Spruce facts — spruce.example"))
        #expect(!plain.contains("**bold**") && !plain.contains("|------|") && !plain.contains("citeturn"))
        #expect(plain.contains("tell me **now**"), "your own prompt stays as written")
        #expect(result.stdout.contains("\u{1b}[1") && result.stdout.contains("bold"), "bold is really bold")
        #expect(HostileText.problems(in: plain) == [])
    }

    @Test func aPipeGetsTheMarkdownWithNumberedSources() throws {
        let fixture = try E2EFixture(importing: [Self.conversation])
        defer { fixture.remove() }
        let piped = try fixture.run(["show", "conv-md"])
        #expect(piped.stdout.contains("Some **bold** words and a table. [1]"))
        #expect(piped.stdout.contains("[1] Spruce facts <https://www.spruce.example/a>"))
        #expect(!piped.stdout.contains("\u{1b}"))
        let forced = try fixture.run(["show", "conv-md", "--color", "always"])
        #expect(forced.stdout.contains("\u{1b}[") && HostileText.removingSGR(forced.stdout).contains("│ Spruce │"))
        let never = try Spawn.runInTerminal(
            [fixture.binary, "show", "conv-md", "--color", "never"], environment: ["CHATTERM_HOME": fixture.home.path])
        #expect(!never.stdout.contains("\u{1b}") && never.stdout.contains("**bold**"))
    }

    @Test func markdownExportKeepsTheMarkdownWithTheSameNumbersAndSources() throws {
        let fixture = try E2EFixture(importing: [Self.conversation])
        defer { fixture.remove() }
        let exported = try fixture.run(["export", "conv-md", "--format", "md"])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.contains("Some **bold** words and a table. [1]\n\n| Tree | 中文 |\n|------|------|"))
        #expect(exported.stdout.contains("Sources:\n\n1. [Spruce facts](https://www.spruce.example/a)\n"))
        #expect(!exported.stdout.unicodeScalars.contains { (0xE000...0xF8FF).contains($0.value) })
        #expect(!exported.stdout.contains("citeturn"))
    }
}

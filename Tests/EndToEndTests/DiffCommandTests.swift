import ChatTestSupport
import Foundation
import Testing

/// `chatterm diff`: two versions of a message word by word, run as a user runs it (standard
/// output is a file here, so the diff is unified unless asked otherwise).
@Suite(.timeLimit(.minutes(2)), .enabled(if: E2EFixture.binaryPath != nil, "needs a built .build/debug/chatterm"))
struct DiffCommandTests {
    @Test func twoNodesGiveAUnifiedWordDiff() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let result = try fixture.run(["diff", "conv-branching", "a1", "a3"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                --- a1 · ChatGPT · gpt-4o ‹1/3›
                +++ a3 · ChatGPT · gpt-4o ‹3/3›
                Version [-one-]{+three+} answer: [-oak-]{+birch+}

                """)
    }

    @Test func siblingsComparesANodeWithItsNextVersionAndTheLastWithTheOneBefore() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let first = try fixture.run(["diff", "conv-bran", "--siblings", "a1"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("--- a1 ") && first.stdout.contains("+++ a2 "))
        #expect(first.stdout.contains("Version [-one-]{+two+} answer: [-oak-]{+pine+}"))
        let last = try fixture.run(["diff", "conv-branching", "--siblings", "a3"])
        #expect(last.stdout.contains("--- a2 ") && last.stdout.contains("+++ a3 "))
    }

    @Test func sideBySideShowsBothVersionsInColumns() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let result = try Spawn.run(
            [fixture.binary, "diff", "conv-branching", "a1", "a2", "--layout", "side-by-side", "--color", "never"],
            environment: ["CHATTERM_HOME": fixture.home.path, "COLUMNS": "63"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                 ChatGPT · gpt-4o ‹1/3›        │  ChatGPT · gpt-4o ‹2/3›
                  Version one answer: oak      │   Version two answer: pine

                """)
        let styled = try Spawn.run(
            [fixture.binary, "diff", "conv-branching", "a1", "a2", "--layout", "side-by-side", "--color", "always"],
            environment: ["CHATTERM_HOME": fixture.home.path, "COLUMNS": "63", "NO_COLOR": "1"])
        // Without colours the removed words are reversed, the added ones bold and underlined.
        #expect(styled.stdout.contains("\u{1b}[7mone\u{1b}[0m"))
        #expect(styled.stdout.contains("\u{1b}[1;4mtwo\u{1b}[0m"))
    }

    @Test func errorsSayWhatIsWrongInWords() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let unknown = try fixture.run(["diff", "no-such-conversation", "a1", "a2"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "chatterm: no conversation with id no-such-conversation (see `chatterm ls`)\n")
        let node = try fixture.run(["diff", "conv-branching", "a1", "zz"])
        #expect(node.status == 1)
        #expect(node.stderr.contains("no message zz in conversation conv-branching"))
        let ambiguous = try fixture.run(["diff", "conv-branching", "a", "a1"])
        #expect(ambiguous.stderr.contains("a begins 3 message ids in conv-branching: give more of it"))
        let mixed = try fixture.run(["diff", "conv-branching", "u1", "a1"])
        #expect(mixed.status == 1)
        #expect(
            mixed.stderr.contains(
                "cannot compare your message u1 with the answer a1: compare two answers or two of your messages"))
        let alone = try fixture.run(["diff", "conv-cjk", "--siblings", "c2"])
        #expect(alone.stderr.contains("message c2 has no other versions to compare"))
        let empty = try fixture.run(["diff", "conv-branching", "client-created-root", "a1"])
        #expect(empty.stderr.contains("node client-created-root holds no message to compare"))
        for result in [unknown, node, ambiguous, mixed, alone, empty] {
            #expect(result.stdout.isEmpty)
            #expect(PlainSentences.problems(in: result.stderr).isEmpty, "\(result.stderr)")
        }
    }
}

import ChatTestSupport
import Foundation
import Testing

/// `chatterm send` against the embedded local server, as a script uses it.
@Suite(.timeLimit(.minutes(2)), .enabled(if: E2EFixture.binaryPath != nil, "needs a built .build/debug/chatterm"))
struct SendCommandTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func sendStreamsTheAnswerAndNamesTheIDs() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let result = try fixture.run(["send", "--local-pace-ms", "0", "what is a tree?"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("You wrote: \"what is a tree?\""))
        #expect(result.stderr.contains("conversation: "))
        #expect(result.stderr.contains("message: "))
    }

    @Test func jsonVariantAndContinueBuildBranches() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let first = try json(try fixture.run(["send", "--json", "--local-pace-ms", "0", "branch me"]).stdout)
        #expect(first["complete"] as? Bool == true)
        let conversation = try #require(first["conversation_id"] as? String)
        let answer = try #require(first["message_id"] as? String)
        let variant = try json(
            try fixture.run([
                "send", "--json", "--local-pace-ms", "0", "--conversation", conversation, "--action", "variant",
                "--parent", answer,
            ]).stdout)
        #expect(variant["complete"] as? Bool == true)
        #expect((variant["text"] as? String)?.contains("(answer 2)") == true)
        #expect(variant["message_id"] as? String != answer)
        let more = try json(
            try fixture.run([
                "send", "--json", "--local-pace-ms", "0", "--conversation", conversation, "--action", "continue",
            ]).stdout)
        #expect((more["text"] as? String)?.hasPrefix("(continued)") == true)
        // Read from stdin with "-".
        let piped = try Spawn.run(
            ["/bin/sh", "-c", "printf 'from stdin' | '\(fixture.binary)' send --json --local-pace-ms 0 -"],
            environment: ["CHATTERM_HOME": fixture.home.path], timeout: 30)
        #expect((try json(piped.stdout)["text"] as? String)?.contains("You wrote: \"from stdin\"") == true)
    }

    @Test func anUnknownConversationFailsWithOneLine() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let result = try fixture.run(["send", "--conversation", "no-such-id", "hello"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Not found (404)"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        let empty = try fixture.run(["send", "   "])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("empty"))
    }
}

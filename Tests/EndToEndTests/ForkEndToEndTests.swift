import ChatTestSupport
import Foundation
import Testing

/// Forking in the real binary: a chat with the embedded local server, its answer regenerated
/// twice, versions 1/3 and 3/3 compared, one labelled, forked from with its branches, and the
/// fork continued with a new prompt; and `chatterm fork` / `show` from the command line.
@Suite(
    .serialized, .timeLimit(.minutes(3)),
    .enabled(if: E2EFixture.canRun, "needs tmux and a built .build/debug/chatterm"))
struct ForkEndToEndTests {
    @Test func regenerateTwiceCompareLabelForkAndContinueTheFork() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let tui = try fixture.browse(cols: 110, rows: 40, extra: "--local-pace-ms 5")
        defer { tui.close() }
        #expect(try tui.settle().contains("New chat with local"))
        try tui.press(.newChat, in: .sidebar)
        try tui.type("name a tree")
        try tui.press(.send, in: .input)
        var screen = try tui.settle()
        #expect(screen.contains("Answer complete"), "screen:\n\(screen)")

        // Two more versions of the answer.
        try tui.press(.focusPrev, in: .input)
        try tui.press(.bottom, in: .messages)
        for version in 2...3 {
            try tui.press(.regenerate, in: .messages)
            try tui.waitFor("‹\(version)/\(version)›")
            screen = try tui.settle()
            #expect(screen.contains("(answer \(version))") && screen.contains("Answer complete"), "screen:\n\(screen)")
        }

        // Compare: 2/3 beside 3/3 first, then the left side back to 1/3.
        try tui.press(.compareVersions, in: .messages)
        screen = try tui.settle()
        #expect(screen.contains("Versions ‹2/3› and ‹3/3›"), "screen:\n\(screen)")
        try tui.press(.siblingPrev, in: .compare)
        screen = try tui.settle()
        #expect(screen.contains("Versions ‹1/3› and ‹3/3›"), "screen:\n\(screen)")
        try tui.press(.cancel, in: .compare)
        _ = try tui.settle()

        // Label version 3.
        try tui.press(.labelMessage, in: .messages)
        _ = try tui.settle()
        try tui.type("third try")
        try tui.press(.open, in: .search)
        screen = try tui.settle()
        #expect(screen.contains("[third try] ‹3/3›"), "screen:\n\(screen)")

        // Fork from it with its branches.
        try tui.press(.fork, in: .messages)
        screen = try tui.settle()
        #expect(screen.contains("Fork from this message · Enter forks"), "screen:\n\(screen)")
        #expect(screen.contains("This path only") && screen.contains("The whole tree"), "screen:\n\(screen)")
        #expect(screen.contains("2 messages") && screen.contains("4 messages"), "screen:\n\(screen)")
        try tui.press(.selectNext, in: .tree)
        try tui.press(.open, in: .tree)
        screen = try tui.settle()
        #expect(screen.contains("(fork) · forked from"), "the pane says where it came from:\n\(screen)")
        #expect(screen.contains("Forked “"), "screen:\n\(screen)")
        #expect(screen.contains("(2 messages): type below to continue it"), "screen:\n\(screen)")
        #expect(screen.contains("[third try]"), "the label came along:\n\(screen)")
        #expect(!screen.contains("‹3/3›"), "only the forked version is in the fork:\n\(screen)")

        // Continue the fork.
        try tui.press(.focusNext, in: .messages)
        try tui.type("another tree please")
        try tui.press(.send, in: .input)
        screen = try tui.settle()
        #expect(screen.contains("You wrote: \"another tree please\""), "screen:\n\(screen)")
        #expect(screen.contains("Answer complete"), "screen:\n\(screen)")

        // Back to the origin with the jump list: it says it was forked.
        try tui.press(.focusPrev, in: .input)
        try tui.press(.jumpBack, in: .messages)
        screen = try tui.settle()
        #expect(screen.contains("forked 1×"), "screen:\n\(screen)")
        #expect(screen.contains("‹3/3›"), "screen:\n\(screen)")
        try tui.press(.quit, in: .messages)
        try tui.waitForExit()

        let listed = try fixture.run(["ls"])
        #expect(listed.stdout.contains("(fork)"), "\(listed.stdout)")
    }

    @Test func theCommandLineForksAndShowNamesBothEnds() throws {
        let fixture = try E2EFixture(importing: E2EFixture.conversations)
        defer { fixture.remove() }
        let made = try fixture.run(["fork", "conv-branching", "a3", "--scope", "path", "--json"])
        #expect(made.status == 0, "\(made.stderr)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(made.stdout.utf8)) as? [String: Any], "\(made.stdout)")
        let id = try #require(object["id"] as? String)
        #expect(object["title"] as? String == "Branching test (fork)")
        #expect(object["origin_id"] as? String == "conv-branching")
        #expect(object["messages"] as? Int == 2)
        #expect(object["source"] as? String == "local")

        let fork = try fixture.run(["show", id])
        #expect(fork.status == 0)
        #expect(fork.stdout.contains("Version three answer: birch"), "\(fork.stdout)")
        #expect(!fork.stdout.contains("pine"), "\(fork.stdout)")
        #expect(
            fork.stdout.contains("Forked from Branching test (conv-branching) at message a3"), "\(fork.stdout)")
        let origin = try fixture.run(["show", "conv-branching"])
        #expect(origin.stdout.contains("1 fork:"), "\(origin.stdout)")
        #expect(origin.stdout.contains("Branching test (fork) (\(id)) from message a3, this path only"))

        let plain = try fixture.run(["fork", "conv-bran", "a1"])
        #expect(plain.status == 0)
        #expect(plain.stdout.trimmingCharacters(in: .whitespacesAndNewlines).count == 36, "a new id: \(plain.stdout)")
        let unknown = try fixture.run(["fork", "conv-branching", "nowhere"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("the conversation has no message nowhere"), "\(unknown.stderr)")
        let badScope = try fixture.run(["fork", "conv-branching", "a1", "--scope", "everything"])
        #expect(badScope.status != 0)
    }

    /// `fork --profile`: kept under an OpenAI-compatible or Coze profile (or local); a ChatGPT or
    /// Dify profile is refused in words, and so is a profile config.toml does not define.
    @Test func theCommandLineForksForAProfileThatCanContinueIt() throws {
        let fixture = try E2EFixture(importing: E2EFixture.conversations)
        defer { fixture.remove() }
        let folder = fixture.config.appendingPathComponent("chatterm")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
        [profiles.llama]
        kind = "openai"
        base_url = "http://127.0.0.1:9/v1"

        [profiles.work]
        kind = "chatgpt"

        [profiles.team]
        kind = "dify"
        """.write(to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        func run(_ args: [String]) throws -> ProcessResult {
            try Spawn.run(
                [fixture.binary] + args,
                environment: ["CHATTERM_HOME": fixture.home.path, "XDG_CONFIG_HOME": fixture.config.path], timeout: 30)
        }

        let made = try run(["fork", "conv-branching", "a3", "--profile", "llama", "--json"])
        #expect(made.status == 0, "\(made.stderr)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(made.stdout.utf8)) as? [String: Any], "\(made.stdout)")
        #expect(object["source"] as? String == "llama")
        let id = try #require(object["id"] as? String)
        let listed = try run(["ls", "--json"])
        #expect(listed.stdout.contains(id), "\(listed.stdout)")

        let local = try run(["fork", "conv-branching", "a3", "--profile", "local", "--json"])
        #expect(local.status == 0, "\(local.stderr)")
        #expect(local.stdout.contains("\"source\":\"local\""), "\(local.stdout)")

        for (name, service) in [("work", "chatgpt.com"), ("team", "Dify")] {
            let refused = try run(["fork", "conv-branching", "a3", "--profile", name])
            #expect(refused.status != 0)
            #expect(
                refused.stderr.contains("the profile \(name) cannot continue a fork")
                    && refused.stderr.contains("\(service) keeps its conversations on its own server"),
                "\(refused.stderr)")
        }
        let unknown = try run(["fork", "conv-branching", "a3", "--profile", "nobody"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("nobody"), "\(unknown.stderr)")
        #expect(try run(["show", "conv-branching"]).stdout.contains("2 forks:"), "only two forks were made")
    }
}

import ChatConfig
import ChatTestPeers
import ChatTestSupport
import Foundation
import Testing

/// Continuing a fork with another model, in tmux: a chat with the embedded local server is
/// forked, then, on an OpenAI-compatible profile (the in-test peer), the fork is forked again
/// for that profile and its next prompt is answered by the peer with the whole forked history.
@Suite(
    "Forks continued on another profile", .serialized, .timeLimit(.minutes(2)),
    .enabled(
        if: SyncCLI.binary != nil && Fixtures.available && TmuxSession.isAvailable,
        "needs tmux, ../shared and a built .build/debug/chatterm"))
struct ForkProfileTUITests {
    @Test func aForkIsContinuedByTheProfileItWasForkedFor() async throws {
        try await Self.withFirstAnswerOnLocal { pane, log in
            var screen: String

            // Forked on local: kept by local, continued there.
            try await ProfileTUITests.leaveInput(pane)
            try pane.press(.fork, in: .messages)
            try pane.press(.open, in: .tree)
            screen = try await ProfileTUITests.settle(pane)
            #expect(screen.contains("(fork) · forked from"), "\(screen)")
            #expect(screen.contains("type below to continue it"), "\(screen)")

            // On the OpenAI-compatible profile the local fork is read-only; forking it again
            // makes one that profile keeps.
            try pane.press(.pickProfile, in: .messages)
            _ = try await ProfileTUITests.settle(pane)
            try pane.press(.top, in: .tree)
            try pane.press(.open, in: .tree)
            screen = try await ProfileTUITests.settle(pane)
            #expect(screen.contains("Profile ollama (openai)"), "\(screen)")
            try pane.press(.fork, in: .messages)
            try pane.press(.open, in: .tree)
            screen = try await ProfileTUITests.settle(pane)
            #expect(screen.contains("type below to continue it"), "\(screen)")
            #expect(screen.contains("chatterm · ollama"), "\(screen)")

            try pane.press(.focusNext, in: .messages)
            try pane.type("second question")
            try pane.press(.send, in: .input)
            screen = try await ProfileTUITests.settle(pane)
            #expect(screen.contains("to second question after"), "\(screen)")
            let asked = log.answerCalls.last?.messages.map { $0["content"] ?? "" } ?? []
            #expect(asked.contains("first question"), "the fork's history went upstream: \(asked)")
            #expect(asked.last == "second question", "\(asked)")
        }
    }

    /// On `local`, the fork window chooses the OpenAI-compatible profile (`]`): Enter switches to
    /// it, the fork opens kept by it, and its next prompt reaches the peer with the forked history.
    @Test func theForkWindowChoosesAnotherProfileToContinueTheFork() async throws {
        try await Self.withFirstAnswerOnLocal { pane, log in
            var screen: String

            try await ProfileTUITests.leaveInput(pane)
            try pane.press(.fork, in: .messages)
            screen = try await ProfileTUITests.settle(pane)
            #expect(screen.contains("Continue with: local · ollama (openai)"), "\(screen)")
            #expect(screen.contains("chatterm · local"), "\(screen)")
            try pane.press(.siblingNext, in: .tree)
            try pane.press(.open, in: .tree)
            screen = try await ProfileTUITests.settle(pane)
            #expect(screen.contains("(2 messages) to continue with ollama: type below"), "\(screen)")
            #expect(screen.contains("(fork) · forked from"), "\(screen)")
            #expect(screen.contains("chatterm · ollama"), "the browser switched profile:\n\(screen)")
            #expect(log.answerCalls.isEmpty, "nothing was sent yet")

            try pane.press(.focusNext, in: .messages)
            try pane.type("second question")
            try pane.press(.send, in: .input)
            screen = try await ProfileTUITests.settle(pane)
            #expect(screen.contains("to second question after"), "\(screen)")
            let call = try #require(log.answerCalls.last, "the peer was asked")
            #expect(call.model == "numbered", "the profile's default model")
            let asked = call.messages.map { $0["content"] ?? "" }
            #expect(asked.first == "first question", "the fork's history went upstream: \(asked)")
            #expect(asked.contains { $0.contains("You wrote: \"first question\"") }, "\(asked)")
            #expect(asked.last == "second question", "\(asked)")
        }
    }

    /// A browser on `local` with an `ollama` profile (kind `openai`) on an ``OpenAIPeer``, after
    /// a first question on `local` was answered: the conversation the tests fork.
    static func withFirstAnswerOnLocal(_ body: (TmuxSession, OpenAIPeerLog) async throws -> Void) async throws {
        let home = try BackendCLITests.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let log = OpenAIPeerLog()
        try await withPeer(OpenAIPeer.router(log: log)) { base in
            let pane = try ProfileTUITests.launch(
                home: home,
                config: """
                    [profiles.ollama]
                    kind = "openai"
                    base_url = "\(base)/v1"
                    model = "numbered"

                    """)
            defer { pane.close() }
            #expect(try await ProfileTUITests.settle(pane).contains("New chat with local"))
            try pane.press(.newChat, in: .sidebar)
            try pane.type("first question")
            try pane.press(.send, in: .input)
            let screen = try await ProfileTUITests.settle(pane)
            #expect(screen.contains("You wrote: \"first question\""), "\(screen)")
            try await body(pane, log)
        }
    }
}

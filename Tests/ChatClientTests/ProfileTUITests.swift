import ChatTestSupport
import Foundation
import Testing

/// The TUI in tmux on a Coze profile from config.toml, against the in-test Coze peer: the
/// answer, its follow-ups and usage on screen, a follow-up picked with Alt-1, notes behind `z`,
/// and `P` switching to the built-in local profile.
@Suite(
    "Profiles in the TUI", .serialized, .timeLimit(.minutes(2)),
    .enabled(
        if: SyncCLI.binary != nil && Fixtures.available && TmuxSession.isAvailable,
        "needs tmux, ../shared and a built .build/debug/chatterm"))
struct ProfileTUITests {
    /// Waits off the concurrency pool (the peer answers meanwhile) for `needle` on screen.
    static func waitFor(_ pane: TmuxSession, _ needle: String) async throws -> String {
        try await SyncCLI.blocking { try pane.waitFor(needle, timeout: 30) }
    }

    @Test func cozeProfileShowsFollowUpsUsageAndSwitchesToLocal() async throws {
        let binary = try #require(SyncCLI.binary)
        let home = try BackendCLITests.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let tokenFile = home.appendingPathComponent("coze-token")
        BackendCLITests.write(CozePeer.token, to: tokenFile)
        try await withPeer(CozePeer.router(calls: CozeCalls())) { base in
            BackendCLITests.write(
                """
                default_profile = "bot"

                [profiles.bot]
                kind = "coze"
                base_url = "\(base)"
                bot_id = "rich"
                token_file = "\(tokenFile.path)"
                """, to: home.appendingPathComponent("config/chatterm/config.toml"))
            let pane = try TmuxSession(
                command: binary, cols: 110, rows: 32,
                environment: [
                    "CHATTERM_HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
                    "CHATTERM_ACCESS_TOKEN": "",
                ])
            defer { pane.close() }
            _ = try await Self.waitFor(pane, "bot")
            try pane.send("n")
            try pane.type("Count them")
            try pane.send("Enter")
            let answered = try await Self.waitFor(pane, "alt+2 → How old is the oldest tree?")
            #expect(answered.contains(CozePeer.richAnswer(1)), "\(answered)")
            #expect(answered.contains("alt+1 → Why are forests green?"), "\(answered)")
            #expect(answered.contains("alt+2 → How old is the oldest tree?"), "\(answered)")
            let status = try await Self.waitFor(pane, "20 in + 10 out tok")
            // The verbose message and the reasoning are kept but hidden.
            #expect(!status.contains("Counting messages."), "\(status)")

            // Alt-1 puts the first follow-up in the input box.
            try pane.send("M-1")
            let picked = try await SyncCLI.blocking {
                try pane.waitFor("the follow-up in the input box", timeout: 10) { screen in
                    screen.split(separator: "\n").contains {
                        $0.contains("Why are forests green?") && !$0.contains("alt+1")
                    }
                }
            }
            #expect(picked.contains("alt+1 → Why are forests green?"))

            // z shows the notes (from the messages pane; Esc alone first, not as Alt-z).
            try pane.send("Escape")
            _ = try await SyncCLI.blocking {
                try pane.waitFor("the messages pane's key hints", timeout: 10) { !$0.contains("Alt-Enter new line") }
            }
            try pane.send("z")
            _ = try await Self.waitFor(pane, "Counting messages.")

            // P lists the profiles; picking local switches the backend.
            try pane.send("P")
            let picker = try await Self.waitFor(pane, "local")
            #expect(picker.contains("bot"))
            try pane.send("j")
            try pane.send("Enter")
            let switched = try await Self.waitFor(pane, "Profile local (local)")
            // The Coze conversation stays listed, tagged with where it lives.
            let row = switched.split(separator: "\n").first { $0.contains("Count them") && $0.contains("││") }
            #expect(row?.contains(" bot ") == true, "\(switched)")
            // A new chat talks to the local profile.
            try pane.send("n")
            let fresh = try await Self.waitFor(pane, "chatterm · local")
            #expect(fresh.contains("New chat with local"), "\(fresh)")
        }
    }
}

import ChatTestPeers
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

    /// Esc out of the input box, waiting until the key hints say so (an Esc followed at once
    /// by a key would read as Alt+key).
    static func leaveInput(_ pane: TmuxSession) async throws {
        try pane.send("Escape")
        _ = try await SyncCLI.blocking {
            try pane.waitFor("the messages pane's key hints", timeout: 10) { !$0.contains("Alt-Enter new line") }
        }
    }

    /// Writes `config` as `home`'s config.toml and starts the TUI on it in tmux, with no
    /// `$CHATTERM_ACCESS_TOKEN` and `environment` added.
    static func launch(home: URL, config: String, environment: [String: String] = [:]) throws -> TmuxSession {
        let binary = try #require(SyncCLI.binary)
        BackendCLITests.write(config, to: home.appendingPathComponent("config/chatterm/config.toml"))
        let base = [
            "CHATTERM_HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "CHATTERM_ACCESS_TOKEN": "",
        ]
        return try TmuxSession(
            command: binary, cols: 110, rows: 32, environment: base.merging(environment) { $1 })
    }

    @Test func cozeProfileShowsFollowUpsUsageAndSwitchesToLocal() async throws {
        let home = try BackendCLITests.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let tokenFile = home.appendingPathComponent("coze-token")
        BackendCLITests.write(CozePeer.token, to: tokenFile)
        try await withPeer(CozePeer.router(calls: CozeCalls())) { base in
            let pane = try Self.launch(
                home: home,
                config: "default_profile = \"bot\"\n\n"
                    + BackendCLITests.cozeProfile("bot", base: base, tokenFile: tokenFile))
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
            try await Self.leaveInput(pane)
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

            // And back: the Coze connection made at start is reused, its conversation still listed.
            try await Self.leaveInput(pane)
            try pane.send("P")
            _ = try await Self.waitFor(pane, "Enter switches")
            try pane.send("k")
            try pane.send("Enter")
            let back = try await Self.waitFor(pane, "Profile bot (coze)")
            #expect(back.contains("Count them"), "\(back)")
        }
    }

    /// A Dify profile: its conversation list in the sidebar, a conversation's history in the
    /// pane, and a failed answer's error under the partial answer.
    @Test func difyProfileListsReadsAndShowsTheServiceError() async throws {
        let home = try BackendCLITests.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let book = DifyPeerBook()
        await book.seedConversation("dc-1", name: "Qwen on gardens", count: 2)
        try await withPeer(DifyPeer.router(book)) { base in
            let pane = try Self.launch(
                home: home,
                config: """
                    default_profile = "qwen"

                    [profiles.qwen]
                    kind = "dify"
                    base_url = "\(base)/v1"
                    token_env = "QWEN_KEY"
                    """,
                environment: ["QWEN_KEY": DifyPeerBook.key])
            defer { pane.close() }
            _ = try await Self.waitFor(pane, "Qwen on gardens")
            // Its times are from 1970: below the demo. The title filter finds it.
            try pane.send("/")
            try pane.type("Qwen")
            try pane.send("Enter")
            _ = try await SyncCLI.blocking {
                try pane.waitFor("the filtered list", timeout: 10) { !$0.contains("Release checklist") }
            }
            try pane.send("Enter")
            let opened = try await Self.waitFor(pane, "answer 1")
            #expect(opened.contains("question 0") && opened.contains("question 1"), "\(opened)")

            // A new chat whose answer fails: the partial answer stays, the error shows under it.
            try pane.send("n")
            try pane.type("please fail")
            try pane.send("Enter")
            let failed = try await Self.waitFor(pane, "⚠")
            let lines = failed.split(separator: "\n")
            #expect(lines.contains { $0.contains("⚠") && $0.contains("Model overloaded") }, "\(failed)")
            #expect(lines.contains { $0.contains("Partial") && !$0.contains("⚠") }, "\(failed)")
        }
    }
}

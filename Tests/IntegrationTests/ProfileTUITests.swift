import ChatConfig
import ChatTestPeers
import ChatTestSupport
import Foundation
import Testing

/// The TUI in tmux on a Coze profile from config.toml, against the in-test Coze peer: the
/// answer, its follow-ups and usage on screen, a follow-up picked with Alt-1, notes behind `z`,
/// and `P` switching to the built-in local profile.
///
/// Keys are pressed by command (through the default keymap) and each step waits for the
/// browser's idle report (``TmuxSession/settle(timeout:)``), not for text on the screen: the
/// peers' answers, lists and the profile switch are the store's own work, so idle means they
/// have arrived and are drawn.
@Suite(
    "Profiles in the TUI", .serialized, .timeLimit(.minutes(2)),
    .enabled(
        if: SyncCLI.binary != nil && Fixtures.available && TmuxSession.isAvailable,
        "needs tmux, ../shared and a built .build/debug/chatterm"))
struct ProfileTUITests {
    /// Waits off the concurrency pool (the peer answers meanwhile) until the browser has
    /// handled every key sent and is idle, and returns the screen.
    static func settle(_ pane: TmuxSession) async throws -> String {
        try await SyncCLI.blocking { try pane.settle() }
    }

    /// Esc out of the input box, settled before the next key (an Esc followed at once by a key
    /// would read as Alt+key).
    static func leaveInput(_ pane: TmuxSession) async throws {
        try pane.press(.cancel, in: .input)
        let screen = try await Self.settle(pane)
        #expect(!screen.contains("Alt-Enter new line"), "still in the input box:\n\(screen)")
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
            let started = try await Self.settle(pane)
            #expect(started.contains("bot"), "\(started)")
            try pane.press(.newChat, in: .sidebar)
            try pane.type("Count them")
            try pane.press(.send, in: .input)
            // Idle once the peer's answer has streamed to its end (and the title is made).
            let answered = try await Self.settle(pane)
            #expect(answered.contains(CozePeer.richAnswer(1)), "\(answered)")
            #expect(answered.contains("alt+1 → Why are forests green?"), "\(answered)")
            #expect(answered.contains("alt+2 → How old is the oldest tree?"), "\(answered)")
            #expect(answered.contains("20 in + 10 out tok"), "\(answered)")
            // The verbose message and the reasoning are kept but hidden.
            #expect(!answered.contains("Counting messages."), "\(answered)")

            // Alt-1 puts the first follow-up in the input box (a numbered suggestion, no command).
            try pane.send("M-1")
            let picked = try await Self.settle(pane)
            #expect(
                picked.split(separator: "\n").contains {
                    $0.contains("Why are forests green?") && !$0.contains("alt+1")
                }, "the follow-up in the input box:\n\(picked)")
            #expect(picked.contains("alt+1 → Why are forests green?"))

            // z shows the notes (from the messages pane; Esc alone first, not as Alt-z).
            try await Self.leaveInput(pane)
            try pane.press(.toggleReasoning, in: .messages)
            let notes = try await Self.settle(pane)
            #expect(notes.contains("Counting messages."), "\(notes)")

            // P lists the profiles; picking local switches the backend.
            try pane.press(.pickProfile, in: .messages)
            let picker = try await Self.settle(pane)
            #expect(picker.contains("local"), "\(picker)")
            #expect(picker.contains("bot"))
            try pane.press(.selectNext, in: .tree)
            try pane.press(.open, in: .tree)
            let switched = try await Self.settle(pane)
            #expect(switched.contains("Profile local (local)"), "\(switched)")
            // The Coze conversation stays listed, tagged with where it lives.
            let row = switched.split(separator: "\n").first { $0.contains("Count them") && $0.contains("││") }
            #expect(row?.contains(" bot ") == true, "\(switched)")
            // A new chat talks to the local profile.
            try pane.press(.newChat, in: .messages)
            let fresh = try await Self.settle(pane)
            #expect(fresh.contains("chatterm · local"), "\(fresh)")
            #expect(fresh.contains("New chat with local"), "\(fresh)")

            // And back: the Coze connection made at start is reused, its conversation still listed.
            // (Esc leaves the input box of a new chat for the list.)
            try await Self.leaveInput(pane)
            try pane.press(.pickProfile, in: .sidebar)
            let again = try await Self.settle(pane)
            #expect(again.contains("Enter switches"), "\(again)")
            try pane.press(.selectPrev, in: .tree)
            try pane.press(.open, in: .tree)
            let back = try await Self.settle(pane)
            #expect(back.contains("Profile bot (coze)"), "\(back)")
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
            // Idle once Dify's list has been read into the sidebar.
            let listed = try await Self.settle(pane)
            #expect(listed.contains("Qwen on gardens"), "\(listed)")
            // Its times are from 1970: below the demo. The title filter finds it.
            try pane.press(.filter, in: .sidebar)
            try pane.type("Qwen")
            let filtered = try await Self.settle(pane)
            #expect(!filtered.contains("Release checklist"), "the filtered list:\n\(filtered)")
            try pane.press(.open, in: .search)
            let opened = try await Self.settle(pane)
            #expect(opened.contains("answer 1"), "\(opened)")
            #expect(opened.contains("question 0") && opened.contains("question 1"), "\(opened)")

            // A new chat whose answer fails: the partial answer stays, the error shows under it.
            try pane.press(.newChat, in: .messages)
            try pane.type("please fail")
            try pane.press(.send, in: .input)
            let failed = try await Self.settle(pane)
            let lines = failed.split(separator: "\n")
            #expect(lines.contains { $0.contains("⚠") && $0.contains("Model overloaded") }, "\(failed)")
            #expect(lines.contains { $0.contains("Partial") && !$0.contains("⚠") }, "\(failed)")
        }
    }
}

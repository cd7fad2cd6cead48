import ChatTestPeers
import ChatTestSupport
import Foundation
import Testing

/// `--log-file` and `CHATTERM_LOG`: the requests a command makes, with their status and time, go
/// to the file (mode 0600), never to the terminal, and never the token.
@Suite(
    "log file", .serialized, .timeLimit(.minutes(1)),
    .enabled(if: SyncCLI.binary != nil, "needs a built .build/debug/chatterm"))
struct LogFileTests {
    @Test func requestLinesGoToTheFileWithoutTheToken() async throws {
        let home = try BackendCLITests.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let log = home.appendingPathComponent("logs/chatterm.log")
        try await withPeer(DifyPeer.router(DifyPeerBook())) { base in
            let dify = ["--backend", "dify", "--base-url", base + "/v1"]
            let sent = try await BackendCLITests.run(
                ["send", "--log-file", log.path] + dify + ["hello dify"], home: home, token: DifyPeerBook.key)
            #expect(sent.status == 0, "\(sent.stderr)")
            #expect(sent.stdout == "Echo: hello dify — 你好 🌍\n", "nothing of the log on stdout")
            #expect(!sent.stderr.contains("POST"), "nor on stderr")
            let text = try String(contentsOf: log, encoding: .utf8)
            #expect(text.contains("info chatterm: chatterm 0.1.0 started"), "\(text)")
            #expect(text.contains("POST \(base)/v1/chat-messages → 200, streaming after"), "\(text)")
            #expect(!text.contains(DifyPeerBook.key), "the API key never reaches the log")
            let mode = try FileManager.default.attributesOfItem(atPath: log.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)

            let wrong = try await BackendCLITests.run(
                ["ls", "--log-file", log.path] + dify, home: home, token: "app-wrongwrongwrong1234")
            #expect(wrong.status == 1)
            let after = try String(contentsOf: log, encoding: .utf8)
            #expect(after.contains("→ 401"), "\(after)")
            #expect(!after.contains("app-wrongwrongwrong1234"))
        }
    }

    @Test func anUnknownLevelIsRefusedInOneLine() async throws {
        let home = try BackendCLITests.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let argv = [SyncCLI.binary ?? "chatterm", "ls"]
        let result = try Spawn.run(argv, environment: ["CHATTERM_HOME": home.path, "CHATTERM_LOG": "loud"])
        #expect(result.status == 1)
        #expect(
            result.stderr == "chatterm: CHATTERM_LOG must be trace, debug, info, notice, warning or error, not loud\n")
    }

    @Test func chattermLogAloneWritesToTheStateFolder() async throws {
        let home = try BackendCLITests.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let state = home.appendingPathComponent("state")
        let argv = [SyncCLI.binary ?? "chatterm", "ls"]
        let result = try Spawn.run(
            argv, environment: ["CHATTERM_HOME": home.path, "CHATTERM_LOG": "debug", "XDG_STATE_HOME": state.path])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(
            contentsOf: state.appendingPathComponent("chatterm/chatterm.log"), encoding: .utf8)
        #expect(text.contains("started"))
    }
}

import ChatTestPeers
import ChatTestSupport
import Foundation
import Testing

/// `chatterm profiles --check` as a person runs it: a Dify profile names its app, a Coze profile
/// its bot, a ChatGPT profile signed in with a session cookie names its user, and a service that
/// cannot be reached is said so in words on its own line.
@Suite(
    "profiles --check", .serialized, .timeLimit(.minutes(2)),
    .enabled(if: SyncCLI.binary != nil, "needs a built .build/debug/chatterm"))
struct ProfilesCheckCLITests {
    @Test func eachServiceSaysWhoTheProfileSignsInAs() async throws {
        let home = try BackendCLITests.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let keyFile = home.appendingPathComponent("dify.key")
        let cookieFile = home.appendingPathComponent("chatgpt.cookie")
        BackendCLITests.write(DifyPeerBook.key, to: keyFile)
        BackendCLITests.write(AccountTests.cookie, to: cookieFile)
        let cozeFile = home.appendingPathComponent("coze.token")
        BackendCLITests.write(CozePeer.token, to: cozeFile)
        let session = """
            {"user": {"id": "user-1", "name": "Ada", "email": "ada@example.com"},
             "expires": "2030-01-02T03:04:05.000Z", "accessToken": "tok-1"}
            """
        let (text, json) = try await withPeer(DifyPeer.router(DifyPeerBook())) { dify in
            try await withPeer(CozePeer.router(calls: CozeCalls())) { coze in
                try await withPeer(ErrorStatusTests.sessionRouter(hits: Hits()) { _ in session }) { web in
                    BackendCLITests.write(
                        """
                        [profiles.qwen]
                        kind = "dify"
                        base_url = "\(dify)/v1"
                        token_file = "\(keyFile.path)"

                        [profiles.web]
                        kind = "chatgpt"
                        base_url = "\(web)"
                        cookie_file = "\(cookieFile.path)"

                        [profiles.bot]
                        kind = "coze"
                        base_url = "\(coze)"
                        bot_id = "7380"
                        token_file = "\(cozeFile.path)"

                        [profiles.gone]
                        kind = "dify"
                        base_url = "http://127.0.0.1:1/v1"
                        token_file = "\(keyFile.path)"

                        """, to: home.appendingPathComponent("config/chatterm/config.toml"))
                    let text = try await BackendCLITests.run(["profiles", "--check"], home: home)
                    let json = try await BackendCLITests.run(["profiles", "--check", "--json"], home: home)
                    return (text, json)
                }
            }
        }
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        let qwen = try #require(lines.first { $0.contains("qwen") })
        #expect(qwen.contains("signed in as the app \(DifyPeerBook.appName)"), "\(qwen)")
        let web = try #require(lines.first { $0.contains(" web ") })
        #expect(web.contains("signed in as Ada <ada@example.com>"), "\(web)")
        #expect(web.contains("session cookie \(cookieFile.path)"), "\(web)")
        #expect(web.contains("session expires 2030-01-02 03:04 UTC"), "\(web)")
        let bot = try #require(lines.first { $0.contains(" bot ") })
        #expect(bot.contains("signed in as the bot \(CozePeer.botName)"), "\(bot)")
        let gone = try #require(lines.first { $0.contains("gone") })
        #expect(gone.contains("could not ask who: "), "\(gone)")
        #expect(PlainSentences.problems(in: gone).isEmpty, "\(gone)")
        #expect(!text.stdout.contains(DifyPeerBook.key) && !text.stdout.contains("abc123"))

        #expect(json.status == 0, "\(json.stderr)")
        let rows = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as? String ?? "", $0) })
        #expect(byName["web"]?["account"] as? String == "Ada <ada@example.com>")
        #expect(byName["qwen"]?["account"] as? String == "the app \(DifyPeerBook.appName)")
        #expect(byName["gone"]?["account_check_failed_because"] is String)
        #expect(byName["local"]?["account_check_failed_because"] is NSNull)
    }
}

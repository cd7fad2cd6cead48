import ChatTestPeers
import ChatTestSupport
import Foundation
import Testing

/// The built `chatterm` binary against each kind of service, as a script would use it: one-off
/// `--backend … --base-url …` flags and config.toml profiles, over real HTTP to in-test peers.
@Suite(
    "Backends from the command line", .serialized, .timeLimit(.minutes(2)),
    .enabled(if: SyncCLI.binary != nil && Fixtures.available, "needs a built .build/debug/chatterm and ../shared"))
struct BackendCLITests {
    /// A scratch home with an empty config folder, removed by the caller.
    static func home() throws -> URL {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("chatterm-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: home.appendingPathComponent("config/chatterm"), withIntermediateDirectories: true)
        return home
    }

    /// Runs the binary with `home` as its data and config folder and `token` (or no token).
    static func run(_ args: [String], home: URL, token: String? = nil) async throws -> ProcessResult {
        let argv = [SyncCLI.binary ?? "chatterm"] + args
        let environment = [
            "CHATTERM_HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "CHATTERM_ACCESS_TOKEN": token ?? "", "CHATTERM_SESSION_COOKIE": "",
        ]
        return try await SyncCLI.blocking { try Spawn.run(argv, environment: environment, timeout: 60) }
    }

    static func write(_ text: String, to url: URL, mode: Int = 0o600) {
        _ = FileManager.default.createFile(
            atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
    }

    /// A `[profiles.NAME]` table for the Coze peer's `rich` bot with the token in `tokenFile`.
    static func cozeProfile(_ name: String, base: String, tokenFile: URL) -> String {
        """
        [profiles.\(name)]
        kind = "coze"
        base_url = "\(base)"
        bot_id = "rich"
        token_file = "\(tokenFile.path)"

        """
    }

    // MARK: Dify

    @Test func difySendListShowAndTheMissingTokenLine() async throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let book = DifyPeerBook()
        await book.seedConversation("conv-old", name: "Older talk", count: 3)
        try await withPeer(DifyPeer.router(book)) { base in
            let dify = ["--backend", "dify", "--base-url", base + "/v1"]
            let sent = try await Self.run(["send"] + dify + ["hello dify"], home: home, token: DifyPeerBook.key)
            #expect(sent.status == 0, "\(sent.stderr)")
            #expect(sent.stdout == "Echo: hello dify — 你好 🌍\n")
            #expect(sent.stderr.contains("conversation: conv-"))

            let listed = try await Self.run(["ls"] + dify, home: home, token: DifyPeerBook.key)
            #expect(listed.status == 0, "\(listed.stderr)")
            #expect(listed.stdout.contains("conv-old"))
            #expect(listed.stdout.contains("Older talk"))

            let shown = try await Self.run(["show", "conv-old"] + dify, home: home, token: DifyPeerBook.key)
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(shown.stdout.contains("question 2"))
            #expect(shown.stdout.contains("answer 2"))

            // The service's failure: its message on stderr, the partial answer kept on stdout.
            let failed = try await Self.run(["send"] + dify + ["please fail"], home: home, token: DifyPeerBook.key)
            #expect(failed.status != 0)
            #expect(failed.stdout.contains("Partial"))
            #expect(failed.stderr.contains("Model overloaded"))

            let missing = try await Self.run(["ls"] + dify, home: home)
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("CHATTERM_ACCESS_TOKEN"))
            #expect(missing.stderr.contains("dify:127.0.0.1"))
            #expect(missing.stderr.split(separator: "\n").count == 1)

            // Without --base-url the service's usual address (checked for a token before any request).
            let usual = try await Self.run(["ls", "--backend", "dify"], home: home)
            #expect(usual.status == 1)
            #expect(usual.stderr.contains("dify:api.dify.ai") && usual.stderr.contains("CHATTERM_ACCESS_TOKEN"))

            let wrong = try await Self.run(["ls"] + dify, home: home, token: "app-wrong")
            #expect(wrong.status == 1)
            #expect(wrong.stderr.contains("401"))
            #expect(!wrong.stderr.contains("app-wrong"))
        }
    }

    @Test func difyMessageReplaceWinsOverTheDeltas() async throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(at: home) }
        func event(_ fields: String) -> String {
            #"data: {"conversation_id": "c-r", "message_id": "m-r", "task_id": "t-r", "created_at": 1, \#(fields)}"#
                + "\n\n"
        }
        let stream =
            event(#""event": "message", "answer": "an unsafe "#) + event(#""event": "message", "answer": "draft""#)
            + event(#""event": "message_replace", "answer": "Sorry, I can't answer that.""#)
            + event(#""event": "message_end", "metadata": {"usage": {"prompt_tokens": 3, "completion_tokens": 4}}"#)
        try await withPeer(DifyPeer.router(DifyPeerBook(), stream: Array(stream.utf8))) { base in
            let sent = try await Self.run(
                ["send", "--backend", "dify", "--base-url", base + "/v1", "tell me"], home: home,
                token: DifyPeerBook.key)
            #expect(sent.status == 0, "\(sent.stderr)")
            #expect(sent.stdout == "Sorry, I can't answer that.\n")
        }
    }

    /// `chatterm sync` over Dify: 130 conversations in pages (`last_id`), every one read back
    /// offline; a second run reads one list page and no messages.
    @Test func difySyncMirrorsTheHistoryForOfflineReading() async throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let book = DifyPeerBook()
        for n in 0..<130 { await book.seedConversation(String(format: "dc-%03d", n), name: "Dify talk \(n)", count: 2) }
        try await withPeer(DifyPeer.router(book)) { base in
            let dify = ["--backend", "dify", "--base-url", base + "/v1"]
            let first = try await Self.run(["sync", "--json"] + dify, home: home, token: DifyPeerBook.key)
            #expect(first.status == 0, "\(first.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
            #expect(object["fetched"] as? Int == 130)
            #expect(object["complete"] as? Bool == true)

            let before = await book.log.count
            let second = try await Self.run(["sync", "--json"] + dify, home: home, token: DifyPeerBook.key)
            #expect(second.status == 0, "\(second.stderr)")
            let again = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
            #expect(again["fetched"] as? Int == 0)
            let requests = await book.log.dropFirst(before)
            #expect(requests.filter { $0.hasPrefix("GET /conversations") }.count == 1, "\(requests)")
            #expect(!requests.contains { $0.hasPrefix("GET /messages") }, "\(requests)")
        }
        // The peer is gone: the archive answers.
        let listed = try await Self.run(["ls", "--limit", "200"], home: home)
        #expect(listed.stdout.contains("dc-000") && listed.stdout.contains("dc-129"))
        let shown = try await Self.run(["show", "dc-077"], home: home)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("question 1") && shown.stdout.contains("answer 1"))
    }

    // MARK: Coze

    @Test func cozeCompletedMessageWinsAndFailuresKeepThePartialAnswer() async throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(at: home) }
        try await withPeer(CozePeer.router(calls: CozeCalls())) { base in
            let coze = ["--backend", "coze", "--base-url", base]
            let sent = try await Self.run(
                ["send"] + coze + ["--bot-id", "text", "What day?"], home: home, token: CozePeer.token)
            #expect(sent.status == 0, "\(sent.stderr)")
            // The deltas make "20星期三。"; the completed message is the answer.
            #expect(sent.stdout == "2024 年 10 月 1 日是星期三。\n")

            let failed = try await Self.run(
                ["send"] + coze + ["--bot-id", "failed", "Hi"], home: home, token: CozePeer.token)
            #expect(failed.status != 0)
            #expect(failed.stdout.contains(CozePeer.partial))
            #expect(failed.stderr.contains("chatterm:"))

            let noBot = try await Self.run(["send"] + coze + ["Hi"], home: home, token: CozePeer.token)
            #expect(noBot.status != 0)
            #expect(noBot.stderr.contains("--bot-id"))

            let unauthorized = try await Self.run(
                ["send"] + coze + ["--bot-id", "text", "Hi"], home: home, token: "pat_wrong")
            #expect(unauthorized.status != 0)
            #expect(unauthorized.stderr.contains("401"))
            #expect(!unauthorized.stderr.contains("pat_wrong"))
        }
    }

    // MARK: Profiles

    @Test func profilesFromConfigListAndSend() async throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let config = home.appendingPathComponent("config/chatterm/config.toml")
        let tokenFile = home.appendingPathComponent("coze-token")
        let openFile = home.appendingPathComponent("open-token")
        Self.write(CozePeer.token, to: tokenFile)
        Self.write(CozePeer.token, to: openFile, mode: 0o644)
        try await withPeer(CozePeer.router(calls: CozeCalls())) { base in
            Self.write(
                "default_profile = \"bot\"\n\n" + Self.cozeProfile("bot", base: base, tokenFile: tokenFile) + "\n"
                    + Self.cozeProfile("leaky", base: base, tokenFile: openFile) + "\n"
                        + """
                        [profiles.nokey]
                        kind = "dify"
                        base_url = "http://127.0.0.1:9/v1"
                        token_env = "MY_DIFY_KEY"
                        """, to: config)

            let listed = try await Self.run(["profiles"], home: home)
            #expect(listed.status == 0, "\(listed.stderr)")
            let lines = listed.stdout.split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.contains("bot") && $0.contains("coze") && $0.contains("*") })
            #expect(lines.contains { $0.contains("nokey") && $0.contains("$MY_DIFY_KEY") })
            #expect(lines.contains { $0.contains("local") })
            #expect(!listed.stdout.contains(CozePeer.token))

            // The default profile answers; the token came from its 0600 file.
            let sent = try await Self.run(["send", "Count them"], home: home)
            #expect(sent.status == 0, "\(sent.stderr)")
            #expect(sent.stdout == CozePeer.richAnswer(1) + "\n")

            let leaky = try await Self.run(["send", "--profile", "leaky", "Hi"], home: home)
            #expect(leaky.status == 1)
            #expect(leaky.stderr.contains("leaky"))
            #expect(leaky.stderr.contains("0600") || leaky.stderr.contains("644"))
            #expect(leaky.stderr.split(separator: "\n").count == 1)

            let nokey = try await Self.run(["ls", "--profile", "nokey"], home: home)
            #expect(nokey.status == 1)
            #expect(nokey.stderr.contains("nokey") && nokey.stderr.contains("MY_DIFY_KEY"))
            #expect(nokey.stderr.split(separator: "\n").count == 1)

            let unknown = try await Self.run(["ls", "--profile", "nope"], home: home)
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("nope"))
        }
    }

    // MARK: OpenAI-compatible

    /// `send --backend openai` at the `/v1` of a `chatterm serve --engine openai` process that
    /// forwards to an in-test peer: the CLI's own tree in SQLite, the answer from the far end.
    @Test func openAIThroughAServeProcess() async throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let log = OpenAIPeerLog()
        try await withPeer(OpenAIPeer.router(log: log)) { peer in
            let serve = try await ServeProcess(upstream: peer)
            defer { serve.stop() }
            let token = serve.token
            let openai = ["--backend", "openai", "--base-url", serve.v1, "--model", "numbered"]

            let sent = try await Self.run(["send", "--json"] + openai + ["first question"], home: home, token: token)
            #expect(sent.status == 0, "\(sent.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(sent.stdout.utf8)) as? [String: Any])
            // Call numbers count title requests too: the words after the number are the answer's own.
            let text = try #require(object["text"] as? String)
            #expect(text.hasPrefix("Peer answer ") && text.hasSuffix(" to first question after 1 messages."))
            let id = try #require(object["conversation_id"] as? String)

            // The follow-up carries the whole branch upstream.
            let next = try await Self.run(
                ["send", "--conversation", id] + openai + ["second question"], home: home, token: token)
            #expect(next.status == 0, "\(next.stderr)")
            let calls = log.answerCalls
            #expect(calls.last?.messages.count == 3)
            #expect(calls.last?.messages.last?["content"] == "second question")
            #expect(next.stdout.hasPrefix("Peer answer "))
            #expect(next.stdout.hasSuffix(" to second question after 3 messages.\n"))

            // The tree lives here: ls and show read it without a model.
            let listed = try await Self.run(
                ["ls", "--backend", "openai", "--base-url", serve.v1], home: home, token: token)
            #expect(listed.status == 0, "\(listed.stderr)")
            #expect(listed.stdout.contains(id))
            let shown = try await Self.run(["show", id] + openai, home: home, token: token)
            #expect(shown.stdout.contains("second question"))
        }
    }
}

import ChatArchive
import ChatClient
import ChatProtocol
import ChatStore
import ChatTestPeers
import ChatTestSupport
import Foundation
import Testing

/// The built `chatterm` binary against an in-test history peer: `sync`, then `export --all`.
enum SyncCLI {
    static var binary: String? {
        let path = Fixtures.packageRoot.appendingPathComponent(".build/debug/chatterm").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// A scratch data folder with a 0600 token file.
    static func home() throws -> (home: URL, token: URL) {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("chatterm-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let token = home.appendingPathComponent("token")
        _ = FileManager.default.createFile(
            atPath: token.path, contents: Data(HistoryBook.token.utf8), attributes: [.posixPermissions: 0o600])
        return (home, token)
    }

    /// Runs the binary on a thread of its own (the peer keeps serving meanwhile).
    static func run(_ args: [String], home: URL) async throws -> ProcessResult {
        let argv = [binary ?? "chatterm"] + args
        return try await blocking {
            try Spawn.run(argv, environment: ["CHATTERM_HOME": home.path, "CHATTERM_ACCESS_TOKEN": ""], timeout: 90)
        }
    }

    /// Runs blocking work (a child process, tmux polling) off the concurrency pool.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }

    /// The files of a folder, sorted.
    static func files(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }
}

@Suite(
    "chatterm sync (CLI)", .serialized, .timeLimit(.minutes(2)),
    .enabled(if: SyncCLI.binary != nil, "needs a built .build/debug/chatterm"))
struct SyncCommandTests {
    static let titles: [String?] = [
        "a/b: c", "..", "🤖🤖", "对齐测试 CJK", String(repeating: "a very long title ", count: 30), "Same", "Same", nil,
        "../../etc/passwd", "Ünïcödé Naïve café", "line\nbreak \"quoted\" ---",
    ]

    @Test func syncThenExportEveryConversationAsMarkdown() async throws {
        let book = HistoryBook()
        let special = await book.add(Self.titles.count, titles: Self.titles)
        await book.add(110)
        await book.add(3, archived: true, prefix: "old")
        let broken = special[2]
        var faults = PeerFaults()
        faults.detailFailing = [broken]
        faults.listRateLimited = [2]
        await book.setFaults(faults)
        let (home, token) = try SyncCLI.home()
        defer { try? FileManager.default.removeItem(at: home) }
        try await withPeer(historyPeer(book)) { (base: String) async throws in
            let remote = ["--base-url", base, "--token-file", token.path, "--retry-delay-ms", "1"]
            let first = try await SyncCLI.run(["sync", "--json"] + remote, home: home)
            #expect(first.status == 2, "\(first.stderr)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
            #expect(object["fetched"] as? Int == 123)
            #expect(object["complete"] as? Bool == false)
            let failed = try #require(object["failed"] as? [[String: Any]])
            #expect(failed.map { $0["id"] as? String } == [broken])
            #expect((failed.first?["reason"] as? String)?.contains("500") == true)
            #expect(object["stopped"] is NSNull)

            await book.setFaults(PeerFaults())
            let second = try await SyncCLI.run(["sync"] + remote, home: home)
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stdout.contains("1 fetched (1 new, 0 updated)"))
        }

        let out = home.appendingPathComponent("md")
        let exported = try await SyncCLI.run(["export", "--all", "--format", "md", "-o", out.path], home: home)
        #expect(exported.status == 0, "\(exported.stderr)")
        let files = try SyncCLI.files(out)
        #expect(files.count == 124)
        let server = await book.conversations.values
        let expected = ExportFileName.names(
            server.map { ExportFileName.Item(id: $0.id, title: $0.title, createTime: $0.createTime) })
        #expect(files == expected.values.map { $0 + ".md" }.sorted())
        #expect(files.allSatisfy { !$0.hasPrefix(".") && !$0.contains("/") && $0.utf8.count < 160 })

        let first = try String(contentsOf: out.appendingPathComponent(expected[special[0]]! + ".md"), encoding: .utf8)
        #expect(first.hasPrefix("---\nid: \"\(special[0])\"\ntitle: \"a/b: c\"\n"))
        #expect(first.contains("\nmodel: \"gpt-4o\"\n"))
        #expect(first.contains("\nbranches: \"current\"\n---\n\n# a/b: c\n"))
        #expect(first.contains("second answer to") && !first.contains("first answer to"))
        let quoted = try String(
            contentsOf: out.appendingPathComponent(expected[special[10]]! + ".md"), encoding: .utf8)
        #expect(quoted.contains(#"title: "line\nbreak \"quoted\" ---""#))

        // Again: the same names, the same bytes.
        let before = try files.map { try Data(contentsOf: out.appendingPathComponent($0)) }
        let again = try await SyncCLI.run(["export", "--all", "--format", "md", "-o", out.path], home: home)
        #expect(again.status == 0)
        #expect(try SyncCLI.files(out) == files)
        #expect(try files.map { try Data(contentsOf: out.appendingPathComponent($0)) } == before)

        let branches = home.appendingPathComponent("all")
        let all = try await SyncCLI.run(
            ["export", "--all", "--format", "md", "--all-branches", "-o", branches.path], home: home)
        #expect(all.status == 0)
        let text = try String(contentsOf: branches.appendingPathComponent(files[0]), encoding: .utf8)
        #expect(text.contains("## Branch 1 of 2") && text.contains("## Branch 2 of 2 (current)"))
        #expect(text.contains("branches: \"all (2)\""))
    }

    /// A server that serves at most 20 a page (and says `"limit": 20`): every page is read,
    /// not just the first, and the run says it is complete only when it is.
    @Test func syncMirrorsEveryConversationOfAServerServingTwentyAPage() async throws {
        let book = HistoryBook()
        await book.add(300)
        var faults = PeerFaults()
        faults.pageCap = 20
        await book.setFaults(faults)
        let (home, token) = try SyncCLI.home()
        defer { try? FileManager.default.removeItem(at: home) }
        try await withPeer(historyPeer(book)) { (base: String) async throws in
            let remote = ["--base-url", base, "--token-file", token.path, "--retry-delay-ms", "1"]
            let result = try await SyncCLI.run(["sync", "--json"] + remote, home: home)
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(object["fetched"] as? Int == 300)
            #expect(object["complete"] as? Bool == true)
            #expect(await book.served.count == 300)
        }
    }

    @Test func syncNeedsAServer() async throws {
        let (home, _) = try SyncCLI.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try await SyncCLI.run(["sync"], home: home)
        #expect(result.status == 1)
        #expect(result.stderr.contains("--base-url"))
        let bad = try await SyncCLI.run(["sync", "--base-url", "http://x", "--since", "yesterday"], home: home)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--since"))
    }

    @Test(.enabled(if: TmuxSession.isAvailable, "needs tmux"))
    func ctrlCStopsCleanlyAndTheNextRunFinishes() async throws {
        let book = HistoryBook()
        await book.add(200)
        var faults = PeerFaults()
        faults.detailDelay = .milliseconds(40)
        await book.setFaults(faults)
        let (home, token) = try SyncCLI.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let binary = try #require(SyncCLI.binary)
        try await withPeer(historyPeer(book)) { (base: String) async throws in
            // The shell stays for the exit status (`trap :` lets it outlive the Ctrl-C, as an
            // interactive shell would; the program gets SIGINT with its default handling).
            let command =
                "sh -c 'trap : INT; \(binary) sync --base-url \(base) --token-file \(token.path); echo exit=$?'"
            let (screen, status) = try await SyncCLI.blocking { () throws -> (String, String) in
                let pane = try TmuxSession(
                    command: command, cols: 160, rows: 10, environment: ["CHATTERM_HOME": home.path])
                defer { pane.close() }
                // The progress line is redrawn in place while conversations arrive.
                try pane.waitFor("ten fetched") { screen in
                    screen.contains("active · page 1")
                        && screen.split(separator: "·").contains { part in
                            guard part.hasSuffix(" fetched ") else { return false }
                            return Int(part.dropLast(9).trimmingCharacters(in: .whitespaces)) ?? 0 >= 10
                        }
                }
                try pane.send("C-c")
                let screen = try pane.waitFor("exit=")
                let status = screen.components(separatedBy: "exit=").last?.prefix { $0.isNumber } ?? ""
                return (screen, String(status))
            }
            #expect(status == "130", "\(screen)")
            #expect(screen.contains("sync interrupted"))
            let archive = try Archive(directory: home)
            let source = "backend:127.0.0.1"
            let partial = try archive.ids(source: source)
            #expect(partial.count >= 10 && partial.count < 200)
            #expect(try partial.allSatisfy { try archive.conversation(id: $0)?.mapping.count == 4 })

            await book.setFaults(PeerFaults())
            let rest = try await SyncCLI.run(["sync", "--base-url", base, "--token-file", token.path], home: home)
            #expect(rest.status == 0, "\(rest.stderr)")
            #expect(rest.stdout.contains("\(200 - partial.count) fetched"))
            #expect(try await SyncWorld.mirrors(Archive(directory: home), book, source: source))
        }
    }
}

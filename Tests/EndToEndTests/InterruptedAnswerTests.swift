import ChatTestSupport
import Foundation
import Testing

/// `kill -9` of `chatterm serve` in the middle of an answer: the next start marks the answer
/// it left `in_progress` as interrupted, with the text written so far, and `show` says so.
@Suite(.serialized, .timeLimit(.minutes(2)), .enabled(if: E2EFixture.binaryPath != nil, "needs a built binary"))
struct InterruptedAnswerTests {
    func startServer(_ home: URL, binary: String) async throws -> (BackgroundProcess, Int) {
        // Slow tokens: the answer is still streaming when the process is killed.
        let process = try Spawn.start(
            [binary, "serve", "--port", "0", "--pace-ms", "250"], environment: ["CHATTERM_HOME": home.path])
        let line = try await process.waitForLine(startingWith: "listening on http://127.0.0.1:")
        let port = try #require(line.split(separator: ":").last.flatMap { Int($0) })
        return (process, port)
    }

    @Test func anAnswerCutByAKilledServerIsMarkedInterruptedAfterARestart() async throws {
        let server = try E2EFixture(importing: [])
        defer { server.remove() }
        let client = try E2EFixture(importing: [])
        defer { client.remove() }
        var (process, port) = try await startServer(server.home, binary: server.binary)
        let token = try server.run(["serve", "--print-token"]).stdout
        let tokenFile = client.home.appendingPathComponent("token")
        #expect(
            FileManager.default.createFile(
                atPath: tokenFile.path, contents: Data(token.utf8), attributes: [.posixPermissions: 0o600]))
        var remote: [String] { ["--base-url", "http://127.0.0.1:\(port)", "--token-file", tokenFile.path] }

        let send = try Spawn.start(
            [client.binary, "send", "--json"] + remote
                + ["please write a long answer about the many kinds of trees in northern forests"],
            environment: ["CHATTERM_HOME": client.home.path])
        try await Task.sleep(for: .milliseconds(1500))
        kill(process.pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(process.pid, &status, 0)
        send.stop()

        (process, port) = try await startServer(server.home, binary: server.binary)
        defer { process.stop() }
        let listed = try client.run(["ls", "--json"] + remote)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let id = try #require(items.first?["id"] as? String, "\(listed.stdout) \(listed.stderr)")
        let shown = try client.run(["show", id] + remote)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(
            shown.stdout.contains("[interrupted: the answer was cut off before it was finished]"), "\(shown.stdout)")
        let json = try client.run(["show", id, "--json"])
        #expect(json.stdout.contains("process_ended"))
        #expect(!json.stdout.contains("\"in_progress\""))
    }
}

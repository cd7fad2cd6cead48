import ChatTestSupport
import Foundation
import Testing

/// The CLI against `chatterm serve` running as a separate process: the same protocol the
/// real service speaks, over a real socket, with the token from a 0600 file.
@Suite(
    .serialized, .timeLimit(.minutes(2)),
    .enabled(if: E2EFixture.canRun, "needs tmux and a built .build/debug/chatterm"))
struct RemoteServerTests {
    @Test func sendLsShowAndExportAgainstAServeProcess() throws {
        let server = try E2EFixture(importing: [])
        defer { server.remove() }
        let client = try E2EFixture(importing: [])
        defer { client.remove() }
        let port = Int.random(in: 20_000...40_000)
        let pane = try TmuxSession(
            command: "\(server.binary) serve --port \(port) --pace-ms 0", cols: 100, rows: 10,
            environment: ["CHATTERM_HOME": server.home.path])
        defer { pane.close() }
        // Not the browser: the screen is polled for the server's line.
        try pane.waitFor("listening on http://127.0.0.1:\(port)")
        let token = try server.run(["serve", "--print-token"]).stdout
        let tokenFile = client.home.appendingPathComponent("token")
        #expect(
            FileManager.default.createFile(
                atPath: tokenFile.path, contents: Data(token.utf8), attributes: [.posixPermissions: 0o600]))
        let remote = ["--base-url", "http://127.0.0.1:\(port)", "--token-file", tokenFile.path]

        let sent = try client.run(["send", "--json"] + remote + ["a remote hello"])
        #expect(sent.status == 0, "\(sent.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(sent.stdout.utf8)) as? [String: Any])
        let id = try #require(object["conversation_id"] as? String)
        #expect(object["title"] as? String == "a remote hello")

        let listed = try client.run(["ls"] + remote)
        #expect(listed.status == 0)
        #expect(listed.stdout.contains(id))
        #expect(listed.stdout.contains("a remote hello"))

        let shown = try client.run(["show", id] + remote)
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("You wrote: \"a remote hello\""))
        // Cached: it reads without the server too.
        let offline = try client.run(["show", id])
        #expect(offline.stdout == shown.stdout)

        let exported = try client.run(["export", id, "--format", "md"] + remote)
        #expect(exported.stdout.hasPrefix("# a remote hello"))

        // No token at all: one line naming the source and the variable, before any request.
        let missing = try client.run(["ls", "--base-url", "http://127.0.0.1:\(port)"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("CHATTERM_ACCESS_TOKEN"))
        #expect(missing.stderr.split(separator: "\n").count == 1)

        // A wrong token: the server's 401 comes back as the renewal message.
        let wrongFile = client.home.appendingPathComponent("wrong-token")
        #expect(
            FileManager.default.createFile(
                atPath: wrongFile.path, contents: Data("not-the-token".utf8), attributes: [.posixPermissions: 0o600]))
        let refused = try client.run(["ls", "--base-url", "http://127.0.0.1:\(port)", "--token-file", wrongFile.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("401"))
    }
}

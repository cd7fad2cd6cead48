import ChatTestSupport
import Foundation
import Testing

/// The local server's conversations are stored once, in the archive every command reads, and
/// those it kept in a folder of its own before are moved there once, as a user meets them.
@Suite(
    .serialized, .timeLimit(.minutes(3)),
    .enabled(if: E2EFixture.canRun, "needs tmux and a built .build/debug/chatterm"))
struct OneArchiveTests {
    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    func listedIDs(_ fixture: E2EFixture) throws -> [String] {
        let listed = try fixture.run(["ls", "--json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        return (try json(listed.stdout) as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test func aSentChatIsStoredOnceAndTheBrowserCanGoOnWithIt() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let sent = try fixture.run(["send", "--json", "--local-pace-ms", "0", "stored once please"])
        #expect(sent.status == 0, "\(sent.stderr)")
        let id = try #require((try json(sent.stdout) as? [String: Any])?["conversation_id"] as? String)

        // In the archive `ls` reads, beside the imports; no other archive was made.
        #expect(try listedIDs(fixture).contains(id))
        let fm = FileManager.default
        #expect(!fm.fileExists(atPath: fixture.home.appendingPathComponent("server/chatterm.sqlite").path))
        #expect(!fm.fileExists(atPath: fixture.home.appendingPathComponent("profiles").path))
        #expect(try fixture.run(["show", id]).stdout.contains("You wrote: \"stored once please\""))

        // The browser shows it as the local server's (not read-only): regenerate works.
        let tui = try fixture.browse(cols: 100, rows: 30, extra: "--local-pace-ms 0 --open \(id)")
        defer { tui.close() }
        var screen = try tui.settle()
        #expect(screen.contains("You wrote: \"stored once please\""), "screen:\n\(screen)")
        try tui.press(.bottom, in: .messages)
        try tui.press(.regenerate, in: .messages)
        screen = try tui.settle()
        #expect(screen.contains("‹2/2›") && screen.contains("(answer 2)"), "screen:\n\(screen)")
        try tui.press(.forceQuit, in: .messages)
        try tui.waitForExit()
        let tree = try fixture.run(["show", id, "--tree"]).stdout
        #expect(tree.contains("‹2/2›"), "the regenerated answer is in the same archive:\n\(tree)")
    }

    @Test func conversationsTheServerKeptApartMoveIntoTheArchiveOnce() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        // An archive in <data>/server, as the local server kept one before.
        let server = fixture.home.appendingPathComponent("server")
        let export = fixture.home.appendingPathComponent("old.json")
        try JSONSerialization.data(withJSONObject: E2EFixture.conversations).write(to: export)
        let made = try fixture.run(["import", "--data-dir", server.path, export.path])
        #expect(made.status == 0, "\(made.stderr)")

        let first = try fixture.run(["ls", "--json"])
        #expect(first.status == 0)
        #expect(
            first.stderr.contains(
                "chatterm: moved 3 conversations of the local server from \(server.path) into the archive"),
            "stderr: \(first.stderr)")
        let ids = (try json(first.stdout) as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(Set(ids) == ["conv-branching", "conv-cjk"])
        let fm = FileManager.default
        #expect(!fm.fileExists(atPath: server.appendingPathComponent("chatterm.sqlite").path))
        #expect(fm.fileExists(atPath: server.appendingPathComponent("chatterm.sqlite.adopted").path))
        #expect(try fixture.run(["ls"]).stderr.isEmpty, "moved once only")

        // They are the local server's now: a send continues one.
        let more = try fixture.run([
            "send", "--json", "--local-pace-ms", "0", "--conversation", "conv-cjk", "one more question",
        ])
        #expect(more.status == 0, "\(more.stderr)")
        #expect(try fixture.run(["show", "conv-cjk"]).stdout.contains("You wrote: \"one more question\""))
    }

    @Test func aSendAsTheFirstCommandMovesThemTooAndSaysSo() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let server = fixture.home.appendingPathComponent("server")
        let export = fixture.home.appendingPathComponent("old.json")
        try JSONSerialization.data(withJSONObject: E2EFixture.conversations).write(to: export)
        #expect(try fixture.run(["import", "--data-dir", server.path, export.path]).status == 0)

        let sent = try fixture.run([
            "send", "--json", "--local-pace-ms", "0", "--conversation", "conv-cjk", "and now?",
        ])

        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stderr.contains("chatterm: moved 3 conversations of the local server"), "stderr: \(sent.stderr)")
        #expect(try fixture.run(["show", "conv-cjk"]).stdout.contains("You wrote: \"and now?\""))
    }
}

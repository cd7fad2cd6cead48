import ChatTestSupport
import Foundation
import Testing

/// No byte of untrusted text reaches a terminal through any command: an archive whose
/// title and messages carry ``HostileText/payload`` is listed, shown, searched and exported,
/// to a terminal (a pseudo-terminal, stdout and stderr) and to a pipe, and nothing in the
/// output can act on a terminal. JSON keeps the same values, only escaped.
@Suite(.timeLimit(.minutes(3)), .enabled(if: E2EFixture.binaryPath != nil, "needs a built .build/debug/chatterm"))
struct HostileOutputTests {
    static let payload = HostileText.payload

    static var conversation: [String: Any] {
        let n = E2EFixture.node
        func m(_ id: String, _ role: String, _ text: String) -> [String: Any] { E2EFixture.message(id, role, text) }
        return [
            "id": "conv-hostile", "title": "Hostile \(payload) title", "create_time": 1_700_000_000.0,
            "update_time": 1_700_000_900.0, "current_node": "h2", "is_archived": false,
            "mapping": [
                "r": n("r", nil, ["h1"], nil),
                "h1": n("h1", "r", ["h2", "h3"], m("h1", "user", "harmless question \(payload)")),
                "h2": n("h2", "h1", [], m("h2", "assistant", "harmless answer \(payload)\nsecond line")),
                "h3": n("h3", "h1", [], m("h3", "assistant", "other harmless version \(payload)")),
            ],
        ]
    }

    /// Every human-readable and JSON output of the read commands.
    static let commands: [[String]] = [
        ["ls"], ["ls", "--json"], ["show", "conv-hostile"], ["show", "conv-hostile", "--tree"],
        ["show", "conv-hostile", "--json"], ["search", "harmless"], ["search", "harmless", "--json"],
        ["export", "conv-hostile", "--format", "md"], ["export", "conv-hostile", "--format", "md", "--all-branches"],
        ["export", "conv-hostile", "--format", "json"], ["export", "--all", "--format", "md"],
        ["export", "--all", "--format", "json"],
    ]

    @Test(arguments: commands)
    func aTerminalGetsNoSequence(command: [String]) throws {
        let fixture = try E2EFixture(importing: [Self.conversation])
        defer { fixture.remove() }
        let result = try Spawn.runInTerminal(
            [fixture.binary] + command, environment: ["CHATTERM_HOME": fixture.home.path], stderrToo: true)
        #expect(result.status == 0, "\(command): \(result.stdout)")
        // `show` renders with its own colours on a terminal: only those may be there (the
        // payload's own "ESC[31m" never is; chatterm's colours are 256-colour codes).
        #expect(!result.stdout.contains("\u{1b}[31m") && !result.stdout.contains("\u{1b}[2J"))
        let shown = HostileText.removingSGR(result.stdout)
        #expect(HostileText.problems(in: shown) == [], "\(command) wrote to the terminal: \(result.stdout)")
        if !command.contains("--json") && !command.contains("json") {
            #expect(shown.contains(HostileText.visible), "\(command): \(result.stdout)")
        }
    }

    @Test(arguments: commands)
    func aPipeGetsVisibleEscapesOrEscapedJSON(command: [String]) throws {
        let fixture = try E2EFixture(importing: [Self.conversation])
        defer { fixture.remove() }
        let result = try fixture.run(command)
        #expect(result.status == 0, "\(command): \(result.stderr)")
        #expect(HostileText.problems(in: result.stdout) == [], "\(command) wrote raw: \(result.stdout)")
        #expect(HostileText.problems(in: result.stderr) == [], "\(command) warned raw: \(result.stderr)")
        if command.contains("--json") || command.contains("json") {
            // The same values, only escaped: the title reads back exactly.
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
            #expect(Self.titles(in: object).contains("Hostile \(Self.payload) title"), "\(command)")
        } else {
            #expect(result.stdout.contains("␛[2J"), "control characters are shown, not dropped: \(result.stdout)")
            #expect(result.stdout.contains("⟨U+202E⟩"))
        }
    }

    @Test func filesWrittenByExportAreSafeToCat() throws {
        let fixture = try E2EFixture(importing: [Self.conversation])
        defer { fixture.remove() }
        let md = fixture.home.appendingPathComponent("one.md")
        let json = fixture.home.appendingPathComponent("one.json")
        let folder = fixture.home.appendingPathComponent("all")
        #expect(try fixture.run(["export", "conv-hostile", "-o", md.path]).status == 0)
        #expect(try fixture.run(["export", "conv-hostile", "--format", "json", "-o", json.path]).status == 0)
        #expect(try fixture.run(["export", "--all", "-o", folder.path]).status == 0)
        var files = [md, json]
        files += try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        #expect(files.count == 3)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(HostileText.problems(in: text) == [], "\(file.lastPathComponent): \(text)")
        }
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
        #expect(object?["title"] as? String == "Hostile \(Self.payload) title")
    }

    static func titles(in object: Any) -> [String] {
        if let dict = object as? [String: Any] { return [dict["title"] as? String].compactMap { $0 } }
        if let array = object as? [Any] { return array.flatMap(titles(in:)) }
        return []
    }
}

import ChatTestSupport
import Foundation
import Testing

/// Odd configuration gets words that say what is wrong.
@Suite(.timeLimit(.minutes(3)), .enabled(if: E2EFixture.binaryPath != nil, "needs a built .build/debug/chatterm"))
struct ClearWordsTests {
    /// Runs the binary with its configuration folder in the fixture (and `NO_COLOR` unset,
    /// which would skip loading a theme).
    func run(_ fixture: E2EFixture, _ args: [String]) throws -> ProcessResult {
        try Spawn.run(
            [fixture.binary] + args,
            environment: [
                "CHATTERM_HOME": fixture.home.path,
                "XDG_CONFIG_HOME": fixture.home.appendingPathComponent("config").path, "NO_COLOR": "",
            ], timeout: 30)
    }

    @Test(arguments: ["--theme", "--keymap"])
    func devNullIsAnEmptyFileNotAPermissionProblem(option: String) throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let result = try run(fixture, [option, "/dev/null"])
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("/dev/null: the file is empty"))
        #expect(!result.stderr.lowercased().contains("permission"))
    }

    @Test func anUnknownThemeSlotIsNamedWithTheKnownOnes() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let theme = fixture.home.appendingPathComponent("mine.toml")
        try "inherits = \"dark\"\n\"ui.sidbar\" = \"red\"\n".write(to: theme, atomically: true, encoding: .utf8)
        // No terminal here, so the browser stops after loading the theme.
        let result = try run(fixture, ["--theme", theme.path])
        let warning = result.stderr.split(separator: "\n").first { $0.contains("ui.sidbar") }
        #expect(
            warning?.contains("unknown slot \"ui.sidbar\" is ignored; known slots: ui, ui.border") == true,
            "stderr: \(result.stderr)")
    }

    @Test func profilesSaysWhyATokenFileIsRefused() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let config = fixture.home.appendingPathComponent("config/chatterm")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let token = config.appendingPathComponent("dify.key")
        try "app-secret".write(to: token, atomically: true, encoding: .utf8)
        #expect(chmod(token.path, 0o644) == 0)
        try """
        [profiles.work]
        kind = "dify"
        base_url = "http://127.0.0.1:9/v1"
        token_file = "\(token.path)"
        """.write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let result = try run(fixture, ["profiles"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("work") })
        #expect(line.contains("(refused: readable by others (mode 644); run chmod 600 \(token.path))"), "\(line)")
        #expect(!line.contains("missing"))
        #expect(!result.stdout.contains("app-secret"))
    }
}

import ChatTestSupport
import Foundation
import Testing

/// `chatterm doctor`, run as a person runs it: a healthy setup (the embedded default profile),
/// a config.toml that is not TOML, a profile with no token, and an archive on read-only storage.
@Suite(.timeLimit(.minutes(2)), .enabled(if: E2EFixture.binaryPath != nil, "needs a built .build/debug/chatterm"))
struct DoctorTests {
    /// A terminal, locale and editor that work, whatever the test's own environment is.
    static let healthyEnvironment = [
        "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "VISUAL": "", "EDITOR": "cat",
        "TMUX": "", "CHATTERM_ACCESS_TOKEN": "",
    ]

    /// Runs doctor on the fixture's archive with its own config folder.
    func doctor(_ fixture: E2EFixture, _ args: [String] = [], config: String? = nil) throws -> ProcessResult {
        let configHome = fixture.home.appendingPathComponent("config")
        if let config {
            let folder = configHome.appendingPathComponent("chatterm")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try config.write(to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        }
        var environment = Self.healthyEnvironment
        environment["CHATTERM_HOME"] = fixture.home.path
        environment["XDG_CONFIG_HOME"] = configHome.path
        return try Spawn.run([fixture.binary, "doctor"] + args, environment: environment, timeout: 60)
    }

    /// The checks of `doctor --json`.
    func checks(_ result: ProcessResult) throws -> [[String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(object["checks"] as? [[String: Any]])
    }

    func check(_ checks: [[String: Any]], section: String, name: String) -> [String: Any]? {
        checks.first { $0["section"] as? String == section && $0["name"] as? String == name }
    }

    @Test func aHealthySetupHasNothingBroken() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let text = try doctor(fixture)
        #expect(text.status == 0, "\(text.stdout)\(text.stderr)")
        #expect(!text.stdout.contains("✗"), "\(text.stdout)")
        #expect(text.stdout.contains("Nothing is broken."))
        for heading in ["Terminal", "Config", "Profile local", "Archive", "Helpers"] {
            #expect(text.stdout.contains("\n\(heading)\n") || text.stdout.hasPrefix("\(heading)\n"), "\(heading)")
        }
        #expect(text.stdout.contains("✔ TERM: xterm-256color"))
        #expect(text.stdout.contains("2 conversations (and 1 archived)"), "\(text.stdout)")
        #expect(text.stdout.contains("✔ integrity"))
        #expect(PlainSentences.problems(in: text.stdout).isEmpty, "\(PlainSentences.problems(in: text.stdout))")
        let json = try doctor(fixture, ["--json"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["ok"] as? Bool == true)
        let checks = try checks(json)
        #expect(check(checks, section: "profile local", name: "server")?["status"] as? String == "ok")
        #expect(check(checks, section: "helpers", name: "editor")?["status"] as? String == "ok")
    }

    @Test func configThatIsNotTOMLIsBrokenWithItsFix() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let result = try doctor(fixture, ["--json"], config: "[profiles.work\nkind = \"chatgpt\"\n")
        #expect(result.status == 1)
        let config = try #require(check(try checks(result), section: "config", name: "config.toml"))
        #expect(config["status"] as? String == "problem")
        #expect((config["fix"] as? String)?.contains("config.toml") == true)
        let text = try doctor(fixture)
        #expect(text.status == 1)
        #expect(text.stdout.contains("✗ config.toml"))
        #expect(text.stdout.contains("1 thing is broken"))
    }

    @Test func aProfileWithNoTokenSaysWhichVariableToSet() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let config = """
            [profiles.work]
            kind = "dify"
            base_url = "http://127.0.0.1:9"
            token_env = "WORK_DIFY_KEY"
            """
        let result = try doctor(fixture, ["--json", "--offline"], config: config)
        #expect(result.status == 1, "\(result.stdout)")
        let token = try #require(check(try checks(result), section: "profile work", name: "token"))
        #expect(token["status"] as? String == "problem")
        #expect((token["fix"] as? String)?.contains("$WORK_DIFY_KEY") == true)
        #expect(check(try checks(result), section: "profile work", name: "server") == nil, "--offline")
        let reached = try doctor(fixture, ["--json", "--timeout", "2"], config: config)
        let server = try #require(check(try checks(reached), section: "profile work", name: "server"))
        #expect(server["status"] as? String == "problem", "nothing listens on port 9")
        #expect((server["detail"] as? String)?.contains("http://127.0.0.1:9") == true)
    }

    @Test func aTokenFileOthersCanReadIsBrokenAndTheTokenNeverShows() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let secret = "sk-doctor-secret-1234567890"
        let file = fixture.home.appendingPathComponent("token")
        _ = FileManager.default.createFile(
            atPath: file.path, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o644])
        let config = """
            [profiles.open]
            kind = "openai"
            base_url = "http://127.0.0.1:9/v1"
            model = "m"
            token_file = "\(file.path)"
            """
        let result = try doctor(fixture, ["--offline"], config: config)
        #expect(result.status == 1)
        #expect(result.stdout.contains("chmod 600 \(file.path)"), "\(result.stdout)")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let fixed = try doctor(fixture, ["--offline", "--json"], config: config)
        #expect(check(try checks(fixed), section: "profile open", name: "token")?["status"] as? String == "ok")
        #expect(!result.stdout.contains(secret) && !fixed.stdout.contains(secret))
    }

    @Test(.enabled(if: MountNamespace.available, "needs unshare -rm"))
    func aReadOnlyArchiveIsBrokenButStillChecked() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let home = fixture.home.path
        var environment = Self.healthyEnvironment
        environment["CHATTERM_HOME"] = home
        environment["XDG_CONFIG_HOME"] = fixture.home.appendingPathComponent("config").path
        let script =
            "mount --bind '\(home)' '\(home)' && mount -o remount,bind,ro '\(home)' && exec '\(fixture.binary)' doctor --json"
        let result = try Spawn.run(["unshare", "-rm", "sh", "-c", script], environment: environment, timeout: 60)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let checks = try checks(result)
        #expect(check(checks, section: "archive", name: "writable")?["status"] as? String == "problem")
        #expect(check(checks, section: "archive", name: "integrity")?["status"] as? String == "ok")
        #expect(check(checks, section: "archive", name: "conversations")?["status"] as? String == "ok")
    }
}

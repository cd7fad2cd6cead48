import Foundation
import Testing

@testable import ChatConfig

@Suite struct ProfileTests {
    static let sample = """
        default_profile = "qwen"

        [profiles.qwen]
        kind = "dify"
        base_url = "https://dify.example/v1"
        token_env = "DIFY_KEY"
        user = "ann"

        [profiles.bot]
        kind = "coze"
        bot_id = "7342"
        token_file = "~/coze.pat"
        api = "v2"

        [profiles.ollama]
        kind = "openai"
        base_url = "http://localhost:11434/v1"
        model = "llama3.2"
        theme = "light"

        [profiles.web]
        kind = "chatgpt"
        conversation_path = "/backend-api/f/conversation"
        history_disabled = true
        websocket_silence_seconds = 4.5
        """

    @Test func parsesEveryKindAndSetting() throws {
        let set = try ProfileSet.parse(toml: Self.sample)
        #expect(set.defaultName == "qwen")
        #expect(set.profiles.map(\.name).sorted() == ["bot", "ollama", "qwen", "web"])
        let qwen = try #require(set.profile(named: "qwen"))
        #expect(qwen.kind == .dify)
        #expect(qwen.effectiveBaseURL == "https://dify.example/v1")
        #expect(qwen.user == "ann")
        #expect(qwen.tokenSourceDescription == "$DIFY_KEY")
        let bot = try #require(set.profile(named: "bot"))
        #expect(bot.kind == .coze && bot.botID == "7342" && bot.api == "v2")
        #expect(bot.effectiveBaseURL == "https://api.coze.com")
        #expect(bot.tokenSourceDescription == "~/coze.pat")
        let ollama = try #require(set.profile(named: "ollama"))
        #expect(ollama.model == "llama3.2" && ollama.theme == "light")
        #expect(ollama.tokenSourceDescription == "$CHATTERM_ACCESS_TOKEN")
        let web = try #require(set.profile(named: "web"))
        #expect(web.historyDisabled && web.conversationPath == "/backend-api/f/conversation")
        #expect(web.effectiveBaseURL == "https://chatgpt.com")
        #expect(web.webSocketSilenceSeconds == 4.5)
        #expect(qwen.webSocketSilenceSeconds == nil)
    }

    @Test func selectPicksTheNamedThenTheDefault() throws {
        let set = try ProfileSet.parse(toml: Self.sample)
        #expect(try set.select(nil)?.name == "qwen")
        #expect(try set.select("ollama")?.name == "ollama")
        #expect(try set.select("local")?.kind == .local)
        #expect(try ProfileSet().select(nil) == nil)
        #expect(throws: ProfileError(profile: "nope", reason: .unknown(available: set.profiles.map(\.name)))) {
            try set.select("nope")
        }
    }

    @Test(arguments: [
        ("[profiles.a]\nbase_url = \"x\"", "profiles.a: kind is required"),
        ("[profiles.a]\nkind = \"gemini\"", "kind \"gemini\" is not one of"),
        ("[profiles.a]\nkind = \"dify\"\ntokn_env = \"X\"", "unknown key tokn_env"),
        ("[profiles.a]\nkind = \"dify\"\nmodel = 3", "model must be a string"),
        ("[profiles.a]\nkind = \"coze\"\napi = \"v9\"", "api must be v2 or v3"),
        ("default_profile = \"b\"\n[profiles.a]\nkind = \"dify\"", "default_profile \"b\" is not defined"),
        ("profiles = 3", "profiles must be a table"),
        ("[profiles.a]\nkind = \"chatgpt\"\nwebsocket_silence_seconds = 0", "from 1 to 600"),
        ("[profiles.a]\nkind = \"chatgpt\"\nwebsocket_silence_seconds = \"10\"", "must be a number of seconds"),
        ("[profiles.a\nkind = 1", "config.toml:"),
        // Found by fuzzing (`Fuzz/run.sh theme`, same parser): this header aborted the program.
        ("[profiles.a]\nkind = \"dify\"\n[ {}\n", "a table name must start with a letter"),
        ("[profiles.a]\nkind = \"dify\"\nmodel = [2024-01-01t:]\n", "a date and time needs the time"),
    ])
    func badFilesSayWhereAndWhy(toml: String, expected: String) {
        do {
            _ = try ProfileSet.parse(toml: toml)
            Issue.record("parsed: \(toml)")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
        }
    }

    @Test func missingFileIsAnEmptySet() throws {
        let folder = try TestFiles.scratch()
        #expect(try ProfileSet.load(file: folder.appendingPathComponent("config.toml")) == ProfileSet())
    }

    @Test func tokenComesFromTheNamedVariable() throws {
        let profile = Profile(name: "qwen", kind: .dify, tokenEnv: "DIFY_KEY")
        #expect(try profile.token(environment: ["DIFY_KEY": " app-123\n"]) == "app-123")
        #expect(throws: ProfileError(profile: "qwen", reason: .missingToken(variable: "DIFY_KEY"))) {
            try profile.token(environment: ["DIFY_KEY": "  "])
        }
        let error = ProfileError(profile: "qwen", reason: .missingToken(variable: "DIFY_KEY"))
        #expect(error.description == "profile \"qwen\": no token: set $DIFY_KEY (or token_file in config.toml)")
    }

    @Test func localServersNeedNoToken() throws {
        #expect(try Profile(name: "o", kind: .openai).token(environment: [:]) == nil)
        #expect(try Profile(name: "l", kind: .local).token(environment: [:]) == nil)
        #expect(try Profile(name: "w", kind: .chatgpt, cookieFile: "/c").token(environment: [:]) == nil)
        #expect(throws: ProfileError.self) { try Profile(name: "w", kind: .chatgpt).token(environment: [:]) }
    }

    @Test func tokenFileMustBePrivateAndNonEmpty() throws {
        let folder = try TestFiles.scratch(["key": "sk-secret\n", "open": "sk-open", "empty": "\n"])
        let fm = FileManager.default
        try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: folder.appendingPathComponent("key").path)
        try fm.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder.appendingPathComponent("open").path)
        try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: folder.appendingPathComponent("empty").path)
        let good = Profile(name: "p", kind: .coze, tokenFile: "~/key")
        #expect(try good.token(environment: [:], home: folder) == "sk-secret")
        do {
            _ = try Profile(name: "p", kind: .coze, tokenFile: folder.appendingPathComponent("open").path)
                .token(environment: [:])
            Issue.record("a 0644 token file was accepted")
        } catch {
            #expect("\(error)".contains("readable by others (mode 644); run chmod 600"))
            #expect(!"\(error)".contains("sk-open"))
        }
        #expect(throws: ProfileError(profile: "p", reason: .emptyTokenFile(path: folder.path + "/empty"))) {
            try Profile(name: "p", kind: .coze, tokenFile: "~/empty").token(environment: [:], home: folder)
        }
        #expect(throws: ProfileError.self) {
            try Profile(name: "p", kind: .coze, tokenFile: "~/missing").token(environment: [:], home: folder)
        }
    }
}

import ArgumentParser
import ChatArchive
import ChatClient
import ChatConfig
import ChatServer
import ChatStore
import Foundation

/// Which chat backend a command talks to: a profile, a one-off `--backend`/`--base-url`,
/// the embedded local server (the default), or none (`--offline`).
struct BackendOptions: ParsableArguments {
    @OptionGroup var remote: RemoteOptions

    @Option(
        name: .customLong("conversation-path"),
        help: "Send path: /backend-api/conversation, or /backend-api/f/conversation as the 2026 web page uses.")
    var conversationPath: String?

    @Flag(
        name: .customLong("history-disabled"),
        help: "Send history_and_training_disabled: true (the service's temporary chat).")
    var historyDisabled = false

    @Flag(help: "No backend: read the local archive only.")
    var offline = false

    @Option(
        name: .customLong("local-pace-ms"),
        help: "Milliseconds between tokens of the embedded offline engine.")
    var localPaceMs = 20

    @Option(
        name: .customLong("local-stream"),
        help: """
            How answers reach the TUI from the embedded server: direct (in process, no socket; the default), \
            or over a loopback socket as delta (2024+ SSE), cumulative (2023 SSE) or websocket (wss_url).
            """)
    var localStream = "direct"

    /// The backend, or nil with `--offline`: `--backend`/`--base-url`, else `--profile`, else
    /// config.toml's `default_profile`, else the embedded server, which keeps its conversations
    /// in `archive` when one is given (the browser's), else in the data folder's.
    func connect(paths: Paths, archive: Archive? = nil) async throws -> Connection? {
        if offline { return nil }
        let (profile, source) =
            try remote.selection(paths: paths, useDefault: true) ?? (Profile(name: "local", kind: .local), "local")
        var embedded = try embeddedSettings()
        embedded.archive = archive
        return try await Connector.connect(adjusted(profile), sourceName: source, paths: paths, embedded: embedded)
    }

    /// The profile with this command's `--model`, `--conversation-path` and `--history-disabled`.
    func adjusted(_ profile: Profile) -> Profile {
        var profile = profile
        if let model = remote.model { profile.model = model }
        if let conversationPath { profile.conversationPath = conversationPath }
        if historyDisabled { profile.historyDisabled = true }
        return profile
    }

    func embeddedSettings() throws -> EmbeddedSettings {
        if localStream == "direct" { return EmbeddedSettings(paceMs: localPaceMs, streamMode: nil) }
        guard let mode = StreamMode(rawValue: localStream) else {
            throw CLIError("--local-stream must be direct, delta, cumulative or websocket")
        }
        return EmbeddedSettings(paceMs: localPaceMs, streamMode: mode)
    }
}

/// Where a remote service is and how to sign in to it: a profile, or one-off flags.
struct RemoteOptions: ParsableArguments {
    @Option(help: "A profile from config.toml (see `chatterm profiles`).")
    var profile: String?

    @Option(help: "Model slug to send (default: the profile's, else the server's choice).")
    var model: String?

    @Option(
        help:
            "One-off backend without a profile: chatgpt, dify, coze or openai (at --base-url, else its usual address; token from $CHATTERM_ACCESS_TOKEN)."
    )
    var backend: String?

    @Option(
        name: .customLong("base-url"),
        help:
            "The service's URL (https://chatgpt.com, `chatterm serve`'s URL, https://api.dify.ai/v1, http://localhost:11434/v1...)."
    )
    var baseURL: String?

    @Option(name: .customLong("bot-id"), help: "The Coze bot id (--backend coze).")
    var botID: String?

    @Option(
        name: .customLong("token-file"),
        help: "File holding the access token or API key (mode 0600). Default: $CHATTERM_ACCESS_TOKEN.")
    var tokenFile: String?

    @Option(
        name: .customLong("cookie-file"),
        help: "File holding a ChatGPT session cookie, exchanged for a token via /api/auth/session (mode 0600).")
    var cookieFile: String?

    /// The profile to use and the archive source its conversations are kept under, or nil
    /// for the embedded default. One-off flags win over `--profile`; `useDefault` falls back
    /// to config.toml's `default_profile` (the TUI and `send`; listings read the local archive).
    func selection(paths: Paths, useDefault: Bool) throws -> (Profile, String)? {
        if backend != nil || baseURL != nil {
            let kindName = backend ?? "chatgpt"
            guard let kind = BackendKind(rawValue: kindName), kind != .local else {
                throw CLIError("--backend must be chatgpt, dify, coze or openai, got \(kindName)")
            }
            // Dify, Coze, ChatGPT and Ollama have a usual address; --base-url names another.
            guard let baseURL = baseURL ?? kind.defaultBaseURL else {
                throw CLIError("--backend \(kindName) needs --base-url URL")
            }
            guard let url = URL(string: baseURL), url.scheme == "http" || url.scheme == "https", let host = url.host
            else {
                throw CLIError("--base-url must be an http(s) URL, got \(baseURL)")
            }
            if kind == .coze, botID == nil { throw CLIError("--backend coze needs --bot-id ID") }
            let port = url.port.map { ":\($0)" } ?? ""
            let source = kind == .chatgpt ? "backend:\(host)" : "\(kind.rawValue):\(host)\(port)"
            let profile = Profile(
                name: source, kind: kind, baseURL: baseURL, tokenFile: tokenFile, cookieFile: cookieFile, botID: botID)
            return (profile, source)
        }
        if profile == nil, !useDefault { return nil }
        let set = try ProfileSet.load(file: paths.configFile)
        guard let chosen = try set.select(profile) else { return nil }
        return (chosen, chosen.name)
    }

    /// With a profile or `--backend`/`--base-url`, fetches a conversation into the local
    /// cache (so the local commands read the service's copy); else does nothing.
    func cacheRemoteConversation(_ id: String, global: GlobalOptions) async throws {
        do {
            guard let connection = try await connect(paths: global.paths) else { return }
            defer { connection.shutdown() }
            let fetched = try await connection.backend.conversation(id: id)
            let archive = try global.openArchive()
            try archive.upsert(
                fetched.conversation, raw: fetched.raw, source: connection.backend.sourceName, replacing: true)
        } catch {
            warn("chatterm: \(error)")
            throw ExitCode(1)
        }
    }

    /// The service named by the flags, or nil when none is (the local archive is read).
    func connect(paths: Paths) async throws -> Connection? {
        guard let (selected, source) = try selection(paths: paths, useDefault: false) else { return nil }
        var profile = selected
        // Listing and reading a locally kept backend asks its upstream nothing: any model will do.
        if let model { profile.model = model }
        if profile.kind == .openai, profile.model == nil { profile.model = "unspecified" }
        return try await Connector.connect(profile, sourceName: source, paths: paths, embedded: EmbeddedSettings())
    }
}

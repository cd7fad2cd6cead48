import ChatArchive
import ChatClient
import ChatConfig
import ChatModel
import ChatServer
import ChatStore
import Foundation
import Logging

/// A connected backend, what the UI shows of it, and how to let it go (an embedded
/// server runs in a task of its own).
struct Connection: Sendable {
    var backend: any ChatBackend
    var info: BackendInfo
    var server: Task<Void, Never>?

    func shutdown() { server?.cancel() }
}

/// How the embedded server answers when it is the backend.
struct EmbeddedSettings: Sendable {
    var paceMs = 20
    /// The wire form over a loopback socket; nil talks to the server's book and engine in
    /// process (``InProcessBackend``), the default (DECISIONS.md, 2026-12-06).
    var streamMode: StreamMode?
    /// The archive the caller already has open (the browser's): the embedded server keeps its
    /// conversations there, so they are stored once. Nil opens the archive in the data folder.
    var archive: Archive?

    /// How long the in-process server joins an engine's text before handing it on: the TUI's
    /// frame while an answer streams (``TUIApp/streamingFrameInterval`` is this), since text handed on
    /// sooner would only wait for the next frame (a socket's wire keeps the server's 16 ms).
    static let inProcessChunkInterval = Duration.milliseconds(33)
}

/// Connects a profile (`getAttempts` overrides the clients' GET retries, for callers that
/// retry on their own): a client for services that keep the history (ChatGPT, Dify), or the
/// embedded `backend-api` server over an engine for those that do not (OpenAI-compatible,
/// Coze, the offline default), so their trees live in SQLite and regenerate/edit behave
/// exactly as with ChatGPT. The embedded server is reached in process
/// (``InProcessBackend``) unless a wire form is asked for.
enum Connector {
    static func connect(
        _ profile: Profile, sourceName: String, paths: Paths, embedded: EmbeddedSettings,
        getAttempts: Int? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> Connection {
        var token: String?
        do {
            token = try profile.token(environment: environment)
        } catch let error as ProfileError where profile.kind == .chatgpt {
            // A session cookie in the environment signs in as well as a token.
            guard environment["CHATTERM_SESSION_COOKIE"]?.isEmpty == false else { throw error }
        }
        let info = BackendInfo(
            name: profile.name, sourceName: sourceName, model: profile.model, kind: profile.kind.rawValue)
        switch profile.kind {
        case .chatgpt:
            let baseURL = try checkedURL(profile)
            var credentials = ChatGPTConfiguration.Credentials.none
            if let token {
                credentials = .accessToken(token)
            } else if let cookieFile = profile.cookieFile {
                credentials = .sessionCookie(try SecretFile.read(cookieFile, profile: profile.name))
            } else if let cookie = environment["CHATTERM_SESSION_COOKIE"], !cookie.isEmpty {
                credentials = .sessionCookie(cookie)
            }
            var configuration = ChatGPTConfiguration(
                baseURL: baseURL, conversationPath: profile.conversationPath ?? "/backend-api/conversation",
                credentials: credentials, model: profile.model, historyAndTrainingDisabled: profile.historyDisabled,
                sourceName: sourceName, getAttempts: getAttempts ?? 3)
            if let seconds = profile.webSocketSilenceSeconds {
                configuration.webSocketSilence = .milliseconds(Int64(seconds * 1000))
            }
            return Connection(
                backend: ChatGPTClient(configuration: configuration, logger: quietLogger), info: info, server: nil)
        case .dify:
            let baseURL = try checkedURL(profile)
            guard let token else {
                throw ProfileError(profile: profile.name, reason: .missingSetting("token (the app's API key)"))
            }
            let configuration = DifyConfiguration(
                baseURL: baseURL, apiKey: token, user: profile.user ?? "chatterm", sourceName: sourceName,
                model: profile.model, getAttempts: getAttempts ?? 3)
            return Connection(
                backend: DifyClient(configuration: configuration, logger: quietLogger), info: info, server: nil)
        case .coze:
            let baseURL = try checkedURL(profile)
            guard let botID = profile.botID, !botID.isEmpty else {
                throw ProfileError(profile: profile.name, reason: .missingSetting("bot_id"))
            }
            guard let api = CozeAPI(rawValue: profile.api ?? CozeAPI.v3.rawValue) else {
                throw CLIError("profile \"\(profile.name)\": api must be v3 or v2, got \(profile.api ?? "")")
            }
            let engine = try CozeEngine(
                baseURL: baseURL, botID: botID, apiKey: token, userID: profile.user ?? "chatterm", api: api,
                model: profile.model)
            return try await startEmbedded(engine: engine, info: info, paths: paths, embedded: embedded)
        case .openai:
            let baseURL = try checkedURL(profile)
            guard let model = profile.model, !model.isEmpty else {
                throw ProfileError(profile: profile.name, reason: .missingSetting("model (the upstream's model slug)"))
            }
            let engine = try OpenAICompatibleEngine(upstream: baseURL, model: model, apiKey: token)
            return try await startEmbedded(engine: engine, info: info, paths: paths, embedded: embedded)
        case .local:
            // Every local profile and `chatterm serve` keep one set of conversations.
            var info = info
            info.sourceName = BackendServer.localSource
            let engine = OfflineEngine(pace: .milliseconds(max(0, embedded.paceMs)))
            return try await startEmbedded(engine: engine, info: info, paths: paths, embedded: embedded)
        }
    }

    /// The profile's base URL, checked to be http(s).
    static func checkedURL(_ profile: Profile) throws -> String {
        guard let baseURL = profile.effectiveBaseURL else {
            throw ProfileError(profile: profile.name, reason: .missingSetting("base_url"))
        }
        guard let url = URL(string: baseURL), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw CLIError("profile \"\(profile.name)\": base_url must be an http(s) URL, got \(baseURL)")
        }
        return baseURL
    }

    /// The embedded `backend-api` server over `engine`, its conversations kept in the archive
    /// under `info.sourceName` (the one the browser reads: one copy in SQLite): reached in
    /// process, or, when `embedded` names a wire form, started on a loopback port with a fresh
    /// token and reached by a ChatGPT client.
    static func startEmbedded(
        engine: any AnswerEngine, info: BackendInfo, paths: Paths, embedded: EmbeddedSettings
    ) async throws -> Connection {
        let shared = embedded.archive.flatMap { $0.isReadOnly ? nil : $0 }
        let archive = try shared ?? openArchive(paths: paths)
        let token = ServerToken.generate()
        var serverConfiguration = ServerConfiguration(
            token: token, defaultStreamMode: embedded.streamMode ?? .delta)
        if embedded.streamMode == nil { serverConfiguration.chunkInterval = EmbeddedSettings.inProcessChunkInterval }
        let server = BackendServer(
            configuration: serverConfiguration, archive: archive, source: info.sourceName, engine: engine,
            logger: quietLogger)
        var info = info
        info.model = info.model ?? engine.model.slug
        guard embedded.streamMode != nil else {
            let backend = InProcessBackend(server, sharesArchive: shared != nil)
            return Connection(backend: backend, info: info, server: nil)
        }
        let (port, task): (Int, Task<Void, Never>)
        do {
            (port, task) = try await server.startEmbedded()
        } catch {
            throw CLIError("the embedded server did not start")
        }
        let configuration = ChatGPTConfiguration(
            baseURL: "http://127.0.0.1:\(port)", credentials: .accessToken(token), model: info.model,
            sourceName: info.sourceName, getAttempts: 2, retryDelay: .milliseconds(100))
        return Connection(
            backend: ChatGPTClient(configuration: configuration, logger: quietLogger), info: info, server: task)
    }

    /// The archive in the data folder, for an embedded server whose caller has none open (a
    /// listing that names an embedded profile, a profile picked in a browser whose archive is
    /// read-only); archives the server kept apart before are moved into it first, silently,
    /// since a browser may own the terminal.
    static func openArchive(paths: Paths) throws -> Archive {
        let folder = paths.dataDirectory
        do {
            let archive = try Archive(directory: folder)
            LegacyArchives.adopt(into: archive, paths: paths, report: { _ in })
            return archive
        } catch {
            throw CLIError("cannot open the archive in \(folder.path) for the local server: \(error)")
        }
    }

    /// Never the terminal (the TUI owns it): the log file when `--log-file` or `CHATTERM_LOG`
    /// asked for one (``AppLogging``), else nowhere.
    static var quietLogger: Logger { AppLogging.logger("chatterm.client") }
}

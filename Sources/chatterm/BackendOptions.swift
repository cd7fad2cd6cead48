import ArgumentParser
import ChatClient
import ChatConfig
import ChatServer
import ChatStore
import Foundation
import Logging

/// Which chat backend a command talks to: the embedded local server (the default), a
/// `backend-api` server at `--base-url` (the real service or `chatterm serve`), or none.
struct BackendOptions: ParsableArguments {
    @OptionGroup var remote: RemoteOptions

    @Option(help: "Model slug to send (default: the server's choice).")
    var model: String?

    @Option(
        name: .customLong("conversation-path"),
        help: "Send path: /backend-api/conversation, or /backend-api/f/conversation as the 2026 web page uses.")
    var conversationPath = "/backend-api/conversation"

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
        help:
            "How the embedded server streams answers: delta (2024+ SSE), cumulative (2023 SSE) or websocket (wss_url).")
    var localStream = "delta"

    /// A connected backend and what the UI shows of it; `server` runs the embedded server.
    struct Connection: Sendable {
        var client: ChatGPTClient
        var info: BackendInfo
        var server: Task<Void, Never>?

        func shutdown() { server?.cancel() }
    }

    /// The backend, or nil with `--offline`. With no `--base-url`, starts the embedded
    /// server on a loopback port with a fresh token (its conversations live in
    /// `<data-dir>/server/`, like `chatterm serve`'s).
    func connect(paths: Paths) async throws -> Connection? {
        if offline { return nil }
        if let client = try remote.client(
            conversationPath: conversationPath, model: model, historyDisabled: historyDisabled)
        {
            let host = URL(string: client.configuration.baseURL)?.host ?? "remote"
            return Connection(
                client: client, info: BackendInfo(name: host, sourceName: client.sourceName, model: model),
                server: nil)
        }
        return try await startEmbedded(paths: paths)
    }

    private func startEmbedded(paths: Paths) async throws -> Connection {
        let serverDir = paths.dataDirectory.appendingPathComponent("server")
        let archive: Archive
        do {
            archive = try Archive(directory: serverDir)
        } catch {
            throw CLIError("cannot open the local server's archive in \(serverDir.path): \(error)")
        }
        guard let mode = StreamMode(rawValue: localStream) else {
            throw CLIError("--local-stream must be delta, cumulative or websocket")
        }
        let token = ServerToken.generate()
        let engine = OfflineEngine(pace: .milliseconds(max(0, localPaceMs)))
        let server = BackendServer(
            configuration: ServerConfiguration(token: token, defaultStreamMode: mode), archive: archive, engine: engine,
            logger: Self.quietLogger)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            do {
                try await server.runEmbedded { port in portContinuation.yield(port) }
            } catch {
                portContinuation.yield(-1)
            }
            portContinuation.finish()
        }
        var port = -1
        for await p in ports {
            port = p
            break
        }
        guard port > 0 else {
            task.cancel()
            throw CLIError("the embedded server did not start")
        }
        let configuration = ChatGPTConfiguration(
            baseURL: "http://127.0.0.1:\(port)", credentials: .accessToken(token), model: model ?? engine.model.slug,
            sourceName: "local", getAttempts: 2, retryDelay: .milliseconds(100))
        let client = ChatGPTClient(configuration: configuration, logger: Self.quietLogger)
        return Connection(
            client: client, info: BackendInfo(name: "local", sourceName: "local", model: configuration.model),
            server: task)
    }

    /// Logs nowhere: the TUI owns the terminal.
    static let quietLogger: Logger = {
        var logger = Logger(label: "chatterm.quiet") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .critical
        return logger
    }()
}

/// Where a remote `backend-api` server is and how to sign in to it.
struct RemoteOptions: ParsableArguments {
    @Option(
        name: .customLong("base-url"),
        help:
            "A backend-api server (https://chatgpt.com, or `chatterm serve`'s URL). Default: the embedded local server."
    )
    var baseURL: String?

    @Option(
        name: .customLong("token-file"),
        help: "File holding the access token (mode 0600). Default: $CHATTERM_ACCESS_TOKEN.")
    var tokenFile: String?

    @Option(
        name: .customLong("cookie-file"),
        help: "File holding a session cookie, exchanged for a token via /api/auth/session (mode 0600).")
    var cookieFile: String?

    func credentials(_ environment: [String: String]) throws -> ChatGPTConfiguration.Credentials {
        if let tokenFile { return .accessToken(try Self.readSecret(tokenFile)) }
        if let token = environment["CHATTERM_ACCESS_TOKEN"], !token.isEmpty { return .accessToken(token) }
        if let cookieFile { return .sessionCookie(try Self.readSecret(cookieFile)) }
        if let cookie = environment["CHATTERM_SESSION_COOKIE"], !cookie.isEmpty { return .sessionCookie(cookie) }
        return .none
    }

    static func readSecret(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read \(path)")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw CLIError("\(path) is empty") }
        return text
    }

    /// With `--base-url`, fetches a conversation into the local cache (so the local commands
    /// read the server's copy); without, does nothing. Failures exit with one line.
    func cacheRemoteConversation(_ id: String, global: GlobalOptions) async throws {
        let client: ChatGPTClient?
        do {
            client = try self.client()
        } catch {
            warn("chatterm: \(error)")
            throw ExitCode(1)
        }
        guard let client else { return }
        do {
            let fetched = try await client.conversation(id: id)
            let archive = try global.openArchive()
            try archive.upsert(fetched.conversation, raw: fetched.raw, source: client.sourceName, replacing: true)
        } catch {
            warn("chatterm: \(error)")
            throw ExitCode(1)
        }
    }

    /// A client for `--base-url`, or nil when it is not given.
    func client(
        conversationPath: String = "/backend-api/conversation", model: String? = nil, historyDisabled: Bool = false
    ) throws -> ChatGPTClient? {
        guard let baseURL else { return nil }
        guard let url = URL(string: baseURL), url.scheme == "http" || url.scheme == "https", let host = url.host else {
            throw CLIError("--base-url must be an http(s) URL, got \(baseURL)")
        }
        let configuration = ChatGPTConfiguration(
            baseURL: baseURL, conversationPath: conversationPath,
            credentials: try credentials(ProcessInfo.processInfo.environment), model: model,
            historyAndTrainingDisabled: historyDisabled, sourceName: "backend:\(host)")
        return ChatGPTClient(configuration: configuration, logger: BackendOptions.quietLogger)
    }
}

import ArgumentParser
import ChatArchive
import ChatConfig
import ChatServer
import ChatStore
import Foundation

/// `chatterm serve`: the local backend-api server (issue 4).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the ChatGPT backend-api locally, answering with an offline, upstream or command engine.",
        discussion: """
            Every request needs `Authorization: Bearer <token>`; the token is created on first run in \
            <data-dir>/server/server-token (mode 0600; a token file others can read is refused) and printed \
            by --print-token. Conversations are stored in the archive in <data-dir>, as the local server's: \
            the same ones the browser shows for the `local` profile; imported ones are not served. \
            Runs until SIGINT or SIGTERM.

            Engines: `offline` (canned answers, no model); `openai` forwards each conversation to an \
            OpenAI-compatible /v1/chat/completions (--upstream, --model; the key, if any, is read from the \
            variable named by --api-key-env); `command` runs --engine-cmd with the prompt on standard input \
            and streams its output (e.g. --engine-cmd 'ollama run llama3').

            Besides the backend-api, the server answers OpenAI clients: POST /v1/chat/completions and \
            GET /v1/models, with the same token as the API key, over whichever engine runs.

            Limits: a request whose URL or headers pass \(BackendServer.headLimit / 1024) KB is answered 414 \
            or 431 and its connection closed. A client gets \(ServerConfiguration.defaultRequestTimeout.components.seconds) \
            seconds to send a request (the head on a new connection, a body once its head has arrived) and a \
            kept-alive connection may wait \(ServerConfiguration.defaultIdleTimeout.components.seconds) seconds \
            between requests; slower or idle connections are closed. Answers are not limited: a long \
            streamed answer or a WebSocket runs to its end.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Address to bind.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on, 0 to 65535; 0 picks a free one.")
    var port = 0

    @Option(help: "Answer engine: offline, openai or command.")
    var engine = "offline"

    @Option(name: .customLong("pace-ms"), help: "Milliseconds between streamed tokens (offline engine; default 20).")
    var paceMs: Int?

    @Option(help: "OpenAI-compatible server, with or without /v1 (openai engine), e.g. http://127.0.0.1:11434.")
    var upstream: String?

    @Option(help: "Model slug: sent upstream (openai engine, required) or reported (command engine).")
    var model: String?

    @Option(
        name: .customLong("api-key-env"),
        help: "Environment variable holding the upstream API key (openai engine; default OPENAI_API_KEY).")
    var apiKeyEnv: String?

    @Flag(
        name: .customLong("no-stream-usage"),
        help: "Do not ask the upstream for token usage with stream_options (openai engine; for servers that reject it)."
    )
    var noStreamUsage = false

    @Option(name: .customLong("engine-cmd"), help: "Shell command answering on stdout (command engine).")
    var engineCmd: String?

    @Option(help: "Answer mode when a request does not ask for one: delta, cumulative or websocket.")
    var stream = "delta"

    @Flag(help: "Print the bearer token and exit.")
    var printToken = false

    /// The ports a TCP server can listen on; 0 picks a free one.
    static let ports = 0...65535

    func run() async throws {
        try reportingErrors {
            guard Self.ports.contains(port) else {
                throw CLIError("--port must be 0 to 65535 (0 picks a free port), not \(port)")
            }
        }
        let serverDir = global.paths.dataDirectory.appendingPathComponent("server")
        let token = try reportingErrors { try ServerToken.loadOrCreate(in: serverDir) }
        if printToken {
            say(token)
            return
        }
        let server = try reportingErrors {
            let answerEngine = try makeEngine(environment: ProcessInfo.processInfo.environment)
            guard let mode = StreamMode(rawValue: stream) else {
                throw CLIError("--stream must be delta, cumulative or websocket")
            }
            let archive = try global.openArchive()
            return BackendServer(
                configuration: ServerConfiguration(host: host, port: port, token: token, defaultStreamMode: mode),
                archive: archive, engine: answerEngine)
        }
        let boundHost = host
        try await server.run { port in
            // One whole line, written straight to the descriptor: never stuck in a buffer.
            say("listening on http://\(boundHost):\(port)")
        }
    }
}

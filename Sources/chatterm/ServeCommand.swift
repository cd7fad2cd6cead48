import ArgumentParser
import ChatConfig
import ChatServer
import ChatStore
import Foundation

/// `chatterm serve`: the local backend-api server (issue 4).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the ChatGPT backend-api locally, answering with an offline engine.",
        discussion: """
            Every request needs `Authorization: Bearer <token>`; the token is created on first run in \
            <data-dir>/server/server-token (mode 0600) and printed by --print-token. Conversations are \
            stored in <data-dir>/server/, apart from imported archives. Runs until SIGINT or SIGTERM.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Address to bind.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port = 0

    @Option(help: "Answer engine: offline.")
    var engine = "offline"

    @Option(name: .customLong("pace-ms"), help: "Milliseconds between streamed tokens (offline engine).")
    var paceMs = 20

    @Option(help: "Answer mode when a request does not ask for one: delta, cumulative or websocket.")
    var stream = "delta"

    @Flag(help: "Print the bearer token and exit.")
    var printToken = false

    func run() async throws {
        let serverDir = global.paths.dataDirectory.appendingPathComponent("server")
        let token = try reportingErrors { try ServerToken.loadOrCreate(in: serverDir) }
        if printToken {
            say(token)
            return
        }
        let server = try reportingErrors {
            guard engine == "offline" else { throw CLIError("unknown engine \(engine) (this build has: offline)") }
            guard paceMs >= 0 else { throw CLIError("--pace-ms must not be negative") }
            guard let mode = StreamMode(rawValue: stream) else {
                throw CLIError("--stream must be delta, cumulative or websocket")
            }
            let archive: Archive
            do {
                archive = try Archive(directory: serverDir)
            } catch {
                throw CLIError("cannot open the server archive in \(serverDir.path): \(error)")
            }
            return BackendServer(
                configuration: ServerConfiguration(host: host, port: port, token: token, defaultStreamMode: mode),
                archive: archive, engine: OfflineEngine(pace: .milliseconds(paceMs)))
        }
        let boundHost = host
        try await server.run { port in
            // One whole line, written straight to the descriptor: never stuck in a buffer.
            say("listening on http://\(boundHost):\(port)")
        }
    }
}

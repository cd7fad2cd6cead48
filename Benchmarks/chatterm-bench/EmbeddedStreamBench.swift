import ChatArchive
import ChatClient
import ChatModel
import ChatServer
import ChatStore
import Foundation
import Logging

// chatterm-bench stream --embedded: the same answer from an in-process `BackendServer` over
// loopback HTTP, as the TUI's embedded default runs it (server SSE encoding, HTTP, the client's
// decoder, the store, frames), so the CPU figure is the whole process's.

/// An engine whose answer is the bench's deltas, each sent when due at `rate` a second from a
/// thread of its own (as the scripted backend paces them).
struct PacedEngine: AnswerEngine {
    let deltas: [String]
    let rate: Double
    let delivered: SharedCount

    var model: ModelInfo {
        ModelInfo(
            slug: "bench", title: "Bench", description: "the bench's scripted answer", tags: [], maxTokens: 8191)
    }

    func answer(_ request: EngineRequest) -> AsyncThrowingStream<String, any Error> {
        pacedStream(deltas, rate: rate, delivered: delivered)
    }

    func title(for prompt: String) async throws -> String { "Bench" }
}

/// How the bench's client reaches the embedded server.
enum EmbeddedReach {
    /// A ChatGPT client over a loopback socket (delta SSE).
    case socket
    /// A ChatGPT client over ``InProcessTransport`` (the same wire, no socket).
    case transport
    /// ``InProcessBackend``: no wire at all (the TUI's default).
    case direct
    /// ``InProcessBackend`` over the OpenAI-compatible engine, the model in a child process.
    case upstream

    /// How the figures name it.
    var label: String {
        switch self {
        case .socket: "over loopback"
        case .transport: "over an in-process transport"
        case .direct: "in process (no wire)"
        case .upstream: "in process, the model in another process"
        }
    }
}

/// The embedded server with a paced engine, and a backend for it.
struct EmbeddedBenchServer {
    let backend: any ChatBackend
    let delivered: SharedCount
    let task: Task<Void, Never>
    let directory: URL
    /// The server's archive, which the browser's store reads too when reached in process.
    let archive: Archive
    var upstream: PacedUpstream?

    static func start(
        deltas: [String], rate: Double, chunkInterval: Duration?, reach: EmbeddedReach,
        upstream options: PacedUpstreamOptions
    ) async throws -> EmbeddedBenchServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chatterm-stream-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let token = "bench-token-0123456789"
        let delivered = SharedCount()
        var logger = Logger(label: "chatterm.bench")
        logger.logLevel = .critical
        var upstream: PacedUpstream?
        let engine: any AnswerEngine
        if reach == .upstream {
            let child = try PacedUpstream.start(options)
            upstream = child
            engine = try OpenAICompatibleEngine(
                upstream: "http://127.0.0.1:\(child.port)", model: "bench", apiKey: nil, includeUsage: false)
            for _ in deltas { delivered.add() }  // the child sends them all; the answer is checked after
        } else {
            engine = PacedEngine(deltas: deltas, rate: rate, delivered: delivered)
        }
        let archive = try Archive(directory: directory)
        let server = BackendServer(
            configuration: ServerConfiguration(
                token: token, defaultStreamMode: .delta,
                chunkInterval: chunkInterval ?? ServerConfiguration.defaultChunkInterval),
            archive: archive, engine: engine, logger: logger)
        switch reach {
        case .upstream:
            return EmbeddedBenchServer(
                backend: InProcessBackend(server, sharesArchive: true), delivered: delivered, task: Task {},
                directory: directory, archive: archive, upstream: upstream)
        case .direct:
            return EmbeddedBenchServer(
                backend: InProcessBackend(server, sharesArchive: true), delivered: delivered, task: Task {},
                directory: directory, archive: archive)
        case .transport:
            let client = ChatGPTClient(
                configuration: ChatGPTConfiguration(
                    baseURL: "http://in-process", credentials: .accessToken(token), sourceName: "local"),
                http: InProcessTransport(server, logger: logger))
            return EmbeddedBenchServer(
                backend: client, delivered: delivered, task: Task {}, directory: directory, archive: archive)
        case .socket:
            break
        }
        let (port, task) = try await server.startEmbedded()
        let client = ChatGPTClient(
            configuration: ChatGPTConfiguration(
                baseURL: "http://127.0.0.1:\(port)", credentials: .accessToken(token), sourceName: "local"))
        return EmbeddedBenchServer(
            backend: client, delivered: delivered, task: task, directory: directory, archive: archive)
    }

    func stop() {
        task.cancel()
        upstream?.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

extension Store {
    /// Waits (up to `timeout` seconds) until no answer streams and the open conversation is
    /// the server's copy.
    func waitUntilSettled(timeout: Double) async {
        let deadline = ContinuousClock.now + .seconds(timeout)
        while ContinuousClock.now < deadline {
            let state = self.state
            if state.streams.isEmpty, state.open?.isPending == false,
                state.open?.turns.last?.author.role == .assistant
            {
                return
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}

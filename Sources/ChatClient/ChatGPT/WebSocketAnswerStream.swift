import ChatModel
import ChatProtocol
import Foundation
import HTTPTypes
import Logging
import Synchronization
import WSClient

/// What a WebSocket answer stream yields, in order.
public enum WebSocketChunk: Sendable, Hashable {
    /// The socket now carrying the answer: `WebSocket`, `WebSocket (reconnected)` (the
    /// hand-off's `wss_url` after the socket opened before the post dropped),
    /// `WebSocket (fallback URL)` or `WebSocket (registered URL)`; sent when a socket
    /// delivers its first frame.
    case transport(String)
    /// SSE bytes of the answer, in order and never repeated; feed them to an `SSEParser`
    /// (an event or a UTF-8 character may continue in the next chunk).
    case sseBytes([UInt8])
}

/// Receives a 2024 `wss_url` answer (PROTOCOL.md §3a): connects with the
/// `json.reliable.webpubsub.azure.v1` subprotocol, keeps this response's frames, drops
/// redelivered sequence ids and repeated stream items, acknowledges every
/// ``Options/ackEvery`` messages and at the end, and finishes after the frame with
/// `more_body: false` (or once the body said `data: [DONE]`).
///
/// The first socket may be one opened before the message was posted (``open(_:early:register:options:logger:)``,
/// the web page's order: a service that publishes to the user's group reaches only the sockets
/// connected when the message arrives). When a connect fails or the socket drops before the end
/// it moves on to the next URL: `wss_url`, then `fallback_wss_url`, then (when `register` is
/// given) a fresh URL from `register-websocket`; when `expires_at` has passed, the fresh URL
/// comes first. On every new socket it acknowledges what it already has, so the server
/// replays only the rest. When no socket delivers the whole answer, the stream throws
/// ``ClientError/transport(_:)`` saying the WebSocket failed; the caller can then ask again
/// with `force_use_sse`. A socket that stays open but sends nothing of this answer for
/// ``Options/silenceTimeout`` ends the stream with ``WebSocketSilence``: the caller reads the
/// answer from the conversation instead.
public enum WebSocketAnswerStream {
    /// Tuning.
    public struct Options: Sendable {
        /// Acknowledge after this many new messages (and at the end).
        public var ackEvery: Int
        /// The largest message accepted.
        public var maxMessageSize: Int
        /// Ping the server this often; a socket that has not answered the previous ping is
        /// closed and the next URL is tried. Without it a socket that went silent (a dead
        /// peer, or a close that arrived during the upgrade and was lost: swift-nio's client
        /// upgrade handler can pass the server's FIN ahead of the frames it buffers) would
        /// hold the answer forever. free35 pings every 8 s (PROTOCOL.md §3a).
        public var pingInterval: Duration
        /// How long a socket that answers pings may send nothing of this answer before the
        /// stream gives up on it with ``WebSocketSilence`` (a service that published the answer
        /// to sockets connected before this one keeps a late socket open and silent).
        public var silenceTimeout: Duration
        /// How long a connect may take before the next URL is tried.
        public var connectTimeout: Duration
        /// For tests: the first socket drops (as if the network failed) after this many messages.
        var dropFirstSocketAfter: Int?

        /// ``silenceTimeout`` unless set: longer than a ping interval, so a dead socket is left
        /// for the next URL by its unanswered ping first, and short enough that a person
        /// waiting sees the answer read from the conversation within seconds.
        public static let defaultSilenceTimeout = Duration.seconds(10)

        /// Creates options.
        public init(
            ackEvery: Int = 50, maxMessageSize: Int = 1 << 24, pingInterval: Duration = .seconds(8),
            silenceTimeout: Duration = defaultSilenceTimeout, connectTimeout: Duration = .seconds(10)
        ) {
            self.ackEvery = ackEvery
            self.maxMessageSize = maxMessageSize
            self.pingInterval = pingInterval
            self.silenceTimeout = silenceTimeout
            self.connectTimeout = connectTimeout
        }
    }

    /// Opens the answer's socket. Cancelling the consuming task closes it.
    /// - Parameters:
    ///   - handshake: the POST's JSON hand-off.
    ///   - register: returns a fresh `wss_url` (`POST /backend-api/register-websocket`).
    ///   - options: acknowledgement and size settings.
    ///   - logger: where connection failures are logged.
    public static func open(
        _ handshake: WebSocketHandshake, register: (@Sendable () async throws -> String)? = nil,
        options: Options = Options(), logger: Logger
    ) -> AsyncThrowingStream<WebSocketChunk, any Error> {
        open(handshake, early: nil, register: register, options: options, logger: logger)
    }

    /// Like ``open(_:register:options:logger:)``, reading `early` first: a socket opened before
    /// the message was posted, whose frames waited for the hand-off that names the response.
    static func open(
        _ handshake: WebSocketHandshake, early: AnswerSocket?, register: (@Sendable () async throws -> String)?,
        options: Options, logger: Logger
    ) -> AsyncThrowingStream<WebSocketChunk, any Error> {
        .producing { continuation in
            try await run(handshake, early: early, register: register, options: options, logger: logger) {
                _ = continuation.yield($0)
            }
        }
    }

    private enum Source {
        case socket(AnswerSocket)
        case url(String, label: String)
        case register(@Sendable () async throws -> String)
    }

    private static func sources(
        _ handshake: WebSocketHandshake, early: AnswerSocket?, register: (@Sendable () async throws -> String)?
    ) -> [Source] {
        var sources: [Source] = [.url(handshake.wssURL, label: early == nil ? "WebSocket" : "WebSocket (reconnected)")]
        if let fallback = handshake.fallbackWSSURL {
            sources.append(.url(fallback, label: "WebSocket (fallback URL)"))
        }
        if let register {
            if handshake.isExpired() {
                sources.insert(.register(register), at: 0)
            } else {
                sources.append(.register(register))
            }
        }
        if let early { sources.insert(.socket(early), at: 0) }
        return sources
    }

    private static func run(
        _ handshake: WebSocketHandshake, early: AnswerSocket?, register: (@Sendable () async throws -> String)?,
        options: Options, logger: Logger, yield: @escaping @Sendable (WebSocketChunk) -> Void
    ) async throws {
        let sources = sources(handshake, early: early, register: register)
        let state = AnswerReceiver(responseID: handshake.responseID, ackEvery: options.ackEvery)
        var failures: [String] = []
        for (index, source) in sources.enumerated() {
            try Task.checkCancellation()
            let socket: AnswerSocket
            do {
                switch source {
                case .socket(let open):
                    socket = open
                case .url(let url, let label):
                    socket = try await AnswerSocket.connect(url, label: label, options: options, logger: logger)
                case .register(let fresh):
                    let url: String
                    do {
                        url = try await fresh()
                    } catch {
                        try Task.checkCancellation()
                        failures.append("register-websocket: \(error)")
                        continue
                    }
                    socket = try await AnswerSocket.connect(
                        url, label: "WebSocket (registered URL)", options: options, logger: logger)
                }
            } catch {
                try Task.checkCancellation()
                failures.append("\(label(of: source)): \(error)")
                logger.info("WebSocket answer: \(failures.last ?? "")")
                continue
            }
            do {
                let drop = index == 0 ? options.dropFirstSocketAfter : nil
                try await pump(socket, state: state, options: options, drop: drop, yield)
                if state.ended {
                    socket.finish()
                    return
                }
                failures.append("\(socket.label): closed before the answer ended")
            } catch let silence as WebSocketSilence {
                socket.close()
                throw silence
            } catch {
                socket.close()
                try Task.checkCancellation()
                failures.append("\(socket.label): \(error)")
                logger.info("WebSocket answer: \(failures.last ?? "")")
                continue
            }
            socket.close()
            logger.info("WebSocket answer: \(failures.last ?? "")")
        }
        throw ClientError.transport("the WebSocket failed (\(failures.joined(separator: "; ")))")
    }

    private static func label(of source: Source) -> String {
        switch source {
        case .socket(let socket): socket.label
        case .url(_, let label): label
        case .register: "WebSocket (registered URL)"
        }
    }

    /// The test hook's error: the socket "dropped".
    private struct SimulatedDrop: Error, CustomStringConvertible {
        var description: String { "dropped (simulated)" }
    }

    /// Reads one socket until the answer ends or the socket does; throws ``WebSocketSilence``
    /// when nothing of the answer came for ``Options/silenceTimeout``.
    private static func pump(
        _ socket: AnswerSocket, state: AnswerReceiver, options: Options, drop: Int?,
        _ yield: @escaping @Sendable (WebSocketChunk) -> Void
    ) async throws {
        let watch = SilenceWatch(timeout: options.silenceTimeout, socket: socket.label)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                var announced = false
                var messages = 0
                for try await text in socket.frames {
                    if !announced {
                        announced = true
                        yield(.transport(socket.label))
                    }
                    let step = state.receive(text)
                    if !step.sseBytes.isEmpty || step.ended { watch.heard() }
                    if !step.sseBytes.isEmpty { yield(.sseBytes(step.sseBytes)) }
                    if let ack = step.ack { socket.send(ack) }
                    if step.ended { return }
                    messages += 1
                    if let drop, messages >= drop { throw SimulatedDrop() }
                }
            }
            group.addTask { try await watch.run() }
            defer { group.cancelAll() }
            try await group.next()
        }
    }
}

/// A WebSocket stayed open but sent nothing of the answer for a while: the service published
/// it elsewhere (to sockets connected before this one) or not at all.
public struct WebSocketSilence: Error, Sendable, Hashable, CustomStringConvertible {
    /// The socket's name in the status line (`WebSocket`, `WebSocket (fallback URL)`…).
    public var socket: String
    /// How long it was silent.
    public var seconds: Double

    /// A sentence for the status line and the log.
    public var description: String {
        "no answer on the \(socket) for \(AnswerSocket.ConnectTimeout.format(seconds)) s"
    }
}

/// When a socket last delivered part of the answer, and the watch that ends it after
/// ``WebSocketAnswerStream/Options/silenceTimeout`` without.
final class SilenceWatch: Sendable {
    private let timeout: Duration
    private let socket: String
    private let last = Mutex(ContinuousClock.now)

    init(timeout: Duration, socket: String) {
        self.timeout = timeout
        self.socket = socket
    }

    /// Part of the answer arrived.
    func heard() { last.withLock { $0 = .now } }

    /// Returns never; throws ``WebSocketSilence`` once the socket has been silent too long.
    func run() async throws {
        while true {
            let deadline = last.withLock { $0 } + timeout
            if ContinuousClock.now >= deadline {
                throw WebSocketSilence(socket: socket, seconds: timeout.seconds)
            }
            try await Task.sleep(until: deadline, clock: .continuous)
        }
    }
}

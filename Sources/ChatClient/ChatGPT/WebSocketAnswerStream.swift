import ChatModel
import ChatProtocol
import Foundation
import HTTPTypes
import Logging
import Synchronization
import WSClient

/// What a WebSocket answer stream yields, in order.
public enum WebSocketChunk: Sendable, Hashable {
    /// The socket now carrying the answer: `WebSocket`, `WebSocket (fallback URL)` or
    /// `WebSocket (registered URL)`; sent when a socket connects.
    case transport(String)
    /// SSE bytes of the answer, in order and never repeated; feed them to an `SSEParser`
    /// (an event or a UTF-8 character may continue in the next chunk).
    case sseBytes([UInt8])
}

/// Receives a 2024 `wss_url` answer (PROTOCOL.md §3a): connects with the
/// `json.reliable.webpubsub.azure.v1` subprotocol, keeps this response's frames, drops
/// redelivered sequence ids, acknowledges every ``Options/ackEvery`` messages and at the end,
/// and finishes after the frame with `more_body: false` (or once the body said `data: [DONE]`).
///
/// When a connect fails or the socket drops before the end it moves on to the next URL:
/// `wss_url`, then `fallback_wss_url`, then (when `register` is given) a fresh URL from
/// `register-websocket`; when `expires_at` has passed, the fresh URL comes first. On every
/// new socket it acknowledges what it already has, so the server replays only the rest.
/// When no socket delivers the whole answer, the stream throws ``ClientError/transport(_:)``
/// saying the WebSocket failed; the caller can then ask again with `force_use_sse`.
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
        /// For tests: the first socket drops (as if the network failed) after this many messages.
        var dropFirstSocketAfter: Int?

        /// Creates options.
        public init(ackEvery: Int = 50, maxMessageSize: Int = 1 << 24, pingInterval: Duration = .seconds(8)) {
            self.ackEvery = ackEvery
            self.maxMessageSize = maxMessageSize
            self.pingInterval = pingInterval
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
        .producing { continuation in
            try await run(handshake, register: register, options: options, logger: logger) {
                _ = continuation.yield($0)
            }
        }
    }

    private enum Source {
        case url(String, label: String)
        case register(@Sendable () async throws -> String)
    }

    private static func run(
        _ handshake: WebSocketHandshake, register: (@Sendable () async throws -> String)?, options: Options,
        logger: Logger, yield: @escaping @Sendable (WebSocketChunk) -> Void
    ) async throws {
        var sources: [Source] = [.url(handshake.wssURL, label: "WebSocket")]
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
        let state = AnswerReceiver(responseID: handshake.responseID, ackEvery: options.ackEvery)
        var failures: [String] = []
        for (index, source) in sources.enumerated() {
            try Task.checkCancellation()
            let url: String
            let label: String
            switch source {
            case .url(let u, let l):
                (url, label) = (u, l)
            case .register(let fresh):
                do {
                    (url, label) = (try await fresh(), "WebSocket (registered URL)")
                } catch {
                    try Task.checkCancellation()
                    failures.append("register-websocket: \(error)")
                    continue
                }
            }
            do {
                let drop = index == 0 ? options.dropFirstSocketAfter : nil
                try await connect(url, label: label, state: state, options: options, drop: drop, logger: logger, yield)
                if state.ended { return }
                failures.append("\(label): closed before the answer ended")
            } catch {
                try Task.checkCancellation()
                failures.append("\(label): \(error)")
            }
            logger.info("WebSocket answer: \(failures.last ?? "")")
        }
        throw ClientError.transport("the WebSocket failed (\(failures.joined(separator: "; ")))")
    }

    /// The test hook's error: the socket "dropped".
    private struct SimulatedDrop: Error, CustomStringConvertible {
        var description: String { "dropped (simulated)" }
    }

    private static func connect(
        _ url: String, label: String, state: AnswerReceiver, options: Options, drop: Int?, logger: Logger,
        _ yield: @escaping @Sendable (WebSocketChunk) -> Void
    ) async throws {
        let configuration = WebSocketClientConfiguration(
            maxFrameSize: options.maxMessageSize,
            additionalHeaders: [.secWebSocketProtocol: WebPubSubFrame.subprotocol],
            autoPing: .enabled(timePeriod: options.pingInterval))
        try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) {
            inbound, outbound, _ in
            var announced = false
            var messages = 0
            for try await message in inbound.messages(maxSize: options.maxMessageSize) {
                guard case .text(let text) = message else { continue }
                if !announced {
                    announced = true
                    yield(.transport(label))
                }
                let step = state.receive(text)
                if !step.sseBytes.isEmpty { yield(.sseBytes(step.sseBytes)) }
                if let ack = step.ack { try await outbound.write(.text(ack)) }
                if step.ended { return }
                messages += 1
                if let drop, messages >= drop { throw SimulatedDrop() }
            }
        }
    }
}

/// The receiving state of one answer across its sockets: a ``WebPubSubReceiver`` (filter,
/// dedupe, acks) that survives reconnects, plus a watch for `data: [DONE]`.
final class AnswerReceiver: Sendable {
    private struct State {
        var receiver: WebPubSubReceiver
        var connectionID: String?
        /// The last bytes of the body, starting as a newline so the first line counts too.
        var tail: [UInt8] = [10]
        var sawDone = false
    }

    /// `data: [DONE]` at the start of a line (JSON strings cannot hold a raw newline).
    private static let done = Array("\ndata: [DONE]".utf8)
    private let state: Mutex<State>

    init(responseID: String?, ackEvery: Int) {
        state = Mutex(State(receiver: WebPubSubReceiver(responseID: responseID, ackEvery: ackEvery)))
    }

    /// Whether the answer's body has ended.
    var ended: Bool { state.withLock { $0.receiver.ended || $0.sawDone } }

    /// Handles one text frame. A `connected` frame with the same connection id as before
    /// (the same reliable sequence) is answered with an ack of everything received, so the
    /// server resends only the rest; a different id starts a new sequence.
    func receive(_ text: String) -> WebPubSubReceiver.Output {
        state.withLock { state in
            var out = state.receiver.receive(text)
            guard case .connected(let id, _, _)? = out.frame else {
                if !out.sseBytes.isEmpty { state.sawDone = state.sawDone || Self.scan(out.sseBytes, &state.tail) }
                if state.sawDone, !out.ended {
                    out.ended = true
                    out.ack = out.ack ?? state.receiver.currentAck
                }
                return out
            }
            if let previous = state.connectionID, let id, id != previous {
                state.receiver = WebPubSubReceiver(
                    responseID: state.receiver.responseID, ackEvery: state.receiver.ackEvery)
                out = state.receiver.receive(text)
            } else {
                out.ack = state.receiver.currentAck
            }
            state.connectionID = id ?? state.connectionID
            return out
        }
    }

    /// Whether a `data: [DONE]` line appears in the bytes seen so far (keeping a short tail).
    private static func scan(_ bytes: [UInt8], _ tail: inout [UInt8]) -> Bool {
        let window = tail + bytes
        tail = Array(window.suffix(done.count - 1))
        guard window.count >= done.count else { return false }
        for start in 0...(window.count - done.count) where window[start] == done[0] {
            if window[start..<start + done.count].elementsEqual(done) { return true }
        }
        return false
    }
}

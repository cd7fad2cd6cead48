import ChatModel
import ChatProtocol
import Foundation
import HTTPTypes
import Logging
import Synchronization
import WSClient

/// One open `json.reliable.webpubsub.azure.v1` WebSocket: its text frames in the order they
/// came, and a way to send a frame. ``connect(_:label:options:logger:)`` returns once the
/// upgrade is done, so a socket can be opened before the message is posted (the 2024 web
/// page's order, PROTOCOL.md §3a) and read after; frames that arrive meanwhile wait in
/// ``frames``.
final class AnswerSocket: Sendable {
    /// How the socket is named in the status line: `WebSocket`, `WebSocket (fallback URL)`…
    let label: String
    /// The text frames, in order; ends when the socket closes (with its error, if it failed).
    let frames: AsyncThrowingStream<String, any Error>
    private let outgoing: AsyncStream<String>.Continuation
    private let task: Task<Void, Never>

    private init(
        label: String, frames: AsyncThrowingStream<String, any Error>, outgoing: AsyncStream<String>.Continuation,
        task: Task<Void, Never>
    ) {
        self.label = label
        self.frames = frames
        self.outgoing = outgoing
        self.task = task
    }

    deinit { outgoing.finish() }

    /// Sends a text frame (queued; a frame for a closed socket is dropped).
    func send(_ text: String) { outgoing.yield(text) }

    /// Closes the socket once the frames queued by ``send(_:)`` are written (an answer's last
    /// acknowledgement), with a normal close.
    func finish() { outgoing.finish() }

    /// Closes the socket now.
    func close() {
        outgoing.finish()
        task.cancel()
    }

    /// Why a socket could not be opened in time.
    struct ConnectTimeout: Error, CustomStringConvertible {
        var seconds: Double
        var description: String { "no connection within \(Self.format(seconds)) s" }

        static func format(_ seconds: Double) -> String {
            seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
        }
    }

    /// Connects to `url` and returns once the server has upgraded the connection; throws the
    /// connection's error, or ``ConnectTimeout`` after ``WebSocketAnswerStream/Options/connectTimeout``.
    ///
    /// With `greeting`, it then waits up to that long for the first frame: Web PubSub's
    /// `connected` system frame, sent once the connection has joined the user's group, so a
    /// message posted after it reaches this socket. A server that sends no greeting costs that
    /// wait, once.
    static func connect(
        _ url: String, label: String, options: WebSocketAnswerStream.Options, greeting: Duration? = nil,
        logger: Logger
    ) async throws -> AnswerSocket {
        let (frames, frameSink) = AsyncThrowingStream<String, any Error>.makeStream()
        let (outgoing, outgoingSink) = AsyncStream<String>.makeStream()
        let (ready, readySink) = AsyncStream<Result<Void, any Error>>.makeStream()
        let (greeted, greetedSink) = AsyncStream<Void>.makeStream()
        let configuration = WebSocketClientConfiguration(
            maxFrameSize: options.maxMessageSize,
            additionalHeaders: [.secWebSocketProtocol: WebPubSubFrame.subprotocol],
            autoPing: .enabled(timePeriod: options.pingInterval))
        let maxSize = options.maxMessageSize
        let task = Task {
            do {
                try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) {
                    inbound, outbound, _ in
                    readySink.yield(.success(()))
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            do {
                                for try await message in inbound.messages(maxSize: maxSize) {
                                    guard case .text(let text) = message else { continue }
                                    frameSink.yield(text)
                                    greetedSink.finish()
                                }
                                frameSink.finish()
                            } catch {
                                frameSink.finish(throwing: error)
                            }
                            outgoingSink.finish()  // a closed socket sends nothing more
                        }
                        // Until the reader finishes (or the server closes): then a normal close.
                        for await text in outgoing { try await outbound.write(.text(text)) }
                        group.cancelAll()
                    }
                }
                frameSink.finish()
            } catch {
                readySink.yield(.failure(error))
                frameSink.finish(throwing: error)
            }
            readySink.finish()
            greetedSink.finish()
        }
        let socket = AnswerSocket(label: label, frames: frames, outgoing: outgoingSink, task: task)
        let outcome = await withTaskGroup(of: Result<Void, any Error>?.self) { group in
            group.addTask {
                for await result in ready { return result }
                return .failure(ClientError.transport("the socket closed while connecting"))
            }
            group.addTask {
                try? await Task.sleep(for: options.connectTimeout)
                return Task.isCancelled ? nil : .failure(ConnectTimeout(seconds: options.connectTimeout.seconds))
            }
            defer { group.cancelAll() }
            while let next = await group.next() {
                if let next { return next }
            }
            return .failure(CancellationError())
        }
        do {
            try outcome.get()
            try Task.checkCancellation()
        } catch {
            socket.close()
            throw error
        }
        if let greeting {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { for await _ in greeted {} }
                group.addTask { try? await Task.sleep(for: greeting) }
                await group.next()
                group.cancelAll()
            }
        }
        return socket
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

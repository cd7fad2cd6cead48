import Foundation
import Synchronization

/// What the answer loop of one stream receives: engine chunks, the engine's end, or a stop.
enum StreamInput: Sendable {
    case chunk(String)
    /// Anything else the engine reported (replacement text, usage, follow-ups, notes).
    case piece(EnginePiece)
    case end
    case failed(String)
    case stopped
}

/// The streams in flight, so `stop_conversation` can reach them.
final class StreamRegistry: Sendable {
    struct Handle: Sendable {
        var conversationID: String
        /// The request's `websocket_request_id`, when it sent one.
        var websocketRequestID: String?
        /// Where the engine's chunks and the stop go, in order.
        var gate: ChunkGate
        var pump: Task<Void, Never>
    }

    private let streams = Mutex<[UUID: Handle]>([:])

    /// Registers a stream; returns the key to ``remove(_:)`` it with.
    func add(_ handle: Handle) -> UUID {
        let key = UUID()
        streams.withLock { $0[key] = handle }
        return key
    }

    /// Forgets a finished stream and stops its engine.
    func remove(_ key: UUID) {
        let handle = streams.withLock { $0.removeValue(forKey: key) }
        handle?.pump.cancel()
    }

    /// Stops the streams that match both ids given (every stream, when both are nil): the
    /// engine is cancelled and the answer loop closes the stream with the text so far.
    /// Returns how many streams were stopped.
    @discardableResult
    func stop(conversationID: String?, websocketRequestID: String? = nil) -> Int {
        let handles = streams.withLock { all in
            all.values.filter {
                (conversationID == nil || $0.conversationID == conversationID)
                    && (websocketRequestID == nil || $0.websocketRequestID == websocketRequestID)
            }
        }
        for handle in handles {
            handle.gate.close(with: .stopped)
            handle.pump.cancel()
        }
        return handles.count
    }

    /// The gate of the stream registered under `key`, while it is in flight.
    func gate(_ key: UUID) -> ChunkGate? { streams.withLock { $0[key]?.gate } }

    /// How many streams are in flight.
    var count: Int { streams.withLock { $0.count } }
}

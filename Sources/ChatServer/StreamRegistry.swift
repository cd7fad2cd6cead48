import Foundation
import Synchronization

/// What the answer loop of one stream receives: engine chunks, the engine's end, or a stop.
enum StreamInput: Sendable {
    case chunk(String)
    case end
    case failed(String)
    case stopped
}

/// The streams in flight, so `stop_conversation` can reach them.
final class StreamRegistry: Sendable {
    struct Handle: Sendable {
        var conversationID: String
        var continuation: AsyncStream<StreamInput>.Continuation
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

    /// Stops every stream of a conversation (or every stream, when `conversationID` is
    /// nil): the engine is cancelled and the answer loop closes the stream with the text
    /// so far. Returns how many streams were stopped.
    @discardableResult
    func stop(conversationID: String?) -> Int {
        let handles = streams.withLock { all in
            all.values.filter { conversationID == nil || $0.conversationID == conversationID }
        }
        for handle in handles {
            handle.continuation.yield(.stopped)
            handle.pump.cancel()
        }
        return handles.count
    }

    /// How many streams are in flight.
    var count: Int { streams.withLock { $0.count } }
}

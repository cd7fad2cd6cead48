import ChatProtocol
import Synchronization

/// The receiving state of one answer across its sockets: a ``WebPubSubReceiver`` (filter,
/// dedupe, acks) that survives reconnects, plus a watch for `data: [DONE]`.
///
/// A frame is dropped when it repeats what was already taken: by its `sequenceId` on the same
/// reliable connection, and, across connections (a new connection numbers from scratch and
/// its catch-up replays the answer), by the `stream_item_id` a frame carries.
final class AnswerReceiver: Sendable {
    private struct State {
        var receiver: WebPubSubReceiver
        var connectionID: String?
        var streamItems = Set<String>()
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
                if case .message(let message)? = out.frame, let item = message.streamItemID,
                    !out.sseBytes.isEmpty || out.ended, !state.streamItems.insert(item).inserted
                {
                    out.sseBytes = []  // a catch-up's repeat of an item already taken
                }
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

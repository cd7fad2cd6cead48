import Synchronization

/// Joins an engine's text chunks that come faster than ``interval`` into one chunk, so a model
/// streaming thousands of tokens a second costs one SSE event (one write, one read, one
/// decode, one layout in the client) every few milliseconds instead of one a token. A chunk
/// that comes ``interval`` or more after the last one handed on goes on at once: a slow model
/// gains no latency, a fast one at most ``interval``, far below a frame.
final class ChunkGate: Sendable {
    private struct Held: Sendable {
        var text = ""
        var lastHandedOn: ContinuousClock.Instant?
        var flushScheduled = false
        var closed = false
        var readerWakes = 0

        /// When held text is due to be handed on; nil when nothing is held.
        func due(_ interval: Duration) -> ContinuousClock.Instant? {
            guard !text.isEmpty, !closed, let last = lastHandedOn else { return nil }
            return last + interval
        }
    }

    /// How long text may wait for more.
    let interval: Duration
    private let continuation: AsyncStream<StreamInput>.Continuation
    private let held = Mutex(Held())

    /// A gate handing chunks on to `continuation`; a zero `interval` hands each on as it comes.
    init(interval: Duration, continuation: AsyncStream<StreamInput>.Continuation) {
        self.interval = interval
        self.continuation = continuation
    }

    /// Takes a chunk: hands it on (with any text held) when the last hand-over is ``interval``
    /// old, else holds it and makes sure a flush comes when that time is up — unless the
    /// caller `willFlush` itself then (``due``, ``flushIfDue()``).
    func add(_ chunk: String, willFlush: Bool = false) {
        let now = ContinuousClock.now
        let wait: Duration? = held.withLock { held in
            guard !held.closed else { return nil }
            held.text += chunk
            if willFlush { held.readerWakes += 1 }
            if let last = held.lastHandedOn, now - last < interval {
                if held.flushScheduled || willFlush { return nil }
                held.flushScheduled = true
                return interval - (now - last)
            }
            handOn(&held, at: now)
            return nil
        }
        if let wait {
            Task { [self] in
                var wait = wait
                // Hands the text on when it is due; a reader that flushed meanwhile moved that time.
                while true {
                    try? await Task.sleep(for: wait)
                    let again: Duration? = held.withLock { held in
                        let now = ContinuousClock.now
                        if let due = held.due(interval), due > now { return due - now }
                        held.flushScheduled = false
                        if !held.closed { handOn(&held, at: now) }
                        return nil
                    }
                    guard let again else { return }
                    wait = again
                }
            }
        }
    }

    /// When the text held now is due to be handed on (nil when none is held). A reader of the
    /// engine may wait until then before reading more: chunks that come meanwhile pile up in the
    /// engine's stream instead of waking the reader one by one, and are read in a row afterwards.
    var due: ContinuousClock.Instant? { held.withLock { $0.due(interval) } }

    /// How many chunks came with `willFlush` (in the answer pump: chunks that woke it), for
    /// tests and figures.
    var readerWakes: Int { held.withLock { $0.readerWakes } }

    /// Hands on the text held if it is due (the flush a waiting reader does on waking; the
    /// gate's own timer may have done it already).
    func flushIfDue() {
        held.withLock { held in
            if let due = held.due(interval), due <= .now { handOn(&held, at: .now) }
        }
    }

    /// Hands on any text held, then `input` (the engine's other pieces, its end, a stop), in
    /// that order; after ``close(with:)`` nothing more is handed on.
    func send(_ input: StreamInput) {
        held.withLock { held in
            guard !held.closed else { return }
            handOn(&held, at: .now)
            continuation.yield(input)
        }
    }

    /// Hands on any text held and then `input`, the stream's last.
    func close(with input: StreamInput) {
        held.withLock { held in
            guard !held.closed else { return }
            handOn(&held, at: .now)
            continuation.yield(input)
            held.closed = true
        }
    }

    private func handOn(_ held: inout Held, at now: ContinuousClock.Instant) {
        guard !held.text.isEmpty else { return }
        continuation.yield(.chunk(held.text))
        held.text = ""
        held.lastHandedOn = now
    }
}

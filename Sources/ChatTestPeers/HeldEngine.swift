import ChatModel
import ChatServer

/// An answer that only a stop, or a client that goes away, ends: it yields ``opening`` at once,
/// then ``tick`` every ``interval`` (nothing when nil) until it is cancelled, and records that
/// it was (``wasCancelled``).
public struct HeldEngine: AnswerEngine {
    /// The chunks yielded at once.
    public var opening: [String]
    /// A chunk yielded every ``interval`` after the opening, or nil to yield nothing more.
    public var tick: String?
    /// How often the engine ticks (and looks whether it was cancelled).
    public var interval: Duration
    private let cancellations = Recorder<Bool>()

    /// An engine that says `opening`, then ticks `tick` (if any) until it is cancelled.
    public init(opening: [String] = ["alpha ", "beta "], tick: String? = nil, interval: Duration = .milliseconds(10)) {
        self.opening = opening
        self.tick = tick
        self.interval = interval
    }

    /// Says "tick " every 10 ms until cancelled.
    public static var ticking: HeldEngine { HeldEngine(opening: [], tick: "tick ") }

    /// Whether an answer has been cancelled.
    public var wasCancelled: Bool { !cancellations.isEmpty }

    /// The offline engine's model.
    public var model: ModelInfo { OfflineEngine.offlineModel }

    /// The opening, the ticks, and a `CancellationError` once cancelled.
    public func answer(_ request: EngineRequest) -> AsyncThrowingStream<String, any Error> {
        let (opening, tick, interval, cancellations) = (opening, tick, interval, cancellations)
        return AsyncThrowingStream { continuation in
            let task = Task {
                for chunk in opening { continuation.yield(chunk) }
                while !Task.isCancelled {
                    if let tick { continuation.yield(tick) }
                    try? await Task.sleep(for: interval)
                }
                cancellations.record(true)
                continuation.finish(throwing: CancellationError())
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Always "held".
    public func title(for prompt: String) async throws -> String { "held" }
}

import ChatArchive
import ChatClient
import Foundation

/// The counters of a running sync, shared by its concurrent fetches, and the pause every
/// request waits out after a 429. Each change is reported to the progress callback.
actor SyncTally {
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private let onProgress: @Sendable (SyncProgress) -> Void
    private var progress = SyncProgress()
    private(set) var inserted = 0
    private(set) var updated = 0
    private(set) var failures: [SyncFailure] = []
    private var resumeAt: ContinuousClock.Instant?

    init(onProgress: @escaping @Sendable (SyncProgress) -> Void) {
        self.onProgress = onProgress
        started = clock.now
    }

    var skipped: Int { progress.skipped }
    var retries: Int { progress.retries }
    var seconds: Double { Self.seconds(clock.now - started) }

    private func emit() {
        progress.elapsed = seconds
        onProgress(progress)
    }

    /// A list walk starts.
    func beginList(_ list: SyncList) {
        progress.list = list
        progress.total = nil
        emit()
    }

    /// A list page was read with `fresh` new conversations.
    func page(fresh: Int, total: Int?) {
        progress.pages += 1
        progress.listed += fresh
        progress.total = total
        emit()
    }

    /// A conversation was stored.
    func stored(_ outcome: UpsertOutcome) {
        switch outcome {
        case .inserted: inserted += 1
        case .updated, .unchanged: updated += 1
        }
        progress.fetched += 1
        emit()
    }

    /// Listed conversations were not fetched.
    func skip(_ count: Int) {
        guard count > 0 else { return }
        progress.skipped += count
        emit()
    }

    /// A conversation could not be fetched.
    func fail(_ failure: SyncFailure) {
        failures.append(failure)
        progress.failed += 1
        emit()
    }

    /// A request is being retried.
    func retried() {
        progress.retries += 1
        emit()
    }

    /// Every request waits `duration` from now (a 429's `Retry-After`), or longer if a
    /// pause is already set.
    func pause(for duration: Duration) {
        let until = clock.now + duration
        if let current = resumeAt, current >= until { return }
        resumeAt = until
    }

    /// Returns once no pause is set, reporting the seconds left about once a second.
    func waitOutPause() async throws {
        while let until = resumeAt {
            let now = clock.now
            if now >= until {
                resumeAt = nil
                progress.waiting = nil
                emit()
                return
            }
            let left = until - now
            progress.waiting = Self.seconds(left)
            emit()
            try await Task.sleep(for: min(left, .seconds(1)))
        }
    }

    static func seconds(_ d: Duration) -> Double {
        let (s, atto) = d.components
        return Double(s) + Double(atto) / 1e18
    }
}

/// A failure that stops the whole sync: a 401, a refused list, a `Retry-After` too long to
/// wait. The reason is shown as it is.
struct SyncStopped: Error, CustomStringConvertible {
    let description: String
}

/// Runs requests with the sync's retry policy: 429 waits for `Retry-After` (every request
/// waits, not only the one that met it), 5xx and dropped connections are retried with a
/// doubling delay, 401 and browser challenges stop the sync.
struct PoliteCaller: Sendable {
    let tally: SyncTally
    let policy: SyncRetryPolicy

    /// How an error is handled.
    enum Handling: Equatable {
        case waitAndRetry(retryAfter: Double?)
        case retry
        case stop
        case fail
    }

    static func handling(of error: any Error) -> Handling {
        guard let error = error as? ClientError else { return .fail }
        switch error {
        case .rateLimited(let retryAfter, _): return .waitAndRetry(retryAfter: retryAfter)
        case .server, .transport: return .retry
        case .unauthorized, .configuration: return .stop
        case .forbidden(_, let challenge): return challenge ? .stop : .fail
        default: return .fail
        }
    }

    /// Runs `operation` until it succeeds, a retry budget is spent, or the task is cancelled.
    func run<T: Sendable>(_ operation: @Sendable () async throws -> T) async throws -> T {
        var attempt = 1
        var delay = policy.firstDelay
        var waits = 0
        while true {
            try await tally.waitOutPause()
            try Task.checkCancellation()
            do {
                return try await operation()
            } catch {
                try Task.checkCancellation()
                switch Self.handling(of: error) {
                case .waitAndRetry(let retryAfter):
                    let wait = retryAfter.map { Duration.milliseconds(Int64(($0 * 1000).rounded(.up))) }
                    let duration = wait ?? policy.defaultRetryAfter
                    if duration > policy.maxRetryAfter {
                        throw SyncStopped(
                            description:
                                "\(ErrorSentence.of(error)); that is longer than this sync waits, run it again later")
                    }
                    guard waits < policy.rateLimitWaits else { throw error }
                    waits += 1
                    await tally.retried()
                    await tally.pause(for: duration)
                case .retry:
                    guard attempt < policy.attempts else { throw error }
                    attempt += 1
                    await tally.retried()
                    try await Task.sleep(for: delay)
                    delay = min(delay * 2, policy.maxDelay)
                case .stop:
                    throw SyncStopped(description: ErrorSentence.of(error))
                case .fail:
                    throw error
                }
            }
        }
    }
}

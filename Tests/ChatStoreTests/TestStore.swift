import ChatClient
import ChatTestPeers
import Foundation
import Testing

@testable import ChatStore

/// The pure reducer under test, in the spirit of TCA's `TestStore`.
///
/// - ``send(_:sourceLocation:_:)`` reduces an action; the closure turns the state before it
///   into the state expected after it, and the whole state must equal that: a change the test
///   did not state fails it.
/// - The effects an action returns must be checked with ``expectEffects(_:sourceLocation:)``
///   before the next action, and exactly.
/// - `startStream` runs against ``backend`` (a ``FakeBackend``) as ``Store`` runs it
///   (``Store/relay(_:id:to:)``): the test yields the answer's items there, and each action the
///   stream feeds back must be taken with ``receive(_:timeout:sourceLocation:_:)``, in order,
///   to its end. Every other effect is only checked: the test sends what it would bring back.
/// - The store's clock (``now``) and the reducer's ids and dates are the test's: ids are
///   `id-1`, `id-2`, … in the order the reducer asks, the date is ``date``.
/// - When the store goes away, effects not checked and streams not received to their end
///   fail the test.
final class TestStore {
    /// The state after the last action.
    private(set) var state: AppState
    /// The backend `startStream` runs against.
    let backend: FakeBackend
    /// Seconds on the store's clock: `state.now` of the next action.
    var now: Double = 0
    /// What the reducer gets as the wall clock.
    static let date = 1_700_000_000.0

    private var effects: [Effect] = []
    private var openStreams: Set<String> = []
    private let inbox = Inbox()
    private let dependencies: ReducerDependencies
    private let createdAt: SourceLocation

    /// A store over `state`, with a backend (its `sourceName` is `fake`) unless `state` has none.
    init(_ state: AppState, backend: FakeBackend = FakeBackend(), sourceLocation: SourceLocation = #_sourceLocation) {
        self.state = state
        self.backend = backend
        createdAt = sourceLocation
        let counter = Counter()
        dependencies = ReducerDependencies(newID: { "id-\(counter.next())" }, date: { Self.date })
    }

    deinit {
        if !effects.isEmpty {
            Issue.record("Effects never checked: \(effects)", sourceLocation: createdAt)
        }
        if !openStreams.isEmpty {
            let streams = openStreams.sorted().joined(separator: ", ")
            Issue.record(
                "Streams not received to their end: \(streams) (finish them in the backend, then receive their items and end)",
                sourceLocation: createdAt)
        }
        backend.finishAll()
    }

    /// Reduces `action`; `update` states how the state changes.
    func send(
        _ action: AppAction, sourceLocation: SourceLocation = #_sourceLocation,
        _ update: (inout AppState) -> Void = { _ in }
    ) {
        checkEffectsChecked(before: action, sourceLocation)
        reduce(action, update, sourceLocation)
    }

    /// Takes the next action a running stream fed back, which must be `expected`, and reduces
    /// it; `update` states how the state changes. Waits for it up to `timeout`.
    func receive(
        _ expected: AppAction, timeout: Duration = .seconds(5), sourceLocation: SourceLocation = #_sourceLocation,
        _ update: (inout AppState) -> Void = { _ in }
    ) async {
        checkEffectsChecked(before: expected, sourceLocation)
        guard let action = await inbox.next(within: timeout) else {
            Issue.record(
                "Expected to receive \(expected), but nothing came in \(timeout)", sourceLocation: sourceLocation)
            return
        }
        if action != expected {
            Issue.record("Received \(action)\nexpected \(expected)", sourceLocation: sourceLocation)
        }
        if case .stream(let id, .ended) = action { openStreams.remove(id) }
        reduce(action, update, sourceLocation)
    }

    /// Checks the effects of the last action: exactly these, in this order.
    func expectEffects(_ expected: [Effect], sourceLocation: SourceLocation = #_sourceLocation) {
        if effects != expected {
            Issue.record("Effects \(effects)\nexpected \(expected)", sourceLocation: sourceLocation)
        }
        effects = []
    }

    private func reduce(
        _ action: AppAction, _ update: (inout AppState) -> Void, _ sourceLocation: SourceLocation
    ) {
        state.now = now
        var expected = state
        update(&expected)
        let returned = ReducerDependencies.$current.withValue(dependencies) { Reducer.reduce(&state, action) }
        if state != expected {
            let diff = StateDiff.lines(expected: expected, actual: state).joined(separator: "\n")
            Issue.record(
                "State after \(action) differs from the expected one:\n\(diff)", sourceLocation: sourceLocation)
        }
        effects = returned
        for case .startStream(let request) in returned { run(request) }
    }

    /// Relays the backend's answer as ``Store`` does, into the inbox.
    private func run(_ request: ChatRequest) {
        let id = request.websocketRequestID
        let items = backend.send(request)
        let inbox = inbox
        openStreams.insert(id)
        Task {
            await Store.relay(items, id: id) { await inbox.put($0) }
            await inbox.put(.stream(id: id, .ended))
        }
    }

    private func checkEffectsChecked(before action: AppAction, _ sourceLocation: SourceLocation) {
        guard !effects.isEmpty else { return }
        Issue.record("Effects not checked before \(action): \(effects)", sourceLocation: sourceLocation)
        effects = []
    }
}

/// The actions running streams fed back, in order, for ``TestStore/receive(_:timeout:sourceLocation:_:)``.
private actor Inbox {
    private var buffered: [AppAction] = []
    private var waiter: CheckedContinuation<AppAction?, Never>?
    private var waits = 0

    func put(_ action: AppAction) {
        if let waiter {
            self.waiter = nil
            waiter.resume(returning: action)
        } else {
            buffered.append(action)
        }
    }

    /// The next action, waiting for it up to `timeout`; nil when none came.
    func next(within timeout: Duration) async -> AppAction? {
        if !buffered.isEmpty { return buffered.removeFirst() }
        waits += 1
        let wait = waits
        return await withCheckedContinuation { continuation in
            waiter = continuation
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.expire(wait)
            }
        }
    }

    private func expire(_ wait: Int) {
        guard wait == waits, let waiter else { return }
        self.waiter = nil
        waiter.resume(returning: nil)
    }
}

/// Hands out 1, 2, 3, … from any thread.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}

import ChatProtocol
import Foundation
import Synchronization

/// The server side of the 2024 `wss_url` answer mode (PROTOCOL.md §3a): the answers being
/// sent over WebSockets, each kept as a log of Web PubSub message frames until the client
/// acknowledges them, and the short-lived tokens the socket URLs carry.
///
/// Sequence ids are one increasing series for the whole hub, like the sequence of one
/// reliable Web PubSub connection: every socket reports the same ``connectionID``, so a
/// client that moves to another URL keeps comparing ids and drops what it already has.
/// An answer is generated once, whether or not a socket is connected; a socket that
/// connects gets the frames nobody acknowledged yet, then the new ones.
final class WebSocketHub: Sendable {
    /// Which frames a socket receives.
    enum Scope: Sendable, Hashable {
        /// One answer (the `wss_url` and `fallback_wss_url` of a POST).
        case response(String)
        /// Every answer (a `register-websocket` URL, like the real service's per-user socket).
        case user
    }

    /// The path a URL uses; a token is valid only on its own path.
    enum Entrance: String, Sendable, Hashable {
        case primary
        case fallback
        case user
    }

    /// What a socket URL's token allows.
    struct Grant: Sendable, Hashable {
        var entrance: Entrance
        var scope: Scope
        var expires: Date
    }

    /// One message frame, encoded.
    struct Frame: Sendable, Hashable {
        var sequenceID: Int
        var responseID: String
        var text: String
        /// Whether this frame ends its answer (`more_body: false`).
        var last: Bool
    }

    /// What a new socket receives: the frames still unacknowledged, then the live ones.
    struct Subscription: Sendable {
        var key: UUID
        var replay: [Frame]
        var live: AsyncStream<Frame>
    }

    private struct Log {
        var conversationID: String
        var frames: [Frame] = []
        var endedAt: ContinuousClock.Instant?
    }

    private struct Subscriber {
        var scope: Scope
        var continuation: AsyncStream<Frame>.Continuation
    }

    private struct State {
        var nextSequenceID = 1
        var logs: [String: Log] = [:]
        var grants: [String: Grant] = [:]
        var subscribers: [UUID: Subscriber] = [:]
    }

    /// The `connectionId` every socket of this hub reports.
    let connectionID = "chatterm-" + UUID().uuidString.lowercased()
    /// How long an ended answer's unacknowledged frames are kept.
    let retention: Duration
    private let state = Mutex(State())

    init(retention: Duration) {
        self.retention = retention
    }

    /// A fresh random token for `entrance`, valid for `lifetime`.
    func issue(_ entrance: Entrance, scope: Scope, lifetime: Duration) -> (token: String, expires: Date) {
        let now = Date()
        let (seconds, attoseconds) = lifetime.components
        let expires = now.addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
        let token = "wst-" + ServerToken.generate().dropFirst(3)
        state.withLock { state in
            state.grants = state.grants.filter { $0.value.expires > now }
            state.grants[token] = Grant(entrance: entrance, scope: scope, expires: expires)
        }
        return (token, expires)
    }

    /// The grant of a token that has not expired.
    func grant(token: String, now: Date = Date()) -> Grant? {
        state.withLock { state in
            guard let grant = state.grants[token], grant.expires > now else { return nil }
            return grant
        }
    }

    /// Starts the log of an answer.
    func open(responseID: String, conversationID: String) {
        state.withLock { $0.logs[responseID] = Log(conversationID: conversationID) }
    }

    /// Appends a message frame carrying `body` (SSE text) to an answer and sends it to its sockets.
    func publish(responseID: String, body: String, last: Bool) {
        let now = ContinuousClock.now
        let receivers = state.withLock { state -> [AsyncStream<Frame>.Continuation] in
            purge(&state, now: now)
            guard var log = state.logs[responseID] else { return [] }
            let id = state.nextSequenceID
            state.nextSequenceID += 1
            let text = WebPubSubFrame.serverMessage(
                sequenceID: id, body: Array(body.utf8), moreBody: !last, responseID: responseID,
                conversationID: log.conversationID)
            let frame = Frame(sequenceID: id, responseID: responseID, text: text, last: last)
            log.frames.append(frame)
            if last { log.endedAt = now }
            state.logs[responseID] = log
            var out: [AsyncStream<Frame>.Continuation] = []
            for subscriber in state.subscribers.values where subscriber.scope.covers(responseID) {
                subscriber.continuation.yield(frame)
                if last, subscriber.scope != .user { out.append(subscriber.continuation) }
            }
            return out
        }
        for continuation in receivers { continuation.finish() }
    }

    /// Subscribes a socket. A socket for one answer whose log has ended (or is gone) gets a
    /// finished live stream.
    func subscribe(_ scope: Scope) -> Subscription {
        let (live, continuation) = AsyncStream<Frame>.makeStream()
        let key = UUID()
        let now = ContinuousClock.now
        let replay = state.withLock { state -> [Frame] in
            purge(&state, now: now)
            let logs = state.logs.filter { scope.covers($0.key) }
            let replay = logs.values.flatMap(\.frames).sorted { $0.sequenceID < $1.sequenceID }
            if case .response(let id) = scope, state.logs[id]?.endedAt != nil || state.logs[id] == nil {
                continuation.finish()
            } else {
                state.subscribers[key] = Subscriber(scope: scope, continuation: continuation)
            }
            return replay
        }
        return Subscription(key: key, replay: replay, live: live)
    }

    /// Forgets a socket.
    func unsubscribe(_ key: UUID) {
        let subscriber = state.withLock { $0.subscribers.removeValue(forKey: key) }
        subscriber?.continuation.finish()
    }

    /// A client acknowledged every frame up to `sequenceID` that a socket of `scope` was sent:
    /// those frames are dropped, and an ended answer with nothing left is forgotten.
    func acknowledge(_ sequenceID: Int, scope: Scope) {
        state.withLock { state in
            for (id, var log) in state.logs where scope.covers(id) {
                log.frames.removeAll { $0.sequenceID <= sequenceID }
                if log.frames.isEmpty, log.endedAt != nil {
                    state.logs[id] = nil
                } else {
                    state.logs[id] = log
                }
            }
        }
    }

    /// The sequence ids of an answer's frames not yet acknowledged (nil when the hub has no such answer).
    func pendingSequenceIDs(responseID: String) -> [Int]? {
        state.withLock { $0.logs[responseID]?.frames.map(\.sequenceID) }
    }

    private func purge(_ state: inout State, now: ContinuousClock.Instant) {
        state.logs = state.logs.filter { _, log in
            guard let ended = log.endedAt else { return true }
            return now - ended < retention
        }
    }
}

extension WebSocketHub.Scope {
    /// Whether a socket of this scope receives the frames of `responseID`.
    func covers(_ responseID: String) -> Bool {
        switch self {
        case .user: true
        case .response(let id): id == responseID
        }
    }
}

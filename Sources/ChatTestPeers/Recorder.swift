import Synchronization

/// What a double was asked or saw, in order: its handlers run beside the test, so the list is
/// kept under a lock.
public final class Recorder<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])

    /// An empty record.
    public init() {}

    /// Records `value` and returns how many there are now (the first is 1).
    @discardableResult public func record(_ value: Value) -> Int {
        values.withLock {
            $0.append(value)
            return $0.count
        }
    }

    /// Everything recorded, oldest first.
    public var all: [Value] { values.withLock { $0 } }

    /// The last value recorded.
    public var last: Value? { values.withLock { $0.last } }

    /// Whether anything was recorded.
    public var isEmpty: Bool { values.withLock { $0.isEmpty } }
}

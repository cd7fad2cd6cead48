extension AsyncThrowingStream where Failure == any Error, Element: Sendable {
    /// A stream fed by `produce`, which runs in a task of its own: the stream finishes when
    /// `produce` returns, or with its error when it throws (as `CancellationError` once the
    /// task is cancelled), and the task is cancelled when the consumer stops listening.
    public static func producing(
        _ produce: @escaping @Sendable (Continuation) async throws -> Void
    ) -> AsyncThrowingStream<Element, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await produce(continuation)
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: Task.isCancelled ? CancellationError() : error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

extension AsyncThrowingStream where Failure == any Error, Element: Sendable {
    /// The elements of `source` passed through `transform` (nil drops one), read on the
    /// consumer's own task: unlike a ``producing(_:)`` loop there is no task in between, so
    /// an element costs no extra thread hand-off. `source` must have this as its only reader.
    public static func mapping<Source: AsyncSequence & Sendable>(
        _ source: Source, _ transform: @escaping @Sendable (Source.Element) -> Element?
    ) -> AsyncThrowingStream<Element, any Error> {
        let reader = SoleReader(source.makeAsyncIterator())
        return AsyncThrowingStream {
            while let element = try await reader.next() {
                if let mapped = transform(element) { return mapped }
            }
            return nil
        }
    }
}

/// An iterator read by one consumer at a time (an `AsyncThrowingStream(unfolding:)` calls its
/// closure once per element, never concurrently), so it can live in a reference.
private final class SoleReader<Iterator: AsyncIteratorProtocol>: @unchecked Sendable {
    private var iterator: Iterator

    init(_ iterator: Iterator) { self.iterator = iterator }

    func next() async throws -> Iterator.Element? {
        var current = iterator
        defer { iterator = current }
        return try await current.next()
    }
}

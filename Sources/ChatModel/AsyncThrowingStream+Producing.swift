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

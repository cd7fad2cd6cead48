/// A test helper's failure, with what went wrong in words.
public struct TestFailure: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String

    /// A failure saying `description`.
    public init(_ description: String) { self.description = description }
}

/// What `operation` returns, or nil when it has not finished within `limit`. It runs in a task
/// of its own, cancelled and left behind when it hangs: a wait that only cancellation ends (a
/// task group) would hang with it.
public func finished<T: Sendable>(within limit: Duration, _ operation: @escaping @Sendable () async throws -> T)
    async throws -> T?
{
    let (results, continuation) = AsyncStream.makeStream(of: Result<T, any Error>?.self)
    let work = Task {
        do {
            continuation.yield(.success(try await operation()))
        } catch {
            continuation.yield(.failure(error))
        }
    }
    let timer = Task {
        try? await Task.sleep(for: limit)
        continuation.yield(nil)
    }
    var first: Result<T, any Error>?
    for await result in results {
        first = result
        break
    }
    timer.cancel()
    if first == nil { work.cancel() }
    return try first?.get()
}

/// Runs `body`, throwing a ``TestFailure`` after `seconds` instead of hanging.
public func withDeadline<T: Sendable>(
    _ seconds: Int = 120, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    guard let value = try await finished(within: .seconds(seconds), body) else {
        throw TestFailure("timed out after \(seconds) s")
    }
    return value
}

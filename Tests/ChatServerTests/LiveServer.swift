import ChatArchive
import ChatServer
import ChatStore
import Testing

/// A ``BackendServer`` over an in-memory archive on a free loopback port, started with
/// ``BackendServer/startEmbedded()`` and stopped by cancelling its task, as the TUI does.
struct LiveServer {
    let port: Int
    let task: Task<Void, Never>

    /// Starts a server with `configuration` (the test token) answering with `engine`.
    static func start(
        _ configuration: ServerConfiguration = ServerConfiguration(token: TestServer.token, saveInterval: .zero),
        engine: any AnswerEngine = OfflineEngine(pace: .zero)
    ) async throws -> LiveServer {
        let server = BackendServer(configuration: configuration, archive: try Archive.inMemory(), engine: engine)
        let (port, task) = try await server.startEmbedded()
        return LiveServer(port: port, task: task)
    }

    /// Stops the server; false when it has not stopped within `limit`.
    func stop(within limit: Duration = .seconds(10)) async -> Bool {
        task.cancel()
        let task = self.task
        return (try? await finished(within: limit) { await task.value }) != nil
    }

    /// Runs `body` with the port of a server started with `configuration`; the server must
    /// stop within 10 s afterwards.
    static func with<T>(
        _ configuration: ServerConfiguration = ServerConfiguration(token: TestServer.token, saveInterval: .zero),
        engine: any AnswerEngine = OfflineEngine(pace: .zero), _ body: (Int) async throws -> T
    ) async throws -> T {
        let server = try await start(configuration, engine: engine)
        let result: T
        do {
            result = try await body(server.port)
        } catch {
            _ = await server.stop()
            throw error
        }
        let stopped = await server.stop()
        try #require(stopped, "the server did not stop within 10 s")
        return result
    }
}

/// What `operation` returns, or nil when it has not finished within `limit`. It runs in a task
/// of its own, left running when it hangs: a wait that only cancellation ends (a task group)
/// would hang with it.
func finished<T: Sendable>(within limit: Duration, _ operation: @escaping @Sendable () async throws -> T)
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

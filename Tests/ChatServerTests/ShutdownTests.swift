import AsyncHTTPClient
import ChatServer
import ChatTestPeers
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Stopping the server while clients hold connections: a client's kept-alive connection, a
/// spare connection it opened and has not used yet, a head stopped halfway. Before, a
/// connection that had not sent a whole head kept the server from stopping until the client
/// closed it (about one run in eight of the store tests hung there).
@Suite("Stopping the server", .timeLimit(.minutes(5)))
struct ShutdownTests {
    /// Runs `body` with a client of its own (its pool is not shared with other tests), shut
    /// down afterwards.
    static func withHTTPClient(_ body: (HTTPClient) async throws -> Void) async throws {
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        do {
            try await body(http)
        } catch {
            try await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    /// Three requests at once from one client: it keeps their connections alive afterwards.
    static func busyClient(_ http: HTTPClient, port: Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for path in ["/backend-api/conversations", "/backend-api/models", "/api/auth/session"] {
                group.addTask {
                    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
                    request.headers.add(name: "Authorization", value: "Bearer \(TestServer.token)")
                    let response = try await http.execute(request, timeout: .seconds(10))
                    _ = try await response.body.collect(upTo: 1 << 20)
                    #expect(response.status == .ok)
                }
            }
            try await group.waitForAll()
        }
    }

    @Test func cancellingTheServerTaskStopsItWhileClientsHoldConnections() async throws {
        try await Self.withHTTPClient { http in
            for round in 1...50 {
                let server = try await TestServer().start()
                try await Self.busyClient(http, port: server.port)
                let stopped = try await RawConnection.with(port: server.port) { silent in
                    try await RawConnection.with(port: server.port) { partial in
                        await partial.send("GET /backend-api/conversations HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                        try await Self.busyClient(http, port: server.port)  // both connections are accepted by now
                        return await server.stop(within: .seconds(5))
                    }
                }
                try #require(stopped, "round \(round): the server did not stop within 5 s")
            }
        }
    }

    @Test func aGracefulShutdownEndsWhileClientsHoldConnections() async throws {
        try await Self.withHTTPClient { http in
            for round in 1...10 {
                let server = try TestServer()
                let ended = try await finished(within: .seconds(10)) {
                    // The live test ends with a graceful shutdown (what SIGINT and SIGTERM start).
                    try await server.test(.live) { client in
                        let port = try #require(client.port)
                        try await Self.busyClient(http, port: port)
                        let (opened, open) = AsyncStream.makeStream(of: Void.self)
                        Task {
                            try await RawConnection.with(port: port) { silent in
                                await silent.send("")
                                open.yield()
                                _ = await silent.readUntilClosed(within: .seconds(30))
                            }
                        }
                        for await _ in opened { break }
                        try await Self.busyClient(http, port: port)
                    }
                    return true
                }
                try #require(ended == true, "round \(round): the graceful shutdown did not end within 10 s")
            }
        }
    }
}

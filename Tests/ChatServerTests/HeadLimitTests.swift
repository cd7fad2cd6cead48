import ChatServer
import ChatTestPeers
import Testing

/// Request heads the decoder refuses (over its 80 KB limit, or not HTTP at all) are answered
/// and the connection closed: before, they got no answer and the connection stayed open.
@Suite("Request heads over the limit", .timeLimit(.minutes(2)))
struct HeadLimitTests {
    /// 100 KB: over the 80 KB limit of a request line or the headers.
    static let oversized = String(repeating: "a", count: 100 * 1024)
    static let auth = "Authorization: Bearer \(TestServer.token)\r\n"
    /// A request the server answers 200.
    static let good = "GET /backend-api/conversations HTTP/1.1\r\nHost: 127.0.0.1\r\n\(auth)\r\n"

    /// Sends `head` on a new connection and returns what came back before the server closed it.
    static func answer(to head: String, port: Int) async throws -> String {
        let answer = try await RawConnection.with(port: port) { connection in
            await connection.send(head)
            return await connection.readUntilClosed(within: .seconds(20))
        }
        return try #require(answer, "no answer: the connection was left open")
    }

    @Test(arguments: [true, false]) func aLongURLIs414AndTheConnectionIsClosed(withToken: Bool) async throws {
        try await TestServer().serve { server in
            let head = "GET /backend-api/conversations?q=\(Self.oversized) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            let answer = try await Self.answer(to: head + (withToken ? Self.auth : "") + "\r\n", port: server.port)
            #expect(answer.hasPrefix("HTTP/1.1 414 "))
            #expect(answer.contains("URL"))
        }
    }

    @Test(arguments: [true, false]) func aLongHeaderIs431AndTheConnectionIsClosed(withToken: Bool) async throws {
        try await TestServer().serve { server in
            let head =
                "GET /backend-api/conversations HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (withToken ? Self.auth : "")
                + "X-Padding: \(Self.oversized)\r\n\r\n"
            let answer = try await Self.answer(to: head, port: server.port)
            #expect(answer.hasPrefix("HTTP/1.1 431 "))
            #expect(answer.contains("headers"))
        }
    }

    @Test func aLongHeadAfterAGoodRequestOnTheSameConnectionIs431() async throws {
        try await TestServer().serve { server in
            let bad = "GET /backend-api/models HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: \(Self.oversized)\r\n\r\n"
            let answer = try await RawConnection.with(port: server.port) { connection in
                await connection.send(Self.good)
                let first = await connection.read(until: "\"total\"", within: .seconds(20))
                #expect(first?.hasPrefix("HTTP/1.1 200 ") == true)
                await connection.send(bad)
                return await connection.readUntilClosed(within: .seconds(20))
            }
            let text = try #require(answer, "no answer: the connection was left open")
            #expect(text.hasPrefix("HTTP/1.1 200 "))
            #expect(text.contains("HTTP/1.1 431 "))
        }
    }

    @Test func aLongHeadPipelinedAfterAGoodRequestIsRefusedAfterItsAnswer() async throws {
        try await TestServer().serve { server in
            let bad = "GET /backend-api/models?q=\(Self.oversized) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            let answer = try await Self.answer(to: Self.good + bad, port: server.port)
            // Answers keep the order of the requests. (Which of 414 or 431 depends on where
            // the reads split the pipelined bytes.)
            #expect(answer.hasPrefix("HTTP/1.1 200 "))
            #expect(answer.contains("HTTP/1.1 414 ") || answer.contains("HTTP/1.1 431 "))
        }
    }

    @Test func aHeadThatIsNotHTTPIs400AndTheConnectionIsClosed() async throws {
        try await TestServer().serve { server in
            let answer = try await Self.answer(to: "HELLO THERE\r\n\r\n", port: server.port)
            #expect(answer.hasPrefix("HTTP/1.1 400 "))
        }
    }
}

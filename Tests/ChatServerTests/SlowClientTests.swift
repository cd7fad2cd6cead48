import AsyncHTTPClient
import ChatModel
import ChatProtocol
import ChatServer
import ChatTestPeers
import Foundation
import NIOCore
import Testing

/// Clients that send slowly or not at all are closed after a bounded time; answers that take
/// long are not. Before, a slowloris of 200 connections was never closed.
@Suite("Slow and idle clients", .timeLimit(.minutes(3)))
struct SlowClientTests {
    /// Timeouts far below the defaults (30 s and 75 s), so the tests run in seconds.
    static let timeout = Duration.seconds(1)
    /// A server with those timeouts, answering with `engine`.
    static func server(_ engine: any AnswerEngine = OfflineEngine(pace: .zero)) throws -> TestServer {
        try TestServer(engine: engine) {
            $0.requestTimeout = timeout
            $0.idleTimeout = timeout
        }
    }
    /// The most a test waits for the server to close a connection: the timeout and plenty of slack.
    static let closeDeadline = Duration.seconds(20)
    static let partialHead = "GET /backend-api/conversations HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    static let auth = "Authorization: Bearer \(TestServer.token)\r\n"

    @Test func twoHundredSlowlorisConnectionsAreAllClosed() async throws {
        try await Self.server().serve { server in
            let answers = try await withThrowingTaskGroup(of: (trickled: Bool, answer: String?).self) { group in
                for index in 0..<200 {
                    group.addTask {
                        try await RawConnection.with(port: server.port) { connection in
                            // Half of them trickle a head that never ends, half send nothing at all.
                            guard index.isMultiple(of: 2) else {
                                return (false, await connection.readUntilClosed(within: Self.closeDeadline))
                            }
                            await connection.send(Self.partialHead)
                            let closed = await connection.trickle(
                                "X-Slow: \(index)\r\n", every: .milliseconds(250), within: Self.closeDeadline)
                            return (true, closed ? await connection.received.text : nil)
                        }
                    }
                }
                return try await group.reduce(into: [(trickled: Bool, answer: String?)]()) { $0.append($1) }
            }
            #expect(answers.count == 200)
            #expect(answers.filter { $0.answer == nil }.count == 0, "connections left open")
            // A started head is told why; a connection that sent nothing is closed quietly.
            #expect(answers.filter(\.trickled).allSatisfy { $0.answer?.hasPrefix("HTTP/1.1 408 ") == true })
            #expect(answers.filter { !$0.trickled }.allSatisfy { $0.answer == "" })
        }
    }

    @Test func aKeptAliveConnectionThatTricklesItsNextHeadIsClosed() async throws {
        try await Self.server().serve { server in
            let closed = try await RawConnection.with(port: server.port) { connection in
                await connection.send(Self.partialHead + Self.auth + "\r\n")
                let first = await connection.read(until: "\"total\"", within: Self.closeDeadline)
                #expect(first?.hasPrefix("HTTP/1.1 200 ") == true)
                await connection.send(Self.partialHead)
                return await connection.trickle("X-Slow: 1\r\n", every: .milliseconds(250), within: Self.closeDeadline)
            }
            #expect(closed, "the connection was left open")
        }
    }

    @Test func aTrickledBodyIsClosedWith408() async throws {
        try await Self.server().serve { server in
            let answer = try await RawConnection.with(port: server.port) { connection in
                await connection.send(
                    "POST /backend-api/conversation HTTP/1.1\r\nHost: 127.0.0.1\r\n\(Self.auth)"
                        + "Content-Type: application/json\r\nContent-Length: 10000\r\n\r\n{")
                let closed = await connection.trickle(" ", every: .milliseconds(250), within: Self.closeDeadline)
                return closed ? await connection.received.text : nil
            }
            let text = try #require(answer, "the connection was left open")
            #expect(text.hasPrefix("HTTP/1.1 408 "))
        }
    }

    @Test func aSlowStreamedAnswerOutlivesTheTimeouts() async throws {
        let pace = Duration.milliseconds(100)
        let prompt = "Tell me about slow answers"
        let expected = offlineAnswer(prompt)
        // The answer takes several times the timeouts to stream.
        try #require(pace * OfflineEngine.tokens(expected).count > Self.timeout * 3)
        try await Self.server(OfflineEngine(pace: pace)).serve { server in
            let request = LiveAPI(port: server.port, host: "127.0.0.1").httpRequest(
                .POST, "/backend-api/conversation", text: WireJSON.string(.object(nextMessageBody(prompt, model: nil))))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
            #expect(response.status == .ok)
            let stream = try ParsedStream(String(buffer: try await response.body.collect(upTo: 16 << 20)))
            #expect(stream.status == "finished_successfully")
            #expect(stream.text == expected)
        }
    }
}

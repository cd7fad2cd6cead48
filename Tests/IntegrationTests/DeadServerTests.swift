import ChatClient
import ChatTestPeers
import Foundation
import Testing

/// A server that is not running: the clients say so in words within seconds, after their own
/// few retries, instead of waiting out the HTTP client's pool (which retried the refused
/// connection until each request's minute-long timeout).
@Suite("A server that is not running", .timeLimit(.minutes(2)))
struct DeadServerTests {
    /// A port nothing listens on: one the system gave and took back.
    static func closedPort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func aListOfAStoppedServerFailsInWordsWithinSeconds() async throws {
        let base = "http://127.0.0.1:\(try Self.closedPort())"
        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try await makeClient(base).listConversations(offset: 0, limit: 20, archived: false)
            Issue.record("a server that is not running answered")
        } catch {
            #expect(ErrorSentence.of(error).contains("connection refused (is the server running?)"), "\(error)")
        }
        // Three attempts a millisecond apart; before, each waited out the pool's retries.
        #expect(clock.now - start < .seconds(20))
    }
}

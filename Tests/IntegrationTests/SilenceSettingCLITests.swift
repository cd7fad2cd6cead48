import ChatTestPeers
import ChatTestSupport
import Foundation
import Testing

/// A profile's `websocket_silence_seconds` reaches the client `chatterm send` uses: against a
/// Web PubSub group peer that never publishes to the send's socket, the answer is read from the
/// conversation after the profile's second, not the default ten.
@Suite(
    "The silent-socket wait from config.toml", .serialized, .timeLimit(.minutes(2)),
    .enabled(if: SyncCLI.binary != nil, "needs a built .build/debug/chatterm"))
struct SilenceSettingCLITests {
    @Test func sendWaitsOnASilentSocketAsLongAsTheProfileSays() async throws {
        let home = try BackendCLITests.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let peer = WebPubSubGroupPeer(publishes: false, hits: Hits())
        let clock = ContinuousClock()
        let (sent, elapsed) = try await peer.run { base in
            BackendCLITests.write(
                """
                [profiles.group]
                kind = "chatgpt"
                base_url = "\(base)"
                websocket_silence_seconds = 1

                """, to: home.appendingPathComponent("config/chatterm/config.toml"))
            let start = clock.now
            let sent = try await BackendCLITests.run(
                ["send", "--profile", "group", "Is anyone there?"], home: home, token: "peer-token")
            return (sent, clock.now - start)
        }
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout == WebPubSubGroupPeer.answer + "\n")
        // The default wait is 10 s; the profile's 1 s (and a process start) is well under it.
        #expect(elapsed >= .seconds(1))
        #expect(elapsed < .seconds(8), "send waited \(elapsed) on the silent socket")
    }
}

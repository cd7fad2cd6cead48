import ChatTestPeers
import ChatTestSupport
import Foundation
import Testing

/// `chatterm profiles` says who each token signs in and when it runs out (from the JWT's own
/// claims, shaped like seed 000's session account), warns a day before and says how to renew
/// after; the token itself never shows.
@Suite(
    "profiles: the account", .serialized, .timeLimit(.minutes(1)),
    .enabled(if: SyncCLI.binary != nil, "needs a built .build/debug/chatterm"))
struct ProfilesAccountTests {
    static func jwt(email: String, exp: Date) -> String {
        func b64url(_ text: String) -> String {
            Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }
        let payload =
            #"{"https://api.openai.com/profile": {"email": "\#(email)"}, "exp": \#(Int(exp.timeIntervalSince1970))}"#
        return b64url(#"{"alg":"RS256"}"#) + "." + b64url(payload) + ".c2ln"
    }

    @Test func profilesShowTheAccountAndWarnBeforeAndAfterExpiry() async throws {
        let home = try BackendCLITests.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let now = Date()
        let tokens = [
            "fresh": Self.jwt(email: "xxx@yyy.com", exp: now.addingTimeInterval(10 * 24 * 3600)),
            "soon": Self.jwt(email: "soon@yyy.com", exp: now.addingTimeInterval(5 * 3600 + 600)),
            "old": Self.jwt(email: "old@yyy.com", exp: now.addingTimeInterval(-3600)),
        ]
        var config = ""
        for (name, token) in tokens {
            let file = home.appendingPathComponent("\(name)-token")
            BackendCLITests.write(token, to: file)
            config += """
                [profiles.\(name)]
                kind = "chatgpt"
                base_url = "http://127.0.0.1:9"
                token_file = "\(file.path)"


                """
        }
        BackendCLITests.write(config, to: home.appendingPathComponent("config/chatterm/config.toml"))
        let listed = try await BackendCLITests.run(["profiles"], home: home)
        #expect(listed.status == 0, "\(listed.stderr)")
        let lines = listed.stdout.split(separator: "\n").map(String.init)
        let fresh = try #require(lines.first { $0.contains("fresh") })
        #expect(fresh.contains("signed in as xxx@yyy.com"))
        #expect(fresh.contains("token expires 20"))
        #expect(lines.contains { $0.contains("soon") && $0.contains("signed in as soon@yyy.com") })
        #expect(listed.stderr.contains("soon's token expires in 5 hours"))
        #expect(listed.stderr.contains("renew it soon"))
        #expect(listed.stderr.contains("old's token expired"))
        #expect(listed.stderr.contains("sign in again"))
        #expect(!listed.stderr.contains("fresh's token"), "more than a day left: no warning")
        for token in tokens.values {
            #expect(!listed.stdout.contains(token) && !listed.stderr.contains(token))
        }
        #expect(PlainSentences.problems(in: listed.stderr).isEmpty, "\(PlainSentences.problems(in: listed.stderr))")
    }
}

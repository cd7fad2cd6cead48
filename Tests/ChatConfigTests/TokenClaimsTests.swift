import ChatConfig
import Foundation
import Testing

/// An access token's own claims (never verified, never kept) and the sentence about its expiry.
@Suite struct TokenClaimsTests {
    /// A JWT with `payload` (unsigned: the signature is not read).
    static func jwt(_ payload: String) -> String {
        func b64url(_ text: String) -> String {
            Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }
        return b64url(#"{"alg":"RS256","typ":"JWT"}"#) + "." + b64url(payload) + ".c2lnbmF0dXJl"
    }

    /// Seed 000's session: the account `xxx@yyy.com`, expiring 2023-05-07T02:57:57Z, as
    /// ChatGPT's access token carries it (`exp`, and the email under its profile claim).
    static let seedToken = jwt(
        #"{"https://api.openai.com/profile": {"email": "xxx@yyy.com", "email_verified": true}, "#
            + #""https://api.openai.com/auth": {"user_id": "user-xxx"}, "iat": 1682650677, "exp": 1683428277}"#)

    @Test func aChatGPTTokenSaysWhoseItIsAndWhenItEnds() throws {
        let claims = try #require(TokenClaims(token: Self.seedToken))
        #expect(claims.email == "xxx@yyy.com")
        #expect(claims.account == "xxx@yyy.com")
        #expect(claims.expires == Date(timeIntervalSince1970: 1_683_428_277))
        #expect(TokenStanding.format(try #require(claims.expires)) == "2023-05-07 02:57 UTC")
    }

    @Test func keysThatAreNoJWTSayNothing() {
        #expect(TokenClaims(token: "app-Xw3kP9") == nil)
        #expect(TokenClaims(token: "pat_abc.def") == nil)
        #expect(TokenClaims(token: "a.%%%.c") == nil)
    }

    @Test func aDayBeforeItWarnsAndAfterItSaysHowToRenew() {
        let expires = Date(timeIntervalSince1970: 1_683_428_277)
        let early = expires.addingTimeInterval(-3 * 24 * 3600)
        #expect(TokenStanding(expires: expires, now: early) == .valid(until: expires))
        #expect(TokenStanding(expires: expires, now: early).sentence(now: early) == "expires 2023-05-07 02:57 UTC")
        let soon = expires.addingTimeInterval(-5 * 3600 - 60)
        let warning = TokenStanding(expires: expires, now: soon)
        #expect(warning.warns)
        #expect(warning.sentence(now: soon) == "expires in 5 hours (2023-05-07 02:57 UTC); renew it soon")
        let late = expires.addingTimeInterval(60)
        let expired = TokenStanding(expires: expires, now: late)
        #expect(expired.warns)
        #expect(expired.sentence(now: late).hasPrefix("expired 2023-05-07 02:57 UTC; sign in again"))
        #expect(expired.sentence(now: late).contains("CHATTERM_ACCESS_TOKEN"))
    }
}

import ChatClient
import ChatModel
import ChatTestPeers
import Foundation
import Hummingbird
import Testing

/// Who a profile signs in as, asked of the service: a ChatGPT session cookie's user and expiry
/// from `GET /api/auth/session` (PROTOCOL.md §1.1), a Dify key's app from `GET /info`.
@Suite("Accounts from the services", .timeLimit(.minutes(2)))
struct AccountTests {
    static let cookie = "__Secure-next-auth.session-token=abc123"

    /// A peer whose session answers `body` and counts the requests.
    static func sessionPeer(_ body: String, hits: Hits) -> Router<BasicRequestContext> {
        ErrorStatusTests.sessionRouter(hits: hits) { _ in body }
    }

    @Test func aSessionCookieSaysWhoAndUntilWhen() async throws {
        let hits = Hits()
        // PROTOCOL.md §1.1's shape (the exporter's `ApiSession`).
        let body = """
            {"user": {"id": "user-Ab12", "name": "Ada Lovelace", "email": "ada@example.com", "image": "",
             "picture": "", "idp": "auth0", "iat": 0, "mfa": false, "groups": [], "intercom_hash": "x"},
             "expires": "2026-05-07T02:57:12.345Z", "accessToken": "eyJ.payload.sig", "authProvider": "auth0"}
            """
        let account = try await withPeer(Self.sessionPeer(body, hits: hits)) { base in
            try await makeClient(base, credentials: .sessionCookie(Self.cookie)).account()
        }
        #expect(account?.who == "Ada Lovelace <ada@example.com>")
        let expires = try #require(account?.expires)
        #expect(abs(expires.timeIntervalSince1970 - 1_778_122_632.345) < 0.01)
        #expect(await hits.notes("session") == [Self.cookie])
    }

    @Test func aSignedOutOrRefusedSessionSaysWhatToDo() async throws {
        for (body, said) in [
            (#"{"error": "RefreshAccessTokenError"}"#, "the session says RefreshAccessTokenError; sign in again"),
            ("{}", "the session cookie is signed out"),
        ] {
            let hits = Hits()
            try await withPeer(Self.sessionPeer(body, hits: hits)) { base in
                do {
                    _ = try await makeClient(base, credentials: .sessionCookie(Self.cookie)).account()
                    Issue.record("no error for \(body)")
                } catch {
                    #expect(ErrorSentence.of(error).contains(said), "\(error)")
                }
            }
        }
    }

    @Test func anAccessTokenIsNotAskedAbout() async throws {
        let hits = Hits()
        let account = try await withPeer(Self.sessionPeer("{}", hits: hits)) { base in
            try await makeClient(base).account()
        }
        #expect(account == nil)
        #expect(await hits.count("session") == 0)
    }

    @Test func aDifyKeyNamesItsApp() async throws {
        let book = DifyPeerBook()
        let account = try await withPeer(DifyPeer.router(book)) { base in
            try await DifyClient(
                configuration: DifyConfiguration(baseURL: base + "/v1", apiKey: DifyPeerBook.key, user: "me")
            ).account()
        }
        #expect(account == AccountInfo(app: DifyPeerBook.appName))
        #expect(account?.who == "the app \(DifyPeerBook.appName)")
    }
}

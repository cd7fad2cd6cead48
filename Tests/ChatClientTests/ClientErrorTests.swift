import AsyncHTTPClient
import Testing

@testable import ChatClient

@Suite struct ClientErrorTests {
    @Test func everyStatusSaysWhatToDo() {
        #expect(ClientError.unauthorized(detail: nil).description.contains("CHATTERM_ACCESS_TOKEN"))
        #expect(ClientError.forbidden(detail: nil, challenge: true).description.contains("challenge"))
        #expect(!ClientError.forbidden(detail: nil, challenge: true).description.contains("<"))
        #expect(ClientError.rateLimited(retryAfter: 2.2, detail: nil).description.hasSuffix("try again in 3 s"))
        #expect(ClientError.unprocessable(detail: "limit: too big").description.contains("limit: too big"))
        #expect(ClientError.server(status: 502, detail: nil).status == 502)
        #expect(ClientError.transport("reset").status == nil)
    }

    /// Transport failures read as sentences, never as the HTTP library's type and case.
    @Test func transportFailuresAreSentences() {
        #expect(HTTPExchange.describe(HTTPClientError.invalidURL) == "the server address is not a valid URL")
        #expect(HTTPExchange.describe(HTTPClientError.connectTimeout) == "connecting timed out")
        #expect(!HTTPExchange.describe(HTTPClientError.emptyHost).contains("HTTPClientError"))
    }
}

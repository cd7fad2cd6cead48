import Foundation
import Testing

@testable import ChatClient

/// A refused HTTP answer becomes one ``ClientError``: the status picks the case, the body gives
/// the detail, and a web page is never shown (`ResponseErrors`, and Dify's own bodies in
/// `DifyClient.error`).
@Suite struct ResponseErrorsTests {
    static func error(
        _ status: Int, _ body: String, contentType: String? = "application/json", retryAfter: String? = nil
    ) -> ClientError {
        ResponseErrors.error(status: status, contentType: contentType, body: Data(body.utf8), retryAfter: retryAfter)
    }

    @Test func theStatusPicksTheCase() {
        let body = #"{"detail": "why"}"#
        #expect(Self.error(401, body) == .unauthorized(detail: "why"))
        #expect(Self.error(403, body) == .forbidden(detail: "why", challenge: false))
        #expect(Self.error(404, body) == .notFound(detail: "why"))
        #expect(Self.error(413, body) == .tooLarge(detail: "why"))
        #expect(Self.error(422, body) == .unprocessable(detail: "why"))
        #expect(Self.error(429, body) == .rateLimited(retryAfter: nil, detail: "why"))
        #expect(Self.error(500, body) == .server(status: 500, detail: "why"))
        #expect(Self.error(599, body) == .server(status: 599, detail: "why"))
        #expect(Self.error(418, body) == .unexpectedStatus(418, detail: "why"))
        #expect(Self.error(400, "") == .unexpectedStatus(400, detail: nil))
        #expect(Self.error(422, "") == .unprocessable(detail: "no detail given"))
    }

    @Test func theDetailIsFoundWhereServicesPutIt() {
        #expect(Self.error(404, #"{"error": "gone"}"#) == .notFound(detail: "gone"))
        #expect(Self.error(404, #"{"message": "moved"}"#) == .notFound(detail: "moved"))
        #expect(Self.error(404, #"{"detail": {"message": "inner"}}"#) == .notFound(detail: "inner"))
        #expect(Self.error(404, #"{"detail": {"error": {"detail": "deep"}}}"#) == .notFound(detail: "deep"))
        #expect(Self.error(404, #"{"error": {"code": "model_not_found"}}"#) == .notFound(detail: "model_not_found"))
        #expect(Self.error(404, #"{"detail": 42}"#) == .notFound(detail: nil))
        // Pydantic's list: each location joined with dots, then its message.
        let pydantic =
            #"{"detail": [{"loc": ["body", "messages", 0, "content"], "msg": "field required"}, {"msg": "bad"}]}"#
        #expect(Self.error(422, pydantic) == .unprocessable(detail: "body.messages.0.content: field required; bad"))
        // Not JSON: the text itself.
        #expect(
            Self.error(502, "upstream timed out", contentType: "text/plain")
                == .server(status: 502, detail: "upstream timed out"))
    }

    @Test func aDetailIsOneShortLineWithoutControlCharacters() throws {
        let messy = #"{"detail": "line one\nline\ttwo\u001b[2J\u0007 end  "}"#
        #expect(Self.error(404, messy) == .notFound(detail: "line one line two[2J end"))
        let long = String(repeating: "x", count: 400)
        let cut = try #require(ResponseErrors.detail(from: Data("{\"detail\": \"\(long)\"}".utf8)))
        #expect(cut == String(repeating: "x", count: 300) + "…")
        #expect(!Self.error(500, "a\nb\r\nc", contentType: nil).description.contains("\n"))
    }

    @Test func aWebPageIsNeverShown() {
        let page = "  \n<!DOCTYPE html><html><title>Just a moment...</title><script>x()</script></html>"
        #expect(ResponseErrors.isHTML(contentType: nil, body: Data(page.utf8)))
        #expect(ResponseErrors.isHTML(contentType: "Text/HTML; charset=utf-8", body: Data("{}".utf8)))
        #expect(!ResponseErrors.isHTML(contentType: "application/json", body: Data(#"{"detail": "<b>"}"#.utf8)))
        #expect(Self.error(403, page, contentType: nil) == .forbidden(detail: nil, challenge: true))
        #expect(Self.error(503, page, contentType: "text/html") == .server(status: 503, detail: "an HTML error page"))
        #expect(Self.error(404, page, contentType: nil) == .notFound(detail: nil))
        #expect(!Self.error(503, page, contentType: nil).description.contains("<"))
    }

    @Test func retryAfterIsSecondsOrADate() throws {
        #expect(Self.error(429, "", retryAfter: " 7 ") == .rateLimited(retryAfter: 7, detail: nil))
        #expect(ResponseErrors.seconds("1.5") == 1.5)
        #expect(ResponseErrors.seconds("-3") == nil)
        #expect(ResponseErrors.seconds("soon") == nil)
        #expect(ResponseErrors.seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0, "a date in the past is now")
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        let later = try #require(ResponseErrors.seconds(formatter.string(from: Date().addingTimeInterval(120))))
        #expect(later > 100 && later <= 120)
    }

    @Test func anEmbeddedServersAnswerReadsAsJSON() {
        #expect(
            ClientError.response(status: 404, body: Data(#"{"detail": "Conversation not found"}"#.utf8))
                == .notFound(detail: "Conversation not found"))
    }

    // MARK: - Dify

    static func dify(_ status: Int, _ body: String, contentType: String? = "application/json") -> ClientError {
        DifyClient.error(status: status, contentType: contentType, body: Data(body.utf8), retryAfter: "3")
    }

    @Test func difysCodeAndMessageAreTheDetail() {
        let body = #"{"code": "unauthorized", "message": "Access token is invalid", "status": 401}"#
        #expect(
            Self.dify(401, body)
                == .unauthorized(detail: "Access token is invalid [unauthorized]; check the Dify app key"))
        #expect(
            Self.dify(404, #"{"code": "not_found", "message": "Not found: not_found"}"#)
                == .notFound(detail: "Not found: not_found"))
        #expect(
            Self.dify(429, #"{"code": "too_many_requests"}"#)
                == .rateLimited(retryAfter: 3, detail: "too_many_requests"))
        #expect(
            Self.dify(400, #"{"message": "inputs is required"}"#)
                == .unexpectedStatus(400, detail: "inputs is required"))
        #expect(Self.dify(503, #"{"error": "busy"}"#) == .server(status: 503, detail: "busy"))
    }

    @Test func otherBodiesAreReadAsAnyServicesAre() {
        // No code nor message: not Dify's shape, so the generic reading applies.
        #expect(Self.dify(404, #"{"detail": "elsewhere"}"#) == .notFound(detail: "elsewhere"))
        // A page from a proxy in front of Dify, even one that looks like JSON inside.
        let page = #"<html>{"code": "x", "message": "y"}</html>"#
        #expect(Self.dify(403, page, contentType: "text/html") == .forbidden(detail: nil, challenge: true))
        #expect(Self.dify(401, "not json", contentType: "text/plain") == .unauthorized(detail: "not json"))
    }
}

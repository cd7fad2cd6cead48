import ChatClient
import ChatModel
import ChatProtocol
import ChatTestSupport
import Testing

@testable import ChatStore

/// The TUI's error line for every way an answer fails, through the same check as `send`'s
/// errors (``PlainSentences``): one sentence in words, said once, no Swift description.
@Suite struct ErrorLineWordsTests {
    /// A failure the client libraries might throw that is no ``ClientError``: its Swift
    /// description (`broke(code: 7)`) must not reach the status line.
    enum OddFailure: Error { case broke(code: Int) }

    /// Every error a send throws (one per HTTP status and failure kind, PROTOCOL.md §1.7).
    static let errors: [any Error] = [
        ClientError.unauthorized(detail: "Your authentication token has expired. Please try signing in again."),
        ClientError.forbidden(detail: nil, challenge: true),
        ClientError.forbidden(detail: "Our systems have detected unusual activity", challenge: false),
        ClientError.rateLimited(retryAfter: 30, detail: "Too many requests"),
        ClientError.server(status: 502, detail: "Bad gateway"),
        ClientError.transport("the server closed the connection"),
        ClientError.malformedResponse("the answer is not JSON"),
        OddFailure.broke(code: 7),
        CancellationError(),
    ]

    /// A new chat whose answer `a1` of conversation `c1` is streaming as stream `s`.
    static func streaming() -> AppState {
        var state = AnswerFixtures.newChat(draft: "")
        let request = AnswerStreamTests.firstRequest("Hello")
        var stream = ActiveStream(request: request, openKey: "c1", startedAt: 0)
        stream.acknowledged = true
        stream.conversationID = "c1"
        stream.answerID = "a1"
        state.streams["s"] = stream
        return state
    }

    @Test func failedRequestsSayOneSentence() {
        for error in Self.errors {
            var state = Self.streaming()
            _ = Reducer.reduce(&state, .stream(id: "s", .failed(Store.message(for: error))))
            _ = Reducer.reduce(&state, .stream(id: "s", .ended))
            let line = state.message?.text ?? ""
            #expect(!line.isEmpty)
            #expect(PlainSentences.problems(in: line).isEmpty, "\(PlainSentences.problems(in: line))")
        }
    }

    @Test func incompleteAnswersSayWhyOnce() {
        // The Dify error of seed 001 ("看看 qwen"), which reads like code itself (Python's).
        let difyError =
            "[openai_api_compatible] Server Unavailable Error, HTTPConnectionPool(host='211.71.15.49', port=8000)"
        let reasons: [IncompleteReason] = [
            .noConfirmation, .noAnswer, .answerNotFinished(status: "in_progress", endTurn: nil),
            .answerNotFinished(status: nil, endTurn: false), .handedOff, .serverError(difyError),
        ]
        for reason in reasons {
            var state = Self.streaming()
            if case .serverError(let why) = reason {
                _ = Reducer.reduce(&state, .stream(id: "s", .item(.event(.serverError(why)))))
            }
            _ = Reducer.reduce(&state, .stream(id: "s", .item(.finished(.incomplete(reason)))))
            _ = Reducer.reduce(&state, .stream(id: "s", .ended))
            let line = state.message?.text ?? ""
            #expect(!line.isEmpty)
            let problems = PlainSentences.problems(in: line, quoting: [difyError])
            #expect(problems.isEmpty, "\(problems)")
        }
    }

    @Test func anOddErrorIsNotShownAsCode() {
        #expect(Store.message(for: OddFailure.broke(code: 7)) == "The request failed unexpectedly")
        #expect(!"\(IncompleteReason.serverError("x"))".contains("serverError("))
    }
}

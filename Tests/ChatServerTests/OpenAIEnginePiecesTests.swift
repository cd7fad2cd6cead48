import ChatModel
import ChatProtocol
import ChatServer
import ChatTestPeers
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// Every piece an engine reports for one question.
func collectPieces(_ engine: some AnswerEngine, _ prompt: String = "What is a forest?") async throws -> [EnginePiece] {
    var pieces: [EnginePiece] = []
    for try await piece in engine.pieces(EngineRequest(history: [TextMessage(role: .user, text: prompt)])) {
        pieces.append(piece)
    }
    return pieces
}

@Suite("OpenAI-compatible engine pieces", .timeLimit(.minutes(2)))
struct OpenAIEnginePiecesTests {
    static func text(_ pieces: [EnginePiece]) -> String {
        pieces.map { piece in
            if case .text(let text) = piece { return text }
            return ""
        }.joined()
    }

    @Test func textThenTheReasoningNoteThenUsageWithLatency() async throws {
        try await OpenAIPeer.withEngine(model: "usage") { engine, log in
            let pieces = try await collectPieces(engine)
            #expect(Self.text(pieces) == OpenAIPeer.reportedAnswer)
            let tail = Array(pieces.suffix(2))
            try #require(tail.count == 2)
            #expect(tail[0] == .note(AnswerNote(kind: "reasoning", text: OpenAIPeer.reasoning)))
            guard case .usage(let usage) = tail[1] else {
                Issue.record("the last piece is not usage: \(tail[1])")
                return
            }
            #expect(usage.promptTokens == 14 && usage.completionTokens == 7 && usage.totalTokens == 21)
            #expect((usage.latency ?? -1) >= 0)
            // Only text before the tail.
            #expect(pieces.dropLast(2).allSatisfy { if case .text = $0 { true } else { false } })
            let body = try #require(log.calls.first?.body)
            #expect(body["stream_options"] == .object(["include_usage": .bool(true)]))
            #expect(body["stream"] == .bool(true))
        }
    }

    @Test func withoutUsageTheLatencyIsStillMeasured() async throws {
        try await OpenAIPeer.withEngine(model: "plain") { engine, _ in
            let pieces = try await collectPieces(engine)
            #expect(Self.text(pieces) == OpenAIPeer.reportedAnswer)
            guard case .usage(let usage)? = pieces.last else {
                Issue.record("no usage piece")
                return
            }
            #expect(usage.promptTokens == nil && usage.completionTokens == nil && usage.totalTokens == nil)
            #expect(usage.latency != nil)
            #expect(!pieces.contains { if case .note = $0 { true } else { false } })
        }
    }

    @Test func llamaCppTimingsStandInForUsage() async throws {
        try await OpenAIPeer.withEngine(model: "timings") { engine, _ in
            let pieces = try await collectPieces(engine)
            guard case .usage(let usage)? = pieces.last else {
                Issue.record("no usage piece")
                return
            }
            #expect(usage.promptTokens == 11 && usage.completionTokens == 6 && usage.totalTokens == 17)
            #expect(usage.latency != nil)
        }
    }

    /// `finish_reason: "length"` (an answer that reached `max_tokens`) is reported after the
    /// usage, so the book writes `finish_details` `max_tokens`; a `stop` finish reports nothing.
    @Test func aLengthFinishIsReportedAsCut() async throws {
        try await OpenAIPeer.withEngine(model: "length") { engine, _ in
            let pieces = try await collectPieces(engine)
            #expect(Self.text(pieces) == OpenAIPeer.reportedAnswer)
            #expect(pieces.last == .cutAtLengthLimit)
        }
        try await OpenAIPeer.withEngine(model: "plain") { engine, _ in
            let pieces = try await collectPieces(engine)
            #expect(!pieces.contains(.cutAtLengthLimit))
        }
    }

    /// `finish_reason: "content_filter"`: the text and usage come first, then the answer ends
    /// with an error in words, so the partial answer is kept and marked as cut by the filter.
    @Test func aContentFilterFinishEndsTheAnswerWithItsReason() async throws {
        try await OpenAIPeer.withEngine(model: "filtered") { engine, _ in
            var pieces: [EnginePiece] = []
            do {
                for try await piece in engine.pieces(
                    EngineRequest(history: [TextMessage(role: .user, text: "Say something")]))
                {
                    pieces.append(piece)
                }
                Issue.record("the answer ended without the filter's error")
            } catch {
                #expect("\(error)" == "the service's content filter stopped the answer")
            }
            #expect(Self.text(pieces) == OpenAIPeer.reportedAnswer)
            #expect(pieces.contains { if case .usage = $0 { true } else { false } })
        }
    }

    @Test func askingForUsageCanBeTurnedOff() async throws {
        try await OpenAIPeer.withEngine(model: "usage", apiKey: nil, includeUsage: false) { engine, log in
            let pieces = try await collectPieces(engine)
            #expect(Self.text(pieces) == OpenAIPeer.reportedAnswer)
            #expect(try #require(log.calls.first?.body)["stream_options"] == nil)
            guard case .usage(let usage)? = pieces.last else {
                Issue.record("no usage piece")
                return
            }
            // The upstream sent no usage chunk: only the measured latency.
            #expect(usage.totalTokens == nil && usage.latency != nil)
        }
    }

    @Test func answerStillGivesTextOnly() async throws {
        try await OpenAIPeer.withEngine(model: "usage") { engine, _ in
            var text = ""
            for try await chunk in engine.answer(EngineRequest(history: [TextMessage(role: .user, text: "Hi")])) {
                text += chunk
            }
            #expect(text == OpenAIPeer.reportedAnswer)
        }
    }

    @Test func theServerKeepsUsageAndReasoningInTheAnswerMetadata() async throws {
        try await OpenAIPeer.withEngine(model: "usage") { engine, _ in
            let server = try TestServer(engine: engine)
            try await server.test { client in
                let api = API(client: client)
                let stream = try await api.next("What is a forest?")
                #expect(stream.text == OpenAIPeer.reportedAnswer)
                #expect(stream.status == "finished_successfully")
                let c = try ConversationJSON.decode(
                    parse(try await api.get("/backend-api/conversation/\(stream.conversationID)")))
                let answer = try #require(c.mapping[stream.assistantID]?.message)
                #expect(answer.content.displayText == OpenAIPeer.reportedAnswer)
                #expect(answer.tokenUsage?.totalTokens == 21 && answer.tokenUsage?.latency != nil)
                #expect(answer.notes == [AnswerNote(kind: "reasoning", text: OpenAIPeer.reasoning)])
            }
        }
    }
}

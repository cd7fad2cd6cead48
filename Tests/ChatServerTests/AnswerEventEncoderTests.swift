import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

@testable import ChatServer

/// The events ``AnswerEventEncoder`` makes for a client in the same process are the ones a
/// client decodes from the `delta_encoding` v1 wire (the only difference, by design, is the
/// `input_message` pass-through, which carries JSON no reader uses), and its completion is the
/// decoder's.
@Suite struct AnswerEventEncoderTests {
    /// One step of an answer loop.
    enum Step {
        case chunk(String)
        case replace(String)
    }

    /// How the answer ends: finished, or cut short, with or without an engine error.
    enum Ending: CaseIterable {
        case finished, stopped, failed
    }

    static let pieces = [
        "Hello", " world", "\n\n", "## Heading\n", "- item ", "**bold**", " 中文回答", "👍🏽", "e\u{301}", "`code`",
        "\n```swift\nlet x = 1\n```\n", " ", "| a | b |\n|---|---|\n", "\\(x^2\\)", "\"quoted\"", "tab\tstop", "",
        "\u{301}",
    ]

    static func turn(user: Bool) -> StartedTurn {
        let prompt = Message(
            id: "u1", author: Author(role: .user), createTime: 1_700_000_000, content: .text("a prompt, 中文"),
            status: "finished_successfully", weight: 1, metadata: ["request_id": .string("r1")], recipient: "all")
        let answer = Message(
            id: "a1", author: Author(role: .assistant), createTime: 1_700_000_001, content: .text(""),
            status: "in_progress", weight: 1,
            metadata: [
                "message_type": .string("next"), "model_slug": .string("m"), "parent_id": .string("u1"),
                "citations": .array([]), "content_references": .array([]),
            ], recipient: "all")
        return StartedTurn(
            conversationID: "c1", system: nil, user: user ? prompt : nil, assistant: answer,
            engineRequest: EngineRequest(history: []))
    }

    /// Runs both encoders over the same answer loop; returns the in-process events and the ones
    /// decoded from the wire, with the two completions.
    static func bothWays(user: Bool, steps: [Step], ending: Ending) -> (
        direct: [StreamEvent], wire: [StreamEvent], directCompletion: StreamCompletion,
        wireCompletion: StreamCompletion
    ) {
        let turn = turn(user: user)
        var events = AnswerEventEncoder()
        var wire = DeltaV1Encoder()
        var direct = events.start(turn)
        var sse = wire.start(turn)
        var answer = turn.assistant
        var text = ""
        for step in steps {
            switch step {
            case .chunk(let chunk):
                text += chunk
                answer.content = .text(text)
                direct += events.chunk(chunk, answer: answer)
                sse += wire.chunk(chunk, answer: answer)
            case .replace(let whole):
                text = whole
                answer.content = .text(text)
                direct += events.replace(answer: answer)
                sse += wire.replace(answer: answer)
            }
        }
        var error: String?
        switch ending {
        case .finished:
            answer.status = "finished_successfully"
            answer.endTurn = true
            answer.metadata["is_complete"] = .bool(true)
        case .stopped, .failed:
            answer.status = "finished_partial_completion"
            answer.endTurn = false
            answer.metadata["finish_details"] = .object(["type": .string("interrupted")])
            if ending == .failed { error = "The engine failed: upstream closed" }
        }
        let closing = events.finish(answer, error: error)
        direct += closing
        sse += wire.finish(answer, error: error)

        var parser = SSEParser()
        var decoder = ChatGPTStreamDecoder()
        var decoded: [StreamEvent] = []
        for event in parser.feed(Array(sse.utf8)) + parser.finish() { decoded += decoder.decode(event) }
        #expect(decoder.skippedEvents == 0)
        return (direct, decoded, InProcessBackend.completion(of: closing), decoder.completion)
    }

    /// Messages as the wire carries them (the decoder's come from JSON; the encoder's are
    /// the server's own values), and without the one pass-through left out on purpose.
    static func normalised(_ events: [StreamEvent]) -> [StreamEvent] {
        func wire(_ m: Message) -> Message { ConversationJSON.message(ConversationEncoding.json(m)) ?? m }
        return events.compactMap { event in
            switch event {
            case .metadata(name: "input_message", _): return nil
            case .messageStarted(var started):
                started.message = wire(started.message)
                return .messageStarted(started)
            case .messageUpdated(let m): return .messageUpdated(wire(m))
            default: return event
            }
        }
    }

    @Test(arguments: [true, false], Ending.allCases)
    func theEventsAreTheOnesDecodedFromTheWire(user: Bool, ending: Ending) {
        var random = SplitMix64(state: user ? 7 : 11)
        for round in 0..<60 {
            var steps: [Step] = []
            var text = ""
            for _ in 0..<Int.random(in: 0...25, using: &random) {
                let piece = Self.pieces.randomElement(using: &random)!
                // Rewrites that change the text, extend it (a combining mark included), or keep it.
                switch Int.random(in: 0..<16, using: &random) {
                case 0: text = piece
                case 1: text += piece
                case 2: break
                default:
                    text += piece
                    steps.append(.chunk(piece))
                    continue
                }
                steps.append(.replace(text))
            }
            let result = Self.bothWays(user: user, steps: steps, ending: ending)
            #expect(
                Self.normalised(result.direct) == Self.normalised(result.wire), "round \(round): \(steps.count) steps")
            #expect(result.directCompletion == result.wireCompletion, "round \(round)")
        }
    }

    @Test func aFinishedAnswerIsCompleteAndACutOneSaysWhy() {
        let finished = Self.bothWays(user: true, steps: [.chunk("done")], ending: .finished)
        #expect(finished.directCompletion == .complete)
        let stopped = Self.bothWays(user: true, steps: [.chunk("par")], ending: .stopped)
        #expect(
            stopped.directCompletion
                == .incomplete(.answerNotFinished(status: "finished_partial_completion", endTurn: false)))
        let failed = Self.bothWays(user: false, steps: [], ending: .failed)
        #expect(failed.directCompletion == .incomplete(.serverError("The engine failed: upstream closed")))
        #expect(failed.direct.contains(.serverError("The engine failed: upstream closed")))
    }

    @Test func theUserEchoComesFirstAndTheAnswerNamesItsParent() {
        let events = Self.bothWays(user: true, steps: [.chunk("x")], ending: .finished).direct
        guard case .conversationID("c1") = events.first else {
            Issue.record("the conversation id comes first, got \(String(describing: events.first))")
            return
        }
        let started = events.compactMap { event -> StreamMessage? in
            if case .messageStarted(let m) = event { return m }
            return nil
        }
        #expect(started.map(\.message.id) == ["u1", "a1"])
        #expect(started.map(\.kind) == [.echo, .answer])
        #expect(started.last?.parentID == "u1" && started.last?.previousMessageID == "u1")
        #expect(events.last == .done)
    }
}

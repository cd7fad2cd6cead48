import ChatModel
import ChatProtocol
import Testing

/// The 2023 cumulative form: snapshots become suffixes, rewrites become replaces.
@Suite struct CumulativeDecoderTests {
    typealias H = StreamTestHelpers

    static func textEvents(_ events: [StreamEvent]) -> [StreamEvent] {
        events.filter {
            switch $0 {
            case .textAppended, .textReplaced: true
            default: false
            }
        }
    }

    @Test func growingSnapshotsBecomeSuffixes() {
        let text = ["", "He", "Hello", "Hello, 世界", "Hello, 世界!"].map { H.frame(id: "a1", text: $0) }.joined()
        let (events, _) = H.decode(text)
        #expect(
            Self.textEvents(events) == [
                .textAppended(messageID: "a1", suffix: "He"), .textAppended(messageID: "a1", suffix: "llo"),
                .textAppended(messageID: "a1", suffix: ", 世界"), .textAppended(messageID: "a1", suffix: "!"),
            ])
        #expect(!events.contains { if case .messageUpdated = $0 { true } else { false } })
    }

    @Test func aRewriteBecomesOneReplaceThenSuffixesAgain() {
        let text = ["Hello world", "Hello there", "Hello there!"].map { H.frame(id: "a1", text: $0) }.joined()
        let (events, _) = H.decode(text)
        #expect(
            Self.textEvents(events) == [
                .textReplaced(messageID: "a1", text: "Hello there"), .textAppended(messageID: "a1", suffix: "!"),
            ])
    }

    @Test func aCombiningMarkOnTheLastCharacterIsStillAnAppend() {
        let text = [H.frame(id: "a1", text: "cafe"), H.frame(id: "a1", text: "cafe\u{301}")].joined()
        let (events, _) = H.decode(text)
        #expect(Self.textEvents(events) == [.textAppended(messageID: "a1", suffix: "\u{301}")])
    }

    @Test func echoesStartMessagesButAreNotTheAnswer() {
        let text =
            H.frame(id: "s1", role: "system", text: "", status: "finished_successfully", endTurn: true)
            + H.frame(id: "u1", role: "user", text: "Hi", status: "finished_successfully")
            + H.frame(id: "a1", text: "Hel") + H.frame(id: "a1", text: "Hello") + "data: [DONE]\n\n"
        let (events, decoder) = H.decode(text)
        let started = events.compactMap { event -> StreamMessage? in
            if case .messageStarted(let s) = event { return s }
            return nil
        }
        #expect(started.map(\.message.id) == ["s1", "u1", "a1"])
        #expect(started.map(\.kind) == [.echo, .echo, .answer])
        #expect(started.map(\.previousMessageID) == [nil, "s1", "u1"])
        #expect(started.allSatisfy { $0.conversationID == "conv-1" })
        #expect(decoder.answerMessageID == "a1")
        #expect(H.transcript(events).answerText == "Hello")
        #expect(H.transcript(events).texts["u1"] == "Hi")
    }

    @Test func statusChangeIsAnUpdateThenAFinish() {
        let text =
            H.frame(id: "a1", text: "Hi")
            + H.frame(id: "a1", text: "Hi!", status: "finished_successfully", endTurn: true)
            + "data: [DONE]\n\n"
        let (events, decoder) = H.decode(text)
        let tail = Array(events.suffix(4))
        #expect(tail.count == 4)
        #expect(tail.first == .textAppended(messageID: "a1", suffix: "!"))
        if tail.count == 4, case .messageUpdated(let message) = tail[1] {
            #expect(message.status == "finished_successfully")
            #expect(message.content.streamedText == "Hi!")
        } else {
            Issue.record("no messageUpdated after the text")
        }
        #expect(
            tail.dropFirst(2).first == .messageFinished(messageID: "a1", status: "finished_successfully", endTurn: true)
        )
        #expect(tail.last == .done)
        #expect(decoder.completion == .complete)
    }

    @Test func codeAndExecutionOutputGrowTheirTextField() {
        let text =
            H.frame(id: "c1", text: "print(", contentType: "code", recipient: "python")
            + H.frame(id: "c1", text: "print(1)", contentType: "code", recipient: "python")
            + H.frame(id: "o1", role: "tool", text: "1", contentType: "execution_output")
            + H.frame(id: "a1", text: "It printed 1.")
        let (events, decoder) = H.decode(text)
        #expect(events.contains(.textAppended(messageID: "c1", suffix: "1)")))
        let kinds = events.compactMap { event -> StreamMessageKind? in
            if case .messageStarted(let s) = event { return s.kind }
            return nil
        }
        #expect(kinds == [.auxiliary, .auxiliary, .answer])
        let transcript = H.transcript(events)
        #expect(transcript.texts["c1"] == "print(1)")
        #expect(transcript.texts["o1"] == "1")
        #expect(transcript.answerText == "It printed 1.")
        #expect(decoder.answerText == "It printed 1.")
    }

    @Test func multimodalPartsSkipObjects() {
        let body =
            "data: {\"message\":{\"id\":\"a1\",\"author\":{\"role\":\"assistant\"},\"content\":{\"content_type\":"
            + "\"multimodal_text\",\"parts\":[{\"content_type\":\"image_asset_pointer\",\"asset_pointer\":\"x\"},\"Look\"]},"
            + "\"recipient\":\"all\"}}\n\n"
        let (events, _) = H.decode(body)
        #expect(H.transcript(events).answerText == "Look")
    }

    @Test func moderationAndErrorFrames() {
        var decoder = CumulativeDecoder()
        let moderation: JSONValue = .object([
            "conversation_id": .string("c"), "message_id": .string("m"), "is_completion": .bool(true),
            "moderation_response": .object([
                "flagged": .bool(true), "blocked": .bool(false), "moderation_id": .string("modr-1"),
            ]),
        ])
        #expect(
            decoder.decode(moderation) == [
                .conversationID("c"),
                .moderation(ModerationResult(messageID: "m", flagged: true, blocked: false, moderationID: "modr-1")),
            ])
        let error: JSONValue = .object(["message": .null, "error": .string("Something went wrong")])
        #expect(decoder.decode(error) == [.serverError("Something went wrong")])
        #expect(decoder.decode(.object(["unrelated": .bool(true)])) == nil)
        #expect(decoder.decode(.string("v1")) == nil)
    }
}

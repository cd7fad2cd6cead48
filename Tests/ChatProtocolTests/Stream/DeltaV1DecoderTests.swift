import ChatModel
import ChatProtocol
import Foundation
import Testing

/// delta_encoding v1 streams: carry-forward, batches, channels, pass-through events.
@Suite struct DeltaV1DecoderTests {
    typealias H = StreamTestHelpers

    static let preamble = "event: delta_encoding\ndata: \"v1\"\n\n"

    static func delta(_ json: String) -> String { "event: delta\ndata: \(json)\n\n" }

    static func data(_ json: String) -> String { "data: \(json)\n\n" }

    /// A root `add` of a message document.
    static func root(
        _ id: String, role: String = "assistant", text: String = "", c: Int, recipient: String = "all",
        channel: String? = nil, contentType: String = "text", hidden: Bool = false, parent: String? = nil
    ) -> String {
        let channelJSON = channel.map { "\"\($0)\"" } ?? "null"
        var metadata = hidden ? "\"is_visually_hidden_from_conversation\":true" : "\"model_slug\":\"gpt-4o\""
        if let parent { metadata += ",\"parent_id\":\"\(parent)\"" }
        let content =
            contentType == "thoughts"
            ? "{\"content_type\":\"thoughts\",\"thoughts\":[]}"
            : "{\"content_type\":\"\(contentType)\",\"parts\":[\(H.json(text))]}"
        return delta(
            "{\"p\":\"\",\"o\":\"add\",\"v\":{\"message\":{\"id\":\"\(id)\",\"author\":{\"role\":\"\(role)\"},"
                + "\"content\":\(content),\"status\":\"in_progress\",\"end_turn\":null,\"metadata\":{\(metadata)},"
                + "\"recipient\":\"\(recipient)\",\"channel\":\(channelJSON)},\"conversation_id\":\"conv-9\","
                + "\"error\":null},\"c\":\(c)}")
    }

    static let finishBatch = delta(
        #"{"p":"","o":"patch","v":[{"p":"/message/content/parts/0","o":"append","v":"."},"#
            + #"{"p":"/message/status","o":"replace","v":"finished_successfully"},"#
            + #"{"p":"/message/end_turn","o":"replace","v":true},"#
            + #"{"p":"/message/metadata","o":"append","v":{"finish_details":{"type":"stop"},"is_complete":true}}]}"#)

    static let end = data(#"{"type":"message_stream_complete","conversation_id":"conv-9"}"#) + "data: [DONE]\n\n"

    @Test func pathOperationAndChannelCarryForward() {
        let text =
            Self.preamble + Self.root("a1", c: 0)
            + Self.delta(#"{"p":"/message/content/parts/0","o":"append","v":"Hel"}"#)
            + Self.delta(#"{"v":"lo"}"#) + Self.delta(#"{"v":" world"}"#)
        let (events, decoder) = H.decode(text)
        #expect(decoder.form == .deltaV1)
        #expect(
            CumulativeDecoderTests.textEvents(events) == [
                .textAppended(messageID: "a1", suffix: "Hel"), .textAppended(messageID: "a1", suffix: "lo"),
                .textAppended(messageID: "a1", suffix: " world"),
            ])
        #expect(H.transcript(events).answerText == "Hello world")
        #expect(decoder.skippedEvents == 0)
    }

    @Test func patchBatchAppendsUpdatesMergesMetadataAndFinishes() {
        let text =
            Self.preamble + Self.root("a1", c: 2)
            + Self.delta(#"{"p":"/message/content/parts/0","o":"append","v":"Done"}"#)
            + Self.finishBatch + Self.end
        let (events, decoder) = H.decode(text)
        let tail = Array(events.suffix(4))
        #expect(tail.first == .textAppended(messageID: "a1", suffix: "."))
        if tail.count == 4, case .messageUpdated(let message) = tail[1] {
            #expect(message.status == "finished_successfully")
            #expect(message.endTurn == true)
            #expect(message.metadata["model_slug"]?.stringValue == "gpt-4o")
            #expect(message.metadata["finish_details"]?["type"]?.stringValue == "stop")
            #expect(message.content.streamedText == "Done.")
        } else {
            Issue.record("expected messageUpdated, got \(tail)")
        }
        #expect(
            tail.dropFirst(2).first == .messageFinished(messageID: "a1", status: "finished_successfully", endTurn: true)
        )
        #expect(tail.last == .done)
        #expect(events.filter { $0 == .done }.count == 1)
        #expect(decoder.completion == .complete)
    }

    @Test func channelsKeepSeparateDocuments() {
        let text =
            Self.preamble + Self.root("s1", role: "system", c: 0, hidden: true)
            + Self.delta(
                #"{"v":{"message":{"id":"u1","author":{"role":"user"},"content":{"content_type":"text","parts":["Hi"]},"#
                    + #""recipient":"all"},"conversation_id":"conv-9"},"c":1}"#)
            + Self.root("a1", c: 2, parent: "u1")
            + Self.delta(#"{"p":"/message/content/parts/0","o":"append","v":"Hey"}"#)
            + Self.delta(#"{"v":" (edited)","c":1}"#) + Self.delta(#"{"v":" there","c":2}"#)
        let (events, decoder) = H.decode(text)
        let transcript = H.transcript(events)
        #expect(transcript.texts["u1"] == "Hi (edited)")
        #expect(transcript.answerText == "Hey there")
        #expect(transcript.started == ["s1", "u1", "a1"])
        let started = events.compactMap { event -> StreamMessage? in
            if case .messageStarted(let s) = event { return s }
            return nil
        }
        #expect(started.map(\.channel) == [0, 1, 2])
        #expect(started.map(\.kind) == [.echo, .echo, .answer])
        #expect(started.last?.parentID == "u1")
        #expect(decoder.answerText == "Hey there")
    }

    @Test func standaloneDecoderKeepsOneDocumentPerChannel() throws {
        var decoder = DeltaV1Decoder()
        let root = try FastJSON.parse(
            Data(
                (#"{"p":"","o":"add","v":{"message":{"id":"m","author":{"role":"assistant"},"#
                    + #""content":{"content_type":"text","parts":["a"]}}},"c":3}"#).utf8))
        _ = decoder.apply(root)
        _ = decoder.apply(.object(["p": .string("/extra"), "o": .string("add"), "v": .number(1), "c": .number(4)]))
        let events = decoder.apply(
            .object([
                "p": .string("/message/content/parts/0"), "o": .string("append"), "v": .string("b"), "c": .number(3),
            ]))
        #expect(events == [.textAppended(messageID: "m", suffix: "b")])
        #expect(decoder.documents.keys.sorted() == [3, 4])
        #expect(decoder.documents[4] == .object(["extra": .number(1)]))
        #expect(decoder.answerText == "ab")
        #expect(decoder.rejectedDeltas == 0)
    }

    @Test func titleGenerationMidTextDoesNotEndTheTextOrBreakCarryForward() {
        let text =
            Self.preamble + Self.root("a1", c: 0)
            + Self.delta(#"{"p":"/message/content/parts/0","o":"append","v":"bold"}"#)
            + Self.data(#"{"type":"title_generation","title":"Colors","conversation_id":"conv-9"}"#)
            + Self.delta(#"{"v":" use of color"}"#) + Self.delta(#"{"v":" and more"}"#) + Self.finishBatch
            + Self.data(#"{"type":"title_generation","title":"Bold colors","conversation_id":"conv-9"}"#) + Self.end
        let (events, decoder) = H.decode(text)
        let transcript = H.transcript(events)
        #expect(transcript.answerText == "bold use of color and more.")
        #expect(events.contains(.title("Colors")))
        #expect(transcript.title == "Bold colors")
        #expect(decoder.title == "Bold colors")
        #expect(decoder.completion == .complete)
    }

    @Test func toolMemoryAndThoughtsMessagesAreKeptButNotTheAnswer() {
        let text =
            Self.preamble + Self.root("t1", c: 0, contentType: "thoughts")
            + Self.root("b1", text: "User likes cats", c: 1, recipient: "bio")
            + Self.root("o1", role: "tool", text: "Model set context updated.", c: 2)
            + Self.root("x1", text: "Let me check", c: 3, channel: "commentary")
            + Self.root("a1", text: "Noted", c: 4, channel: "final")
            + Self.delta(#"{"p":"/message/content/parts/0","o":"append","v":"!"}"#) + Self.finishBatch + Self.end
        let (events, decoder) = H.decode(text)
        let kinds = events.compactMap { event -> StreamMessageKind? in
            if case .messageStarted(let s) = event { return s.kind }
            return nil
        }
        #expect(kinds == [.auxiliary, .auxiliary, .auxiliary, .auxiliary, .answer])
        let transcript = H.transcript(events)
        #expect(transcript.answerText == "Noted!.")
        #expect(transcript.texts["b1"] == "User likes cats")
        #expect(decoder.answerMessageID == "a1")
        #expect(decoder.completion == .complete)
    }

    @Test func legacyMessageFramesInsideAV1Stream() {
        let text =
            Self.preamble + H.frame(id: "a1", text: "Hel") + H.frame(id: "a1", text: "Hello")
            + H.frame(id: "a1", text: "Hello", status: "finished_successfully", endTurn: true) + "data: [DONE]\n\n"
        let (events, decoder) = H.decode(text)
        #expect(decoder.form == .deltaV1)
        #expect(H.transcript(events).answerText == "Hello")
        #expect(decoder.completion == .complete)
    }

    @Test func appendToAPartThatIsNotLastIsAReplace() {
        let text =
            Self.preamble + Self.root("a1", c: 0)
            + Self.delta(#"{"p":"/message/content/parts/-","o":"add","v":"second"}"#)
            + Self.delta(#"{"p":"/message/content/parts/0","o":"append","v":"first"}"#)
        let (events, _) = H.decode(text)
        #expect(
            CumulativeDecoderTests.textEvents(events) == [
                .textAppended(messageID: "a1", suffix: "\nsecond"),
                .textReplaced(messageID: "a1", text: "first\nsecond"),
            ])
    }

    @Test func truncateAndRemove() {
        let text =
            Self.preamble + Self.root("a1", text: "Hello world", c: 0)
            + Self.delta(#"{"p":"/message/content/parts/0","o":"truncate","v":5}"#)
            + Self.delta(#"{"o":"append","v":"!"}"#) + Self.delta(#"{"p":"/message/metadata/model_slug","o":"remove"}"#)
        let (events, _) = H.decode(text)
        #expect(
            CumulativeDecoderTests.textEvents(events) == [
                .textReplaced(messageID: "a1", text: "Hello"), .textAppended(messageID: "a1", suffix: "!"),
            ])
        let update = events.last { if case .messageUpdated = $0 { true } else { false } }
        if case .messageUpdated(let message)? = update {
            #expect(message.metadata["model_slug"] == nil)
        } else {
            Issue.record("no update after remove")
        }
    }

    @Test func deltasThatCannotApplyAreCountedAndTheStreamGoesOn() {
        let text =
            Self.preamble + Self.root("a1", c: 0) + Self.delta(#"{"p":"/message/nope/0","o":"append","v":"x"}"#)
            + Self.delta(#"{"p":"/message/content/parts/0","o":"append","v":"ok"}"#)
            + Self.delta(#"{"o":"frobnicate","v":1}"#) + Self.delta(#"{"v":"!"}"#) + Self.delta(#"[1,2]"#)
            + Self.delta(#"{"p":5,"v":"x"}"#) + Self.delta(#"{"c":"two","v":"x"}"#) + Self.delta(#"{"p":"/x"}"#)
        let (events, decoder) = H.decode(text)
        #expect(H.transcript(events).answerText == "ok!")
        #expect(decoder.skippedEvents == 6)
    }

    @Test func aBareStringVIsTextOnlyUnderEventDelta() {
        let text =
            Self.preamble + Self.root("a1", c: 0)
            + Self.delta(#"{"p":"/message/content/parts/0","o":"append","v":"a"}"#)
            + Self.data(#"{"v":"not text"}"#) + Self.data(#"{"o":"append","v":"b"}"#)
        let (events, decoder) = H.decode(text)
        #expect(H.transcript(events).answerText == "ab")
        #expect(decoder.skippedEvents == 1)
    }
}

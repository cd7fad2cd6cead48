import ChatModel
import ChatProtocol
import Testing

/// The facade: completeness, pass-through events, skipping and counting.
@Suite struct ChatGPTStreamDecoderTests {
    typealias H = StreamTestHelpers
    typealias D = DeltaV1DecoderTests

    @Test func eofWithoutDoneIsIncomplete() {
        let (_, decoder) = H.decode(H.frame(id: "a1", text: "Hello", status: "finished_successfully", endTurn: true))
        #expect(decoder.completion == .incomplete(.noConfirmation))
    }

    @Test func doneWhileInProgressIsIncomplete() {
        let (_, decoder) = H.decode(H.frame(id: "a1", text: "Hel") + "data: [DONE]\n\n")
        #expect(decoder.completion == .incomplete(.answerNotFinished(status: "in_progress", endTurn: nil)))
    }

    @Test func finishedWithoutEndTurnIsIncomplete() {
        let (_, decoder) = H.decode(
            H.frame(id: "a1", text: "Hel", status: "finished_successfully", endTurn: false) + "data: [DONE]\n\n")
        #expect(decoder.completion == .incomplete(.answerNotFinished(status: "finished_successfully", endTurn: false)))
    }

    @Test func doneWithOnlyEchoesHasNoAnswer() {
        let (_, decoder) = H.decode(H.frame(id: "u1", role: "user", text: "draw a cat") + "data: [DONE]\n\n")
        #expect(decoder.completion == .incomplete(.noAnswer))
    }

    @Test func messageStreamCompleteConfirmsAndDoneIsSentOnce() {
        let text =
            D.preamble + D.root("a1", text: "Hi", c: 0) + D.finishBatch
            + D.data(#"{"type":"message_stream_complete","conversation_id":"conv-9"}"#)
            + D.data(#"{"type":"conversation_detail_metadata","limits_progress":[]}"#)
        let (events, decoder) = H.decode(text)
        #expect(decoder.completion == .complete)
        #expect(events.filter { $0 == .done }.count == 1)
        #expect(
            events.last
                == .metadata(
                    name: "conversation_detail_metadata",
                    .object(["type": .string("conversation_detail_metadata"), "limits_progress": .array([])])))
    }

    @Test func passThroughEventsKeepTheirPayload() {
        let names = [
            "resume_conversation_token", "message_marker", "server_ste_metadata", "conversation_detail_metadata",
        ]
        let text = names.map { D.data("{\"type\":\"\($0)\",\"x\":1}") }.joined()
        let (events, decoder) = H.decode(text)
        #expect(events.map { if case .metadata(let name, _) = $0 { name } else { "?" } } == names)
        #expect(decoder.skippedEvents == 0)
    }

    @Test func inputMessageEchoStartsTheUserMessage() {
        let text = D.data(
            #"{"type":"input_message","input_message":{"id":"u1","author":{"role":"user"},"#
                + #""content":{"content_type":"text","parts":["Hi"]}},"conversation_id":"conv-9"}"#)
        let (events, _) = H.decode(text)
        #expect(events.first == .conversationID("conv-9"))
        #expect(H.transcript(events).texts["u1"] == "Hi")
        #expect(H.transcript(events).answerID == nil)
    }

    @Test func streamHandoffMeansTheRestIsElsewhere() {
        let text =
            D.preamble + D.root("a1", text: "Hi", c: 0)
            + D.data(
                #"{"type":"stream_handoff","options":[{"type":"subscribe_ws_topic","topic_id":"conversation-turn-1"}]}"#
            )
        let (events, decoder) = H.decode(text)
        #expect(events.contains { if case .metadata("stream_handoff", _) = $0 { true } else { false } })
        #expect(decoder.completion == .incomplete(.handedOff))
    }

    @Test func unknownEventsAndGarbageAreSkippedAndCounted() {
        let text =
            ": comment\n\n" + "data: \n\n" + "event: ping\ndata: {}\n\n" + D.data(#"{"type":"brand_new_thing"}"#)
            + D.data("{not json") + D.data("42") + D.data(#"{"neither":"nor"}"#)
            + H.frame(id: "a1", text: "Still", status: "finished_successfully", endTurn: true)
            + D.data("[\"garbage") + "data: [DONE]\n\n"
        let (events, decoder) = H.decode(text)
        #expect(decoder.skippedEvents == 6)
        #expect(H.transcript(events).answerText == "Still")
        #expect(decoder.completion == .complete)
    }

    @Test func unsupportedDeltaEncodingIsAnError() {
        let (events, decoder) = H.decode("event: delta_encoding\ndata: \"v2\"\n\n")
        #expect(events == [.serverError("unsupported delta_encoding \"v2\"")])
        #expect(decoder.skippedEvents == 1)
        #expect(decoder.completion == .incomplete(.serverError("unsupported delta_encoding \"v2\"")))
    }

    @Test func errorPayloadsBecomeServerErrors() {
        let (events, decoder) = H.decode(
            "event: error\ndata: {\"message\":\"rate limited\"}\n\n" + D.data(#"{"type":"error","error":"boom"}"#)
                + D.data(#"{"detail":"Only one message at a time."}"#)
                + D.data(#"{"message":null,"conversation_id":"c","error":"Something went wrong"}"#))
        #expect(
            events == [
                .serverError("rate limited"), .serverError("boom"), .serverError("Only one message at a time."),
                .conversationID("c"), .serverError("Something went wrong"),
            ])
        #expect(decoder.completion == .incomplete(.serverError("Something went wrong")))
    }

    @Test func formIsDetectedFromShapesWithoutPreamble() {
        let (_, delta) = H.decode(D.root("a1", c: 0))
        #expect(delta.form == .deltaV1)
        let (_, cumulative) = H.decode(H.frame(id: "a1", text: "x"))
        #expect(cumulative.form == .cumulative)
        let (_, nothing) = H.decode("data: [DONE]\n\n")
        #expect(nothing.form == .undetermined)
    }
}

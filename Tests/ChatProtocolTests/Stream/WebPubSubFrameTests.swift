import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

/// Web PubSub reliable JSON frames (PROTOCOL.md §3a; no raw capture exists, so the shapes are
/// the documented ones).
@Suite struct WebPubSubFrameTests {
    @Test func decodesTheDocumentedServerMessage() {
        let body = Data("data: {\"a\":1}\n\n".utf8).base64EncodedString()
        let text =
            "{\"sequenceId\": 42, \"type\": \"message\", \"from\": \"server\", \"dataType\": \"json\", \"data\": "
            + "{\"type\": \"http.response.body\", \"body\": \"\(body)\", \"more_body\": true, \"response_id\": \"r-1\", "
            + "\"conversation_id\": \"c-1\"}}"
        guard case .message(let message)? = WebPubSubFrame.decode(text) else {
            Issue.record("not a message")
            return
        }
        #expect(message.sequenceID == 42)
        #expect(message.from == "server")
        #expect(message.bodyType == "http.response.body")
        #expect(message.body == Array("data: {\"a\":1}\n\n".utf8))
        #expect(message.moreBody)
        #expect(message.responseID == "r-1")
        #expect(message.conversationID == "c-1")
        #expect(!message.bodyInvalid)
    }

    @Test func decodesSystemAndAckFrames() {
        #expect(
            WebPubSubFrame.decode(
                #"{"type":"system","event":"connected","userId":"u","connectionId":"conn","reconnectionToken":"tok"}"#)
                == .connected(connectionID: "conn", userID: "u", reconnectionToken: "tok"))
        #expect(
            WebPubSubFrame.decode(#"{"type":"system","event":"disconnected","message":"bye"}"#)
                == .disconnected(message: "bye"))
        #expect(
            WebPubSubFrame.decode(#"{"type":"ack","ackId":3,"success":true}"#)
                == .ack(ackID: 3, success: true, error: nil))
        #expect(
            WebPubSubFrame.decode(
                #"{"type":"ack","ackId":4,"success":false,"error":{"name":"Forbidden","message":"no"}}"#)
                == .ack(ackID: 4, success: false, error: "no"))
        #expect(WebPubSubFrame.decode(#"{"type":"pong"}"#) == .other(type: "pong"))
        #expect(WebPubSubFrame.decode("not json") == nil)
        #expect(WebPubSubFrame.decode(#"{"no":"type"}"#) == nil)
    }

    @Test func invalidBase64IsFlaggedAndPaddingIsOptional() {
        let bad = WebPubSubFrame.decode(#"{"type":"message","sequenceId":1,"data":{"body":"@@@","more_body":true}}"#)
        if case .message(let m)? = bad {
            #expect(m.bodyInvalid)
            #expect(m.body.isEmpty)
        } else {
            Issue.record("not a message")
        }
        // "data" without padding is "ZGF0YQ".
        let unpadded = WebPubSubFrame.decode(#"{"type":"message","sequenceId":2,"data":{"body":"ZGF0YQ"}}"#)
        if case .message(let m)? = unpadded {
            #expect(m.body == Array("data".utf8))
            #expect(m.moreBody)
        } else {
            Issue.record("not a message")
        }
    }

    @Test func sequenceAckShape() throws {
        #expect(WebPubSubFrame.sequenceAck(80) == #"{"type":"sequenceAck","sequenceId":80}"#)
        let parsed = try FastJSON.parse(Data(WebPubSubFrame.sequenceAck(7).utf8))
        #expect(parsed == .object(["type": .string("sequenceAck"), "sequenceId": .number(7)]))
    }

    @Test func serverMessageRoundTrips() {
        let body = Array("data: {\"v\":\"你好\"}\n\n".utf8)
        let text = WebPubSubFrame.serverMessage(
            sequenceID: 5, body: body, moreBody: false, responseID: "r\"1", conversationID: "c")
        #expect(
            WebPubSubFrame.decode(text)
                == .message(
                    WebPubSubMessage(
                        sequenceID: 5, body: body, moreBody: false, responseID: "r\"1", conversationID: "c")))
    }

    @Test func receiverFiltersDeduplicatesAcksAndEnds() {
        var receiver = WebPubSubReceiver(responseID: "mine", ackEvery: 2)
        let connected = receiver.receive(
            #"{"type":"system","event":"connected","connectionId":"cx","reconnectionToken":"t"}"#)
        #expect(connected.ack == nil)
        #expect(receiver.connectionID == "cx")
        #expect(receiver.reconnectionToken == "t")
        let frame = { (id: Int, text: String, more: Bool, response: String) in
            WebPubSubFrame.serverMessage(sequenceID: id, body: Array(text.utf8), moreBody: more, responseID: response)
        }
        let first = receiver.receive(frame(1, "a", true, "mine"))
        #expect(first.sseBytes == Array("a".utf8))
        #expect(first.ack == nil)
        let other = receiver.receive(frame(2, "x", true, "theirs"))
        #expect(other.sseBytes.isEmpty)
        #expect(other.ack == #"{"type":"sequenceAck","sequenceId":2}"#)
        let again = receiver.receive(frame(2, "x", true, "theirs"))
        #expect(again.sseBytes.isEmpty)
        #expect(again.ack == nil)
        let replayed = receiver.receive(frame(1, "a", true, "mine"))
        #expect(replayed.sseBytes.isEmpty)
        let last = receiver.receive(frame(3, "b", false, "mine"))
        #expect(last.sseBytes == Array("b".utf8))
        #expect(last.ended)
        #expect(last.ack == #"{"type":"sequenceAck","sequenceId":3}"#)
        #expect(receiver.ended)
        #expect(receiver.currentAck == #"{"type":"sequenceAck","sequenceId":3}"#)
    }

    /// The delta-v1 capture cut into base64 bodies at arbitrary byte offsets (mid-character,
    /// mid-event), wrapped in frames interleaved with another response's, decodes to its answer.
    @Test(.enabled(if: Fixtures.available))
    func captureSplitAcrossFramesRoundTrips() throws {
        let bytes = Array(try #require(Fixtures.data("chatgpt_sse_delta_v1_2024-10_gpt4o_ml-demo.txt")))
        for seed in UInt64(1)...3 {
            let chunks = StreamTestHelpers.randomChunks(bytes, seed: seed, maxChunk: 97)
            var frames: [String] = []
            var sequence = 0
            for (i, chunk) in chunks.enumerated() {
                sequence += 1
                frames.append(
                    WebPubSubFrame.serverMessage(
                        sequenceID: sequence, body: chunk, moreBody: i < chunks.count - 1, responseID: "r-1"))
                if i % 7 == 0 {
                    sequence += 1
                    frames.append(
                        WebPubSubFrame.serverMessage(
                            sequenceID: sequence, body: Array("data: {\"noise\":1}\n\n".utf8), moreBody: true,
                            responseID: "r-other"))
                }
            }
            var receiver = WebPubSubReceiver(responseID: "r-1", ackEvery: 80)
            var parser = SSEParser()
            var decoder = ChatGPTStreamDecoder()
            var transcript = StreamTranscript()
            var acks = 0
            for frame in frames {
                let out = receiver.receive(frame)
                if out.ack != nil { acks += 1 }
                for event in parser.feed(out.sseBytes) {
                    for streamEvent in decoder.decode(event) {
                        transcript.apply(streamEvent)
                    }
                }
            }
            for event in parser.finish() {
                for streamEvent in decoder.decode(event) {
                    transcript.apply(streamEvent)
                }
            }
            #expect(transcript.answerText == CaptureAnswers.deltaV1Answer)
            #expect(decoder.completion == .complete)
            #expect(decoder.skippedEvents == 0)
            #expect(receiver.ended)
            #expect(acks == sequence / 80 + 1)
        }
    }
}

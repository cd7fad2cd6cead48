import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

/// Every ChatGPT stream capture in ../shared/fixtures, decoded whole, one byte at a time and in
/// random chunks: the answer rebuilt from the events equals the capture's final answer (the
/// expected texts are literals copied from the captures, not computed by the decoder).
@Suite(.enabled(if: Fixtures.available))
struct StreamFixtureTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try #require(Fixtures.data(name)))
    }

    /// Replays whole, byte by byte and in random chunks; every run must give the same events.
    static func replays(_ bytes: [UInt8]) -> [StreamReplay.Result] {
        var results = [StreamReplay.run(bytes), StreamReplay.run(bytes, chunkSize: 1)]
        for seed in UInt64(1)...5 {
            results.append(StreamReplay.run(chunks: StreamTestHelpers.randomChunks(bytes, seed: seed)))
        }
        return results
    }

    /// Replays `bytes` every way (``replays(_:)``): each gives `answer` in `form`, complete, with
    /// nothing skipped, no text replaced unless `replacesText`, and the same events, which are
    /// returned.
    static func everyReplay(
        _ bytes: [UInt8], answer: String, form: ChatGPTStreamDecoder.Form, replacesText: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> [StreamEvent] {
        let results = replays(bytes)
        for result in results {
            #expect(result.answerText == answer, sourceLocation: sourceLocation)
            #expect(result.form == form, sourceLocation: sourceLocation)
            #expect(result.completion == .complete, sourceLocation: sourceLocation)
            #expect(result.skippedEvents == 0, sourceLocation: sourceLocation)
            if !replacesText { #expect(result.transcript.replaces == 0, sourceLocation: sourceLocation) }
            #expect(result.events == results[0].events, sourceLocation: sourceLocation)
        }
        return results[0].events
    }

    @Test func deltaV1Capture() throws {
        let bytes = try Self.fixture("chatgpt_sse_delta_v1_2024-10_gpt4o_ml-demo.txt")
        let events = Self.everyReplay(bytes, answer: CaptureAnswers.deltaV1Answer, form: .deltaV1)
        // The conversation id, then one message started empty, then one append per text delta.
        #expect(events.first == .conversationID("670fce41-4328-800b-8b72-f52b274345f0"))
        guard events.count > 1, case .messageStarted(let started) = events[1] else {
            Issue.record("second event is not messageStarted")
            return
        }
        #expect(started.kind == .answer)
        #expect(started.message.id == "2fbb6a89-5387-4146-9471-10f792d0e284")
        #expect(started.parentID == "aaa2fd24-fda4-4885-9442-8134d5ff2396")
        #expect(started.message.content.streamedText == "")
        #expect(events.filter { if case .textAppended = $0 { true } else { false } }.count == 248)
        #expect(
            events.contains(
                .messageFinished(
                    messageID: "2fbb6a89-5387-4146-9471-10f792d0e284", status: "finished_successfully", endTurn: true)))
        #expect(events.last == .done)
        // The metadata append merged: old keys kept, finish_details added.
        let updates = events.compactMap { event -> Message? in
            if case .messageUpdated(let m) = event { return m }
            return nil
        }
        let last = try #require(updates.last)
        #expect(last.metadata["model_slug"]?.stringValue == "gpt-4o")
        #expect(last.metadata["finish_details"]?["type"]?.stringValue == "stop")
        #expect(last.metadata["is_complete"]?.boolValue == true)
    }

    @Test func legacyCumulativeCapture() throws {
        let bytes = try Self.fixture("chatgpt_sse_legacy_cumulative_2023-05_everything-chatgpt.txt")
        let events = Self.everyReplay(bytes, answer: CaptureAnswers.legacyAnswer, form: .cumulative)
        let kinds = events.compactMap { event -> StreamMessageKind? in
            if case .messageStarted(let s) = event { return s.kind }
            return nil
        }
        // System and user echoes first, then the answer.
        #expect(kinds == [.echo, .echo, .answer])
        #expect(events.last == .done)
    }

    @Test func devMasterCumulativeFramesWithModeration() throws {
        let bytes = try #require(try StreamTestHelpers.devMasterSSE(withDone: true))
        let events = Self.everyReplay(
            bytes, answer: CaptureAnswers.devMasterAnswer, form: .cumulative, replacesText: true)
        #expect(
            events.contains(
                .moderation(
                    ModerationResult(
                        messageID: "2c33ab39-5aa7-47e9-b72a-8c9d8d512243", flagged: false, blocked: false,
                        moderationID: "modr-8ScFH5gPtQ3DCXu2DcspkhjHxZg94"))))
        #expect(events.contains(.textAppended(messageID: "2c33ab39-5aa7-47e9-b72a-8c9d8d512243", suffix: "当")))
    }

    @Test func devMasterWithoutDoneIsIncomplete() throws {
        let bytes = try #require(try StreamTestHelpers.devMasterSSE(withDone: false))
        let result = StreamReplay.run(bytes)
        #expect(result.answerText == CaptureAnswers.devMasterAnswer)
        #expect(result.completion == .incomplete(.noConfirmation))
    }

    @Test func deltaV1CaptureCutShortIsIncomplete() throws {
        let bytes = try Self.fixture("chatgpt_sse_delta_v1_2024-10_gpt4o_ml-demo.txt")
        let result = StreamReplay.run(Array(bytes.prefix(bytes.count / 2)))
        #expect(CaptureAnswers.deltaV1Answer.hasPrefix(result.answerText))
        #expect(!result.answerText.isEmpty)
        #expect(result.completion == .incomplete(.noConfirmation))
    }

    @Test func standaloneDecodersOnTheirCaptures() throws {
        var parser = SSEParser()
        var delta = DeltaV1Decoder()
        let deltaBytes = try Self.fixture("chatgpt_sse_delta_v1_2024-10_gpt4o_ml-demo.txt")
        for event in parser.feed(deltaBytes) + parser.finish() where event.event == "delta" {
            _ = delta.apply(try FastJSON.parse(Data(event.data.utf8)))
        }
        #expect(delta.answerText == CaptureAnswers.deltaV1Answer)
        #expect(delta.rejectedDeltas == 0)

        for (bytes, answer) in [
            (
                try Self.fixture("chatgpt_sse_legacy_cumulative_2023-05_everything-chatgpt.txt"),
                CaptureAnswers.legacyAnswer
            ),
            (try #require(try StreamTestHelpers.devMasterSSE(withDone: true)), CaptureAnswers.devMasterAnswer),
        ] {
            var parser = SSEParser()
            var cumulative = CumulativeDecoder()
            for event in parser.feed(bytes) + parser.finish() where event.data != "[DONE]" {
                #expect(cumulative.decode(try FastJSON.parse(Data(event.data.utf8))) != nil)
            }
            #expect(cumulative.answerText == answer)
        }
    }

    /// Coze sends `event:`/`data:` without a space and ends with `data:"[DONE]"` and no blank line.
    @Test func cozeCaptureFramesWithoutSpaces() throws {
        var parser = SSEParser()
        let bytes = try Self.fixture("coze_v3_chat_text_stream_resp.txt")
        let events = parser.feed(bytes) + parser.finish()
        #expect(
            events.map { $0.event ?? "" } == [
                "conversation.chat.created", "conversation.chat.in_progress", "conversation.message.delta",
                "conversation.message.delta", "conversation.message.delta", "conversation.message.delta",
                "conversation.message.completed", "conversation.chat.completed", "done",
            ])
        #expect(events.last?.data == "\"[DONE]\"")
        #expect(events.dropLast().allSatisfy { $0.data.hasPrefix("{\"id\":") })
    }
}

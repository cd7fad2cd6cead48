import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

/// Decodes SSE bytes cut into `chunks` with a fresh parser and Coze decoder.
func decodeCoze(chunks: [[UInt8]]) -> (items: [CozeStreamItem], decoder: CozeStreamDecoder) {
    var parser = SSEParser()
    var decoder = CozeStreamDecoder()
    var items: [CozeStreamItem] = []
    for chunk in chunks {
        for event in parser.feed(chunk) { items += decoder.decode(event) }
    }
    for event in parser.finish() { items += decoder.decode(event) }
    return (items, decoder)
}

/// Decodes SSE text in one piece.
func decodeCoze(_ text: String) -> (items: [CozeStreamItem], decoder: CozeStreamDecoder) {
    decodeCoze(chunks: [Array(text.utf8)])
}

/// The four Coze captures in ../shared/fixtures (and the workflows one), decoded whole, in
/// 1-, 2- and 7-byte chunks, in random chunks and split in two at every byte (so inside
/// every UTF-8 character). Expected values are literals read off the files.
@Suite(.enabled(if: Fixtures.available))
struct CozeFixtureTests {
    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try #require(Fixtures.data(name)))
    }

    /// `bytes` in pieces of `size`.
    static func pieces(_ bytes: [UInt8], size: Int) -> [[UInt8]] {
        stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
    }

    /// Decodes `bytes` every way; every way must give the items and text of the whole decode.
    static func decodeEveryWay(_ bytes: [UInt8]) -> (items: [CozeStreamItem], decoder: CozeStreamDecoder) {
        let whole = decodeCoze(chunks: [bytes])
        var chunkings = [1, 2, 7].map { pieces(bytes, size: $0) }
        chunkings += (UInt64(1)...5).map { StreamTestHelpers.randomChunks(bytes, seed: $0, maxChunk: 9) }
        for chunks in chunkings {
            let again = decodeCoze(chunks: chunks)
            #expect(again.items == whole.items, "chunks of \(chunks.first?.count ?? 0)")
            #expect(again.decoder.text == whole.decoder.text)
        }
        for cut in 1..<bytes.count {
            let split = decodeCoze(chunks: [Array(bytes[..<cut]), Array(bytes[cut...])])
            #expect(split.items == whole.items, "split at byte \(cut)")
        }
        // Line ends as CRLF change nothing.
        let crlf = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
        #expect(decodeCoze(chunks: pieces(crlf, size: 3)).items == whole.items)
        return whole
    }

    @Test func v3TextStreamAnswerIsTheCompletedMessage() throws {
        let bytes = try Self.bytes("coze_v3_chat_text_stream_resp.txt")
        // The capture has CJK text, so the byte splits land inside UTF-8 characters.
        #expect(bytes.contains { $0 >= 0x80 })
        let (items, decoder) = Self.decodeEveryWay(bytes)
        #expect(
            items == [
                .chat(conversationID: "7381473525342978089", chatID: "7382159487131697202"),
                .answerDelta("2"), .answerDelta("0"), .answerDelta("星期三"), .answerDelta("。"),
                .answerCompleted("2024 年 10 月 1 日是星期三。"),
                .usage(TokenUsage(promptTokens: 614, completionTokens: 19, totalTokens: 633)),
                .done,
            ])
        // The completed message differs from its deltas: it replaces them, once.
        #expect(decoder.text == "2024 年 10 月 1 日是星期三。")
        #expect(decoder.rewrites == 1)
        #expect(decoder.form == .v3)
        #expect(decoder.isDone && decoder.chatCompleted && decoder.isComplete)
        #expect(decoder.error == nil && decoder.skippedEvents == 0)
    }

    @Test func workflowsStreamWithSpacesVerboseAndDebugURLDone() throws {
        let (items, decoder) = Self.decodeEveryWay(try Self.bytes("coze_v3_workflows_chat_stream_resp.txt"))
        let verbose =
            #"{"msg_type":"generate_answer_finish","data":"{\"finish_reason\":0,\"FinData\":\"\"}","from_module":null,"from_unit":null}"#
        #expect(
            items == [
                .chat(conversationID: "conv_111111111", chatID: "id_1111"),
                .answerDelta("I"), .answerDelta("'m fine, thank you. How about you"), .answerDelta("?"),
                .answerCompleted("I'm fine, thank you. How about you?"),
                .verbose(label: "generate_answer_finish", text: verbose),
                .usage(TokenUsage(promptTokens: 21, completionTokens: 11, totalTokens: 32)),
                .done,
            ])
        // The completed message repeats the deltas: the text holds them once.
        #expect(decoder.text == "I'm fine, thank you. How about you?")
        #expect(decoder.rewrites == 0)
        #expect(decoder.isComplete && decoder.skippedEvents == 0)
    }

    @Test func v3FailedChatIsOneLine() throws {
        let (items, decoder) = Self.decodeEveryWay(try Self.bytes("coze_v3_chat_failed_resp.txt"))
        #expect(items == [.failed("event interval error (code 5000)")])
        #expect(decoder.error == "event interval error (code 5000)")
        #expect(decoder.text == "" && !decoder.isComplete)
    }

    @Test func v3ErrorEventWithAnEmptyObject() throws {
        let (items, decoder) = Self.decodeEveryWay(try Self.bytes("coze_v3_chat_error_resp.txt"))
        #expect(items == [.failed("an error event without a message")])
        #expect(!decoder.isComplete)
    }

    @Test func legacyStreamFinishesPerIndexAndEndsWithDone() throws {
        let bytes = try Self.bytes("coze_v2style_event_message_stream_real_sample.txt")
        let (items, decoder) = Self.decodeEveryWay(bytes)
        #expect(
            items == [
                .chat(conversationID: "x", chatID: nil),
                .answerDelta("您"), .answerDelta("好"), .answerDelta("！我是鑫永恒CNC"),
                .verbose(label: "generate_answer_finish", text: #"{"msg_type":"generate_answer_finish"}"#),
                .answerCompleted("您好！我是鑫永恒CNC"),
                .done,
            ])
        #expect(decoder.text == "您好！我是鑫永恒CNC")
        #expect(decoder.form == .legacy && decoder.rewrites == 0)
        #expect(decoder.isDone && !decoder.chatCompleted)

        // Without the final `event:done` block, the `is_finish` frames do not end the stream.
        let text = String(decoding: bytes, as: UTF8.self)
        let cut = try #require(text.range(of: "event:done"))
        let (_, open) = decodeCoze(String(text[..<cut.lowerBound]))
        #expect(open.text == "您好！我是鑫永恒CNC" && !open.isComplete)
    }

    @Test func v3StreamCutBeforeTheEndIsIncomplete() throws {
        let text = String(decoding: try Self.bytes("coze_v3_chat_text_stream_resp.txt"), as: UTF8.self)
        let cut = try #require(text.range(of: "event:conversation.message.completed"))
        let (items, decoder) = decodeCoze(String(text[..<cut.lowerBound]))
        #expect(items.last == .answerDelta("。"))
        #expect(decoder.text == "20星期三。" && !decoder.isComplete)

        // `conversation.chat.completed` without `done` counts as finished.
        let done = try #require(text.range(of: "event:done"))
        #expect(decodeCoze(String(text[..<done.lowerBound])).decoder.isComplete)
    }
}

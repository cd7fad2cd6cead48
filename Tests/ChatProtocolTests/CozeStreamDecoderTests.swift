import ChatModel
import ChatProtocol
import Foundation
import Testing

/// The Coze decoder on streams written here: message bookkeeping, both forms, failures.
@Suite("Coze stream decoder")
struct CozeStreamDecoderTests {
    /// A v3 event block (`event:NAME` / `data:JSON`, no space, as Coze sends them).
    static func v3(_ name: String, _ json: String) -> String {
        "event:conversation.\(name)\ndata:\(json)\n\n"
    }

    static func delta(_ id: String, _ content: String, type: String = "answer", extra: String = "") -> String {
        v3(
            "message.delta",
            #"{"id":"\#(id)","role":"assistant","type":"\#(type)","content":\#(json(content)),"content_type":"text"\#(extra)}"#
        )
    }

    static func completed(_ id: String, _ content: String, type: String = "answer", contentType: String = "text")
        -> String
    {
        v3(
            "message.completed",
            #"{"id":"\#(id)","role":"assistant","type":"\#(type)","content":\#(json(content)),"content_type":"\#(contentType)"}"#
        )
    }

    /// A legacy v2-style frame.
    static func legacy(_ type: String, _ content: String, index: Int, finish: Bool = false, role: String = "assistant")
        -> String
    {
        "event:message\ndata:"
            + #"{"message":{"role":"\#(role)","type":"\#(type)","content":\#(json(content)),"content_type":"text"},"is_finish":\#(finish),"index":\#(index),"conversation_id":"c1","seq_id":0}"#
            + "\n\n"
    }

    static func json(_ s: String) -> String {
        String(decoding: (try? JSONEncoder().encode(s)) ?? Data(), as: UTF8.self)
    }

    static let done = "event:done\ndata:\"[DONE]\"\n\n"

    @Test func completedMessageRepeatingItsDeltasIsNotAppendedTwice() {
        let (items, decoder) = decodeCoze(
            Self.delta("m1", "Hel") + Self.delta("m1", "lo 🌳") + Self.completed("m1", "Hello 🌳") + Self.done)
        #expect(items == [.answerDelta("Hel"), .answerDelta("lo 🌳"), .answerCompleted("Hello 🌳"), .done])
        #expect(decoder.text == "Hello 🌳" && decoder.rewrites == 0)
    }

    @Test func completedMessageExtendingItsDeltasAppends() {
        let (_, decoder) = decodeCoze(Self.delta("m1", "Hel") + Self.completed("m1", "Hello!"))
        #expect(decoder.text == "Hello!" && decoder.rewrites == 0)
    }

    @Test func completedMessageDifferingFromItsDeltasReplacesThem() {
        let (_, decoder) = decodeCoze(Self.delta("m1", "Helo") + Self.completed("m1", "Hello"))
        #expect(decoder.text == "Hello" && decoder.rewrites == 1)
    }

    @Test func completedMessageWithoutDeltasOrWithEmptyContent() {
        #expect(decodeCoze(Self.completed("m1", "Whole answer")).decoder.text == "Whole answer")
        let (items, decoder) = decodeCoze(Self.delta("m1", "Kept") + Self.completed("m1", ""))
        #expect(items.last == .answerCompleted("Kept"))
        #expect(decoder.text == "Kept" && decoder.rewrites == 0)
    }

    @Test func severalAnswerMessagesAreJoinedWithABlankLine() {
        let stream =
            Self.delta("a", "First") + Self.completed("a", "First") + Self.delta("b", "Sec") + Self.delta("b", "ond")
            + Self.completed("b", "Second")
        let (_, decoder) = decodeCoze(stream)
        #expect(decoder.text == "First\n\nSecond" && decoder.rewrites == 0)
        // Rewriting the first message after the second began is a rewrite of the whole text.
        let (_, rewritten) = decodeCoze(
            Self.delta("a", "Frst") + Self.delta("b", "Second") + Self.completed("a", "First"))
        #expect(rewritten.text == "First\n\nSecond" && rewritten.rewrites == 1)
    }

    @Test func verboseFollowUpsStepsAndReasoningAreKeptApart() {
        let stream =
            Self.delta("m", "", extra: #","reasoning_content":"Think""#) + Self.delta("m", "Answer")
            + Self.completed("m", "Answer")
            + Self.completed("v", #"{"msg_type":"generate_answer_finish"}"#, type: "verbose")
            + Self.completed("f", "Call", type: "function_call") + Self.completed("t", "Result", type: "tool_response")
            + Self.completed("u1", "What next?", type: "follow_up")
            + Self.completed("u2", " And then? ", type: "follow_up")
            + Self.completed("card", #"{"card":1}"#, contentType: "card") + Self.done
        let (items, decoder) = decodeCoze(stream)
        #expect(
            items == [
                .reasoningDelta("Think"), .answerDelta("Answer"), .answerCompleted("Answer"),
                .verbose(label: "generate_answer_finish", text: #"{"msg_type":"generate_answer_finish"}"#),
                .step(type: "function_call", text: "Call"), .step(type: "tool_response", text: "Result"),
                .followUp("What next?"), .followUp("And then?"), .verbose(label: "card", text: #"{"card":1}"#), .done,
            ])
        #expect(decoder.text == "Answer" && decoder.reasoning == "Think")
        #expect(decoder.skippedEvents == 0)
    }

    @Test func chatIDsAreReportedOncePerPair() {
        let chat = #"{"id":"chat1","conversation_id":"conv1","status":"created"}"#
        let next = #"{"id":"chat2","conversation_id":"conv1","status":"created"}"#
        let (items, _) = decodeCoze(
            Self.v3("chat.created", chat) + Self.v3("chat.in_progress", chat) + Self.v3("chat.created", next))
        #expect(
            items == [.chat(conversationID: "conv1", chatID: "chat1"), .chat(conversationID: "conv1", chatID: "chat2")])
    }

    @Test func failuresAreOneLine() {
        let failed = Self.v3("chat.failed", #"{"id":"c","last_error":{"code":"4011","msg":"Bot\nis offline"}}"#)
        #expect(decodeCoze(failed).items == [.failed("Bot is offline (code 4011)")])
        #expect(
            decodeCoze(Self.v3("chat.failed", #"{"id":"c"}"#)).items == [.failed("the chat failed without a message")])
        let error = "event:error\ndata:{\"code\":4000,\"msg\":\"Request parameter error\"}\n\n"
        #expect(decodeCoze(error).items == [.failed("Request parameter error (code 4000)")])
        #expect(decodeCoze("event:error\ndata:\n\n").items == [.failed("an error event without a message")])
        #expect(decodeCoze("event:error\ndata:rate limited\n\n").items == [.failed("rate limited")])
        let legacyError =
            "event:error\ndata:{\"error_information\":{\"err_code\":700012006,\"err_msg\":\"token expired\"}}\n\n"
        #expect(decodeCoze(legacyError).items == [.failed("token expired (code 700012006)")])
        let inMessage = "event:message\ndata:{\"error_information\":{\"code\":1,\"msg\":\"bad\"}}\n\n"
        #expect(decodeCoze(inMessage).decoder.error == "bad (code 1)")
        let action = decodeCoze(Self.v3("chat.requires_action", #"{"id":"c"}"#))
        #expect(action.decoder.error?.contains("requires_action") == true)
    }

    @Test func legacyIsFinishClosesOneMessagePerIndex() {
        let stream =
            Self.legacy("ack", "question", index: 0, finish: true, role: "user")
            + Self.legacy("verbose", #"{"msg_type":"time_capsule_recall"}"#, index: 1, finish: true)
            + Self.legacy("answer", "Of ", index: 2) + Self.legacy("verbose", #"{"msg_type":"#, index: 3)
            + Self.legacy("answer", "course", index: 2, finish: true)
            + Self.legacy("verbose", #""generate_answer_finish"}"#, index: 3, finish: true)
            + Self.legacy("follow_up", "What are his songs?", index: 4, finish: true)
            + Self.legacy("answer", "More.", index: 5) + Self.legacy("answer", "", index: 5, finish: true)
        let (items, decoder) = decodeCoze(stream)
        #expect(
            items == [
                .chat(conversationID: "c1", chatID: nil),
                .verbose(label: "time_capsule_recall", text: #"{"msg_type":"time_capsule_recall"}"#),
                .answerDelta("Of "), .answerDelta("course"), .answerCompleted("Of course"),
                .verbose(label: "generate_answer_finish", text: #"{"msg_type":"generate_answer_finish"}"#),
                .followUp("What are his songs?"), .answerDelta("More."), .answerCompleted("More."),
            ])
        #expect(decoder.text == "Of course\n\nMore.")
        #expect(!decoder.isComplete)
        #expect(decodeCoze(stream + "event:done\ndata:\n\n").decoder.isComplete)
    }

    @Test func legacyInterleavedIndexesKeepTheirOwnText() {
        let stream =
            Self.legacy("answer", "A1 ", index: 0) + Self.legacy("answer", "B1 ", index: 1)
            + Self.legacy("answer", "A2", index: 0, finish: true) + Self.legacy("answer", "B2", index: 1, finish: true)
        let (_, decoder) = decodeCoze(stream)
        #expect(decoder.text == "A1 A2\n\nB1 B2")
        #expect(decoder.rewrites == 1)
    }

    @Test func bareDoneAndUnknownEvents() {
        let (items, decoder) = decodeCoze("event:ping\ndata:{}\n\ndata:not json\n\ndata: [DONE]\n\n")
        #expect(items == [.done])
        #expect(decoder.skippedEvents == 2 && decoder.isDone)
    }

    @Test func spacesAfterTheColonChangeNothing() {
        let tight = Self.delta("m", "Hi") + Self.completed("m", "Hi") + Self.done
        let spaced = tight.replacingOccurrences(of: "event:", with: "event: ").replacingOccurrences(
            of: "data:", with: "data: ")
        #expect(decodeCoze(spaced).items == decodeCoze(tight).items)
    }
}

/// Coze error bodies as one line.
@Suite("Coze error body")
struct CozeErrorBodyTests {
    @Test(arguments: [
        (
            #"{"code":4100,"msg":"authentication is invalid","detail":{"logid":"x"}}"#,
            "authentication is invalid (code 4100)"
        ),
        (#"{"code":"4015","msg":"The bot is not published"}"#, "The bot is not published (code 4015)"),
        (#"{"code":4000,"msg":""}"#, "code 4000"),
        (#"{"code":0,"msg":"only a message"}"#, "only a message"),
        (#"{"error_information":{"err_code":7,"err_msg":"x\ny"}}"#, "x y (code 7)"),
        (#"{"error_message":"invalid_token"}"#, "invalid_token"),
        (#"{"error":{"message":"proxy says no"}}"#, "proxy says no"),
        ("Bad gateway\nmore", "Bad gateway"),
    ])
    func knownShapes(body: String, line: String) {
        #expect(CozeErrorBody.message(in: Array(body.utf8)) == line)
    }

    @Test(arguments: [#"{"code":0,"msg":""}"#, "{}", "<html><body>502</body></html>", ""])
    func noError(body: String) {
        #expect(CozeErrorBody.message(in: Array(body.utf8)) == nil)
    }
}

/// The request bodies, byte for byte.
@Suite("Coze request bodies")
struct CozeChatRequestTests {
    @Test func v3AndV2Bodies() {
        let messages = [CozeMessage(role: "user", content: "Hi/there"), CozeMessage(role: "assistant", content: "Yo")]
        let v3 = CozeChatRequest(botID: "b1", userID: "u", additionalMessages: messages)
        #expect(
            String(decoding: v3.jsonData(), as: UTF8.self)
                == #"{"additional_messages":[{"content":"Hi/there","content_type":"text","role":"user","type":"question"},{"content":"Yo","content_type":"text","role":"assistant","type":"answer"}],"auto_save_history":true,"bot_id":"b1","stream":true,"user_id":"u"}"#
        )
        let v2 = CozeLegacyChatRequest(botID: "b1", user: "u", query: "Next?", chatHistory: messages)
        #expect(
            String(decoding: v2.jsonData(), as: UTF8.self)
                == #"{"bot_id":"b1","chat_history":[{"content":"Hi/there","content_type":"text","role":"user","type":"question"},{"content":"Yo","content_type":"text","role":"assistant","type":"answer"}],"query":"Next?","stream":true,"user":"u"}"#
        )
    }
}

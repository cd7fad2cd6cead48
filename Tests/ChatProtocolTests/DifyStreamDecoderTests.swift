import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

/// The Dify stream decoder on streams written here in the shapes PROTOCOL.md §5 and the seed
/// capture show, whole and cut every awkward way.
@Suite("Dify stream decoder")
struct DifyStreamDecoderTests {
    static let conversation = "a9de725e-f3c3-4bc6-9803-362ef76d3c49"
    static let messageID = "3f61f0de-f759-4039-9d83-dcd3f4126c65"
    static let taskID = "438214f6-e4a7-4020-84ae-ec5b0c3bd511"
    static let userID = "user-echo-1"

    /// A `message` event as the seed capture shows it, with `answer` as the chunk.
    static func message(_ chunk: String, event: String = "message") -> String {
        #"{"event": "\#(event)", "conversation_id": "\#(conversation)", "message_id": "\#(messageID)", "created_at": 1718523378, "task_id": "\#(taskID)", "id": "\#(messageID)", "answer": \#(json(chunk))}"#
    }

    /// The seed capture's `message_end`, usage and all.
    static let messageEnd =
        #"{"event": "message_end", "conversation_id": "\#(conversation)", "message_id": "\#(messageID)", "created_at": 1718523378, "task_id": "\#(taskID)", "id": "\#(messageID)", "metadata": {"usage": {"prompt_tokens": 1, "prompt_unit_price": "0", "prompt_price_unit": "0", "prompt_price": "0.0000000", "completion_tokens": 44, "completion_unit_price": "0", "completion_price_unit": "0", "completion_price": "0.0000000", "total_tokens": 45, "total_price": "0.0000000", "currency": "USD", "latency": 2.9540078879799694}}}"#

    static func json(_ s: String) -> String {
        String(decoding: (try? JSONEncoder().encode(JSONValue.string(s))) ?? Data(), as: UTF8.self)
    }

    /// Payloads as an SSE body, each `data: …` followed by a blank line.
    static func sse(_ payloads: [String], lineEnd: String = "\n") -> [UInt8] {
        Array(payloads.map { "data: \($0)\(lineEnd)\(lineEnd)" }.joined().utf8)
    }

    static func decode(_ chunks: [[UInt8]], parent: String? = userID) -> (
        events: [StreamEvent], decoder: DifyStreamDecoder
    ) {
        var parser = SSEParser()
        var decoder = DifyStreamDecoder(parentID: parent)
        var events: [StreamEvent] = []
        for chunk in chunks {
            for event in parser.feed(chunk) { events += decoder.decode(event) }
        }
        for event in parser.finish() { events += decoder.decode(event) }
        return (events, decoder)
    }

    static func decode(_ bytes: [UInt8], parent: String? = userID) -> (
        events: [StreamEvent], decoder: DifyStreamDecoder
    ) {
        decode([bytes], parent: parent)
    }

    static func fixed(_ bytes: [UInt8], _ size: Int) -> [[UInt8]] {
        stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
    }

    static func transcript(_ events: [StreamEvent]) -> StreamTranscript {
        var transcript = StreamTranscript()
        for event in events { transcript.apply(event) }
        return transcript
    }

    /// The answer's first snapshot as the decoder starts it.
    static func started(_ id: String = messageID, created: Double? = 1_718_523_378) -> Message {
        Message(
            id: id, author: Author(role: .assistant), createTime: created, content: .text(""), status: "in_progress",
            recipient: "all")
    }

    static let basic = sse([
        Self.message(""), Self.message("Hello"), Self.message(", 世界 🌍"), Self.message("!"), Self.messageEnd,
    ])

    @Test func seedShapedStreamGivesTheExactEvents() throws {
        let (events, decoder) = Self.decode(Self.basic)
        var finished = Self.started()
        finished.content = .text("Hello, 世界 🌍!")
        finished.status = "finished_successfully"
        finished.endTurn = true
        finished.tokenUsage = TokenUsage(
            promptTokens: 1, completionTokens: 44, totalTokens: 45, latency: 2.9540078879799694,
            totalPrice: "0.0000000", currency: "USD")
        #expect(
            events == [
                .conversationID(Self.conversation),
                .messageStarted(
                    StreamMessage(
                        message: Self.started(), parentID: Self.userID, conversationID: Self.conversation,
                        kind: .answer)),
                .textAppended(messageID: Self.messageID, suffix: "Hello"),
                .textAppended(messageID: Self.messageID, suffix: ", 世界 🌍"),
                .textAppended(messageID: Self.messageID, suffix: "!"),
                .messageUpdated(finished),
                .messageFinished(messageID: Self.messageID, status: "finished_successfully", endTurn: true),
                .done,
            ])
        #expect(decoder.taskID == Self.taskID)
        #expect(decoder.conversationID == Self.conversation)
        #expect(decoder.answerMessageID == Self.messageID)
        #expect(decoder.answerText == "Hello, 世界 🌍!")
        #expect(decoder.closedProperly)
        #expect(decoder.completion == .complete)
        #expect(decoder.usage?.totalTokens == 45)
        #expect(decoder.answerSnapshot == finished)
        #expect(decoder.skippedEvents == 0)
        #expect(StreamMessageKind(classifying: Self.started()) == .answer)
    }

    @Test(arguments: [1, 2, 7])
    func fixedChunksGiveTheSameEvents(size: Int) {
        let whole = Self.decode(Self.basic)
        let cut = Self.decode(Self.fixed(Self.basic, size))
        #expect(cut.events == whole.events)
        #expect(cut.decoder.completion == .complete)
    }

    @Test func everySplitPointAndRandomCutsGiveTheSameEvents() {
        let bytes = Self.sse(
            [Self.message("Hé"), Self.message("llo 你好"), Self.message("🌍"), Self.messageEnd], lineEnd: "\r\n")
        let whole = Self.decode(bytes)
        #expect(Self.transcript(whole.events).answerText == "Héllo 你好🌍")
        for cut in 1..<bytes.count {
            let split = Self.decode([Array(bytes[..<cut]), Array(bytes[cut...])])
            #expect(split.events == whole.events, "split at byte \(cut)")
        }
        for seed in UInt64(1)...10 {
            let chunks = StreamTestHelpers.randomChunks(bytes, seed: seed, maxChunk: 7)
            #expect(Self.decode(chunks).events == whole.events)
        }
    }

    @Test func splitsInsideMultiByteCharactersKeepTheText() {
        let bytes = Self.basic
        let inside = bytes.indices.filter { $0 > 0 && bytes[$0 - 1] >= 0xC0 && bytes[$0] & 0xC0 == 0x80 }
        #expect(inside.count >= 3)
        var chunks: [[UInt8]] = []
        var start = 0
        for cut in inside {
            chunks.append(Array(bytes[start..<cut]))
            start = cut
        }
        chunks.append(Array(bytes[start...]))
        let (events, decoder) = Self.decode(chunks)
        #expect(events == Self.decode(bytes).events)
        #expect(decoder.answerText == "Hello, 世界 🌍!")
        #expect(!decoder.answerText.contains("\u{FFFD}"))
    }

    @Test func agentMessagesStreamLikeMessages() {
        let bytes = Self.sse([
            Self.message("Hi", event: "agent_message"), Self.message(" there", event: "agent_message"), Self.messageEnd,
        ])
        let (events, decoder) = Self.decode(bytes)
        #expect(Self.transcript(events).answerText == "Hi there")
        #expect(decoder.completion == .complete)
    }

    @Test func messageReplaceReplacesTheWholeAnswer() {
        let replace =
            #"{"event": "message_replace", "conversation_id": "\#(Self.conversation)", "message_id": "\#(Self.messageID)", "task_id": "\#(Self.taskID)", "answer": "[content moderated]"}"#
        let bytes = Self.sse([
            Self.message("bad "), Self.message("words"), replace, Self.message(" (sorry)"), Self.messageEnd,
        ])
        let (events, decoder) = Self.decode(bytes)
        #expect(events.contains(.textReplaced(messageID: Self.messageID, text: "[content moderated]")))
        let transcript = Self.transcript(events)
        #expect(transcript.answerText == "[content moderated] (sorry)")
        #expect(transcript.replaces == 1)
        #expect(decoder.answerText == "[content moderated] (sorry)")
        #expect(decoder.completion == .complete)
    }

    @Test func messageReplaceFirstStartsTheAnswerWithItsText() {
        let replace =
            #"{"event": "message_replace", "conversation_id": "c-1", "message_id": "m-1", "answer": "whole"}"#
        let (events, _) = Self.decode(Self.sse([replace]))
        #expect(events.count == 3)
        #expect(events.first == .conversationID("c-1"))
        #expect(Self.transcript(events).answerText == "whole")
    }

    @Test func errorAfterTextKeepsThePartialAnswerAndSetsTheErrorText() throws {
        let error =
            #"{"event": "error", "task_id": "\#(Self.taskID)", "message_id": "\#(Self.messageID)", "status": 400, "code": "completion_request_error", "message": "[openai] Rate limit\nexceeded"}"#
        let (events, decoder) = Self.decode(Self.sse([Self.message("Partial"), error]))
        let why = "[openai] Rate limit exceeded [completion_request_error]"
        #expect(decoder.lastError == why)
        #expect(decoder.completion == .incomplete(.serverError(why)))
        #expect(!decoder.closedProperly)
        #expect(decoder.answerText == "Partial")
        guard case .messageUpdated(let snapshot)? = events.dropLast(2).last else {
            Issue.record("expected the errored snapshot before the server error, got \(events)")
            return
        }
        #expect(snapshot.errorText == why)
        #expect(snapshot.status == "error")
        #expect(snapshot.content.streamedText == "Partial")
        #expect(
            Array(events.suffix(2)) == [
                .serverError(why), .messageFinished(messageID: Self.messageID, status: "error", endTurn: true),
            ])
    }

    @Test func errorAsTheFirstEventStartsTheAnswerWithTheError() {
        let error =
            #"{"event": "error", "conversation_id": "c-9", "message_id": "m-9", "status": 400, "code": "provider_quota_exceeded", "message": "Your quota for Dify Hosted Model Provider has been exhausted."}"#
        let (events, decoder) = Self.decode(Self.sse([error]))
        #expect(events.count == 4)
        #expect(events.first == .conversationID("c-9"))
        guard case .messageStarted(let started)? = events.dropFirst().first else {
            Issue.record("expected the answer to start, got \(events)")
            return
        }
        #expect(started.message.id == "m-9")
        #expect(started.kind == .answer)
        #expect(started.message.errorText?.hasPrefix("Your quota") == true)
        #expect(started.message.status == "error")
        #expect(decoder.completion == .incomplete(.serverError(decoder.lastError ?? "")))
    }

    @Test func errorWithoutAMessageIsOnlyReported() {
        let error =
            #"{"event": "error", "status": 500, "code": "internal_server_error", "message": "Internal Server Error."}"#
        let (events, decoder) = Self.decode(Self.sse([error]))
        #expect(events == [.serverError("Internal Server Error. [internal_server_error]")])
        #expect(decoder.answerMessageID == nil)
        #expect(decoder.completion == .incomplete(.serverError("Internal Server Error. [internal_server_error]")))
    }

    /// Found by fuzzing (`Fuzz/run.sh dify`): a code with a line break reached the error line as is.
    @Test func errorLinesStayOneReadableLine() {
        let error = #"{"event": "error", "code": "bad\ncode\u0007", "message": "Quota\nexhausted."}"#
        #expect(Self.decode(Self.sse([error])).events == [.serverError("Quota exhausted. [bad code]")])
        let unreadable = #"{"event": "error", "message": "\u0001\u0002"}"#
        #expect(Self.decode(Self.sse([unreadable])).events == [.serverError("the stream reported an error")])
    }

    @Test func agentThoughtsBecomeOrderedNotesOnTheAnswer() throws {
        func thought(
            _ id: String, _ position: Int, _ thought: String, tool: String = "", input: String = "",
            observation: String = ""
        ) -> String {
            #"{"event": "agent_thought", "id": "\#(id)", "task_id": "t-1", "message_id": "m-1", "conversation_id": "c-1", "position": \#(position), "thought": \#(Self.json(thought)), "observation": \#(Self.json(observation)), "tool": \#(Self.json(tool)), "tool_input": \#(Self.json(input)), "message_files": [], "created_at": 1705988186}"#
        }
        let agent =
            #"{"event": "agent_message", "conversation_id": "c-1", "message_id": "m-1", "task_id": "t-1", "answer": "Done."}"#
        let bytes = Self.sse([
            thought("th-1", 1, "", tool: "dalle2", input: #"{"prompt": "cat"}"#),
            thought("th-2", 2, "Now I answer."),
            thought("th-1", 1, "", tool: "dalle2", input: #"{"prompt": "cat"}"#, observation: "image created"),
            agent,
            #"{"event": "message_end", "conversation_id": "c-1", "message_id": "m-1", "task_id": "t-1", "metadata": {}}"#,
        ])
        let (events, decoder) = Self.decode(bytes, parent: "u-1")
        let updates = events.compactMap { event -> Message? in
            if case .messageUpdated(let message) = event { return message }
            return nil
        }
        #expect(updates.count == 4)
        #expect(updates[0].notes == [AnswerNote(kind: "thought", label: "dalle2", text: #"Input: {"prompt": "cat"}"#)])
        let final = [
            AnswerNote(
                kind: "thought", label: "dalle2", text: "Input: {\"prompt\": \"cat\"}\nObservation: image created"),
            AnswerNote(kind: "thought", label: "", text: "Now I answer."),
        ]
        #expect(updates[2].notes == final)
        #expect(updates[3].notes == final)
        #expect(updates[3].content.streamedText == "Done.")
        #expect(updates[3].tokenUsage == nil)
        #expect(decoder.completion == .complete)
        #expect(decoder.taskID == "t-1")
    }

    @Test func aStreamWithoutMessageEndIsIncompleteAndKeepsItsText() {
        let (events, decoder) = Self.decode(Self.sse([Self.message("Half an"), Self.message(" answ")]))
        #expect(Self.transcript(events).answerText == "Half an answ")
        #expect(!events.contains(.done))
        #expect(!decoder.closedProperly)
        #expect(decoder.completion == .incomplete(.noConfirmation))
        let empty = Self.decode([UInt8]())
        #expect(empty.events.isEmpty)
        #expect(empty.decoder.completion == .incomplete(.noConfirmation))
    }

    @Test func messageEndWithoutTextStartsAnEmptyAnswer() {
        let (events, decoder) = Self.decode(Self.sse([Self.messageEnd]))
        #expect(events.first == .conversationID(Self.conversation))
        #expect(Self.transcript(events).answerText == "")
        #expect(events.last == .done)
        #expect(decoder.completion == .complete)
        let again = Self.decode(Self.sse([Self.messageEnd, Self.messageEnd]))
        #expect(again.events == events)
        #expect(again.decoder.skippedEvents == 1)
    }

    @Test func pingsAreIgnoredAndOtherEventsPassThroughAsMetadata() throws {
        let bytes = Array(
            ("event: ping\n\n: keep-alive comment\n\n" + "data: {\"event\": \"ping\"}\n\n"
                + "data: {\"event\": \"workflow_started\", \"task_id\": \"t\", \"workflow_run_id\": \"w\"}\n\n"
                + "data: {\"event\": \"node_finished\", \"data\": {\"node_id\": \"n\"}}\n\n"
                + "data: {\"event\": \"tts_message\", \"conversation_id\": \"other\", \"audio\": \"AAA=\"}\n\n"
                + "data: {\"event\": \"message_file\", \"id\": \"f\", \"type\": \"image\", \"belongs_to\": \"assistant\", "
                + "\"url\": \"http://x/f.png\", \"conversation_id\": \"c-1\"}\n\n"
                + "data: {\"event\": \"something_new\"}\n\n" + "data: not json at all\n\n" + "data: [1, 2]\n\n").utf8)
        let (events, decoder) = Self.decode(bytes)
        let names = events.compactMap { event -> String? in
            if case .metadata(let name, _) = event { return name }
            return nil
        }
        #expect(names == ["workflow_started", "node_finished", "tts_message", "message_file"])
        // Only the answer's events name the conversation: not the tts event's.
        #expect(events.filter { if case .conversationID = $0 { true } else { false } } == [.conversationID("c-1")])
        #expect(decoder.skippedEvents == 3)
        #expect(decoder.taskID == nil)
    }

    /// A `message_file` event (PROTOCOL.md §5: `{id, type: "image", belongs_to: "assistant",
    /// url, conversation_id}`) makes the file one of the answer's attachments while it streams,
    /// before the answer starts too; `message_end`'s `files` add to those, each file once; the
    /// user's own files are not the answer's.
    @Test func streamedFilesAreTheAnswersAttachments() throws {
        func file(_ id: String, belongsTo: String = "assistant") -> String {
            #"{"event": "message_file", "id": "\#(id)", "type": "image", "belongs_to": "\#(belongsTo)", "url": "https://upload.dify.ai/files/\#(id).png?sig=1", "conversation_id": "\#(Self.conversation)"}"#
        }
        let end = Self.messageEnd.replacingOccurrences(
            of: #""event": "message_end","#,
            with:
                #""event": "message_end", "files": [{"id": "f-2", "type": "image", "url": "https://upload.dify.ai/files/f-2.png"}, {"id": "f-1", "type": "image", "url": "https://upload.dify.ai/files/f-1.png"}],"#
        )
        #expect(end != Self.messageEnd)
        let (events, _) = Self.decode(
            Self.sse([file("f-0"), Self.message("Here "), file("f-1"), file("u-1", belongsTo: "user"), end]))
        let updates = events.compactMap { event -> Message? in
            if case .messageUpdated(let message) = event { return message }
            return nil
        }
        let started = events.compactMap { event -> Message? in
            if case .messageStarted(let started) = event { return started.message }
            return nil
        }
        #expect(started.first?.attachments.map(\.name) == ["f-0.png"])
        #expect(updates.first?.attachments.map(\.name) == ["f-0.png", "f-1.png"])
        #expect(updates.first?.attachments.first?.mimeType == "image/png")
        let final = try #require(updates.last)
        #expect(final.attachments.map(\.fileID) == ["f-0", "f-1", "f-2"])
        #expect(Self.transcript(events).answerText == "Here ")
    }

    /// A chatflow's `workflow_finished` (Dify's API docs: `data` with `status` `succeeded`,
    /// `failed` or `stopped`, and `error`): a failed workflow ends the answer with its error,
    /// said once even when an `error` event follows; a stopped one marks the answer interrupted.
    @Test func aChatflowsFailedOrStoppedWorkflowEndsTheAnswer() throws {
        func finished(_ status: String, error: String? = nil) -> String {
            let error = error.map { Self.json($0) } ?? "null"
            return
                #"{"event": "workflow_finished", "task_id": "\#(Self.taskID)", "workflow_run_id": "w-1", "data": {"id": "w-1", "workflow_id": "wf", "status": "\#(status)", "outputs": null, "error": \#(error), "elapsed_time": 1.2, "total_tokens": 0, "total_steps": 3, "created_at": 1705407629, "finished_at": 1705407631}}"#
        }
        let errorEvent =
            #"{"event": "error", "task_id": "\#(Self.taskID)", "message_id": "\#(Self.messageID)", "status": 400, "code": "completion_request_error", "message": "Rate limit"}"#
        let (failed, decoder) = Self.decode(
            Self.sse([
                Self.message("Half an "), finished("failed", error: "Node LLM run failed: Rate limit"), errorEvent,
            ]))
        let said = failed.compactMap { event -> String? in
            if case .serverError(let why) = event { return why }
            return nil
        }
        #expect(said == ["the app's workflow failed: Node LLM run failed: Rate limit"])
        #expect(decoder.completion == .incomplete(.serverError(said[0])))
        #expect(Self.transcript(failed).answerText == "Half an ")

        let (stopped, stoppedDecoder) = Self.decode(
            Self.sse([Self.message("Half an "), finished("stopped"), Self.messageEnd]))
        let last = try #require(
            stopped.compactMap { event -> Message? in
                if case .messageUpdated(let message) = event { return message }
                return nil
            }.last)
        #expect(last.ending == .interrupted)
        #expect(stoppedDecoder.lastError == nil)

        let (succeeded, _) = Self.decode(Self.sse([Self.message("Whole"), finished("succeeded"), Self.messageEnd]))
        #expect(!succeeded.contains { if case .serverError = $0 { true } else { false } })
    }

    @Test func objectsRunTogetherAndTrailingCommasAreRead() {
        // The doc's form: no blank line between events, so one SSE event carries several objects.
        let text =
            "data: " + Self.message("A") + "\ndata: " + Self.message("B").replacingOccurrences(of: "}", with: ",}")
            + "\ndata: " + Self.messageEnd + "\n"
        let (events, decoder) = Self.decode(Array(text.utf8))
        #expect(Self.transcript(events).answerText == "AB")
        #expect(decoder.completion == .complete)
        #expect(decoder.skippedEvents == 0)
    }

    @Test func anSSEEventNameStandsInForAMissingEventField() {
        let text =
            "event: error\ndata: {\"code\": \"too_many_requests\", \"message\": \"Slow down\", \"status\": 429}\n\n"
        let (events, _) = Self.decode(Array(text.utf8))
        #expect(events == [.serverError("Slow down [too_many_requests]")])
    }
}

import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

/// Sections of the Dify fixtures in ../shared/fixtures.
enum DifyFixtureText {
    static let docName = "dify_service_api_doc_samples_template_chat_en.txt"
    static let realName = "dify_console_chat_stream_and_messages_2025-03_v0.15.3_real.txt"

    static func text(_ name: String) throws -> String {
        String(decoding: try #require(Fixtures.data(name), "fixture \(name) is missing"), as: UTF8.self)
    }

    /// The lines after the line starting with `start`, up to the next line starting with `end`
    /// (or the end), joined with newlines.
    static func section(_ text: String, from start: String, to end: String?) throws -> String {
        let lines = text.components(separatedBy: "\n")
        let first = try #require(lines.firstIndex { $0.hasPrefix(start) }, "no line starts with \(start)")
        let rest = lines[(first + 1)...]
        let last = end.flatMap { end in rest.firstIndex { $0.hasPrefix(end) } } ?? lines.endIndex
        return lines[(first + 1)..<last].joined(separator: "\n")
    }

    /// The doc's streaming sample as the doc prints it: `data:` lines, no blank lines.
    static func docStream() throws -> String {
        let section = try section(try text(docName), from: "### POST /chat-messages", to: "# NOTE (doc)")
        return section.components(separatedBy: "\n").filter { $0.hasPrefix("data:") }.joined(separator: "\n") + "\n"
    }

    /// The real capture's SSE part, as captured (the author's `......` line included).
    static func realStream() throws -> String {
        try section(try text(realName), from: "### (1) SSE", to: "### (2) JSON")
    }

    /// The real capture's console `GET …/chat-messages` JSON.
    static func realMessages() throws -> String {
        try section(try text(realName), from: "### (2) JSON", to: nil)
    }

    /// The doc's basic `GET /messages` sample (with its trailing comma).
    static func docMessages() throws -> String {
        try section(try text(docName), from: "### GET /messages?user", to: "# NOTE: the doc sample above")
    }

    /// The doc's agent `GET /messages` sample.
    static func docAgentMessages() throws -> String {
        try section(try text(docName), from: "### GET /messages  (Agent", to: "### GET /conversations")
    }

    /// The doc's `GET /conversations` sample.
    static func docConversations() throws -> String {
        try section(try text(docName), from: "### GET /conversations", to: "### POST /chat-messages/:task_id/stop")
    }
}

/// The Dify decoders on the doc samples and the real 0.15.3 capture. Expected values are
/// literals read off the files.
@Suite("Dify fixtures", .enabled(if: Fixtures.available))
struct DifyFixtureTests {
    static func decode(_ text: String, chunk: Int? = nil) -> (events: [StreamEvent], decoder: DifyStreamDecoder) {
        let bytes = Array(text.utf8)
        let chunks = chunk.map { DifyStreamDecoderTests.fixed(bytes, $0) } ?? [bytes]
        return DifyStreamDecoderTests.decode(chunks, parent: "user-1")
    }

    @Test(arguments: [nil, 1, 2, 7] as [Int?])
    func docStreamWithoutBlankLinesDecodes(chunk: Int?) throws {
        let (events, decoder) = Self.decode(try DifyFixtureText.docStream(), chunk: chunk)
        let transcript = DifyStreamDecoderTests.transcript(events)
        #expect(transcript.answerText == " I'm glad to meet you")
        #expect(decoder.answerMessageID == "5ad4cb98-f0c7-4085-b384-88c403be6290")
        #expect(decoder.conversationID == "45701982-8118-4bc5-8e9b-64562b4555f2")
        #expect(decoder.completion == .complete)
        #expect(
            decoder.usage
                == TokenUsage(
                    promptTokens: 1033, completionTokens: 135, totalTokens: 1168, latency: 1.381760165997548,
                    totalPrice: "0.0013030", currency: "USD"))
        // The tts event's other conversation id is not taken for the answer's.
        #expect(events.filter { if case .conversationID = $0 { true } else { false } }.count == 1)
        #expect(events.contains { if case .metadata("tts_message_end", _) = $0 { true } else { false } })
        let snapshot = try #require(decoder.answerSnapshot)
        #expect(snapshot.status == "finished_successfully")
        let resources = try #require(snapshot.metadata[DifyAnswerParts.retrieverResourcesKey]?.arrayValue)
        #expect(resources.first?["document_name"]?.stringValue == "iPhone List")
        #expect(decoder.skippedEvents == 0)
    }

    @Test func docStreamWithBlankLinesGivesTheSameEvents() throws {
        let doc = try DifyFixtureText.docStream()
        let spaced = doc.replacingOccurrences(of: "\n", with: "\n\n")
        let compact = Self.decode(doc)
        let real = Self.decode(spaced)
        #expect(real.events == compact.events)
        // Served with blank lines, each chunk is its own event: six appends.
        #expect(DifyStreamDecoderTests.transcript(real.events).appends == 6)
    }

    @Test(arguments: [nil, 1, 2, 7] as [Int?])
    func realCaptureDecodes(chunk: Int?) throws {
        let (events, decoder) = Self.decode(try DifyFixtureText.realStream(), chunk: chunk)
        #expect(DifyStreamDecoderTests.transcript(events).answerText == "It")
        #expect(decoder.taskID == "bb45861d-c453-4bca-ac22-09e9147bac57")
        #expect(decoder.conversationID == "0524ffca-4a81-41b9-ac1e-9c529200bf33")
        #expect(decoder.answerMessageID == "6ab5e1cc-8bf5-48c5-8a1f-4c5567fe16a7")
        #expect(
            decoder.usage
                == TokenUsage(
                    promptTokens: 80, completionTokens: 45, totalTokens: 125, latency: 0.9524665459994139,
                    totalPrice: "0.0000390", currency: "USD"))
        #expect(decoder.completion == .complete)
        #expect(decoder.closedProperly)
        #expect(events.last == .done)
        guard case .messageStarted(let started)? = events.dropFirst().first else {
            Issue.record("expected the answer to start second, got \(events.prefix(2))")
            return
        }
        #expect(started.parentID == "user-1")
        #expect(started.message.createTime == 1_740_830_608)
    }

    @Test func realCaptureCutBeforeMessageEndIsIncomplete() throws {
        let stream = try DifyFixtureText.realStream()
        let cut = try #require(stream.range(of: "data: {\"event\": \"message_end\""))
        let (events, decoder) = Self.decode(String(stream[..<cut.lowerBound]))
        #expect(DifyStreamDecoderTests.transcript(events).answerText == "It")
        #expect(decoder.completion == .incomplete(.noConfirmation))
    }

    @Test func realConsoleMessagesBuildOneTurn() throws {
        let history = try DifyHistory(
            conversationID: "0524ffca-4a81-41b9-ac1e-9c529200bf33",
            pageData: [Data(try DifyFixtureText.realMessages().utf8)])
        let c = history.conversation
        #expect(!history.isBranched)
        #expect(c.mapping.count == 3)
        let answer = try #require(c.mapping["6ab5e1cc-8bf5-48c5-8a1f-4c5567fe16a7"])
        #expect(answer.parent == "6ab5e1cc-8bf5-48c5-8a1f-4c5567fe16a7-query")
        #expect(answer.message?.content.streamedText.hasPrefix("It seems that your message is not clear.") == true)
        #expect(
            answer.message?.tokenUsage
                == TokenUsage(promptTokens: 80, completionTokens: 45, latency: 0.9878950329994041))
        #expect(answer.message?.status == "finished_successfully")
        #expect(c.mapping["6ab5e1cc-8bf5-48c5-8a1f-4c5567fe16a7-query"]?.message?.content.streamedText == "asdasdsad")
        #expect(c.mapping[DifyHistory.rootID]?.children == ["6ab5e1cc-8bf5-48c5-8a1f-4c5567fe16a7-query"])
        #expect(c.currentNode == "6ab5e1cc-8bf5-48c5-8a1f-4c5567fe16a7")
        #expect(c.createTime == 1_740_830_608)
        #expect(history.repairs.isEmpty)
    }

    @Test func docMessagesWithATrailingCommaAreRead() throws {
        let text = try DifyFixtureText.docMessages()
        #expect(throws: (any Error).self) { try FastJSON.parse(Data(text.utf8)) }
        let history = try DifyHistory(
            conversationID: "cd78daf6-f9e4-4463-9ff2-54257230a0ce", pageData: [Data(text.utf8)])
        let c = history.conversation
        #expect(c.mapping.count == 3)
        let user = try #require(c.mapping["a076a87f-31e5-48dc-b452-0061adbbc922-query"]?.message)
        #expect(user.content.streamedText == "iphone 13 pro")
        #expect(user.metadata[DifyAnswerParts.inputsKey] == .object(["name": .string("dify")]))
        let answer = try #require(c.mapping["a076a87f-31e5-48dc-b452-0061adbbc922"]?.message)
        #expect(answer.content.streamedText.hasPrefix("The iPhone 13 Pro, released on September 24, 2021"))
        #expect(
            answer.metadata[DifyAnswerParts.retrieverResourcesKey]?.arrayValue?.first?["score"] == .number(0.98457545))
        #expect(answer.metadata[DifyAnswerParts.feedbackKey] == nil)
        #expect(answer.createTime == 1_705_569_239)
    }

    @Test func docAgentMessagesKeepThoughtsAndFiles() throws {
        let history = try DifyHistory(
            conversationID: "957c068b-f258-4f89-ba10-6e8a0361c457",
            pageData: [Data(try DifyFixtureText.docAgentMessages().utf8)])
        let answer = try #require(history.conversation.mapping["d35e006c-7c4d-458f-9142-be4930abdf94"]?.message)
        #expect(
            answer.notes == [
                AnswerNote(
                    kind: "thought", label: "dalle2",
                    text: "Input: {\"dalle2\": {\"prompt\": \"cat\"}}\nObservation: image has been created and sent to "
                        + "user already, you should tell user to check it now."),
                AnswerNote(
                    kind: "thought", label: "",
                    text: "I have generated an image of a cat for you. Please check your messages to view the image."),
            ])
        let files = try #require(answer.metadata[DifyAnswerParts.filesKey]?.arrayValue)
        #expect(files.first?["id"]?.stringValue == "976990d2-5294-47e6-8f14-7356ba9d2d76")
        let user = history.conversation.mapping["d35e006c-7c4d-458f-9142-be4930abdf94-query"]?.message
        #expect(user?.metadata[DifyAnswerParts.filesKey] == nil)
        #expect(user?.content.streamedText == "draw a cat")
    }

    @Test func docConversationListIsRead() throws {
        let list = try DifyConversationList(data: Data(try DifyFixtureText.docConversations().utf8))
        #expect(
            list.items == [
                DifyConversationSummary(
                    id: "10799fb8-64f7-4296-bbf7-b42bfbe0ae54", name: "New chat", createTime: 1_679_667_915,
                    updateTime: 1_679_667_915, status: "normal")
            ])
        #expect(!list.hasMore)
        #expect(list.lastID == "10799fb8-64f7-4296-bbf7-b42bfbe0ae54")
        #expect(list.limit == 20)
    }
}

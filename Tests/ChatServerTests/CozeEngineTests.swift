import ChatModel
import ChatProtocol
import ChatServer
import ChatTestPeers
import ChatTestSupport
import Foundation
import Testing

/// Everything an engine's `pieces` stream gave, and its error.
struct CozePieces: Sendable {
    var pieces: [EnginePiece] = []
    var error: (any Error)?

    /// The answer the pieces build (text appended, replacements replacing).
    var text: String {
        pieces.reduce(into: "") { text, piece in
            switch piece {
            case .text(let chunk): text += chunk
            case .replaceText(let whole): text = whole
            default: break
            }
        }
    }

    var notes: [AnswerNote] {
        pieces.compactMap { if case .note(let note) = $0 { note } else { nil } }
    }

    var usage: TokenUsage? {
        pieces.compactMap { if case .usage(let usage) = $0 { usage } else { nil } }.last
    }

    var followUps: [String] {
        pieces.compactMap { if case .followUps(let list) = $0 { list } else { nil } }.last ?? []
    }

    var errorLine: String? { error.map { "\($0)" } }
}

func collect(_ engine: CozeEngine, _ request: EngineRequest) async -> CozePieces {
    var result = CozePieces()
    do {
        for try await piece in engine.pieces(request) { result.pieces.append(piece) }
    } catch {
        result.error = error
    }
    return result
}

func cozeRequest(_ texts: String..., action: EngineRequest.Action = .next) -> EngineRequest {
    EngineRequest(
        history: texts.enumerated().map { i, text in TextMessage(role: i % 2 == 0 ? .user : .assistant, text: text)
        },
        action: action)
}

/// `CozeEngine` against the in-test Coze peer over real HTTP.
@Suite("Coze engine", .enabled(if: Fixtures.available), .timeLimit(.minutes(2)))
struct CozeEngineTests {
    @Test func v3TextCaptureStreamsDeltasThenTheCompletedText() async throws {
        try await CozePeer.withEngine(botID: "text") { engine, calls in
            let got = await collect(engine, cozeRequest("What day is 2024-10-01?"))
            #expect(got.error == nil)
            #expect(
                got.pieces.prefix(5) == [
                    .text("2"), .text("0"), .text("星期三"), .text("。"),
                    .replaceText("2024 年 10 月 1 日是星期三。"),
                ])
            #expect(got.text == "2024 年 10 月 1 日是星期三。")
            let usage = try #require(got.usage)
            #expect(usage.promptTokens == 614 && usage.completionTokens == 19 && usage.totalTokens == 633)
            #expect(usage.latency != nil)

            let call = try #require(calls.all.first)
            #expect(call.path == "/v3/chat")
            #expect(call.authorization == "Bearer \(CozePeer.token)")
            #expect(call.body["bot_id"] == .string("text") && call.body["user_id"] == .string("chatterm"))
            #expect(call.body["stream"] == .bool(true) && call.body["auto_save_history"] == .bool(true))
            #expect(
                call.body["additional_messages"]
                    == .array([
                        .object([
                            "role": .string("user"), "content": .string("What day is 2024-10-01?"),
                            "content_type": .string("text"), "type": .string("question"),
                        ])
                    ]))
        }
    }

    @Test func richStreamGivesNotesFollowUpsAndUsage() async throws {
        try await CozePeer.withEngine(botID: "rich") { engine, calls in
            let got = await collect(engine, cozeRequest("Q1", "A1", "Q2"))
            #expect(got.error == nil)
            #expect(got.text == CozePeer.richAnswer(3))
            #expect(!got.pieces.contains { if case .replaceText = $0 { true } else { false } })
            // The `generate_answer_finish` verbose message only marks the end: no note.
            #expect(got.notes == [AnswerNote(kind: "reasoning", text: "Counting messages.")])
            #expect(got.followUps == ["Why are forests green?", "How old is the oldest tree?"])
            #expect(got.usage?.totalTokens == 30 && got.usage?.promptTokens == 20)
            #expect(
                calls.all.first?.messages.map { [$0["role"], $0["type"], $0["content"]] } == [
                    ["user", "question", "Q1"], ["assistant", "answer", "A1"], ["user", "question", "Q2"],
                ])
        }
    }

    @Test func workflowCaptureGivesTextAndUsageAndNoFinishNote() async throws {
        try await CozePeer.withEngine(botID: "workflow") { engine, _ in
            let got = await collect(engine, cozeRequest("How are you?"))
            #expect(got.error == nil)
            #expect(got.text == "I'm fine, thank you. How about you?")
            // Its verbose message is `generate_answer_finish` with finish_reason 0: the end, no note.
            #expect(got.notes.isEmpty)
            #expect(got.usage?.totalTokens == 32)
        }
    }

    @Test func legacyCaptureOverV2SendsQueryAndHistory() async throws {
        try await CozePeer.withEngine(botID: "old-bot", api: .v2) { engine, calls in
            let got = await collect(engine, cozeRequest("Q1", "A1", "Q2"))
            #expect(got.error == nil)
            #expect(got.text == "您好！我是鑫永恒CNC")
            #expect(got.notes.isEmpty)
            // No usage in the legacy form: the measured latency alone.
            #expect(got.usage?.totalTokens == nil && got.usage?.latency != nil)
            let call = try #require(calls.all.first)
            #expect(call.path == "/open_api/v2/chat")
            #expect(call.body["query"] == .string("Q2") && call.body["user"] == .string("chatterm"))
            #expect(call.body["chat_history"]?.arrayValue?.map { $0["content"]?.stringValue } == ["Q1", "A1"])
            #expect(call.body["stream"] == .bool(true))
        }
    }

    @Test(arguments: [
        ("failed", "Coze reported an error: event interval error (code 5000)", CozePeer.partial),
        ("error", "Coze reported an error: an error event without a message", CozePeer.partial),
        ("cutoff", "the Coze stream ended before it finished", CozePeer.partial),
        ("broken", "Coze answered 500 Internal Server Error: internal server error (code 5000)", ""),
        ("json", "Coze answered with an error: The bot is not published (code 4015)", ""),
    ])
    func failuresAreOneLineAfterThePartialText(bot: String, error: String, partial: String) async throws {
        try await CozePeer.withEngine(botID: bot) { engine, _ in
            let got = await collect(engine, cozeRequest("Hi"))
            #expect(got.text == partial)
            #expect(got.error as? EngineError == EngineError(error))
        }
    }

    @Test func aWrongKeyIsA401WithoutTheKey() async throws {
        try await CozePeer.withEngine(botID: "text", apiKey: "pat_wrong_secret") { engine, _ in
            let got = await collect(engine, cozeRequest("Hi"))
            #expect(got.errorLine == "Coze answered 401 Unauthorized: authentication is invalid (code 4100)")
            #expect(got.pieces.isEmpty)
        }
    }

    @Test func answerGivesTheTextChunksOnly() async throws {
        try await CozePeer.withEngine(botID: "rich") { engine, _ in
            var chunks: [String] = []
            for try await chunk in engine.answer(cozeRequest("Hi")) { chunks.append(chunk) }
            #expect(chunks.joined() == CozePeer.richAnswer(1))
        }
    }
}

/// `CozeEngine` without a peer: configuration, history, and secrets.
@Suite("Coze engine configuration")
struct CozeEngineConfigurationTests {
    @Test func anUnreachableServiceIsOneLineWithoutTheKey() async throws {
        let engine = try CozeEngine(baseURL: "http://127.0.0.1:1/", botID: "b", apiKey: "pat_secret_x")
        let got = await collect(engine, cozeRequest("Hi"))
        let line = try #require(got.errorLine)
        #expect(line.hasPrefix("cannot reach Coze at http://127.0.0.1:1/v3/chat: "))
        #expect(!line.contains("\n") && !line.contains("pat_secret_x"))
        #expect(!everyDescription(of: engine).contains("pat_secret_x"))
    }

    @Test func badConfigurationIsRejected() {
        #expect(throws: EngineError("the Coze base URL \"api.coze.com\" is not an http:// or https:// URL")) {
            try CozeEngine(baseURL: "api.coze.com", botID: "b", apiKey: nil)
        }
        #expect(throws: EngineError("the Coze bot id is empty")) {
            try CozeEngine(botID: "  ", apiKey: "k")
        }
    }

    @Test func endpointsAndModel() throws {
        #expect(
            CozeEngine.endpoint(base: "https://api.coze.cn/", api: .v3)?.absoluteString == "https://api.coze.cn/v3/chat"
        )
        #expect(
            CozeEngine.endpoint(base: "http://proxy:8080/coze", api: .v2)?.absoluteString
                == "http://proxy:8080/coze/open_api/v2/chat")
        #expect(
            CozeEngine.endpoint(base: "https://api.coze.com/v3/chat", api: .v3)?.absoluteString
                == "https://api.coze.com/v3/chat")
        #expect(CozeEngine.endpoint(base: "https://api.coze.com?x=1", api: .v3) == nil)
        let engine = try CozeEngine(botID: "7379462189365198898", apiKey: nil)
        #expect(engine.endpoint.absoluteString == "https://api.coze.com/v3/chat")
        #expect(engine.model.title == "Coze bot 7379462189365198898")
        #expect(engine.model.slug == "coze-bot-7379462189365198898" && engine.model.tags == ["coze"])
        #expect(try CozeEngine(botID: "b", apiKey: nil, model: "Helper").model.title == "Helper")
    }

    @Test func historyKeepsUserAndAssistantTextAndContinueAsks() {
        let history = [
            TextMessage(role: .system, text: "Be brief."), TextMessage(role: .user, text: "Q"),
            TextMessage(role: .tool, text: "out"), TextMessage(role: .assistant, text: ""),
            TextMessage(role: .assistant, text: "A partial"),
        ]
        #expect(
            CozeEngine.messages(for: EngineRequest(history: history))
                == [CozeMessage(role: "user", content: "Q"), CozeMessage(role: "assistant", content: "A partial")])
        let more = CozeEngine.messages(for: EngineRequest(history: history, action: .continue))
        #expect(more.last == CozeMessage(role: "user", content: OpenAICompatibleEngine.continueInstruction))
        #expect(more.count == 3)
    }

    @Test func titlesAreThePromptsFirstWords() async throws {
        let engine = try CozeEngine(botID: "b", apiKey: nil)
        #expect(
            try await engine.title(for: "Tell me all about forests and trees please") == "Tell me all about forests and"
        )
    }
}

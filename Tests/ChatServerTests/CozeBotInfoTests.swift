import ChatClient
import ChatServer
import ChatTestPeers
import Testing

/// A Coze profile's bot, named by Coze itself (`GET /v1/bot/get_online_info`), for `profiles
/// --check` and the profile picker; refusals in words, the token never in them.
@Suite("Coze bot info", .timeLimit(.minutes(2)))
struct CozeBotInfoTests {
    @Test(arguments: [CozeAPI.v3, .v2])
    func theBotIsNamedWhicheverChatAPIIsUsed(api: CozeAPI) async throws {
        try await CozePeer.withEngine(botID: "7380", api: api) { engine, _ in
            let account = try await engine.account()
            #expect(account == AccountInfo(app: CozePeer.botName, appKind: "bot"))
            #expect(account?.who == "the bot \(CozePeer.botName)")
        }
    }

    @Test func aRefusalIsOneLineWithoutTheToken() async throws {
        try await CozePeer.withEngine(botID: "missing") { engine, _ in
            await #expect(throws: EngineError("Coze refused: The bot_id was not published (code 4015)")) {
                try await engine.account()
            }
        }
        try await CozePeer.withEngine(botID: "7380", apiKey: "pat_wrong_secret") { engine, _ in
            do {
                _ = try await engine.account()
                Issue.record("a wrong token was not refused")
            } catch {
                #expect("\(error)".hasPrefix("Coze answered 401"), "\(error)")
                #expect(!"\(error)".contains("pat_wrong_secret"))
            }
        }
    }
}

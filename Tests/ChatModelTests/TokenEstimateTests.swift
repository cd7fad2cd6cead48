import ChatModel
import Testing

/// The token estimate behind the status line's `≈ tok/s` when a service reports no usage.
struct TokenEstimateTests {
    @Test func latinTextIsAboutFourCharactersAToken() {
        #expect(TokenEstimate.tokens(in: "Hello, world") == 3)
        #expect(TokenEstimate.tokens(in: "") == 0)
    }

    /// Text shaped like the Chinese answers of seed 001's Coze stream ("当然" …): each
    /// character about a token, not a quarter of one.
    @Test func cjkCharactersAreAboutATokenEach() {
        #expect(TokenEstimate.tokens(in: "当然") == 2)
        #expect(TokenEstimate.tokens(in: "ChatGPT问答") == 2 + 7.0 / 4)
        // Full-width punctuation, kana and Hangul count the same.
        #expect(TokenEstimate.tokens(in: "你好，世界！") == 6)
        #expect(TokenEstimate.tokens(in: "こんにちは") == 5)
        #expect(TokenEstimate.tokens(in: "안녕하세요") == 5)
        #expect(TokenEstimate.tokens(in: "🌳") == 1)
    }
}

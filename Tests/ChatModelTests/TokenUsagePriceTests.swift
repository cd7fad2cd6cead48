import ChatModel
import Testing

/// The price a service reports with an answer's usage (Dify `message_end` `metadata.usage`:
/// `"total_price": "0.0000390", "currency": "USD"`, as in ../shared/fixtures'
/// dify_console_chat_stream_and_messages_2025-03_v0.15.3_real.txt).
@Suite struct TokenUsagePriceTests {
    @Test func difysUsageKeepsItsPriceThroughTheMetadata() throws {
        let dify: JSONValue = .object([
            "prompt_tokens": .number(80), "completion_tokens": .number(45), "total_tokens": .number(125),
            "total_price": .string("0.0000390"), "currency": .string("USD"), "latency": .number(0.95),
        ])
        let usage = try #require(TokenUsage(json: dify))
        #expect(usage.totalPrice == "0.0000390" && usage.currency == "USD")
        #expect(TokenUsage(json: usage.json) == usage)
        #expect(usage.priceText == "0.000039 USD")
    }

    @Test func aPriceAloneIsAUsage() {
        let usage = TokenUsage(json: .object(["total_price": .string("12.50")]))
        #expect(usage?.priceText == "price 12.5")
    }

    @Test func whatIsNoPlainNumberOrCodeIsDropped() {
        let odd = TokenUsage(totalPrice: "1e5", currency: "U$D")
        #expect(odd.totalPrice == nil && odd.currency == nil && odd.priceText == nil)
        #expect(TokenUsage(totalPrice: "-1").totalPrice == nil)
        #expect(TokenUsage(totalPrice: "\u{1B}[31m1").totalPrice == nil)
        #expect(TokenUsage(totalPrice: "0.0000000", currency: "USD").priceText == nil)
    }
}

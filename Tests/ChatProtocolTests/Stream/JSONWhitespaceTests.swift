import ChatProtocol
import Testing

/// What a stream decoder trims from each event's data before parsing it as JSON.
@Suite struct JSONWhitespaceTests {
    @Test(arguments: [
        ("{\"a\":1}", "{\"a\":1}"),
        ("  {\"a\":1}\r\n", "{\"a\":1}"),
        ("\t[DONE]\n", "[DONE]"),
        (" \n\r\t ", ""),
        ("", ""),
        ("x", "x"),
        (" 中文 ", "中文"),
        ("\u{00A0}{}\u{00A0}", "\u{00A0}{}\u{00A0}"),
        ("{\"t\":\" inner  space \"}  ", "{\"t\":\" inner  space \"}"),
        (" 👍🏽", "👍🏽"),
    ])
    func trimsOnlyWhatJSONCallsWhitespace(input: String, expected: String) {
        #expect(input.trimmingJSONWhitespace() == expected)
    }

    @Test func aPayloadWithSpaceAroundItStillDecodes() {
        var decoder = OpenAIStreamDecoder()
        let item = decoder.decode(data: "  {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\r\n")
        guard case .chunk(let chunk) = item else {
            Issue.record("expected a chunk, got \(String(describing: item))")
            return
        }
        #expect(chunk.content == "Hi")
        #expect(decoder.decode(data: " [DONE] ") == .done)
    }
}

import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

@Suite struct FastJSONTests {
    func parse(_ s: String) throws -> JSONValue { try FastJSON.parse(Data(s.utf8)) }

    @Test func agreesWithTheFoundationDecoder() throws {
        let samples = [
            #"{"a":[1,-2.5,3e2,0.001,-0,1E-3,12345678901234567890],"b":{"c":null,"d":true,"e":false},"s":"x"}"#,
            #"["\u00e9\u4e2d\ud83d\ude00 \"q\" \\ \/ \b\f\n\r\t", "plain", "", "中文😀"]"#,
            #"  {"nested":[[[]],{}], "k":"v"}  "#,
            #"1730668722.7063372"#,
        ]
        for sample in samples {
            #expect(try parse(sample) == JSONDecoder().decode(JSONValue.self, from: Data(sample.utf8)), "\(sample)")
        }
    }

    @Test func decodesEscapes() throws {
        #expect(try parse(#""a\nb\"c\\d\u0041\ud83d\ude00""#) == .string("a\nb\"c\\dA😀"))
        // Lone surrogates become U+FFFD instead of failing.
        #expect(try parse(#""\ud800x""#) == .string("\u{FFFD}x"))
        #expect(try parse(#""\udc00""#) == .string("\u{FFFD}"))
        #expect(try parse(#""\ud800\u0041""#) == .string("\u{FFFD}A"))
    }

    @Test func numbersAreLocaleIndependentAndExact() throws {
        #expect(try parse("1730668722.7063372") == .number(1_730_668_722.7063372))
        #expect(try parse("-42") == .number(-42))
        #expect(try parse("2.5e-3") == .number(0.0025))
        #expect(try parse("123456789012345678901") == .number(123_456_789_012_345_678_901.0))
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\"}", "{\"a\":}", "[1 2]", "tru", "nul", "\"abc", "\"a\u{01}b\"", "01x", "-", "1.",
        "1e", "[] x", "{'a':1}", "\"\\x\"", "\"\\u12\"",
    ])
    func rejectsMalformedJSON(_ input: String) {
        #expect(throws: ConversationDecodingError.self) { try parse(input) }
    }

    @Test func limitsNesting() throws {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        #expect(throws: ConversationDecodingError.self) { try parse(deep) }
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(try parse(ok).arrayValue != nil)
    }

    @Test func decodesConversationsLikeConversationJSON() throws {
        let samples = [
            Fixtures.data("chatgpt_conversation_mapping_2023-04_branching_regen_and_edits_llmfarm.json"),
            Fixtures.data("chatgpt_conversation_detail_2023-06_gpt4_dangling_child_and_current_node.json"),
            Data(#"{"id":"x","title":null,"mapping":{"r":{"id":"r","children":[]}},"extra":[1,{"k":"中文"}]}"#.utf8),
        ].compactMap { $0 }
        for data in samples {
            #expect(
                try FastJSON.decodeConversation(data, fallbackID: "f")
                    == ConversationJSON.decode(JSONDecoder().decode(JSONValue.self, from: data), fallbackID: "f"))
        }
    }
}

import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

/// The OpenAI-compatible chunk parser on streams written here, split every possible way.
@Suite("OpenAI-compatible stream decoder")
struct OpenAIStreamDecoderTests {
    /// A stream in the shape PROTOCOL.md §7 describes: a role-only first chunk with
    /// `content: null`, text with CJK and an emoji, a reasoning chunk, the finish chunk with
    /// `delta: {}`, a usage-only chunk with `choices: []`, then `[DONE]`.
    static let stream = [
        #"{"id":"chatcmpl-1","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":null},"finish_reason":null}]}"#,
        #"{"id":"chatcmpl-1","choices":[{"index":0,"delta":{"reasoning_content":"think"},"finish_reason":null}]}"#,
        #"{"id":"chatcmpl-1","choices":[{"index":0,"delta":{"content":"Hello, "},"finish_reason":null}]}"#,
        #"{"id":"chatcmpl-1","choices":[{"index":0,"delta":{"content":"树 🌳\n"},"finish_reason":null}]}"#,
        #"{"id":"chatcmpl-1","choices":[{"index":0,"delta":{"content":"done."},"finish_reason":null}]}"#,
        #"{"id":"chatcmpl-1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#,
        #"{"id":"chatcmpl-1","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":5}}"#,
        "[DONE]",
    ]
    static let answer = "Hello, 树 🌳\ndone."

    static func sse(_ payloads: [String], lineEnd: String = "\n") -> [UInt8] {
        Array(payloads.map { "data: \($0)\(lineEnd)\(lineEnd)" }.joined().utf8)
    }

    static func decode(chunks: [[UInt8]]) -> (items: [OpenAIStreamItem], decoder: OpenAIStreamDecoder) {
        var parser = SSEParser()
        var decoder = OpenAIStreamDecoder()
        var items: [OpenAIStreamItem] = []
        for chunk in chunks {
            items += parser.feed(chunk).compactMap { decoder.decode($0) }
        }
        items += parser.finish().compactMap { decoder.decode($0) }
        return (items, decoder)
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func everySplitGivesTheSameAnswer(lineEnd: String) {
        let bytes = Self.sse(Self.stream, lineEnd: lineEnd)
        let whole = Self.decode(chunks: [bytes])
        #expect(whole.decoder.text == Self.answer)
        #expect(whole.decoder.reasoning == "think")
        #expect(whole.decoder.finishReason == "stop")
        #expect(whole.decoder.isDone && whole.decoder.isComplete)
        #expect(whole.decoder.skippedEvents == 0)
        #expect(whole.items.count == Self.stream.count)
        #expect(whole.items.last == .done)
        for cut in 1..<bytes.count {
            let split = Self.decode(chunks: [Array(bytes[..<cut]), Array(bytes[cut...])])
            #expect(split.items == whole.items, "split at byte \(cut)")
        }
        for seed in UInt64(1)...20 {
            var rng = SplitMix64(state: seed)
            var chunks: [[UInt8]] = []
            var i = 0
            while i < bytes.count {
                let n = Int.random(in: 1...7, using: &rng)
                chunks.append(Array(bytes[i..<min(i + n, bytes.count)]))
                i += n
            }
            #expect(Self.decode(chunks: chunks).items == whole.items, "seed \(seed)")
        }
    }

    @Test func firstChunkReadsRoleAndNullContent() throws {
        let chunk = try #require(OpenAIChatChunk(data: Self.stream[0]))
        #expect(chunk == OpenAIChatChunk(id: "chatcmpl-1", model: "m", role: "assistant"))
    }

    @Test func aStreamWithoutDoneOrFinishIsIncomplete() {
        let cut = Self.decode(chunks: [Self.sse(Array(Self.stream.prefix(4)))])
        #expect(cut.decoder.text == "Hello, 树 🌳\n")
        #expect(!cut.decoder.isComplete)
        let finishedNoDone = Self.decode(chunks: [Self.sse(Array(Self.stream.prefix(6)))])
        #expect(finishedNoDone.decoder.isComplete && !finishedNoDone.decoder.isDone)
    }

    @Test func errorsInsideTheStreamFail() {
        var decoder = OpenAIStreamDecoder()
        #expect(decoder.decode(data: Self.stream[2]) == .chunk(OpenAIChatChunk(id: "chatcmpl-1", content: "Hello, ")))
        let error = #"{"error":{"message":"The server had an error\nwhile processing","type":"server_error"}}"#
        #expect(decoder.decode(data: error) == .failed("The server had an error while processing"))
        #expect(decoder.error == "The server had an error while processing")
        #expect(decoder.text == "Hello, ")
        var named = OpenAIStreamDecoder()
        #expect(named.decode(SSEEvent(event: "error", data: "upstream overloaded")) == .failed("upstream overloaded"))
        #expect(named.decode(SSEEvent(event: "error", data: #"{"detail":"busy"}"#)) == .failed("busy"))
    }

    @Test func unknownPayloadsAreSkippedNotFatal() {
        var decoder = OpenAIStreamDecoder()
        #expect(decoder.decode(data: "not json") == nil)
        #expect(decoder.decode(data: #"{"object":"ping"}"#) == nil)
        #expect(decoder.decode(data: "  ") == nil)
        #expect(decoder.skippedEvents == 2)
        #expect(decoder.error == nil)
    }

    @Test func nonStreamingCompletionReadsAsOneChunk() throws {
        let json =
            #"{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Trees"},"finish_reason":"stop"}]}"#
        let chunk = try #require(OpenAIChatChunk(data: json))
        #expect(chunk.content == "Trees" && chunk.role == "assistant" && chunk.finishReason == "stop")
    }

    @Test func secondChoiceIsIgnored() throws {
        let json =
            #"{"choices":[{"index":1,"delta":{"content":"B"}},{"index":0,"delta":{"content":"A"},"finish_reason":null}]}"#
        #expect(try #require(OpenAIChatChunk(data: json)).content == "A")
    }

    @Test func errorBodies() {
        func message(_ json: String) -> String? { OpenAIErrorBody.message(in: Array(json.utf8)) }
        #expect(
            message(#"{"error":{"message":"Incorrect API key provided","type":"invalid_request_error"}}"#)
                == "Incorrect API key provided")
        #expect(message(#"{"error":"model 'llama9' not found"}"#) == "model 'llama9' not found")
        #expect(message(#"{"detail":"Not authenticated"}"#) == "Not authenticated")
        #expect(
            message(#"{"detail":[{"loc":["body","model"],"msg":"field required"},{"msg":"bad"}]}"#)
                == "field required; bad")
        #expect(message(#"{"message":"quota exceeded"}"#) == "quota exceeded")
        #expect(message(#"{"ok":true}"#) == nil)
        #expect(message("<html><body>502 Bad Gateway</body></html>") == nil)
        #expect(message("upstream connect error\nmore") == "upstream connect error")
        #expect(message("") == nil)
        let long = String(repeating: "x", count: 1000)
        #expect(message(#"{"detail":"\#(long)"}"#)?.count == OpenAIErrorBody.maxLength)
    }

    @Test(arguments: [
        ("http://127.0.0.1:11434", "http://127.0.0.1:11434/v1/chat/completions"),
        ("http://127.0.0.1:11434/", "http://127.0.0.1:11434/v1/chat/completions"),
        ("http://localhost:8080/v1", "http://localhost:8080/v1/chat/completions"),
        ("https://api.example.com/v1/", "https://api.example.com/v1/chat/completions"),
        ("https://api.example.com/v1/chat/completions", "https://api.example.com/v1/chat/completions"),
        ("https://example.com/openai", "https://example.com/openai/v1/chat/completions"),
    ])
    func endpointAcceptsUpstreamWithOrWithoutV1(upstream: String, endpoint: String) {
        #expect(OpenAIChatRequest.endpoint(forUpstream: upstream)?.absoluteString == endpoint)
    }

    @Test(arguments: ["127.0.0.1:11434", "ftp://host/v1", "http://", "", "http://host/v1?x=1"])
    func endpointRejectsWhatIsNotAnHTTPURL(upstream: String) {
        #expect(OpenAIChatRequest.endpoint(forUpstream: upstream) == nil)
    }

    @Test func requestBodyHasOnlyTheCommonFields() throws {
        let body = OpenAIChatRequest(
            model: "llama3", messages: [.init(role: "user", content: "a/b \"树\"")], stream: true)
        let json = try FastJSON.parse(body.jsonData())
        #expect(
            json
                == .object([
                    "model": .string("llama3"), "stream": .bool(true),
                    "messages": .array([.object(["role": .string("user"), "content": .string("a/b \"树\"")])]),
                ]))
    }
}

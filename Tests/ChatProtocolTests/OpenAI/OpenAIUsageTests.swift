import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

/// Token usage, llama.cpp timings and reasoning in OpenAI-compatible streams: on the
/// `openai_compat_*` captures (expected values are literals read off the files) and on
/// chunks written here in the shapes servers send.
@Suite("OpenAI-compatible usage and timings")
struct OpenAIUsageTests {
    static func text(_ name: String) throws -> String {
        String(decoding: try #require(Fixtures.data(name)), as: UTF8.self)
    }

    @Test(.enabled(if: Fixtures.available))
    func llamaCppNativeLastLineHasCountsAndTimings() throws {
        let lines = try Self.text("openai_compat_stream_llamacpp_v1_completions_ask-openai.txt")
            .split(separator: "\n").map(String.init)
        try #require(lines.count == 8)
        var decoder = OpenAIStreamDecoder()
        let chunks = lines.compactMap { line -> OpenAIChatChunk? in
            if case .chunk(let chunk)? = decoder.decode(data: line) { return chunk }
            return nil
        }
        try #require(chunks.count == 8)
        #expect(chunks.dropLast().allSatisfy { $0.usage == nil && $0.timings == nil })
        let last = try #require(chunks.last)
        #expect(last.usage == TokenUsage(promptTokens: 1963, completionTokens: 15))
        #expect(last.usage?.totalTokens == 1978)
        #expect(
            last.timings
                == OpenAITimings(
                    promptTokens: 1955, promptMilliseconds: 139.716, predictedTokens: 15, predictedMilliseconds: 88.739,
                    predictedPerSecond: 169.03503532832238))
        #expect(decoder.usage == last.usage && decoder.timings == last.timings)
    }

    @Test(.enabled(if: Fixtures.available))
    func vllmNullUsageAndOllamaGenerateCounters() throws {
        let notes = try Self.text("openai_compat_stream_vllm_notes_ask-openai.md")
        let blocks = notes.components(separatedBy: "```json").dropFirst().compactMap {
            $0.components(separatedBy: "```").first
        }
        try #require(blocks.count == 4)
        let chunks = try blocks.map { try #require(OpenAIChatChunk(data: $0)) }
        // Ollama /api/generate: nothing counted mid-answer; the done object counts and times it.
        #expect(chunks[0].usage == nil)
        #expect(
            chunks[1].usage == TokenUsage(promptTokens: 19, completionTokens: 12, latency: 131_193_100 / 1e9))
        // vLLM /v1/completions sends `"usage": null` on every chunk.
        #expect(chunks[2].usage == nil && chunks[3].usage == nil)
    }

    @Test(.enabled(if: Fixtures.available))
    func ollamaChatChunksCarryNoUsage() throws {
        let notes = try Self.text("openai_compat_stream_ollama_notes_ask-openai.md")
        let lines = notes.split(separator: "\n").filter { $0.hasPrefix("# data: ") }.map { $0.dropFirst(8) }
        try #require(lines.count == 3)
        #expect(try lines.map { try #require(OpenAIChatChunk(data: $0)) }.allSatisfy { $0.usage == nil })
    }

    /// llama.cpp's `/v1/chat/completions` final chunk: `usage` and `timings` beside the finish.
    static let llamaCppFinal =
        #"{"choices":[{"finish_reason":"stop","index":0,"delta":{}}],"created":1744445346,"id":"chatcmpl-x","model":"qwen","object":"chat.completion.chunk","usage":{"completion_tokens":12,"prompt_tokens":20,"total_tokens":32},"timings":{"prompt_n":20,"prompt_ms":31.5,"predicted_n":12,"predicted_ms":80.25,"predicted_per_second":149.53}}"#

    @Test func llamaCppChatFinalChunk() throws {
        let chunk = try #require(OpenAIChatChunk(data: Self.llamaCppFinal))
        #expect(chunk.finishReason == "stop" && chunk.content.isEmpty)
        #expect(chunk.usage == TokenUsage(promptTokens: 20, completionTokens: 12, totalTokens: 32))
        #expect(chunk.timings?.predictedTokens == 12 && chunk.timings?.predictedMilliseconds == 80.25)
    }

    @Test func openAIUsageChunkWithEmptyChoicesEndsTheStream() {
        let stream = [
            #"{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}"#,
            #"{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}],"usage":null}"#,
            #"{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"length"}],"usage":null}"#,
            #"{"id":"c","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":1,"total_tokens":10,"prompt_tokens_details":{"cached_tokens":0}}}"#,
            "[DONE]",
        ]
        var decoder = OpenAIStreamDecoder()
        let items = stream.compactMap { decoder.decode(data: $0) }
        #expect(items.count == 5)
        #expect(items[3] == .chunk(OpenAIChatChunk(id: "c", usage: TokenUsage(promptTokens: 9, completionTokens: 1))))
        #expect(decoder.text == "Hi" && decoder.finishReason == "length" && decoder.isDone)
        #expect(decoder.usage == TokenUsage(promptTokens: 9, completionTokens: 1, totalTokens: 10))
        #expect(decoder.skippedEvents == 0)
    }

    @Test func usageOrTimingsWithoutChoicesIsStillAChunk() throws {
        let usage = try #require(OpenAIChatChunk(data: #"{"id":"u","usage":{"prompt_tokens":4}}"#))
        #expect(usage.usage == TokenUsage(promptTokens: 4) && usage.finishReason == nil)
        let timings = try #require(OpenAIChatChunk(data: #"{"timings":{"predicted_n":7}}"#))
        #expect(timings.timings?.usage == TokenUsage(completionTokens: 7))
        #expect(OpenAIChatChunk(data: #"{"usage":null}"#) == nil)
        #expect(OpenAIChatChunk(data: #"{"usage":{}}"#) == nil)
    }

    @Test func reasoningFromEitherFieldIsKeptApart() {
        let stream = [
            #"{"choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"First, "},"finish_reason":null}]}"#,
            #"{"choices":[{"index":0,"delta":{"reasoning":"think."},"finish_reason":null}]}"#,
            #"{"choices":[{"index":0,"delta":{"content":"Answer."},"finish_reason":"stop"}]}"#,
        ]
        var decoder = OpenAIStreamDecoder()
        for payload in stream { _ = decoder.decode(data: payload) }
        #expect(decoder.reasoning == "First, think.")
        #expect(decoder.text == "Answer.")
        #expect(decoder.usage == nil && decoder.timings == nil)
    }

    @Test func requestAsksForUsageOnlyWhenStreaming() throws {
        let messages = [OpenAIChatRequest.Message(role: "user", content: "Hi")]
        let streamed = try FastJSON.parse(
            OpenAIChatRequest(model: "m", messages: messages, stream: true, includeUsage: true).jsonData())
        #expect(streamed["stream_options"] == .object(["include_usage": .bool(true)]))
        #expect(streamed["stream"] == .bool(true) && streamed["model"] == .string("m"))
        let whole = try FastJSON.parse(
            OpenAIChatRequest(model: "m", messages: messages, stream: false, includeUsage: true).jsonData())
        #expect(whole["stream_options"] == nil)
        let off = try FastJSON.parse(OpenAIChatRequest(model: "m", messages: messages, stream: true).jsonData())
        #expect(off["stream_options"] == nil)
    }

    /// Found by fuzzing (`Fuzz/run.sh openai`): a count too large for an Int trapped.
    @Test func countsTooLargeForAnIntAreUnknown() throws {
        let native = try #require(
            OpenAIChatChunk(data: #"{"content": "x", "stop": true, "tokens_evaluated": 5e99, "tokens_predicted": 5}"#))
        #expect(native.usage == TokenUsage(completionTokens: 5))
        let ollama = try #require(
            OpenAIChatChunk(data: #"{"response": "", "done": true, "prompt_eval_count": 1e300, "eval_count": 2}"#))
        #expect(ollama.usage == TokenUsage(completionTokens: 2))
        let chat = try #require(
            OpenAIChatChunk(
                data:
                    #"{"choices": [], "usage": {"prompt_tokens": -1e19, "completion_tokens": 1}, "timings": {"prompt_n": 1e19, "predicted_n": 3}}"#
            ))
        #expect(chat.usage == TokenUsage(completionTokens: 1))
        #expect(chat.timings == OpenAITimings(predictedTokens: 3))
        #expect(TokenUsage(promptTokens: Int.max, completionTokens: 1).totalTokens == nil)
    }

    @Test func usageRoundTripsThroughOpenAIJSON() {
        let usage = TokenUsage(promptTokens: 3, completionTokens: 4, latency: 1.5)
        #expect(
            usage.openAIJSON
                == .object([
                    "prompt_tokens": .number(3), "completion_tokens": .number(4), "total_tokens": .number(7),
                ]))
        #expect(TokenUsage(openAIUsage: usage.openAIJSON) == TokenUsage(promptTokens: 3, completionTokens: 4))
    }
}

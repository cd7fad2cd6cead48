import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

/// The chunk parser on the `openai_compat_*` captures in ../shared/fixtures. Expected values
/// are literals read off the files, not computed by the parser.
@Suite(.enabled(if: Fixtures.available))
struct OpenAIFixtureTests {
    static func text(_ name: String) throws -> String {
        String(decoding: try #require(Fixtures.data(name)), as: UTF8.self)
    }

    /// The bodies of the ```json blocks of a Markdown notes file.
    static func jsonBlocks(_ markdown: String) -> [String] {
        markdown.components(separatedBy: "```json").dropFirst().compactMap {
            $0.components(separatedBy: "```").first
        }
    }

    /// Each line as one SSE event (`data: ` prefixed, blank line after), so a pretty-printed
    /// block arrives as a multi-line `data` field.
    static func sse(_ payload: String) -> [UInt8] {
        let lines = payload.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return Array((lines.map { "data: \($0)\n" }.joined() + "\n").utf8)
    }

    static func decodeByteByByte(_ bytes: [UInt8]) -> (OpenAIStreamDecoder, [OpenAIStreamItem]) {
        var parser = SSEParser()
        var decoder = OpenAIStreamDecoder()
        var items: [OpenAIStreamItem] = []
        for byte in bytes {
            items += parser.feed([byte]).compactMap { decoder.decode($0) }
        }
        items += parser.finish().compactMap { decoder.decode($0) }
        return (decoder, items)
    }

    @Test func ollamaChatChunksAndToolCalls() throws {
        let notes = try Self.text("openai_compat_stream_ollama_notes_ask-openai.md")
        let blocks = Self.jsonBlocks(notes)
        try #require(blocks.count == 3)

        let (first, items) = Self.decodeByteByByte(Self.sse(blocks[0]))
        #expect(
            items == [
                .chunk(
                    OpenAIChatChunk(
                        id: "chatcmpl-768", model: "qwen2.5-coder:7b-instruct-q8_0", role: "assistant",
                        content: "My name is Ben Dover. How can I help you today?", finishReason: "stop"))
            ])
        #expect(first.isComplete && !first.isDone)

        let toolCall = try #require(OpenAIChatChunk(data: blocks[1]))
        #expect(toolCall.hasToolCalls && toolCall.content == "" && toolCall.finishReason == nil)
        let askForResults = try #require(OpenAIChatChunk(data: blocks[2]))
        #expect(!askForResults.hasToolCalls && askForResults.finishReason == "tool_calls")

        // The parallel tool call, quoted as `# data: {…}` lines: two tool chunks, then the finish.
        let dataLines = notes.split(separator: "\n").filter { $0.hasPrefix("# data: ") }.map { $0.dropFirst(2) }
        try #require(dataLines.count == 3)
        let stream = Array((dataLines.map { "\($0)\n\n" }.joined() + "data: [DONE]\n\n").utf8)
        let (decoder, streamItems) = Self.decodeByteByByte(stream)
        #expect(streamItems.count == 4 && streamItems.last == .done)
        let chunks = streamItems.compactMap { item -> OpenAIChatChunk? in
            if case .chunk(let chunk) = item { return chunk }
            return nil
        }
        #expect(chunks.map(\.hasToolCalls) == [true, true, false])
        #expect(chunks.allSatisfy { $0.id == "chatcmpl-18" && $0.role == "assistant" })
        #expect(decoder.text == "" && decoder.finishReason == "tool_calls" && decoder.isDone)
    }

    @Test func vllmCompletionsAndOllamaGenerate() throws {
        let blocks = Self.jsonBlocks(try Self.text("openai_compat_stream_vllm_notes_ask-openai.md"))
        try #require(blocks.count == 4)
        let chunks = try blocks.map { try #require(OpenAIChatChunk(data: $0)) }
        #expect(chunks[0].content == "\n" && chunks[0].finishReason == nil && chunks[0].model == "qwen2.5-coder:3b")
        #expect(chunks[1].content == "" && chunks[1].finishReason == "stop")
        #expect(
            chunks[2]
                == OpenAIChatChunk(
                    id: "cmpl-eec6b2c11daf423282bbc9b64acc8144", model: "Qwen/Qwen2.5-Coder-3B", content: "ob"))
        #expect(chunks[3].content == " and" && chunks[3].finishReason == "length")
    }

    @Test func llamaCppNativeCompletionLines() throws {
        let lines = try Self.text("openai_compat_stream_llamacpp_v1_completions_ask-openai.txt")
            .split(separator: "\n").map(String.init)
        try #require(lines.count == 8)
        var decoder = OpenAIStreamDecoder()
        let items = lines.compactMap { decoder.decode(data: $0) }
        #expect(items.count == 8)
        #expect(decoder.text == "/json\",\n            \"--verbose\",")
        #expect(decoder.finishReason == "stop" && decoder.isComplete)
        guard case .chunk(let last) = items.last else {
            Issue.record("the last line is not a chunk")
            return
        }
        #expect(last.model == "qwen2.5-coder:7b-base-q8_0")
    }
}

// libFuzzer entry `openai`: the input as an OpenAI-compatible answer stream, read as SSE and as
// NDJSON lines (Ollama), and as an error body.
// - The decoder's text and reasoning are exactly the chunks' own, in order; `[DONE]` sets isDone.
// - Failures and error bodies are one line of at most OpenAIErrorBody.maxLength characters.

import Foundation

enum FuzzOpenAI {
    static func run(_ input: UnsafeRawBufferPointer) {
        var parser = SSEParser()
        var sse = OpenAIStreamDecoder()
        var sseChunks = Chunks()
        for event in parser.feed(input) + parser.finish() {
            sseChunks.add(sse.decode(event), sse)
        }
        sseChunks.check(sse)
        var ndjson = OpenAIStreamDecoder()
        var lineChunks = Chunks()
        for line in input.split(separator: 0x0A) {
            lineChunks.add(ndjson.decode(data: String(decoding: line, as: UTF8.self)), ndjson)
        }
        lineChunks.check(ndjson)
        if let line = OpenAIErrorBody.message(in: UnsafeRawBufferPointer(input)) { check(line) }
        _ = OpenAIChatChunk(data: String(decoding: input, as: UTF8.self))
    }

    /// What the chunks said, to compare with what the decoder kept.
    struct Chunks {
        var text = ""
        var reasoning = ""

        mutating func add(_ item: OpenAIStreamItem?, _ decoder: OpenAIStreamDecoder) {
            switch item {
            case .chunk(let chunk)?:
                text += chunk.content
                reasoning += chunk.reasoning
            case .failed(let line)?: FuzzOpenAI.check(line)
            case .done?: if !decoder.isDone { fatalError("[DONE] without isDone") }
            case nil: break
            }
        }

        func check(_ decoder: OpenAIStreamDecoder) {
            if decoder.text != text || decoder.reasoning != reasoning {
                fatalError("the decoder's text is not the chunks'")
            }
            if let error = decoder.error { FuzzOpenAI.check(error) }
        }
    }

    static func check(_ line: String) {
        FuzzChecks.checkOneLine(line, "an error line")
        if line.count > OpenAIErrorBody.maxLength { fatalError("an error line is longer than the limit") }
    }
}

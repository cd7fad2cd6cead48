import ChatModel
import Foundation

/// What one event of an OpenAI-compatible stream means.
public enum OpenAIStreamItem: Sendable, Hashable {
    /// A chunk (it may add no text: role-only, usage-only and final chunks).
    case chunk(OpenAIChatChunk)
    /// `data: [DONE]`: the stream is complete.
    case done
    /// The server reported an error inside the stream; the message is one line.
    case failed(String)
}

/// Turns the SSE events of `POST /v1/chat/completions` with `stream: true` into
/// ``OpenAIStreamItem``s and keeps the running answer. Pure: feed it the events an
/// ``SSEParser`` produces (or NDJSON lines through ``decode(data:)``).
///
/// ```swift
/// var sse = SSEParser(), decoder = OpenAIStreamDecoder()
/// for event in sse.feed(bytes) {
///     if case .chunk(let chunk) = decoder.decode(event) { print(chunk.content, terminator: "") }
/// }
/// ```
public struct OpenAIStreamDecoder: Sendable {
    /// The answer text so far (the `content` of every chunk, in order).
    public private(set) var text = ""
    /// The reasoning text so far.
    public private(set) var reasoning = ""
    /// The last `finish_reason` seen.
    public private(set) var finishReason: String?
    /// The last token counts a chunk reported (`usage`, or a native shape's counters).
    public private(set) var usage: TokenUsage?
    /// The last llama.cpp `timings` a chunk carried.
    public private(set) var timings: OpenAITimings?
    /// Whether `[DONE]` arrived.
    public private(set) var isDone = false
    /// The first error the stream reported, if any.
    public private(set) var error: String?
    /// Events that were neither a chunk, `[DONE]` nor an error (kept for diagnostics).
    public private(set) var skippedEvents = 0

    /// Creates a decoder at the start of a stream.
    public init() {}

    /// Whether the answer ended properly: `[DONE]` arrived or a chunk gave a `finish_reason`.
    /// A stream that closes without either was cut off.
    public var isComplete: Bool { isDone || finishReason != nil }

    /// Decodes one SSE event; nil when it means nothing to a client (a comment-only or
    /// unknown event). An `event: error` block is an error whatever its payload.
    public mutating func decode(_ event: SSEEvent) -> OpenAIStreamItem? {
        if event.event == "error" {
            let json = try? FastJSON.parse(Data(event.data.utf8))
            let message =
                json.flatMap(OpenAIErrorBody.message(in:)) ?? OpenAIErrorBody.oneLine(event.data)
            return fail(message.isEmpty ? "error event without a message" : message)
        }
        return decode(data: event.data)
    }

    /// Decodes one `data:` payload (or one NDJSON line).
    public mutating func decode(data: String) -> OpenAIStreamItem? {
        let payload = data.trimmingJSONWhitespace()
        if payload.isEmpty { return nil }
        if payload == "[DONE]" {
            isDone = true
            return .done
        }
        guard let json = try? FastJSON.parse(Data(payload.utf8)) else {
            skippedEvents += 1
            return nil
        }
        if json["error"] != nil {
            return fail(OpenAIErrorBody.message(in: json) ?? "error without a message")
        }
        guard let chunk = OpenAIChatChunk(json: json) else {
            skippedEvents += 1
            return nil
        }
        text += chunk.content
        reasoning += chunk.reasoning
        if let reason = chunk.finishReason { finishReason = reason }
        if let reported = chunk.usage { usage = reported }
        if let reported = chunk.timings { timings = reported }
        return .chunk(chunk)
    }

    private mutating func fail(_ message: String) -> OpenAIStreamItem {
        if error == nil { error = message }
        return .failed(message)
    }
}

import ChatModel
import Foundation

/// One chunk of an OpenAI-compatible answer stream (PROTOCOL.md §7), reduced to what a
/// client shows: the text added, the reasoning added, and why the answer ended.
///
/// ``init(json:)`` reads `choices[0].delta` of `/v1/chat/completions` chunks and, because
/// servers behind an "OpenAI-compatible" URL send them too, the same facts from
/// neighbouring shapes (fixtures `openai_compat_*`):
///
/// | shape | text | end |
/// |---|---|---|
/// | chat chunk | `choices[0].delta.content` | `choices[0].finish_reason` |
/// | chat completion (non-streaming) | `choices[0].message.content` | `choices[0].finish_reason` |
/// | legacy `/v1/completions` | `choices[0].text` | `choices[0].finish_reason` |
/// | llama.cpp `/completion` | `content` | `stop: true` (`stop_type` `limit` → `length`) |
/// | Ollama `/api/generate`, `/api/chat` | `response`, `message.content` | `done: true` (`done_reason`) |
///
/// `content: null` (the first chunk of many servers) reads as "". Reasoning models put
/// their thinking in `delta.reasoning_content` (or `delta.reasoning`), kept apart in
/// ``reasoning``. Token counts come from `usage` (llama.cpp, vLLM and OpenAI send it on the
/// last chunk, OpenAI only when asked with `stream_options`, often in a chunk with
/// `choices: []`), else from the native shapes' counters (llama.cpp `tokens_evaluated` /
/// `tokens_predicted`, Ollama `prompt_eval_count` / `eval_count`); llama.cpp's `timings`
/// are kept in ``timings``.
public struct OpenAIChatChunk: Sendable, Hashable {
    /// The chunk's `id` (`chatcmpl-…`), when it has one.
    public var id: String?
    /// The model that wrote the chunk, when named.
    public var model: String?
    /// `delta.role`, usually only on the first chunk.
    public var role: String?
    /// The answer text this chunk adds ("" for none).
    public var content: String
    /// The reasoning text this chunk adds ("" for none).
    public var reasoning: String
    /// Why the answer ended (`stop`, `length`, `tool_calls`, `content_filter`, …), on the
    /// last chunk only.
    public var finishReason: String?
    /// Whether the chunk carries `tool_calls` (which a text client cannot run).
    public var hasToolCalls: Bool
    /// The tokens of the whole answer, when this chunk reports them (no latency).
    public var usage: TokenUsage?
    /// llama.cpp's `timings`, when this chunk carries them.
    public var timings: OpenAITimings?

    /// Creates a chunk.
    public init(
        id: String? = nil, model: String? = nil, role: String? = nil, content: String = "", reasoning: String = "",
        finishReason: String? = nil, hasToolCalls: Bool = false, usage: TokenUsage? = nil,
        timings: OpenAITimings? = nil
    ) {
        self.id = id
        self.model = model
        self.role = role
        self.content = content
        self.reasoning = reasoning
        self.finishReason = finishReason
        self.hasToolCalls = hasToolCalls
        self.usage = usage
        self.timings = timings
    }

    /// Reads a parsed chunk; nil when `json` is not an object or has none of the shapes in
    /// the table above (an error object is not a chunk: see ``OpenAIErrorBody``).
    public init?(json: JSONValue) {
        guard let object = json.objectValue, object["error"] == nil else { return nil }
        id = json["id"]?.stringValue
        model = json["model"]?.stringValue
        content = ""
        reasoning = ""
        hasToolCalls = false
        usage = TokenUsage(openAIUsage: json["usage"])
        timings = OpenAITimings(json: json["timings"])
        func count(_ key: String) -> Int? { json[key]?.doubleValue.flatMap(Int.init(jsonNumber:)) }
        if let choices = json["choices"]?.arrayValue {
            // `choices: []` is the usage-only chunk some servers send last: a chunk with no text.
            let choice = choices.first { ($0["index"]?.doubleValue ?? 0) == 0 } ?? .null
            let delta = choice["delta"] ?? choice["message"] ?? .null
            role = delta["role"]?.stringValue
            content = delta["content"]?.stringValue ?? choice["text"]?.stringValue ?? ""
            reasoning = delta["reasoning_content"]?.stringValue ?? delta["reasoning"]?.stringValue ?? ""
            hasToolCalls = !(delta["tool_calls"]?.arrayValue ?? []).isEmpty
            finishReason = choice["finish_reason"]?.stringValue
        } else if let stop = json["stop"]?.boolValue, let text = json["content"]?.stringValue {
            content = text
            finishReason = stop ? (json["stop_type"]?.stringValue == "limit" ? "length" : "stop") : nil
            if stop, usage == nil {
                let native = TokenUsage(
                    promptTokens: count("tokens_evaluated"), completionTokens: count("tokens_predicted"))
                usage = native == TokenUsage() ? nil : native
            }
        } else if let done = json["done"]?.boolValue {
            let message = json["message"] ?? .null
            role = message["role"]?.stringValue
            content = json["response"]?.stringValue ?? message["content"]?.stringValue ?? ""
            reasoning = json["thinking"]?.stringValue ?? message["thinking"]?.stringValue ?? ""
            finishReason = done ? (json["done_reason"]?.stringValue ?? "stop") : nil
            if done, usage == nil {
                let latency = json["total_duration"]?.doubleValue.map { $0 / 1e9 }
                let native = TokenUsage(
                    promptTokens: count("prompt_eval_count"), completionTokens: count("eval_count"), latency: latency)
                usage = native == TokenUsage() ? nil : native
            }
        } else if usage != nil || timings != nil {
            // A usage-only chunk without `choices`.
        } else {
            return nil
        }
    }

    /// Parses the JSON text of a chunk (an SSE `data:` payload or an NDJSON line); nil when
    /// it is not JSON or not a chunk.
    public init?(data: some StringProtocol) {
        guard let json = try? FastJSON.parse(Data(data.utf8)) else { return nil }
        self.init(json: json)
    }
}

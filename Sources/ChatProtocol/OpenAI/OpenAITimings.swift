import ChatModel

/// The `timings` object llama.cpp's server adds to the last chunk of an answer (on
/// `/v1/chat/completions` next to `usage`, on its native `/completion` instead of it):
/// how many prompt tokens it evaluated and answer tokens it predicted, and how long each took.
///
/// ```json
/// "timings": {"prompt_n": 1955, "prompt_ms": 139.716, "predicted_n": 15, "predicted_ms": 88.739,
///             "predicted_per_second": 169.035}
/// ```
public struct OpenAITimings: Sendable, Hashable {
    /// `prompt_n`: prompt tokens evaluated (cached ones left out).
    public var promptTokens: Int?
    /// `prompt_ms`: milliseconds spent on the prompt.
    public var promptMilliseconds: Double?
    /// `predicted_n`: answer tokens predicted.
    public var predictedTokens: Int?
    /// `predicted_ms`: milliseconds spent predicting.
    public var predictedMilliseconds: Double?
    /// `predicted_per_second`: answer tokens per second.
    public var predictedPerSecond: Double?

    /// Creates a timings record.
    public init(
        promptTokens: Int? = nil, promptMilliseconds: Double? = nil, predictedTokens: Int? = nil,
        predictedMilliseconds: Double? = nil, predictedPerSecond: Double? = nil
    ) {
        self.promptTokens = promptTokens
        self.promptMilliseconds = promptMilliseconds
        self.predictedTokens = predictedTokens
        self.predictedMilliseconds = predictedMilliseconds
        self.predictedPerSecond = predictedPerSecond
    }

    /// Reads a `timings` object; nil when `json` is not an object or holds none of the fields.
    public init?(json: JSONValue?) {
        guard let object = json?.objectValue else { return nil }
        let timings = OpenAITimings(
            promptTokens: object["prompt_n"]?.doubleValue.flatMap(Int.init(jsonNumber:)),
            promptMilliseconds: object["prompt_ms"]?.doubleValue,
            predictedTokens: object["predicted_n"]?.doubleValue.flatMap(Int.init(jsonNumber:)),
            predictedMilliseconds: object["predicted_ms"]?.doubleValue,
            predictedPerSecond: object["predicted_per_second"]?.doubleValue)
        guard timings != OpenAITimings() else { return nil }
        self = timings
    }

    /// The token counts as a usage record (no latency), for a server that sent timings
    /// but no `usage`.
    public var usage: TokenUsage {
        TokenUsage(promptTokens: promptTokens, completionTokens: predictedTokens)
    }
}

extension TokenUsage {
    /// Reads an OpenAI `usage` object (`prompt_tokens`, `completion_tokens`, `total_tokens`);
    /// nil for `null`, a non-object or one without any count.
    public init?(openAIUsage json: JSONValue?) {
        guard let object = json?.objectValue else { return nil }
        func count(_ key: String) -> Int? { object[key]?.doubleValue.flatMap(Int.init(jsonNumber:)) }
        let usage = TokenUsage(
            promptTokens: count("prompt_tokens"), completionTokens: count("completion_tokens"),
            totalTokens: count("total_tokens"))
        guard usage != TokenUsage() else { return nil }
        self = usage
    }

    /// The record as an OpenAI `usage` object; unknown counts are left out, `total_tokens`
    /// is the sum when only the parts are known. Latency is not part of it.
    public var openAIJSON: JSONValue {
        var object: [String: JSONValue] = [:]
        if let promptTokens { object["prompt_tokens"] = .number(Double(promptTokens)) }
        if let completionTokens { object["completion_tokens"] = .number(Double(completionTokens)) }
        if let totalTokens { object["total_tokens"] = .number(Double(totalTokens)) }
        return .object(object)
    }
}

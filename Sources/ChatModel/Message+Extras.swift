/// Tokens and time an answer took, as a service reports them (Dify `message_end`
/// `metadata.usage`, Coze `conversation.chat.completed` `usage`, an OpenAI-compatible
/// final chunk's `usage`).
public struct TokenUsage: Sendable, Hashable {
    /// Tokens of the prompt (history included), if reported.
    public var promptTokens: Int?
    /// Tokens of the answer, if reported.
    public var completionTokens: Int?
    /// All tokens, if reported (else the sum of the two above when both are known).
    public var totalTokens: Int?
    /// Seconds from request to the end of the answer, if reported or measured.
    public var latency: Double?

    /// Creates a usage record.
    public init(promptTokens: Int? = nil, completionTokens: Int? = nil, totalTokens: Int? = nil, latency: Double? = nil)
    {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        let sum = promptTokens.flatMap { p in completionTokens.map { p.addingReportingOverflow($0) } }
        self.totalTokens = totalTokens ?? (sum?.overflow == false ? sum?.partialValue : nil)
        self.latency = latency
    }

    /// The record as a metadata object (`prompt_tokens`, `completion_tokens`, `total_tokens`, `latency`).
    public var json: JSONValue {
        var o: [String: JSONValue] = [:]
        if let promptTokens { o["prompt_tokens"] = .number(Double(promptTokens)) }
        if let completionTokens { o["completion_tokens"] = .number(Double(completionTokens)) }
        if let totalTokens { o["total_tokens"] = .number(Double(totalTokens)) }
        if let latency { o["latency"] = .number(latency) }
        return .object(o)
    }

    /// Reads a metadata object written by ``json``; numbers may also be numeric strings
    /// (Dify sends `latency` as a number, prices as strings). Nil when nothing is known.
    public init?(json: JSONValue?) {
        guard let o = json?.objectValue else { return nil }
        func number(_ key: String) -> Double? {
            switch o[key] {
            case .number(let n)?: n
            case .string(let s)?: Double(s)
            default: nil
            }
        }
        let usage = TokenUsage(
            promptTokens: number("prompt_tokens").flatMap(Int.init(jsonNumber:)),
            completionTokens: number("completion_tokens").flatMap(Int.init(jsonNumber:)),
            totalTokens: number("total_tokens").flatMap(Int.init(jsonNumber:)), latency: number("latency"))
        guard usage != TokenUsage() else { return nil }
        self = usage
    }
}

/// A step an answer went through that is kept but not part of the answer text: a Dify
/// `agent_thought`, a Coze `verbose` message, a model's reasoning. Hidden unless asked for.
public struct AnswerNote: Sendable, Hashable {
    /// What kind of step: `thought` (agent thought / tool use), `verbose`, `reasoning`.
    public var kind: String
    /// A short label (the tool used, the verbose `msg_type`), possibly empty.
    public var label: String
    /// The step's text.
    public var text: String

    /// Creates a note.
    public init(kind: String, label: String = "", text: String) {
        self.kind = kind
        self.label = label
        self.text = text
    }

    /// The note as a metadata object.
    public var json: JSONValue {
        .object(["kind": .string(kind), "label": .string(label), "text": .string(text)])
    }

    /// Reads a note written by ``json``.
    public init?(json: JSONValue) {
        guard let o = json.objectValue, let text = o["text"]?.stringValue else { return nil }
        self.init(kind: o["kind"]?.stringValue ?? "note", label: o["label"]?.stringValue ?? "", text: text)
    }
}

/// What other services add to an answer, kept in the message's `metadata` under
/// `chatterm_*` keys so it survives the backend-api wire, the archive and exports alike.
extension Message {
    /// Metadata key of ``tokenUsage``.
    public static let usageKey = "chatterm_usage"
    /// Metadata key of ``followUps``.
    public static let followUpsKey = "chatterm_follow_ups"
    /// Metadata key of ``notes``.
    public static let notesKey = "chatterm_notes"
    /// Metadata key of ``errorText``.
    public static let errorKey = "chatterm_error"

    /// Tokens and latency of this answer, when the service reported them.
    public var tokenUsage: TokenUsage? {
        get { TokenUsage(json: metadata[Self.usageKey]) }
        set { metadata[Self.usageKey] = newValue?.json }
    }

    /// Suggested next prompts shown under the answer (Coze `follow_up`, Dify suggestions).
    public var followUps: [String] {
        get { metadata[Self.followUpsKey]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        set { metadata[Self.followUpsKey] = newValue.isEmpty ? nil : .array(newValue.map { .string($0) }) }
    }

    /// Steps kept but hidden by default (agent thoughts, verbose messages, reasoning).
    public var notes: [AnswerNote] {
        get { metadata[Self.notesKey]?.arrayValue?.compactMap(AnswerNote.init(json:)) ?? [] }
        set { metadata[Self.notesKey] = newValue.isEmpty ? nil : .array(newValue.map(\.json)) }
    }

    /// The service's error for this answer (a Dify message with `status: "error"`, a Coze
    /// `conversation.chat.failed`, a stream cut short). Shown styled as an error, not as answer text.
    public var errorText: String? {
        get { metadata[Self.errorKey]?.stringValue }
        set { metadata[Self.errorKey] = newValue.map { .string($0) } }
    }
}

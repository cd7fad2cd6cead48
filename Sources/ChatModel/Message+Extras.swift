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
    /// Metadata key of ``sources``.
    public static let sourcesKey = "chatterm_sources"
    /// Metadata key of ``feedback``.
    public static let feedbackKey = "chatterm_feedback"

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

    /// Sources the answer drew on that its text does not cite with markers (a Dify answer's
    /// knowledge-base documents), listed after the cited ones.
    public var sources: [SourceLink] {
        get { metadata[Self.sourcesKey]?.arrayValue?.compactMap(Citations.source(from:)) ?? [] }
        set { metadata[Self.sourcesKey] = newValue.isEmpty ? nil : .array(newValue.map(\.json)) }
    }

    /// Your thumb on the answer: `up` or `down` (the export's `message_feedback.json`, Dify's
    /// `feedback.rating` `like`/`dislike`).
    public var feedback: String? {
        get { metadata[Self.feedbackKey]?.stringValue }
        set { metadata[Self.feedbackKey] = newValue.map { .string($0) } }
    }
}

/// A message as the backend-api and exports carry it.
public struct Message: Sendable, Hashable {
    /// The message id (may differ from the id of the node holding it).
    public var id: String
    /// Who wrote it.
    public var author: Author
    /// Seconds since 1970, if known.
    public var createTime: Double?
    /// Seconds since 1970, if known.
    public var updateTime: Double?
    /// The content.
    public var content: MessageContent
    /// `in_progress`, `finished_successfully`, ... (absent in 2023 data).
    public var status: String?
    /// Whether the turn ended with this message.
    public var endTurn: Bool?
    /// The message weight (0 for hidden system messages in some exports).
    public var weight: Double?
    /// The metadata object, verbatim.
    public var metadata: [String: JSONValue]
    /// `all`, or the tool the message is addressed to.
    public var recipient: String?
    /// `final`, `commentary`, `analysis` or nil.
    public var channel: String?
    /// Every other field of the message, verbatim.
    public var extra: [String: JSONValue]

    /// Creates a message.
    public init(
        id: String, author: Author, createTime: Double? = nil, updateTime: Double? = nil,
        content: MessageContent, status: String? = nil, endTurn: Bool? = nil, weight: Double? = nil,
        metadata: [String: JSONValue] = [:], recipient: String? = nil, channel: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.author = author
        self.createTime = createTime
        self.updateTime = updateTime
        self.content = content
        self.status = status
        self.endTurn = endTurn
        self.weight = weight
        self.metadata = metadata
        self.recipient = recipient
        self.channel = channel
        self.extra = extra
    }

    /// The model that wrote it, if recorded.
    public var modelSlug: String? { metadata["model_slug"]?.stringValue }

    /// Whether the message is reasoning (`thoughts`, `reasoning_recap`), shown only on request.
    public var isReasoning: Bool {
        switch content.kind {
        case .thoughts, .reasoningRecap: true
        default: false
        }
    }

    /// Whether the message is never shown as part of the conversation: system messages,
    /// visually hidden ones, tool traffic, custom instructions and memory, commentary,
    /// system errors (shown with the answer instead), and empty system text. Reasoning is not hidden here: the tree shows it on request.
    public var isHidden: Bool {
        if metadata["is_visually_hidden_from_conversation"]?.boolValue == true { return true }
        switch author.role {
        case .system, .tool: return true
        default: break
        }
        switch content.kind {
        // A system error is shown as the error of the answer it concerns (`Turn.errorText`).
        case .userEditableContext, .modelEditableContext, .systemError: return true
        default: break
        }
        if let recipient, recipient != "all" { return true }
        if channel == "commentary" { return true }
        if author.role == .assistant, content.kind == .code { return true }
        return false
    }
}

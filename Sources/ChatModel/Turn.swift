/// One message as the reader sees it on the visible path: a visible node, or several consecutive
/// assistant nodes joined into one answer (see `ConversationTree.turns(to:showReasoning:)`).
public struct Turn: Sendable, Hashable, Identifiable {
    /// The first node of the turn; siblings and `‹i/n›` are those of this node.
    public var id: String
    /// The nodes joined into this turn, in path order (one, or more for a continued answer).
    public var nodeIDs: [String]
    /// The author of the first node.
    public var author: Author
    /// The display text of the joined nodes (non-text parts as placeholders like `[image: file-xyz]`).
    public var text: String
    /// Whether the turn is reasoning (`thoughts`, `reasoning_recap`).
    public var isReasoning: Bool
    /// The 1-based position among the first node's siblings.
    public var siblingIndex: Int
    /// How many siblings the first node has, itself included.
    public var siblingCount: Int
    /// The model of the last joined node that records one.
    public var modelSlug: String?
    /// The create time of the first node.
    public var createTime: Double?
    /// The status of the last joined node that records one.
    public var status: String?
    /// Steps kept but hidden by default (agent thoughts, verbose messages), of every joined node.
    public var notes: [AnswerNote] = []
    /// Suggested next prompts of the last joined node.
    public var followUps: [String] = []
    /// The service's error for the last joined node, shown styled as an error.
    public var errorText: String?
    /// Token usage and latency of the last joined node that reports them.
    public var usage: TokenUsage?
    /// How the last joined node ended when it did not simply finish (stopped, interrupted,
    /// cut at the length limit); see ``Message/ending``.
    public var ending: AnswerEnding?
    /// The sources the text cites, `[1]` first (its citation markers are already `[n]`).
    public var sources: [SourceLink] = []
    /// Whether the first node is an answer of a "which response do you prefer?" comparison that
    /// the conversation itself did not keep (read from the export's `model_comparisons.json`).
    public var isComparedAnswer = false
    /// Your thumb on the last joined node (`up`, `down`), as the export's `message_feedback.json`
    /// recorded it.
    public var feedback: String?
    /// The files of the joined nodes, and the images a tool generated for this answer.
    public var attachments: [Attachment] = []
    /// The label the reader put on the turn's first node here (``MessageMark``), if any.
    public var label: String?
    /// Whether the reader bookmarked the turn's first node here.
    public var isBookmarked = false

    /// Creates a turn.
    public init(
        id: String, nodeIDs: [String], author: Author, text: String, isReasoning: Bool = false,
        siblingIndex: Int = 1, siblingCount: Int = 1, modelSlug: String? = nil, createTime: Double? = nil,
        status: String? = nil
    ) {
        self.id = id
        self.nodeIDs = nodeIDs
        self.author = author
        self.text = text
        self.isReasoning = isReasoning
        self.siblingIndex = siblingIndex
        self.siblingCount = siblingCount
        self.modelSlug = modelSlug
        self.createTime = createTime
        self.status = status
    }
}

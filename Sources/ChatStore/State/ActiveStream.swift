import ChatClient
import ChatModel
import ChatProtocol

/// An answer streaming in: what was asked, where it lands, and the figures the status bar shows.
public struct ActiveStream: Sendable, Hashable {
    /// The request (its `websocketRequestID` names the stream).
    public var request: ChatRequest
    /// The conversation; nil until the server names a new one.
    public var conversationID: String?
    /// The local key of the open conversation the answer lands in: the conversation id, or
    /// ``AppState/pendingConversationPrefix`` + the request id for a new chat.
    public var openKey: String
    /// The answer's message id, once it started.
    public var answerID: String?
    /// The answer's text so far (for `continue`, the text it continues is not counted).
    public var answerCharacters = 0
    /// When the request was sent (seconds, monotonic).
    public var startedAt: Double
    /// When the first answer text arrived.
    public var firstTextAt: Double?
    /// When the latest answer text arrived.
    public var lastTextAt: Double?
    /// How the answer is carried (`SSE`, `WebSocket`, ...).
    public var transport: String?
    /// Set once Esc/Ctrl-C asked the server to stop.
    public var stopping = false
    /// How the stream ended, once it did.
    public var completion: StreamCompletion?
    /// The title the stream generated, if any.
    public var title: String?
    /// Whether the server answered with any event (so it has the user's message).
    public var acknowledged = false
    /// Why the stream failed, if it did.
    public var failure: String?
    /// The user message this request sent (id, text), to restore it if the server never got it.
    public var userMessage: TextMessage?

    /// Where the answer hangs when the stream does not say: under the sent message (`next`),
    /// the prompt (`variant`) or the continued answer (`continue`).
    public var expectedParent: String {
        request.messages.first?.id ?? request.parentMessageID
    }

    /// The stream's id.
    public var id: String { request.websocketRequestID }

    /// Time to first token, in seconds.
    public var timeToFirstText: Double? { firstTextAt.map { $0 - startedAt } }

    /// The answer's tokens so far, estimated from its text (``TokenEstimate``).
    public var estimatedTokens: Double = 0
    /// The answer's tokens as the service reported them (its usage's completion tokens), once it did.
    public var reportedTokens: Int?

    /// The answer's speed from its first text to its latest: the service's token count when it
    /// reported one, else the estimate.
    public var speed: AnswerSpeed? {
        guard let first = firstTextAt, let last = lastTextAt, last - first > 0.05 else { return nil }
        if let reportedTokens { return AnswerSpeed(tokensPerSecond: Double(reportedTokens) / (last - first)) }
        return AnswerSpeed(tokensPerSecond: estimatedTokens / (last - first), isEstimate: true)
    }

    /// Creates a stream for a request about to be sent.
    public init(request: ChatRequest, openKey: String, startedAt: Double) {
        self.request = request
        self.conversationID = request.conversationID
        self.openKey = openKey
        self.startedAt = startedAt
    }
}

/// What the chat backend is, for the status bar and the model picker.
public struct BackendInfo: Sendable, Hashable {
    /// A short name (`local`, `chatgpt`, a profile name).
    public var name: String
    /// The archive source its conversations are cached under.
    public var sourceName: String
    /// The model to send; nil lets the server choose.
    public var model: String?
    /// The protocol (`chatgpt`, `dify`, `coze`, `openai`, `local`), when known.
    public var kind: String?
    /// Who its token signs in ("Ada <ada@example.com>"), when the token says (never the token).
    public var account: String?
    /// When its token runs out (seconds since 1970), when the token says.
    public var tokenExpires: Double?
    /// Whether the service was asked who the profile signs in as this session (the picker asks
    /// once, when it first opens on this profile).
    public var accountAsked = false

    /// Creates backend info.
    public init(
        name: String, sourceName: String, model: String? = nil, kind: String? = nil, account: String? = nil,
        tokenExpires: Double? = nil
    ) {
        self.name = name
        self.sourceName = sourceName
        self.model = model
        self.kind = kind
        self.account = account
        self.tokenExpires = tokenExpires
    }
}

extension MessageContent {
    /// The content with its streamed text replaced (``streamedText`` becomes `text`): one
    /// text part for `text`/`multimodal_text` (object parts kept before it), else the `text` field.
    func replacingStreamedText(_ text: String) -> MessageContent {
        var copy = self
        if type == "text" || type == "multimodal_text" || !parts.isEmpty {
            let objects = parts.filter { if case .object = $0 { true } else { false } }
            copy.parts = objects + [.text(text)]
        } else {
            copy.text = text
        }
        return copy
    }
}

import ChatClient
import ChatModel

/// What an engine is asked to do.
public struct EngineRequest: Sendable, Hashable {
    /// What to produce: the same actions a client sends (``ChatAction``).
    public typealias Action = ChatAction

    /// The conversation so far, oldest first: the path from the root to the parent of the
    /// answer, hidden messages left out.
    public var history: [TextMessage]
    /// What to produce.
    public var action: Action
    /// How many answers the parent already has (0 for the first), so a variant can differ.
    public var attempt: Int

    /// Creates a request.
    public init(history: [TextMessage], action: Action = .next, attempt: Int = 0) {
        self.history = history
        self.action = action
        self.attempt = attempt
    }

    /// The text of the last user message, or "" when there is none.
    public var prompt: String {
        history.last(where: { $0.role == .user })?.text ?? ""
    }
}

/// Something that answers: the offline stand-in, an OpenAI-compatible upstream, a local
/// command. The server turns its text chunks into the wire stream.
public protocol AnswerEngine: Sendable {
    /// The model the engine answers as.
    var model: ModelInfo { get }

    /// The answer as text chunks, in order. Cancelling the consuming task stops the engine.
    func answer(_ request: EngineRequest) -> AsyncThrowingStream<String, any Error>

    /// The answer as pieces: text, and whatever else the service reports (usage,
    /// follow-ups, hidden notes). The default wraps ``answer(_:)``; the server consumes this.
    func pieces(_ request: EngineRequest) -> AsyncThrowingStream<EnginePiece, any Error>

    /// A short title for a conversation that starts with `prompt`.
    func title(for prompt: String) async throws -> String

    /// Who answers, as the service says (a Coze bot's name); nil when it says nothing of it.
    func account() async throws -> AccountInfo?
}

extension AnswerEngine {
    /// Nothing: the engine has no account to ask about.
    public func account() async throws -> AccountInfo? { nil }
}

/// One thing an engine reports while it answers: text, or what a service adds to an
/// answer besides text (kept in the answer's metadata, see `Message+Extras`).
public enum EnginePiece: Sendable, Hashable {
    /// More answer text.
    case text(String)
    /// The whole answer text so far, replacing what was sent (Coze `message.completed`
    /// differing from its deltas, Dify `message_replace`).
    case replaceText(String)
    /// Tokens and latency of the answer.
    case usage(TokenUsage)
    /// Suggested next prompts.
    case followUps([String])
    /// A step kept but hidden by default (verbose message, agent thought, reasoning).
    case note(AnswerNote)
    /// The service ended the answer at its length limit (OpenAI-compatible `finish_reason:
    /// "length"`, Ollama `done_reason: "length"`): kept as `finish_details` `max_tokens`, so the
    /// pane, `show` and `send --json` say it was cut.
    case cutAtLengthLimit
}

extension EnginePiece {
    /// The text chunks of `pieces`, the rest dropped. A `replaceText` (a rewrite of text
    /// already sent) cannot be told as chunks and is dropped too.
    public static func texts(
        of pieces: AsyncThrowingStream<EnginePiece, any Error>
    ) -> AsyncThrowingStream<String, any Error> {
        .mapping(pieces) { piece in
            if case .text(let chunk) = piece { chunk } else { nil }
        }
    }
}

extension AnswerEngine {
    /// The answer as pieces; engines that only produce text get this wrapping of ``answer(_:)``.
    public func pieces(_ request: EngineRequest) -> AsyncThrowingStream<EnginePiece, any Error> {
        .mapping(answer(request)) { .text($0) }
    }
}

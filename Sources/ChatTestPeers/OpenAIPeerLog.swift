import ChatModel
import ChatServer

/// One request the OpenAI-compatible peer received.
public struct OpenAICall: Sendable, Hashable {
    /// The `model` asked for (it picks the peer's behaviour).
    public var model: String
    /// Whether the answer was to be streamed.
    public var stream: Bool
    /// Whether `stream_options.include_usage` was set.
    public var includeUsage: Bool
    /// The messages, each as its string fields.
    public var messages: [[String: String]]
    /// The `Authorization` header.
    public var authorization: String?
    /// The whole request body.
    public var body: JSONValue
}

/// What the OpenAI-compatible peer was asked, and what it saw happen (`hang ended`).
public final class OpenAIPeerLog: Sendable {
    private let recorded = Recorder<OpenAICall>()
    private let noted = Recorder<String>()

    /// Nothing asked yet.
    public init() {}

    /// Records a call and returns its number (the first is 1).
    func record(_ call: OpenAICall) -> Int { recorded.record(call) }
    func note(_ event: String) { noted.record(event) }

    /// Every call, in order.
    public var calls: [OpenAICall] { recorded.all }
    /// What the peer saw, in order.
    public var events: [String] { noted.all }
    /// The calls for answers (title requests left out).
    public var answerCalls: [OpenAICall] {
        calls.filter { $0.messages.first?["content"] != OpenAICompatibleEngine.titleInstruction }
    }
}

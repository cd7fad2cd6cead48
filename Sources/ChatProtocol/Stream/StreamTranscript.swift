import ChatModel

/// The text of each message as a consumer of ``StreamEvent``s sees it: what a store does with
/// the events, in its simplest form. Used by tests and replay to check the events alone rebuild
/// the answer.
public struct StreamTranscript: Sendable {
    /// The streamed text of every message started, by id.
    public private(set) var texts: [String: String] = [:]
    /// The ids of the messages started, in order (an id appears again if a message with the
    /// same id restarts, as in redacted captures).
    public private(set) var started: [String] = []
    /// The current answer message, if any.
    public private(set) var answerID: String?
    /// The latest title.
    public private(set) var title: String?
    /// How many text events appended a suffix.
    public private(set) var appends = 0
    /// How many text events replaced the whole text.
    public private(set) var replaces = 0
    /// Whether ``StreamEvent/done`` arrived.
    public private(set) var done = false

    /// Creates an empty transcript.
    public init() {}

    /// The answer's text ("" when no answer started).
    public var answerText: String { answerID.flatMap { texts[$0] } ?? "" }

    /// Applies one event.
    public mutating func apply(_ event: StreamEvent) {
        switch event {
        case .messageStarted(let started):
            let id = started.message.id
            texts[id] = started.message.content.streamedText
            self.started.append(id)
            if started.kind == .answer { answerID = id }
        case .textAppended(let id, let suffix):
            texts[id, default: ""] += suffix
            appends += 1
        case .textReplaced(let id, let text):
            texts[id] = text
            replaces += 1
        case .messageUpdated(let message):
            if StreamMessageKind(classifying: message) == .answer {
                answerID = message.id
            } else if answerID == message.id {
                answerID = nil
            }
        case .title(let title):
            self.title = title
        case .done:
            done = true
        case .messageFinished, .conversationID, .moderation, .serverError, .metadata:
            break
        }
    }
}

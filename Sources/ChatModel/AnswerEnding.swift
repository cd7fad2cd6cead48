/// How an answer ended when it did not simply finish: what the pane, `chatterm show` and
/// Markdown exports mark under it, so a cut or stopped answer never looks complete.
public enum AnswerEnding: Sendable, Hashable {
    /// The reader stopped it (Esc, `stop_conversation`).
    case stopped
    /// It ended before it was finished for another reason: a dropped connection, an engine
    /// error, or a process that ended mid-answer and left it `in_progress`.
    case interrupted
    /// The model reached its length limit (`finish_details` `max_tokens`, OpenAI `length`):
    /// `continue` picks it up.
    case cutAtLengthLimit

    /// The mark in words, as one line.
    public var sentence: String {
        switch self {
        case .stopped: "stopped before it was finished"
        case .interrupted: "interrupted: the answer was cut off before it was finished"
        case .cutAtLengthLimit: "cut at the length limit"
        }
    }

    /// The ending as `chatterm send --json` names it in its `finish` field: `stopped`,
    /// `interrupted` or `length` (a finished answer is `stop`).
    public var finishName: String {
        switch self {
        case .stopped: "stopped"
        case .interrupted: "interrupted"
        case .cutAtLengthLimit: "length"
        }
    }
}

extension Message {
    /// How this answer ended, when not simply finished: `finish_details` of type
    /// `interrupted` (or status `finished_partial_completion`) is ``AnswerEnding/stopped`` when
    /// the reader stopped it and ``AnswerEnding/interrupted`` otherwise; `max_tokens` or
    /// `length` is ``AnswerEnding/cutAtLengthLimit``; a status still `in_progress` is
    /// ``AnswerEnding/interrupted`` (whoever streams an answer knows it is live and ignores
    /// this). Nil for finished answers, messages of other authors and 2023 data without status.
    public var ending: AnswerEnding? {
        guard author.role == .assistant else { return nil }
        let details = metadata["finish_details"]
        switch details?["type"]?.stringValue {
        case "max_tokens", "length": return .cutAtLengthLimit
        case "interrupted":
            return details?["reason"]?.stringValue == "client_stopped" ? .stopped : .interrupted
        default: break
        }
        switch status {
        case "in_progress": return .interrupted
        case "finished_partial_completion": return .interrupted
        default: return nil
        }
    }
}

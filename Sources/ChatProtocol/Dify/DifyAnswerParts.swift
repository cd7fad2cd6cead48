import ChatModel
import Foundation

/// The pieces of a Dify answer that the stream and the message history share, so a streamed
/// answer and the same answer fetched later read alike.
public enum DifyAnswerParts {
    /// Metadata key of the answer's knowledge-base citations (`retriever_resources`).
    public static let retrieverResourcesKey = "dify_retriever_resources"
    /// Metadata key of a message's `feedback` (`{"rating": "like"}`), when it has one.
    public static let feedbackKey = "dify_feedback"
    /// Metadata key of a message's files (`message_files`) that belong to it.
    public static let filesKey = "dify_message_files"
    /// Metadata key of the app inputs a prompt was sent with (`inputs`), when not empty.
    public static let inputsKey = "dify_inputs"

    /// The note of one `agent_thought` object: kind `thought`, labelled with its `tool`; the
    /// text is the thought, then (when a tool was used) `Input: …` and `Observation: …` lines.
    /// Nil when the thought has neither text nor a tool yet.
    public static func note(thought: JSONValue) -> AnswerNote? {
        func field(_ key: String) -> String {
            (thought[key]?.stringValue ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let tool = field("tool")
        var lines: [String] = []
        let text = field("thought")
        if !text.isEmpty { lines.append(text) }
        if !tool.isEmpty {
            let input = field("tool_input")
            if !input.isEmpty { lines.append("Input: \(input)") }
            let observation = field("observation")
            if !observation.isEmpty { lines.append("Observation: \(observation)") }
        }
        guard !lines.isEmpty || !tool.isEmpty else { return nil }
        return AnswerNote(kind: "thought", label: tool, text: lines.joined(separator: "\n"))
    }

    /// The notes of an `agent_thoughts` array, in `position` order (array order for ties).
    public static func notes(_ thoughts: [JSONValue]) -> [AnswerNote] {
        thoughts.enumerated()
            .sorted { (position($0.element) ?? $0.offset, $0.offset) < (position($1.element) ?? $1.offset, $1.offset) }
            .compactMap { note(thought: $0.element) }
    }

    /// A thought's `position`, if it has one.
    static func position(_ thought: JSONValue) -> Int? {
        integer(thought["position"])
    }

    /// A number, or a numeric string, as an integer.
    static func integer(_ value: JSONValue?) -> Int? {
        switch value {
        case .number(let n)?: Int(jsonNumber: n)
        case .string(let s)?: Int(s)
        default: nil
        }
    }

    /// A non-empty string value.
    static func string(_ value: JSONValue?) -> String? {
        guard let s = value?.stringValue, !s.isEmpty else { return nil }
        return s
    }

    /// Whether a value carries something: not null, not an empty array or object, not "".
    static func isPresent(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?: false
        case .array(let a)?: !a.isEmpty
        case .object(let o)?: !o.isEmpty
        case .string(let s)?: !s.isEmpty
        default: true
        }
    }
}

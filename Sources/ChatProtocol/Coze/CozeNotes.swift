import ChatModel
import Foundation

/// Coze's `verbose` messages and tool steps as notes a person can read. Their content is JSON,
/// often with JSON in a string inside (seed 001: `{"msg_type":"time_capsule_recall","data":
/// "{\"wraped_text\":\"\",\"origin_search_results\":\"[]\"}"}`): it is parsed, every level of
/// it, and what it says is written as `field: value` (the field's words, not its identifier's
/// underscores), empty fields left out.
public enum CozeNotes {
    /// The note of a `verbose` message (`label`: its `msg_type` as the decoder read it,
    /// `text`: its content), kind `verbose`, labelled with what the step was (`memory recall`,
    /// `knowledge recall`); a recall that found nothing says so. Nil for the
    /// `generate_answer_finish` marker (the answer itself says that it finished) unless it
    /// carries a `finish_reason` other than 0, and for a message with nothing in it.
    public static func verbose(label: String, text: String) -> AnswerNote? {
        let raw = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let object = parsed(raw)?.objectValue else {
            guard !raw.isEmpty || !label.isEmpty else { return nil }
            return AnswerNote(kind: "verbose", label: words(label), text: raw)
        }
        let type = object["msg_type"]?.stringValue ?? label
        let data = object["data"].map { parsed($0) ?? $0 }
        if type == "generate_answer_finish" {
            let reason = data?["finish_reason"]?.doubleValue ?? 0
            guard reason != 0 else { return nil }
            return AnswerNote(
                kind: "verbose", label: "answer finished", text: "finish reason: \(inline(.number(reason)) ?? "")")
        }
        var said = lines(data ?? .null)
        if said.isEmpty, type.hasSuffix("_recall") { said = ["nothing found"] }
        guard !said.isEmpty || !type.isEmpty else { return nil }
        return AnswerNote(kind: "verbose", label: knownSteps[type] ?? words(type), text: said.joined(separator: "\n"))
    }

    /// The note of a tool step, kind `thought` like a Dify agent thought: a `function_call`
    /// labelled with the tool's `name`, its `arguments` as `Arguments: …`; a `tool_response` or
    /// `tool_output` as `Result: …`.
    public static func step(type: String, text: String) -> AnswerNote {
        let raw = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let value = parsed(raw)
        if type == "function_call" {
            let name = value?["name"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            let arguments = value?["arguments"].flatMap { inline($0) } ?? (value == nil ? raw : "")
            return AnswerNote(
                kind: "thought", label: name ?? "tool call", text: arguments.isEmpty ? "" : "Arguments: \(arguments)")
        }
        let result = value.flatMap { inline($0) } ?? raw
        return AnswerNote(kind: "thought", label: "tool result", text: result.isEmpty ? "" : "Result: \(result)")
    }

    /// The words of the steps whose `msg_type` says little by itself.
    static let knownSteps: [String: String] = [
        "time_capsule_recall": "memory recall", "knowledge_recall": "knowledge recall",
        "stream_plugin_finish": "plugin finished", "multi_agents_jump": "handed to another agent",
        "generate_answer_finish": "answer finished",
    ]

    /// An identifier in words: `origin_search_results` → `origin search results`.
    static func words(_ identifier: String) -> String {
        identifier.replacingOccurrences(of: "_", with: " ").trimmingCharacters(in: .whitespaces)
    }

    /// A string that holds a JSON object or array, parsed; nil for anything else.
    static func parsed(_ value: JSONValue) -> JSONValue? {
        guard case .string(let s) = value else { return nil }
        return parsed(s)
    }

    /// `text` parsed when it is a JSON object or array; nil otherwise.
    static func parsed(_ text: String) -> JSONValue? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let first = trimmed.first, first == "{" || first == "[",
            let value = try? FastJSON.parse(Data(trimmed.utf8))
        else { return nil }
        return value
    }

    /// What a value says, a line for each field of an object (`field: value`), each item of
    /// an array, or the value itself; empty fields left out.
    static func lines(_ value: JSONValue) -> [String] {
        if let inner = parsed(value) { return lines(inner) }
        switch value {
        case .object(let object):
            return object.keys.sorted().compactMap { key in inline(object[key] ?? .null).map { "\(words(key)): \($0)" }
            }
        case .array(let items):
            return items.compactMap { inline($0) }
        default:
            return inline(value).map { [$0] } ?? []
        }
    }

    /// A value on one line: an object's fields `a: 1, b: 2`, an array's items `x; y`, nested
    /// JSON strings parsed; nil when it says nothing (null, empty, or nested past 8 levels).
    static func inline(_ value: JSONValue, depth: Int = 0) -> String? {
        guard depth < 8 else { return nil }
        if let inner = parsed(value) { return inline(inner, depth: depth + 1) }
        let said: String
        switch value {
        case .null:
            return nil
        case .bool(let b):
            said = b ? "yes" : "no"
        case .number(let n):
            said = Int(exactly: n).map(String.init) ?? String(n)
        case .string(let s):
            said = s.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        case .array(let items):
            said = items.compactMap { inline($0, depth: depth + 1) }.joined(separator: "; ")
        case .object(let object):
            said = object.keys.sorted().compactMap { key in
                inline(object[key] ?? .null, depth: depth + 1).map { "\(words(key)): \($0)" }
            }.joined(separator: ", ")
        }
        return said.isEmpty ? nil : said
    }
}

extension CozeNotes {
    /// A note an older chatterm kept as Coze sent it, in the words ``verbose(label:text:)`` and
    /// ``step(type:text:)`` give it now: a `verbose` note whose text is the raw message (a JSON
    /// object with its `msg_type`), and a `thought` labelled with the raw step type
    /// (`function_call`, `tool_response`, `tool_output`). Nil for a note that says nothing (the
    /// bare `generate_answer_finish` marker); any other note as it is.
    public static func reworded(_ note: AnswerNote) -> AnswerNote? {
        switch note.kind {
        case "verbose":
            guard parsed(note.text)?["msg_type"]?.stringValue != nil else { return note }
            return verbose(label: note.label, text: note.text)
        case "thought" where rawStepTypes.contains(note.label):
            return step(type: note.label, text: note.text)
        default:
            return note
        }
    }

    /// The step types the legacy stream names a tool message with.
    static let rawStepTypes: Set<String> = ["function_call", "tool_response", "tool_output"]
}

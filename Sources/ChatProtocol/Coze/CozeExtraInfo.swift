import ChatModel
import Foundation

/// What the `extra_info` objects of a legacy Coze reply say about it (seed 001: every
/// message of a reply carries one): `input_tokens`, `output_tokens`, `token` (their sum) and
/// `time_cost` (seconds), each a string, empty when the message does not know.
///
/// Counts only grow while an answer streams (its first chunk says `output_tokens: "0"`), so
/// the largest of each is kept; the time is the last one said (the `generate_answer_finish`
/// message's, which is the whole reply's).
struct CozeExtraInfo: Sendable, Hashable {
    private(set) var inputTokens: Int?
    private(set) var outputTokens: Int?
    private(set) var totalTokens: Int?
    private(set) var timeCost: Double?

    /// Takes what one message's `extra_info` says.
    mutating func read(_ info: JSONValue?) {
        guard let info, info.objectValue != nil else { return }
        func larger(_ old: Int?, _ key: String) -> Int? {
            guard let new = Self.count(info[key]) else { return old }
            return max(old ?? new, new)
        }
        inputTokens = larger(inputTokens, "input_tokens")
        outputTokens = larger(outputTokens, "output_tokens")
        totalTokens = larger(totalTokens, "token")
        if let seconds = Self.number(info["time_cost"]), seconds >= 0 { timeCost = seconds }
    }

    /// The usage said, or nil when nothing was. `answered`: the reply has answer text, so
    /// zero output tokens means the count was taken before the answer (then neither it nor
    /// the total is known).
    func usage(answered: Bool) -> TokenUsage? {
        var output = outputTokens
        var total = totalTokens
        if answered, output == 0 {
            output = nil
            total = nil
        }
        let usage = TokenUsage(
            promptTokens: inputTokens, completionTokens: output, totalTokens: total, latency: timeCost)
        return usage == TokenUsage() ? nil : usage
    }

    /// A count: a whole non-negative number, or a string of one.
    private static func count(_ value: JSONValue?) -> Int? {
        guard let n = number(value), n >= 0 else { return nil }
        return Int(jsonNumber: n)
    }

    /// A number, or a numeric string (`""` is none).
    private static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .number(let n)?: n.isFinite ? n : nil
        case .string(let s)?: Double(s.trimmingCharacters(in: .whitespaces)).flatMap { $0.isFinite ? $0 : nil }
        default: nil
        }
    }
}

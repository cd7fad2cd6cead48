import ChatModel
import Foundation

/// What the pane shows around an answer's text, as Markdown: its error, its notes, its usage.
extension MarkdownExport {
    /// The answer's error as a quote, each line marked: `> **Error:** …`.
    static func errorBlock(_ error: String) -> String {
        let lines = error.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        return "> **Error:** " + lines.filter { !$0.isEmpty }.joined(separator: "\n> ") + "\n\n"
    }

    /// The steps the pane shows with `z` (agent thoughts, tool calls, Coze's verbose
    /// messages, reasoning), folded in a `<details>` block; `<`, `>` and `&` escaped, so no
    /// text can close the block.
    static func notes(_ notes: [AnswerNote]) -> String {
        var out = "<details><summary>Notes (\(notes.count))</summary>\n\n"
        for note in notes {
            let label = note.label.isEmpty ? note.kind : "\(note.kind) \(note.label)"
            let text = note.text.split(whereSeparator: \.isNewline).map(String.init).joined(separator: " ")
            out += "- **" + htmlEscaped(oneLine(label)) + "**" + (text.isEmpty ? "" : ": " + htmlEscaped(text)) + "\n"
        }
        return out + "\n</details>\n\n"
    }

    /// Tokens, time and price in words: `80 prompt tokens, 45 answer tokens (125 in all) ·
    /// 0.95 s · 0.000039 USD`; nil when the usage says none of them.
    static func usageLine(_ usage: TokenUsage) -> String? {
        var counts: [String] = []
        if let p = usage.promptTokens { counts.append("\(p) prompt tokens") }
        if let c = usage.completionTokens { counts.append("\(c) answer tokens") }
        var tokens = counts.joined(separator: ", ")
        if let t = usage.totalTokens { tokens = tokens.isEmpty ? "\(t) tokens" : tokens + " (\(t) in all)" }
        var parts = tokens.isEmpty ? [] : [tokens]
        if let latency = usage.latency, latency.isFinite, latency >= 0 {
            parts.append(String(format: "%.2f s", latency))
        }
        if let price = usage.priceText { parts.append(price) }
        return parts.isEmpty ? nil : "Usage: " + parts.joined(separator: " · ")
    }

    /// Text on one line: line breaks as spaces.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// `<`, `>` and `&` as HTML entities.
    static func htmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}

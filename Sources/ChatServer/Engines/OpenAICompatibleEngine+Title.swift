import ChatProtocol
import Foundation

extension OpenAICompatibleEngine {
    /// The instruction the title request starts with.
    public static let titleInstruction = """
        Write a title of at most six words for a conversation that starts with the user's message below. \
        Reply with the title only: no quotes, no trailing punctuation.
        """

    /// Asks the upstream (not streaming) for a title of at most six words; when it fails,
    /// times out or answers nothing usable, the first words of the prompt
    /// (``OfflineEngine/title(for:)``).
    public func title(for prompt: String) async throws -> String {
        let fallback = OfflineEngine.title(for: prompt)
        guard !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return fallback }
        let body = OpenAIChatRequest(
            model: modelSlug,
            messages: [
                .init(role: "system", content: Self.titleInstruction),
                .init(role: "user", content: String(prompt.prefix(2000))),
            ],
            stream: false)
        do {
            let response = try await send(body, timeout: titleTimeout)
            var answer = ""
            try await read(response) { answer += $0 }
            return Self.cleanTitle(answer) ?? fallback
        } catch {
            if Task.isCancelled { throw CancellationError() }
            return fallback
        }
    }

    /// A model's answer made into a title: `<think>` blocks dropped, the first non-empty
    /// line, without a `Title:` label, quotes, Markdown marks or a trailing full stop, at
    /// most six words (twelve characters for unspaced CJK text); nil when nothing is left.
    public static func cleanTitle(_ answer: String) -> String? {
        var text = answer
        while let open = text.range(of: "<think>") {
            let close = text.range(of: "</think>", range: open.upperBound..<text.endIndex)
            text.removeSubrange(open.lowerBound..<(close?.upperBound ?? text.endIndex))
        }
        let marks: Set<Character> = ["\"", "'", "“", "”", "‘", "’", "「", "」", "*", "#", "`", "_"]
        guard
            var line = text.split(whereSeparator: \.isNewline)
                .map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { !$0.isEmpty })
        else { return nil }
        if line.lowercased().hasPrefix("title:") { line = String(line.dropFirst(6)) }
        line = String(line.drop(while: { marks.contains($0) || $0 == " " }))
        while let last = line.last, marks.contains(last) || ".。!！:：;；,， ".contains(last) { line.removeLast() }
        let words = line.split(separator: " ")
        let title: String
        if words.count <= 1 && OfflineEngine.containsCJK(line) {
            title = String(line.prefix(12))
        } else {
            title = words.prefix(6).joined(separator: " ")
        }
        return title.isEmpty ? nil : title
    }
}

import ChatTestSupport
import Foundation
import Testing

/// Payloads quoted in ../shared/seeds/001 (a 2024 write-up of ChatGPT, a Dify "qwen" app and
/// Coze): Dify's `GET /messages` page and `message_end` line, and Coze's web stream frames.
enum SeedText {
    static let file = "001_a6aac475ea3d4f8b.txt"

    static var url: URL { Fixtures.sharedDirectory.appendingPathComponent("seeds").appendingPathComponent(file) }

    /// Whether seed 001 is present (for `.enabled(if:)`); says so when it is not.
    static var available: Bool {
        let present = FileManager.default.fileExists(atPath: url.path)
        if !present { print("note: \(url.path) is absent; seed 001 tests are skipped") }
        return present
    }

    static func text() throws -> String {
        String(decoding: try #require(FileManager.default.contents(atPath: url.path)), as: UTF8.self)
    }

    /// The Dify `GET /messages` page under "## 看看 qwen" (three messages, the first failed).
    static func difyMessages() throws -> String {
        let text = try text()
        let section = try #require(text.range(of: "## 看看 qwen"))
        let open = try #require(text.range(of: "```python\n", range: section.upperBound..<text.endIndex))
        let close = try #require(text.range(of: "\n```", range: open.upperBound..<text.endIndex))
        return String(text[open.upperBound..<close.lowerBound])
    }

    /// Every line of the seed that starts with `prefix`, in order.
    static func lines(startingWith prefix: String) throws -> [String] {
        try text().components(separatedBy: "\n").filter { $0.hasPrefix(prefix) }
    }

    /// Coze's web frames (ack, verbose, answer, verbose, follow_up) as a legacy SSE stream,
    /// each `event:message` with its frame as `data:`, closed by `event:done`.
    static func cozeStream() throws -> String {
        try lines(startingWith: #"{"message":"#).map { "event:message\ndata:\($0)\n\n" }.joined()
            + "event:done\ndata:\n\n"
    }
}

import Foundation

/// The one check every error a person reads goes through: words, said once. It finds Swift's
/// own descriptions (`serverError(`, `HTTPClientError.remoteConnectionClosed`), type names, a
/// `?` standing for a value, and a sentence (or a quoted server text) said twice.
public enum PlainSentences {
    /// Type and case names of chatterm and its libraries that must never reach a person.
    public static let codeNames = [
        "ClientError", "IncompleteReason", "StreamCompletion", "StreamEvent", "HTTPClientError", "IOError",
        "NIOCore", "DecodingError", "CancellationError", "Optional(", "noConfirmation", "answerNotFinished",
        "serverError", "handedOff", "noAnswer", "malformedResponse", "rateLimited", "unauthorized(", "forbidden(",
        "unexpectedStatus", "transport(", "TestFailure",
    ]

    /// What is wrong with `text` (lines a person reads), or nothing. `quoting` are texts a
    /// server sent, which may read as code (Dify passes on Python's exceptions): each may appear
    /// once and is not itself judged.
    public static func problems(in text: String, quoting: [String] = []) -> [String] {
        var found: [String] = []
        var rest = text
        for quote in quoting where !quote.isEmpty {
            let count = rest.components(separatedBy: quote).count - 1
            if count > 1 { found.append("the server's text is said \(count) times: \(quote)") }
            rest = rest.replacingOccurrences(of: quote, with: "«quoted»")
        }
        let lines = rest.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }
        var seen = Set<String>()
        for line in lines where !line.isEmpty {
            if !seen.insert(line).inserted { found.append("said twice: \(line)") }
            if let shape = line.range(of: #"[A-Za-z_]\("#, options: .regularExpression) {
                found.append("a code shape \(line[shape]) in: \(line)")
            }
            if line.range(of: #"\b[A-Z][A-Za-z]+\.[a-z][A-Za-z]+\b"#, options: .regularExpression) != nil {
                found.append("a Type.case path in: \(line)")
            }
            if line.range(of: #"(^|[\s:=(])\?($|[\s,;)])"#, options: .regularExpression) != nil {
                found.append("a ? for a value in: \(line)")
            }
            for name in codeNames where line.contains(name) { found.append("the name \(name) in: \(line)") }
        }
        return found
    }
}

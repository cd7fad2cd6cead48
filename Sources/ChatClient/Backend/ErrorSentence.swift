import Foundation

/// Any error as the one sentence a person reads: a ``ClientError``'s own line, a
/// `LocalizedError`'s description, else a plain sentence. A description that reads like code
/// (`someCase(`, `Module.Type`) never reaches a person; the sentence says what failed instead.
public enum ErrorSentence {
    /// The sentence for `error`.
    public static func of(_ error: any Error) -> String {
        if let error = error as? ClientError { return error.description }
        if error is CancellationError { return "The request was cancelled" }
        if error is DecodingError { return "Could not read the server's answer" }
        if let error = error as? any LocalizedError, let text = error.errorDescription, !looksLikeCode(text) {
            return text
        }
        let text = String(describing: error)
        return looksLikeCode(text) ? "The request failed unexpectedly" : text
    }

    /// Whether `text` has the shapes Swift's descriptions give and words do not: a name
    /// followed at once by `(` (`serverError(`, `connect(`), or a dotted type path
    /// (`HTTPClientError.remoteConnectionClosed`).
    public static func looksLikeCode(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var wordStart = 0
        for (i, s) in scalars.enumerated() {
            guard s.properties.isAlphabetic || s == "_" else {
                let word = scalars[wordStart..<i]
                if s == "(", !word.isEmpty { return true }
                // "Type.case": a capitalised word, a dot, a letter.
                if s == ".", let first = word.first, first.properties.isUppercase, i + 1 < scalars.count,
                    scalars[i + 1].properties.isAlphabetic
                {
                    return true
                }
                wordStart = i + 1
                continue
            }
        }
        return false
    }
}

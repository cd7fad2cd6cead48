import TOMLKit

/// Reads TOML text with TOMLKit, first turning away the table headers its bundled toml++ 3.4
/// would abort the whole program on instead of reporting: a name that starts with a character
/// no key starts with (`[ {`, `[[[`, a `[` alone on its line), marzer/tomlplusplus#301.
enum TOMLDocument {
    /// Why a text is not TOML: the parser's message and where, as one line.
    struct SyntaxError: Error {
        /// E.g. `expected '=' (line 3, column 5)`.
        let message: String
    }

    /// The parsed document.
    /// - Throws: ``SyntaxError``.
    static func parse(_ text: String) throws -> TOMLTable {
        if let (line, column) = abortingTableHeader(in: text) {
            throw SyntaxError(
                message:
                    "a table name must start with a letter, a digit, _, - or a quote (line \(line), column \(column))")
        }
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let at = "line \(error.source.begin.line), column \(error.source.begin.column)"
            throw SyntaxError(message: "\(error.description) (\(at))")
        }
    }

    /// The line and column (1-based) of the first table header whose name starts with something
    /// toml++ does not check before reading a key, if any. Strings, comments and multi-line
    /// arrays are followed so that only real headers count.
    static func abortingTableHeader(in text: String) -> (line: Int, column: Int)? {
        let s = Array(text.unicodeScalars)
        func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }
        var i = 0
        var line = 1
        var lineStart = 0
        var depth = 0  // open brackets and braces of values
        var atLineStart = true  // only spaces and tabs so far on this line
        while i < s.count {
            let c = s[i]
            switch c {
            case "\n":
                i += 1
                line += 1
                lineStart = i
                atLineStart = true
                continue
            case " ", "\t":
                i += 1
                continue
            case "#":
                while i < s.count, s[i] != "\n" { i += 1 }
                continue
            case "\"", "'":
                let tripled = at(i + 1) == c && at(i + 2) == c
                i += tripled ? 3 : 1
                while i < s.count {
                    if s[i] == c, !tripled || (at(i + 1) == c && at(i + 2) == c) {
                        i += tripled ? 3 : 1
                        break
                    }
                    if s[i] == "\n" {
                        guard tripled else { break }
                        line += 1
                        lineStart = i + 1
                    }
                    i += c == "\"" && s[i] == "\\" && at(i + 1) != "\n" ? 2 : 1
                }
            case "[" where depth == 0 && atLineStart:
                // As toml++ reads it: `[`, spaces, a second `[` only right after the first, spaces.
                var k = i + 1
                while at(k) == " " || at(k) == "\t" { k += 1 }
                let reported = at(k) == "[" && k > i + 1  // `[ [` is an error toml++ reports
                if at(k) == "[", !reported {
                    k += 1
                    while at(k) == " " || at(k) == "\t" { k += 1 }
                }
                if !reported, let next = at(k), next != "]", !isKeyStart(next) {
                    return (line, k - lineStart + 1)
                }
                while i < s.count, s[i] != "\n" { i += 1 }
                continue
            case "[", "{":
                depth += 1
                i += 1
            case "]", "}":
                depth = max(0, depth - 1)
                i += 1
            default:
                i += 1
            }
            atLineStart = false
        }
        return nil
    }

    /// Letters, digits, `_`, `-` (a bare key) or a quote (a quoted one).
    private static func isKeyStart(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-", "\"", "'": true
        default: false
        }
    }
}

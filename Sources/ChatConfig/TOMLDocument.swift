import TOMLKit

/// Reads TOML text with TOMLKit, first turning away what its bundled toml++ 3.4 would abort the
/// whole program on instead of reporting (it checks these only with `assert`):
/// - a table header whose name starts with a character no key starts with (`[ {`, `[[[`, a `[`
///   alone on its line), marzer/tomlplusplus#301;
/// - a date followed by `T` and no time (`1979-05-27T'07:32`), or by a space and a lone digit
///   (`1979-05-27 5 `);
/// - `}`, U+0085, U+2028 or U+2029 where an array expects a value (`[}`).
enum TOMLDocument {
    /// Why a text is not TOML: the parser's message and where, as one line.
    struct SyntaxError: Error {
        /// E.g. `expected '=' (line 3, column 5)`.
        let message: String
    }

    /// The parsed document.
    /// - Throws: ``SyntaxError``.
    static func parse(_ text: String) throws -> TOMLTable {
        if let found = firstParserAbort(in: text) {
            throw SyntaxError(message: "\(found.reason) (line \(found.line), column \(found.column))")
        }
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let at = "line \(error.source.begin.line), column \(error.source.begin.column)"
            throw SyntaxError(message: "\(error.description) (\(at))")
        }
    }

    /// The first place (1-based line and column) toml++ would abort on, and why, if any. Strings,
    /// comments, arrays and inline tables are followed so that only real headers and values count.
    static func firstParserAbort(in text: String) -> (reason: String, line: Int, column: Int)? {
        var lexer = Lexer(Array(text.unicodeScalars))
        return lexer.run()
    }

    private struct Lexer {
        enum Expecting { case key, value, other }
        enum Nesting { case array, inlineTable }

        let s: [Unicode.Scalar]
        var i = 0
        var line = 1
        var lineStart = 0
        var nesting: [Nesting] = []
        var expecting = Expecting.key
        /// Only spaces and tabs so far on this line.
        var atLineStart = true

        init(_ scalars: [Unicode.Scalar]) { s = scalars }

        func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }

        func found(_ reason: String, at k: Int) -> (reason: String, line: Int, column: Int) {
            (reason, line, k - lineStart + 1)
        }

        mutating func run() -> (reason: String, line: Int, column: Int)? {
            if s.first == "\u{FEFF}" { i = 1 }  // a byte order mark, which toml++ skips too
            while i < s.count {
                let c = s[i]
                var startsLine = false
                switch c {
                case "\n":
                    i += 1
                    line += 1
                    lineStart = i
                    startsLine = true
                    if nesting.isEmpty { expecting = .key }
                case " ", "\t", "\r":
                    i += 1
                    startsLine = atLineStart
                case "#":
                    while i < s.count, s[i] != "\n" { i += 1 }
                    startsLine = atLineStart
                case "\"", "'":
                    if let k = skipString(quote: c) {
                        return found("a string or key may not hold the character U+0000", at: k)
                    }
                    expecting = .other
                case "[" where nesting.isEmpty && atLineStart:
                    if let problem = tableHeader() { return problem }
                case "=":
                    i += 1
                    expecting = .value
                case "[", "{":
                    i += 1
                    nesting.append(c == "[" ? .array : .inlineTable)
                    expecting = c == "[" ? .value : .key
                case "]", "}":
                    if c == "}", let problem = arrayValue(at: i) { return problem }
                    i += 1
                    if !nesting.isEmpty { nesting.removeLast() }
                    expecting = .other
                case ",":
                    i += 1
                    expecting = nesting.last == .inlineTable ? .key : .value
                default:
                    if Self.isUnicodeLineBreak(c), let problem = arrayValue(at: i) { return problem }
                    let start = i
                    while let d = at(i), !Self.endsBareWord(d) { i += 1 }
                    if i == start { i += 1 }
                    if expecting == .value, let problem = dateTime(from: start) ?? dateThenDigit(from: start) {
                        return problem
                    }
                    expecting = .other
                }
                atLineStart = startsLine
            }
            return nil
        }

        /// Moves past a string; returns where it holds an escaped U+0000 (`\u0000`), which
        /// TOMLKit reads as the end of a key (and then traps on the key it cannot find).
        mutating func skipString(quote c: Unicode.Scalar) -> Int? {
            let tripled = at(i + 1) == c && at(i + 2) == c
            i += tripled ? 3 : 1
            while i < s.count {
                if s[i] == c, !tripled || (at(i + 1) == c && at(i + 2) == c) {
                    // A multi-line string ends with the last three of up to five quotes: one or
                    // two quotes right before its closing three belong to it (four quotes at the
                    // end are one quote of text, then the closing three).
                    var run = 1
                    while run < 5, at(i + run) == c { run += 1 }
                    i += tripled ? run : 1
                    return nil
                }
                if s[i] == "\n" {
                    guard tripled else { return nil }
                    line += 1
                    lineStart = i + 1
                }
                if c == "\"", s[i] == "\\", isEscapedNUL(at: i + 1) { return i }
                i += c == "\"" && s[i] == "\\" && at(i + 1) != "\n" ? 2 : 1
            }
            return nil
        }

        /// Whether `u0000` or `U00000000` (after a backslash) starts at `k`.
        func isEscapedNUL(at k: Int) -> Bool {
            let digits = at(k) == "u" ? 4 : at(k) == "U" ? 8 : 0
            guard digits > 0 else { return false }
            return (1...digits).allSatisfy { at(k + $0) == "0" }
        }

        /// A header as toml++ reads it: `[`, spaces, a second `[` only right after the first,
        /// spaces, then the name, which it does not check (`[ [` is an error it reports).
        mutating func tableHeader() -> (reason: String, line: Int, column: Int)? {
            var k = i + 1
            while at(k) == " " || at(k) == "\t" { k += 1 }
            let reported = at(k) == "[" && k > i + 1
            if at(k) == "[", !reported {
                k += 1
                while at(k) == " " || at(k) == "\t" { k += 1 }
            }
            if !reported, let next = at(k), next != "]", !Self.startsKey(next) {
                return found("a table name must start with a letter, a digit, _, - or a quote", at: k)
            }
            // The rest of the line: its quoted names may hold an escaped U+0000 too.
            while i < s.count, s[i] != "\n" {
                if s[i] == "#" {
                    while i < s.count, s[i] != "\n" { i += 1 }
                } else if s[i] == "\"" || s[i] == "'" {
                    if let k = skipString(quote: s[i]) {
                        return found("a string or key may not hold the character U+0000", at: k)
                    }
                } else {
                    i += 1
                }
            }
            return nil
        }

        /// Where an array expects a value toml++ reads one without checking for `}` or a line
        /// break it does not skip.
        func arrayValue(at k: Int) -> (reason: String, line: Int, column: Int)? {
            guard expecting == .value, nesting.last == .array else { return nil }
            return found("expected a value or ] in the array", at: k)
        }

        /// A bare value `YYYY-MM-DDT` not followed by a digit: toml++ reads a time there unchecked.
        func dateTime(from start: Int) -> (reason: String, line: Int, column: Int)? {
            let shape = "dddd-dd-ddT".unicodeScalars
            for (k, expected) in zip(start..., shape) {
                guard let c = at(k) else { return nil }
                switch expected {
                case "d": guard Self.isDigit(c) else { return nil }
                case "T": guard c == "T" || c == "t" else { return nil }
                default: guard c == expected else { return nil }
                }
            }
            let after = start + shape.count
            if let c = at(after), Self.isDigit(c) { return nil }
            return found("a date and time needs the time right after T", at: after)
        }

        /// A bare value of ten characters shaped `dddd-dd-dd` (toml++ leaves out `_` when counting)
        /// followed by a space, a digit and the end of the value: toml++ reads on past that end.
        func dateThenDigit(from start: Int) -> (reason: String, line: Int, column: Int)? {
            guard let first = at(start), Self.isDigit(first) else { return nil }
            var k = start
            var kept: [Unicode.Scalar] = []
            while let c = at(k), !Self.endsValue(c) {
                if c != "_" { kept.append(c) }
                k += 1
            }
            guard kept.count == 10, kept[4] == "-", kept[7] == "-", at(k) == " ", let digit = at(k + 1),
                Self.isDigit(digit), let end = at(k + 2), Self.endsValue(end)
            else { return nil }
            return found("a date and time needs hours and minutes after the space", at: k + 1)
        }

        static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

        /// Where toml++ ends a bare value: its whitespace, `]`, `}`, `,` or `#`.
        static func endsValue(_ c: Unicode.Scalar) -> Bool {
            c == "]" || c == "}" || c == "," || c == "#" || isWhitespace(c)
        }

        /// What toml++ counts as whitespace (its `is_whitespace`), U+FEFF included.
        static func isWhitespace(_ c: Unicode.Scalar) -> Bool {
            switch c.value {
            case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x180E, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F,
                0x2060, 0x3000, 0xFEFF:
                true
            default: false
            }
        }

        /// The line breaks toml++ counts as whitespace but does not skip.
        static func isUnicodeLineBreak(_ c: Unicode.Scalar) -> Bool {
            c == "\u{85}" || c == "\u{2028}" || c == "\u{2029}"
        }

        /// Letters, digits, `_`, `-` (a bare key) or a quote (a quoted one).
        static func startsKey(_ c: Unicode.Scalar) -> Bool {
            switch c {
            case "A"..."Z", "a"..."z", "0"..."9", "_", "-", "\"", "'": true
            default: false
            }
        }

        /// Where a bare key or value ends.
        static func endsBareWord(_ c: Unicode.Scalar) -> Bool {
            switch c {
            case " ", "\t", "\r", "\n", "#", "=", ",", "[", "]", "{", "}", "\"", "'": true
            default: false
            }
        }
    }
}

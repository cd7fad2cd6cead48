import ChatModel
import Foundation

/// Math as ChatGPT writes it — `\( … \)` inline, `\[ … \]` and `$$ … $$` on lines of their own
/// (a lone `$` is money, not math) — found before the Markdown parser sees the text (which would
/// read `\(` as an escaped parenthesis), turned into Unicode by ``TeXToUnicode`` and wrapped in
/// private-use marks that ``BlockLayout`` styles as math. Code spans and fenced code are left
/// alone.
enum MathMarkup {
    /// Inline math: start and end marks.
    static let inlineStart: Character = "\u{E312}"
    static let inlineEnd: Character = "\u{E313}"
    /// Display math: start and end marks, and the mark between its lines.
    static let displayStart: Character = "\u{E310}"
    static let displayEnd: Character = "\u{E311}"
    static let displayBreak: Character = "\u{E314}"

    /// The text with math converted and marked; unchanged when it holds none.
    static func prepare(_ text: String) -> String {
        guard mayHoldMath(text) else { return text }
        var out: [Substring] = []
        var fence: String?
        var display: (closer: String, lines: [Substring])?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop(while: { $0 == " " })
            if var open = display {
                if let end = trimmed.range(of: open.closer) {
                    open.lines.append(trimmed[..<end.lowerBound])
                    out.append(Substring(displayBlock(open.lines.joined(separator: "\n"))))
                    display = nil
                } else {
                    open.lines.append(line)
                    display = open
                }
                continue
            }
            if let f = fence {
                if trimmed.hasPrefix(f) { fence = nil }
                out.append(line)
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix(3))
                out.append(line)
                continue
            }
            if let (opener, closer) = [("\\[", "\\]"), ("$$", "$$")].first(where: { trimmed.hasPrefix($0.0) }) {
                let rest = trimmed.dropFirst(opener.count)
                if let end = rest.range(of: closer) {
                    if rest[end.upperBound...].allSatisfy({ $0 == " " }) {
                        out.append(Substring(displayBlock(String(rest[..<end.lowerBound]))))
                        continue
                    }
                } else {
                    display = (closer, [rest])
                    continue
                }
            }
            out.append(Substring(inline(line)))
        }
        if let open = display {
            // Still streaming (or never closed): shown as math so far.
            out.append(Substring(displayBlock(open.lines.joined(separator: "\n"))))
        }
        return out.joined(separator: "\n")
    }

    /// Whether `text` has `\(`, `\[` or `$$` anywhere (one pass over its bytes: this runs on
    /// every streamed delta).
    static func mayHoldMath(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == UInt8(ascii: "\\") && (byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[")) {
                return true
            }
            if previous == UInt8(ascii: "$") && byte == UInt8(ascii: "$") { return true }
            previous = byte
        }
        return false
    }

    /// Whether `text` holds an inline-math mark (by scalars: no grapheme breaking).
    static func hasInlineMark(_ text: String) -> Bool {
        // U+E312 is EE 8C 92 in UTF-8.
        text.containsUTF8Byte(where: { $0 == 0xee }) && text.unicodeScalars.contains { $0 == "\u{E312}" }
    }

    /// Display math as a paragraph of its own: marked lines of Unicode.
    static func displayBlock(_ tex: String) -> String {
        let rows = tex.components(separatedBy: "\\\\")
            .map { TeXToUnicode.convert(stripAlignment($0).replacingOccurrences(of: "\n", with: " ")) }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return "\n" + String(displayStart) + rows.map(escaped).joined(separator: String(displayBreak))
            + String(displayEnd) + "\n"
    }

    /// Inline `\( … \)` and `$$ … $$` spans of one line, outside code spans.
    static func inline(_ line: Substring) -> String {
        guard mayHoldMath(String(line)) else { return String(line) }
        var out = ""
        var i = line.startIndex
        var inCode = false
        while i < line.endIndex {
            let c = line[i]
            if c == "`" {
                inCode.toggle()
                out.append(c)
                i = line.index(after: i)
                continue
            }
            let closer = line[i...].hasPrefix("\\(") ? "\\)" : line[i...].hasPrefix("$$") ? "$$" : nil
            if !inCode, let closer, let end = line[line.index(i, offsetBy: 2)...].range(of: closer) {
                let tex = line[line.index(i, offsetBy: 2)..<end.lowerBound]
                out += String(inlineStart) + escaped(TeXToUnicode.convert(String(tex))) + String(inlineEnd)
                i = end.upperBound
                continue
            }
            out.append(c)
            i = line.index(after: i)
        }
        return out
    }

    /// `&` alignment marks and `\begin{…}`/`\end{…}` lines dropped.
    static func stripAlignment(_ s: String) -> String {
        var t = s.replacingOccurrences(of: "&", with: " ")
        for env in ["aligned", "align", "align*", "equation", "cases", "matrix", "pmatrix", "bmatrix", "split"] {
            t = t.replacingOccurrences(of: "\\begin{\(env)}", with: "").replacingOccurrences(
                of: "\\end{\(env)}", with: "")
        }
        return t
    }

    /// Markdown's special characters escaped, so the parser keeps the math as written.
    static func escaped(_ s: String) -> String {
        var out = ""
        for c in s {
            if "\\`*_[]<>|#~!".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}

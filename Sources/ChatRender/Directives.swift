import Foundation

/// ChatGPT's Canvas directives in an answer — `:::writing{variant="email" id="5273" title="…"}`
/// … `:::` (also `:::code{…}`) — split from the Markdown around them, so the content is rendered
/// inside a titled box. Unknown directives keep their content without the colons and braces.
/// Directive lines inside fenced code are code.
struct DirectiveSegment: Sendable, Hashable {
    /// The Markdown of the segment.
    var markdown: String
    /// The box title for a known directive's content; nil for plain text (and unknown ones).
    var boxTitle: String?
}

enum Directives {
    /// Names drawn as a titled box.
    static let boxed: Set<String> = ["writing", "code", "canvas", "document", "textdoc"]

    /// Whether a line opens a directive: `:::name` then optional `{attributes}`.
    static func opener(_ line: Substring) -> (name: String, attributes: Substring)? {
        let trimmed = line.drop(while: { $0 == " " })
        guard trimmed.hasPrefix(":::") else { return nil }
        let rest = trimmed.dropFirst(3)
        let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        guard let first = name.first, first.isLetter else { return nil }
        let after = rest.dropFirst(name.count)
        guard after.isEmpty || after.first == "{" || after.allSatisfy({ $0 == " " }) else { return nil }
        return (String(name), after)
    }

    /// Whether a line closes a directive (`:::` alone).
    static func isCloser(_ line: Substring) -> Bool {
        let trimmed = line.drop(while: { $0 == " " })
        return trimmed.hasPrefix(":::") && trimmed.dropFirst(3).allSatisfy { $0 == " " }
    }

    /// Quick check before splitting: any line starting with `:::`.
    static func mayHold(_ text: String) -> Bool {
        var atLineStart = true
        var colons = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ":") && (atLineStart || colons > 0) {
                colons += 1
                if colons == 3 { return true }
                atLineStart = false
                continue
            }
            colons = 0
            atLineStart = byte == UInt8(ascii: "\n") || (atLineStart && byte == UInt8(ascii: " "))
        }
        return false
    }

    /// The segments of `text`, in order. An unclosed directive (still streaming) runs to the end.
    static func segments(_ text: String) -> [DirectiveSegment] {
        guard mayHold(text) else { return [DirectiveSegment(markdown: text, boxTitle: nil)] }
        var segments: [DirectiveSegment] = []
        var plain: [Substring] = []
        var inner: [Substring] = []
        var open: (name: String, title: String?)?
        var depth = 0
        var fence: Substring?
        func flushPlain() {
            if !plain.isEmpty {
                segments.append(DirectiveSegment(markdown: plain.joined(separator: "\n"), boxTitle: nil))
            }
            plain = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop(while: { $0 == " " })
            if let f = fence {
                if trimmed.hasPrefix(f) { fence = nil }
                if open != nil { inner.append(line) } else { plain.append(line) }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
                if open != nil { inner.append(line) } else { plain.append(line) }
                continue
            }
            if let current = open {
                if isCloser(line) && depth == 0 {
                    segments.append(DirectiveSegment(markdown: inner.joined(separator: "\n"), boxTitle: current.title))
                    inner = []
                    open = nil
                    continue
                }
                if opener(line) != nil { depth += 1 } else if isCloser(line) { depth -= 1 }
                inner.append(line)
                continue
            }
            if let (name, attributes) = opener(line) {
                flushPlain()
                let known = boxed.contains(name)
                if known {
                    open = (name, title(name: name, attributes: attributes))
                } else {
                    open = (name, nil)
                }
                depth = 0
                continue
            }
            plain.append(line)
        }
        if let current = open {
            segments.append(DirectiveSegment(markdown: inner.joined(separator: "\n"), boxTitle: current.title))
        }
        flushPlain()
        return segments
    }

    /// `title="…"` from the attributes, else an email's `subject` after its variant, else the
    /// variant, else the name.
    static func title(name: String, attributes: Substring) -> String {
        func value(_ key: String) -> String? {
            guard let start = attributes.range(of: key + "=\"") else { return nil }
            let rest = attributes[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            let v = rest[..<end]
            return v.isEmpty ? nil : String(v)
        }
        if let title = value("title") { return title }
        if let subject = value("subject") { return "\(value("variant") ?? name) · \(subject)" }
        return value("variant").map { "\(name) · \($0)" } ?? name
    }
}

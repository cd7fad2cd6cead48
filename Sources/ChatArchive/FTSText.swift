import Foundation

/// Text preparation for the `message_fts` index: CJK segmentation, safe MATCH queries, snippets.
///
/// `unicode61` splits words at separators, so a run of CJK characters (no spaces) would be
/// one token and `模型` could not be found inside `基于架构的大型语言模型`. Both the indexed
/// text and the query therefore get a ZERO WIDTH SPACE (a separator to `unicode61`) after
/// every CJK character: each becomes a token, and a CJK query term becomes a phrase of
/// adjacent characters. Snippets remove the zero width spaces again.
enum FTSText {
    /// The separator inserted after CJK characters.
    static let separator: Unicode.Scalar = "\u{200B}"

    /// Whether `v` is a Han, kana or Hangul scalar.
    static func isCJK(_ v: UInt32) -> Bool {
        switch v {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF,
            0xFF66...0xFF9F, 0x20000...0x3134F:
            return true
        default:
            return false
        }
    }

    /// The text as indexed: unchanged unless it holds CJK characters (or NUL, which
    /// becomes a space).
    static func indexed(_ text: String) -> String {
        // Every CJK scalar is at least U+3040, whose UTF-8 lead byte is 0xE3.
        var text = text
        return text.withUTF8 { utf8 -> String? in
            guard utf8.contains(where: { $0 >= 0xE3 || $0 == 0 }) else { return nil }
            var out: [UInt8] = []
            var changed = false
            out.reserveCapacity(utf8.count + utf8.count / 2)
            var i = 0
            var copied = 0
            let n = utf8.count
            while i < n {
                let b = utf8[i]
                if b == 0 {
                    // NUL would end the text when bound to SQLite: index a space instead.
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied..<i]))
                    out.append(0x20)
                    i += 1
                    copied = i
                    changed = true
                    continue
                }
                if b < 0xE3 || b >= 0xF8 {
                    i += 1
                    continue
                }
                // A three- or four-byte sequence: decode the scalar to classify it.
                let length = b >= 0xF0 ? 4 : 3
                guard i + length <= n else { break }
                var value = UInt32(b & (length == 4 ? 0x07 : 0x0F))
                for k in 1..<length { value = value << 6 | UInt32(utf8[i + k] & 0x3F) }
                i += length
                if isCJK(value) {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied..<i]))
                    out.append(0xE2)  // U+200B
                    out.append(0x80)
                    out.append(0x8B)
                    copied = i
                    changed = true
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied..<n]))
            return changed ? String(decoding: out, as: UTF8.self) : nil
        } ?? text
    }

    /// An FTS5 MATCH expression for what a user typed, or nil when it holds nothing
    /// searchable. Every whitespace-separated term becomes a quoted prefix phrase
    /// (`"term"*`), so FTS5 operators and punctuation in user text (`"`, `-`, `*`, `(`,
    /// `AND`, `NEAR`) are matched literally and never cause a syntax error. Terms are ANDed.
    static func matchExpression(_ query: String) -> String? {
        let phrases = terms(query).map { term -> String in
            let quoted = indexed(term).replacingOccurrences(of: "\"", with: "\"\"")
            return "\"" + quoted + "\"*"
        }
        return phrases.isEmpty ? nil : phrases.joined(separator: " ")
    }

    /// The terms of a query that hold a letter or a digit.
    static func terms(_ query: String) -> [String] {
        // Control characters (NUL above all, which would cut the bound text) separate terms.
        var cleaned = String.UnicodeScalarView()
        for scalar in query.unicodeScalars {
            cleaned.append(scalar.properties.generalCategory == .control ? " " : scalar)
        }
        return String(cleaned).split(whereSeparator: \.isWhitespace).map(String.init).filter { term in
            term.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
        }
    }

    /// One line of plain text around the first match of any term, at most `maxLength`
    /// characters, with `…` where it was cut.
    static func snippet(_ indexedText: String, terms: [String], maxLength: Int = SearchHit.maxSnippetLength)
        -> String
    {
        let text = oneLine(indexedText)
        guard text.count > maxLength else { return text }
        var matchStart: String.Index? = nil
        for term in terms {
            let needle = oneLine(term)
            guard !needle.isEmpty else { continue }
            if let r = text.range(of: needle, options: [.caseInsensitive, .diacriticInsensitive]),
                matchStart.map({ r.lowerBound < $0 }) ?? true
            {
                matchStart = r.lowerBound
            }
        }
        let lead = maxLength / 4
        var start = text.startIndex
        if let matchStart {
            let before = text.distance(from: text.startIndex, to: matchStart)
            let after = text.distance(from: matchStart, to: text.endIndex)
            let back = min(before, max(lead, maxLength - 2 - after))
            start = text.index(matchStart, offsetBy: -back)
        }
        let cutStart = start > text.startIndex
        let budget = maxLength - (cutStart ? 1 : 0)
        let rest = text[start...]
        if rest.count <= budget {
            return (cutStart ? "…" : "") + rest
        }
        let body = rest.prefix(budget - 1)
        return (cutStart ? "…" : "") + body.trimmingTrailingSpace() + "…"
    }

    /// The text on one line: zero width spaces and format characters dropped (except the
    /// emoji joiner), control characters and line breaks as single spaces, trimmed.
    static func oneLine(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            let category = scalar.properties.generalCategory
            if category == .format, scalar.value != 0x200D { continue }
            if category == .control || category == .lineSeparator || category == .paragraphSeparator
                || scalar.properties.isWhitespace
            {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        return String(out)
    }
}

extension Substring {
    fileprivate func trimmingTrailingSpace() -> Substring {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

import Foundation

/// Makes untrusted text (from servers and files) safe to draw: no escape sequences,
/// no control characters, no bidirectional overrides reach the terminal.
public enum TextSanitizer {
    /// The text with ESC sequences (CSI, OSC, DCS, two-byte) removed, tabs expanded to
    /// `tabWidth` spaces, other C0/C1 controls and bidi overrides dropped. Newlines are kept.
    public static func clean(_ text: String, tabWidth: Int = 4) -> String {
        if !mayNeedWork(text) || !text.unicodeScalars.contains(where: needsWork) { return text }
        var out = String.UnicodeScalarView()
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending {
                pending = nil
                return p
            }
            return iterator.next()
        }
        while let s = next() {
            switch s.value {
            case 0x1b:
                skipEscape(&iterator, &pending)
            case 0x9b:
                skipCSIBody(&iterator, &pending)
            case 0x9d, 0x90, 0x98, 0x9e, 0x9f:
                skipString(&iterator, &pending)
            case 0x0a:
                out.append(s)
            case 0x09:
                out.append(contentsOf: String(repeating: " ", count: tabWidth).unicodeScalars)
            case 0x0d:
                break
            case 0x00..<0x20, 0x7f, 0x80..<0xa0, 0x202a...0x202e, 0x2066...0x2069:
                break
            default:
                out.append(s)
            }
        }
        return String(out)
    }

    /// Like `clean` but for one line: newlines become spaces.
    public static func cleanLine(_ text: String) -> String {
        let cleaned = clean(text)
        guard cleaned.utf8.contains(0x0a) else { return cleaned }
        return String(cleaned.map { $0 == "\n" ? " " : $0 })
    }

    /// The text with every control character except newline and tab replaced by a visible
    /// stand-in, for text written to a pipe or a file that a terminal may show later (`cat
    /// export.md`): C0 controls become their Control Pictures (`ESC` → `␛`), DEL `␡`, C1
    /// controls and bidirectional overrides `⟨U+009B⟩`. A carriage return just before a
    /// newline (a Windows line ending) is kept. Everything else is left as written.
    public static func escapeVisibly(_ text: String) -> String {
        if !mayNeedWork(text) || !text.unicodeScalars.contains(where: { needsWork($0) && $0 != "\t" }) {
            return text
        }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (i, s) in scalars.enumerated() {
            switch s.value {
            case 0x0a, 0x09:
                out.append(s)
            case 0x0d where i + 1 < scalars.count && scalars[i + 1] == "\n":
                out.append(s)
            case 0x00..<0x20:
                out.append(Unicode.Scalar(0x2400 + s.value)!)
            case 0x7f:
                out.append("\u{2421}")
            case 0x80..<0xa0, 0x202a...0x202e, 0x2066...0x2069:
                out.append(contentsOf: visibleCodePoint(s).unicodeScalars)
            default:
                out.append(s)
            }
        }
        return String(out)
    }

    /// JSON text with the characters that JSON may carry raw but a terminal acts on or that
    /// reorder what is shown (DEL, C1 controls, bidirectional overrides and isolates) written
    /// as `\uXXXX` escapes. Such characters can only stand inside JSON strings, so the result
    /// is the same JSON value; `JSONSerialization` already escapes C0 controls.
    public static func escapingInJSON(_ json: String) -> String {
        if !json.unicodeScalars.contains(where: isRawInJSONButUnsafe) { return json }
        var out = String.UnicodeScalarView()
        for s in json.unicodeScalars {
            if isRawInJSONButUnsafe(s) {
                let hex = String(s.value, radix: 16)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    private static func isRawInJSONButUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v >= 0x7f && v < 0xa0) || (v >= 0x202a && v <= 0x202e) || (v >= 0x2066 && v <= 0x2069)
    }

    private static func visibleCodePoint(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        return "⟨U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "⟩"
    }

    /// False when no byte of `text` can start a scalar ``needsWork(_:)`` takes (a control, DEL,
    /// a C1 control `C2 80`–`C2 9F`, a bidi control `E2 80 AA`–`E2 81 A9`): a byte scan, far
    /// cheaper than decoding scalars, that lets clean text through at once.
    static func mayNeedWork(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            bytes.contains { $0 < 0x20 && $0 != 0x0a || $0 == 0x7f || $0 == 0xc2 || $0 == 0xe2 }
        }
    }

    private static func needsWork(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 && v != 0x0a || (v >= 0x7f && v < 0xa0) || (v >= 0x202a && v <= 0x202e)
            || (v >= 0x2066 && v <= 0x2069)
    }

    private static func skipEscape(
        _ it: inout String.UnicodeScalarView.Iterator, _ pending: inout Unicode.Scalar?
    ) {
        guard let s = it.next() else { return }
        switch s {
        case "[": skipCSIBody(&it, &pending)
        case "]", "P", "X", "^", "_": skipString(&it, &pending)
        case "(", ")", "*", "+", "#", "%":
            if let t = it.next(), t.value < 0x20 || t.value > 0x7e { pending = t }
        default:
            if s.value < 0x20 || s.value > 0x7e { pending = s }
        }
    }

    /// Skips parameter and intermediate bytes up to the final byte (0x40–0x7e). A byte that
    /// cannot be part of a CSI sequence ends it and is handed back (a newline stays a newline).
    private static func skipCSIBody(
        _ it: inout String.UnicodeScalarView.Iterator, _ pending: inout Unicode.Scalar?
    ) {
        while let s = it.next() {
            if s.value >= 0x40 && s.value <= 0x7e { return }
            if s.value < 0x20 || s.value > 0x7e {
                pending = s
                return
            }
        }
    }

    /// Skips an OSC/DCS string up to BEL, ST (`ESC \\`) or C1 ST. An ESC that does not start
    /// ST begins a new sequence, which is skipped too (without recursion: strings may nest).
    private static func skipString(
        _ it: inout String.UnicodeScalarView.Iterator, _ pending: inout Unicode.Scalar?
    ) {
        while let s = it.next() {
            if s.value == 0x07 || s.value == 0x9c { return }
            if s.value == 0x1b {
                guard let t = it.next() else { return }
                switch t {
                case "]", "P", "X", "^", "_":
                    continue
                case "[":
                    skipCSIBody(&it, &pending)
                    return
                default:
                    if t.value < 0x20 || t.value > 0x7e { pending = t }
                    return
                }
            }
        }
    }
}

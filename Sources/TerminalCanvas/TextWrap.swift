/// Wraps text to a number of terminal columns, measuring with `DisplayWidth`.
///
/// `wrap` breaks at spaces, between CJK characters (which need no spaces), and inside a word
/// only when the word alone is wider than the line. It never splits a grapheme. A line that
/// starts with indentation or a list marker (`- `, `* `, `+ `, `1. `, `1) `) continues under
/// the text after the marker (a hanging indent). `hardWrap` cuts by columns, for code.
public enum TextWrap {
    /// The text wrapped to `width` columns: one entry per screen line.
    ///
    /// Newlines start new lines and empty lines are kept. Spaces at a wrap point are dropped.
    /// A grapheme wider than the whole line gets a line of its own. When `width` is zero or
    /// less, each line of the text becomes one empty line (truncated, never looped on).
    public static func wrap(_ text: String, width: Int) -> [String] {
        var out: [String] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            wrapLine(line, width: width, into: &out)
        }
        return out
    }

    /// The line cut every `width` columns, without looking for spaces (for code blocks).
    /// Wide graphemes move whole to the next line; newlines start new lines.
    public static func hardWrap(_ line: String, width: Int) -> [String] {
        var out: [String] = []
        for part in line.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            guard width > 0 else {
                out.append("")
                continue
            }
            if part.utf8.count <= width {
                out.append(String(part))
                continue
            }
            if part.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) {
                // Printable ASCII: a column a byte, so the pieces are byte ranges.
                var start = part.startIndex
                while start < part.endIndex {
                    let end = part.utf8.index(start, offsetBy: width, limitedBy: part.endIndex) ?? part.endIndex
                    out.append(String(part[start..<end]))
                    start = end
                }
                continue
            }
            var current = ""
            var used = 0
            for character in part {
                let w = DisplayWidth.of(character)
                if used + w > width && used > 0 {
                    out.append(current)
                    current = ""
                    used = 0
                }
                current.append(character)
                used += w
            }
            out.append(current)
        }
        return out
    }

    // MARK: - Word wrap

    private static func wrapLine(_ line: Substring, width: Int, into out: inout [String]) {
        guard width > 0 else {
            out.append("")
            return
        }
        // Display width never exceeds the UTF-8 length, so short lines need no measuring;
        // printable ASCII is one column a byte, so it is measured without grapheme breaking.
        let isPrintableASCII = line.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7f }
        if line.utf8.count <= width || (!isPrintableASCII && DisplayWidth.of(line) <= width) {
            out.append(String(line))
            return
        }
        var state = LineBuilder(width: width)
        let prefix = Prefix(of: line)
        var index = line.startIndex
        if prefix.width < width {
            state.current = String(line[..<prefix.end])
            state.used = prefix.width
            index = prefix.end
            state.indent = prefix.width * 2 <= width ? prefix.width : 0
        }
        var pendingSpaces = 0
        if isPrintableASCII {
            wrapASCII(line, from: index, state: &state, into: &out)
            return
        }
        while index < line.endIndex {
            let character = line[index]
            if character == " " {
                pendingSpaces += 1
                index = line.index(after: index)
                continue
            }
            let (end, unitWidth) = unit(in: line, from: index)
            state.place(line[index..<end], width: unitWidth, spaces: pendingSpaces, out: &out)
            pendingSpaces = 0
            index = end
        }
        state.finish(out: &out)
    }

    /// The same greedy fill for printable ASCII, scanning bytes: a unit is a run of non-spaces
    /// and its width is its length, so no grapheme breaking is needed (the common case).
    private static func wrapASCII(
        _ line: Substring, from start: Substring.Index, state: inout LineBuilder, into out: inout [String]
    ) {
        let bytes = line.utf8
        var index = start
        var pendingSpaces = 0
        while index < line.endIndex {
            if bytes[index] == 0x20 {
                pendingSpaces += 1
                index = bytes.index(after: index)
                continue
            }
            var end = index
            var width = 0
            while end < line.endIndex, bytes[end] != 0x20 {
                end = bytes.index(after: end)
                width += 1
            }
            state.place(line[index..<end], width: width, spaces: pendingSpaces, out: &out)
            pendingSpaces = 0
            index = end
        }
        state.finish(out: &out)
    }

    /// The end and width of the unbreakable run of non-space graphemes starting at `start`.
    private static func unit(in line: Substring, from start: Substring.Index) -> (Substring.Index, Int) {
        var index = start
        var total = 0
        var previous: Character? = nil
        var previousWide = false
        while index < line.endIndex {
            let character = line[index]
            if character == " " { break }
            let w = DisplayWidth.of(character)
            if let p = previous, previousWide || w == 2, !closing.contains(character), !opening.contains(p) {
                break
            }
            total += w
            previous = character
            previousWide = w == 2
            index = line.index(after: index)
        }
        return (index, total)
    }

    /// Characters that must not start a line (they stay with what precedes them).
    private static let closing: Set<Character> = [
        "，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "】", "》", "〉", "〕", "．", "…", "ー", ",", ".", ";",
        ":", "!", "?", ")", "]", "}", "%",
    ]

    /// Characters that must not end a line (they stay with what follows them).
    private static let opening: Set<Character> = ["（", "「", "『", "【", "《", "〈", "〔", "(", "[", "{"]
}

/// Leading indentation plus an optional list marker and the spaces after it.
private struct Prefix {
    var end: Substring.Index
    var width: Int

    init(of line: Substring) {
        var index = line.startIndex
        var count = 0
        while index < line.endIndex, line[index] == " " {
            index = line.index(after: index)
            count += 1
        }
        let afterIndent = index
        let indentCount = count
        var marker = false
        if index < line.endIndex, "-*+".contains(line[index]) {
            index = line.index(after: index)
            count += 1
            marker = true
        } else {
            var digits = 0
            while index < line.endIndex, digits < 4, line[index].isASCII, line[index].isNumber {
                index = line.index(after: index)
                digits += 1
            }
            if digits > 0, index < line.endIndex, line[index] == "." || line[index] == ")" {
                index = line.index(after: index)
                count += digits + 1
                marker = true
            }
        }
        if marker, index < line.endIndex, line[index] == " " {
            while index < line.endIndex, line[index] == " " {
                index = line.index(after: index)
                count += 1
            }
            self.end = index
            self.width = count
        } else {
            self.end = afterIndent
            self.width = indentCount
        }
    }
}

/// Greedy line filling.
private struct LineBuilder {
    let width: Int
    var indent = 0
    var current = ""
    var used = 0
    var hasContent = false

    init(width: Int) { self.width = width }

    mutating func place(_ unit: Substring, width w: Int, spaces: Int, out: inout [String]) {
        let gap = hasContent ? spaces : 0
        if used + gap + w <= width {
            if gap > 0 {
                current.append(String(repeating: " ", count: gap))
                used += gap
            }
            append(unit, w)
            return
        }
        if hasContent {
            newLine(out: &out)
            if used + w <= width {
                append(unit, w)
                return
            }
        }
        // Wider than a whole line: break by columns, keeping graphemes whole.
        for character in unit {
            let cw = DisplayWidth.of(character)
            if used + cw > width && hasContent { newLine(out: &out) }
            current.append(character)
            used += cw
            hasContent = true
        }
    }

    mutating func finish(out: inout [String]) {
        out.append(current)
    }

    private mutating func append(_ unit: Substring, _ w: Int) {
        current += unit
        used += w
        hasContent = true
    }

    private mutating func newLine(out: inout [String]) {
        out.append(current)
        current = String(repeating: " ", count: indent)
        used = indent
        hasContent = false
    }
}

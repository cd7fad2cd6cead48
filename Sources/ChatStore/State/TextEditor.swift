import Foundation
import TerminalCanvas

/// An editing operation on a text field (input box, sidebar filter, search query).
public enum TextEdit: Sendable, Hashable {
    case insert(String)
    case newline
    case backspace
    case deleteForward
    case deleteWordBackward
    case killToLineEnd
    /// Deletes the text of the cursor's line (the line break stays).
    case killLine
    case left, right, up, down
    case wordLeft, wordRight
    case lineStart, lineEnd
    case clear
}

/// A multi-line text buffer with a cursor: pure, so every edit is unit-tested.
///
/// The cursor is an index into `characters` (grapheme clusters), so CJK and emoji move as one.
public struct TextEditor: Sendable, Hashable {
    /// The text as grapheme clusters.
    public private(set) var characters: [Character]
    /// The cursor position, 0...characters.count.
    public private(set) var cursor: Int

    /// Creates an editor holding `text` with the cursor at its end.
    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    /// The text.
    public var text: String { String(characters) }
    /// Whether there is no text.
    public var isEmpty: Bool { characters.isEmpty }

    /// Applies an edit; `singleLine` turns newlines into spaces and ignores up/down.
    public mutating func apply(_ edit: TextEdit, singleLine: Bool = false) {
        switch edit {
        case .insert(let s):
            var clean = TextSanitizer.clean(s)
            if singleLine { clean = clean.replacingOccurrences(of: "\n", with: " ") }
            let new = Array(clean)
            characters.insert(contentsOf: new, at: cursor)
            cursor += new.count
        case .newline:
            if singleLine { return }
            characters.insert("\n", at: cursor)
            cursor += 1
        case .backspace:
            guard cursor > 0 else { return }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .deleteForward:
            guard cursor < characters.count else { return }
            characters.remove(at: cursor)
        case .deleteWordBackward:
            let start = wordStart(before: cursor)
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .killToLineEnd:
            let end = lineEnd(from: cursor)
            characters.removeSubrange(cursor..<end)
        case .killLine:
            let start = lineStart(of: cursor)
            characters.removeSubrange(start..<lineEnd(from: cursor))
            cursor = start
        case .left:
            cursor = max(0, cursor - 1)
        case .right:
            cursor = min(characters.count, cursor + 1)
        case .wordLeft:
            cursor = wordStart(before: cursor)
        case .wordRight:
            cursor = wordEnd(after: cursor)
        case .lineStart:
            cursor = lineStart(of: cursor)
        case .lineEnd:
            cursor = lineEnd(from: cursor)
        case .up:
            if !singleLine { moveVertically(-1) }
        case .down:
            if !singleLine { moveVertically(1) }
        case .clear:
            characters = []
            cursor = 0
        }
    }

    /// The logical lines, and the cursor's (line, display column).
    public func cursorPosition() -> (line: Int, column: Int) {
        let start = lineStart(of: cursor)
        let line = characters[0..<start].filter { $0 == "\n" }.count
        let column = characters[start..<cursor].reduce(0) { $0 + DisplayWidth.of($1) }
        return (line, column)
    }

    private func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_"
    }

    private func wordStart(before index: Int) -> Int {
        var i = index
        while i > 0, !isWordCharacter(characters[i - 1]) { i -= 1 }
        while i > 0, isWordCharacter(characters[i - 1]) { i -= 1 }
        return i
    }

    private func wordEnd(after index: Int) -> Int {
        var i = index
        while i < characters.count, !isWordCharacter(characters[i]) { i += 1 }
        while i < characters.count, isWordCharacter(characters[i]) { i += 1 }
        return i
    }

    private func lineStart(of index: Int) -> Int {
        var i = index
        while i > 0, characters[i - 1] != "\n" { i -= 1 }
        return i
    }

    private func lineEnd(from index: Int) -> Int {
        var i = index
        while i < characters.count, characters[i] != "\n" { i += 1 }
        return i
    }

    private mutating func moveVertically(_ direction: Int) {
        let start = lineStart(of: cursor)
        let column = characters[start..<cursor].reduce(0) { $0 + DisplayWidth.of($1) }
        let targetStart: Int
        if direction < 0 {
            guard start > 0 else {
                cursor = 0
                return
            }
            targetStart = lineStart(of: start - 1)
        } else {
            let end = lineEnd(from: cursor)
            guard end < characters.count else {
                cursor = characters.count
                return
            }
            targetStart = end + 1
        }
        let targetEnd = lineEnd(from: targetStart)
        var i = targetStart
        var used = 0
        while i < targetEnd {
            let w = DisplayWidth.of(characters[i])
            if used + w > column { break }
            used += w
            i += 1
        }
        cursor = i
    }
}

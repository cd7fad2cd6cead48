import TerminalCanvas
import Testing

@testable import ChatStore

/// Drafts of megabytes: a paste is kept whole, edits land at the caret, and an edit copies
/// only the path of the rope that leads to it, whatever the draft's length.
@Suite struct LongDraftTests {
    /// `lines` lines of 40 characters (the newline included).
    static func draft(lines: Int) -> String {
        String(repeating: "forty characters of a long pasted text.\n", count: lines)
    }

    static let tenMegabyteLines = 262_144  // 10,485,760 characters

    @Test func aTenMegabytePasteIsKeptWholeAndEditsLandAtTheCaret() {
        let lines = Self.tenMegabyteLines
        var e = TextEditor()
        e.apply(.insert(Self.draft(lines: lines)))
        #expect(e.count == lines * 40)
        #expect(e.lineCount == lines + 1)
        e.apply(.insert("end"))
        e.apply(.up)
        e.apply(.up)
        #expect(e.cursorPosition() == (line: lines - 2, column: 3))
        e.apply(.lineStart)
        e.apply(.insert("> "))
        e.apply(.killToLineEnd)
        e.apply(.insert("quoted"))
        e.apply(.down)
        e.apply(.lineEnd)
        e.apply(.backspace)
        #expect(e.count == lines * 40 + 3 + 2 - 39 + 6 - 1)
        let text = e.text
        #expect(text.hasSuffix("text.\n> quoted\nforty characters of a long pasted text\nend"))
        #expect(text.hasPrefix(Self.draft(lines: 3)))
    }

    @Test func aPastedWindowsLineEndIsOneNewline() {
        var e = TextEditor()
        e.apply(.insert("first\r\nsecond"))
        #expect(e.text == "first\nsecond")
        #expect(e.lineCount == 2)
    }

    @Test func anEditInALongDraftCopiesOnlyThePathToIt() {
        var rope = TextRope(Self.draft(lines: Self.tenMegabyteLines))
        let depth = Self.depth(rope.root)
        #expect(depth <= 5)
        for index in [0, rope.count / 2, rope.count] {
            let before = rope
            rope.insert(["x"], at: index)
            // The path to the edit, and where a full node split in two, its new sibling.
            #expect(Self.unshared(rope.root, before.root) <= 2 * depth + 1, "an insert at \(index)")
            let again = rope
            rope.remove(index..<index + 1)
            #expect(Self.unshared(rope.root, again.root) <= depth, "a removal at \(index)")
        }
        #expect(rope == TextRope(Self.draft(lines: Self.tenMegabyteLines)))
    }

    @Test func newlinesColumnsAndLookupsAgreeWithTheText() {
        let text = "ab\n介绍\n\nxyz😀\n" + String(repeating: "0123456789", count: 300) + "\nend"
        var rope = TextRope()
        for (i, c) in text.enumerated() { rope.insert([c], at: i) }  // built a character at a time
        let characters = Array(text)
        #expect(rope.string == text)
        #expect(rope.newlineCount == characters.filter { $0 == "\n" }.count)
        for index in [0, 1, 3, 5, 6, 7, 12, 500, characters.count] {
            let before = characters[..<index]
            #expect(rope.newlines(before: index) == before.filter { $0 == "\n" }.count)
            #expect(rope.columns(before: index) == before.reduce(0) { $0 + DisplayWidth.of($1) })
        }
        let newlineIndices = characters.indices.filter { characters[$0] == "\n" }
        for (ordinal, index) in newlineIndices.enumerated() { #expect(rope.indexOfNewline(ordinal) == index) }
        #expect(rope.indexOfNewline(newlineIndices.count) == nil)
        #expect(rope.characters(in: 2..<6) == Array(characters[2..<6]))
        rope.remove(1..<(characters.count - 1))
        #expect(rope.string == "ad")
    }

    static func depth(_ node: TextRope.Node) -> Int {
        node.isRun ? 1 : 1 + depth(node.children[0])
    }

    /// Nodes of `new` that are not nodes of `old`.
    static func unshared(_ new: TextRope.Node, _ old: TextRope.Node) -> Int {
        var seen = Set<ObjectIdentifier>()
        func collect(_ node: TextRope.Node) {
            seen.insert(ObjectIdentifier(node))
            node.children.forEach(collect)
        }
        collect(old)
        func count(_ node: TextRope.Node) -> Int {
            if seen.contains(ObjectIdentifier(node)) { return 0 }
            return 1 + node.children.reduce(0) { $0 + count($1) }
        }
        return count(new)
    }
}

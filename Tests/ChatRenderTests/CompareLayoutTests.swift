import ChatModel
import ChatRender
import Testing

/// Two versions laid out as the pane lays them out, the words that differ marked by column on
/// the lines that show them.
@Suite struct CompareLayoutTests {
    static func turn(_ text: String, role: Role = .assistant, index: Int = 1) -> Turn {
        Turn(
            id: "t\(index)", nodeIDs: ["t\(index)"], author: Author(role: role), text: text, isReasoning: false,
            siblingIndex: index, siblingCount: 3)
    }

    /// Each marked line's marked text, `line: text`.
    static func marked(_ side: CompareLayout.Side) -> [String] {
        side.lines.indices.flatMap { index in
            side.marks[index].map { range in
                let characters = Array(side.lines[index].text)
                var column = 0
                var text = ""
                for character in characters {
                    let width = character.isASCII ? 1 : 2
                    if range.contains(column) { text.append(character) }
                    column += width
                }
                return "\(index): \(text)"
            }
        }
    }

    @Test func anUnmarkedLayoutShowsTheSidesAndMarkingItGivesTheSameAsAtOnce() {
        let old = Self.turn("The **quick** fox jumps.", index: 1)
        let new = Self.turn("The slow fox jumps!", index: 2)
        let unmarked = CompareLayout.unmarked(old: old, new: new, width: 40)
        let atOnce = CompareLayout(old: old, new: new, width: 40)
        #expect(!unmarked.isMarked && atOnce.isMarked)
        #expect(unmarked.old.lines == atOnce.old.lines && unmarked.new.lines == atOnce.new.lines)
        #expect(unmarked.old.marks.allSatisfy(\.isEmpty) && unmarked.new.marks.allSatisfy(\.isEmpty))
        #expect(unmarked.removedWords == 0 && unmarked.addedWords == 0)
        #expect(unmarked.marked() == atOnce)
        #expect(atOnce.marked() == atOnce)
        #expect(unmarked.hasSameSides(as: atOnce))
        // Another width or another version is another pair.
        #expect(!CompareLayout.unmarked(old: old, new: new, width: 30).hasSameSides(as: atOnce))
        #expect(!CompareLayout.unmarked(old: old, new: old, width: 40).hasSameSides(as: atOnce))
        // What comparing costs: the text both sides show, not their headers.
        #expect(unmarked.comparedBytes == "  The quick fox jumps.".utf8.count + "  The slow fox jumps!".utf8.count)
    }

    @Test func marksFallOnTheWordsThatDiffer() {
        let layout = CompareLayout(
            old: Self.turn("The **quick** fox jumps.", index: 1), new: Self.turn("The slow fox jumps!", index: 2),
            width: 40)
        #expect(layout.old.lines.map(\.text) == ["Assistant", "  The quick fox jumps."])
        #expect(layout.old.lines.first?.marker == "‹1/3›")
        #expect(layout.new.lines.first?.marker == "‹2/3›")
        #expect(Self.marked(layout.old) == ["1: quick", "1: ."])
        #expect(Self.marked(layout.new) == ["1: slow", "1: !"])
        #expect(layout.removedWords == 2 && layout.addedWords == 2)
        #expect(layout.rowCount == 2)
    }

    @Test func identicalVersionsHaveNoMarks() {
        let layout = CompareLayout(old: Self.turn("Same words"), new: Self.turn("Same   words"), width: 40)
        #expect(layout.old.marks.allSatisfy(\.isEmpty) && layout.new.marks.allSatisfy(\.isEmpty))
        #expect(layout.removedWords == 0 && layout.addedWords == 0)
    }

    /// A change that wraps over two lines is marked on each, without the indentation.
    @Test func aChangeAcrossAWrapIsMarkedOnEachLine() {
        let layout = CompareLayout(
            old: Self.turn("one two three four five six"), new: Self.turn("one two seven eight nine ten"), width: 16)
        #expect(layout.new.lines.map(\.text) == ["Assistant", "  one two seven", "  eight nine ten"])
        #expect(layout.new.marks[1] == [10..<15])
        #expect(layout.new.marks[2] == [2..<16])
    }

    @Test func cjkIsMarkedByCharacterInDoubleWidthColumns() {
        let layout = CompareLayout(old: Self.turn("我喜欢猫。"), new: Self.turn("我喜欢狗。"), width: 40)
        #expect(layout.old.marks[1] == [8..<10])
        #expect(Self.marked(layout.new) == ["1: 狗"])
    }

    /// A code block on one side only: all of it is added, its language line too.
    @Test func aCodeBlockOnOneSideIsAllAdded() {
        let layout = CompareLayout(
            old: Self.turn("Use this."), new: Self.turn("Use this.\n\n```swift\nlet x = 1\n```"), width: 40)
        #expect(Self.marked(layout.old).isEmpty)
        let code = layout.new.lines.firstIndex { if case .code = $0.kind { true } else { false } }
        #expect(code != nil)
        #expect(Self.marked(layout.new).contains("\(code!): let x = 1"))
        #expect(layout.removedWords == 0 && layout.addedWords >= 4)
    }

    @Test func yourPromptsCompareAsPlainText() {
        let layout = CompareLayout(
            old: Self.turn("Name a tree", role: .user), new: Self.turn("Name a flower", role: .user), width: 30)
        #expect(layout.old.lines.first?.text == "You")
        #expect(Self.marked(layout.old) == ["1: tree"])
        #expect(Self.marked(layout.new) == ["1: flower"])
    }
}

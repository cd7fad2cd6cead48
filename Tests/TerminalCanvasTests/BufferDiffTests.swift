import ChatTestSupport
import Testing

@testable import TerminalCanvas

/// What a terminal shows after cells are drawn at positions, the way ncurses `mvwadd_wch`
/// behaves: a wide glyph covers two columns, and a glyph cut in half by a later write leaves
/// its other half as garbage (`?`), which only a reported change can repair.
private struct FakeTerminal {
    var width: Int
    var rows: [[Cell]]

    init(width: Int, height: Int) {
        self.width = width
        rows = Array(repeating: Array(repeating: Cell("?"), count: width), count: height)
    }

    mutating func draw(_ c: CellChange) {
        let span = c.cell.width == 2 && c.x + 1 < width ? 2 : 1
        if rows[c.y][c.x].isContinuation, c.x > 0 { rows[c.y][c.x - 1] = Cell("?") }
        let last = c.x + span - 1
        if rows[c.y][last].width == 2, last + 1 < width { rows[c.y][last + 1] = Cell("?") }
        rows[c.y][c.x] = c.cell
        if span == 2 { rows[c.y][c.x + 1] = Cell("", width: 0, style: c.cell.style) }
    }

    mutating func apply(_ changes: [CellChange]) { changes.forEach { draw($0) } }

    func matches(_ b: Buffer) -> Bool {
        for y in 0..<b.height {
            for x in 0..<b.width where rows[y][x] != b[x, y] { return false }
        }
        return true
    }
}

@Suite struct BufferDiffTests {
    private func terminal(showing b: Buffer) -> FakeTerminal {
        var t = FakeTerminal(width: b.width, height: b.height)
        t.apply(b.diff(from: Buffer(width: 0, height: 0)))
        return t
    }

    /// A terminal showing `a` that is sent the diff to `b` shows `b`.
    private func expectDiffRedraws(_ a: Buffer, as b: Buffer, sourceLocation: SourceLocation = #_sourceLocation) {
        var t = terminal(showing: a)
        t.apply(b.diff(from: a))
        #expect(t.matches(b), sourceLocation: sourceLocation)
    }

    @Test func identicalBuffersHaveNoChanges() {
        var a = Buffer(width: 10, height: 3)
        a.write("介绍 hello 😀", x: 0, y: 1, style: Style(fg: .ansi(2)))
        #expect(a.diff(from: a).isEmpty)
    }

    @Test func oneChangedCell() {
        let a = Buffer(width: 5, height: 2)
        var b = a
        b.put("x", x: 3, y: 1, style: .plain)
        #expect(b.diff(from: a) == [CellChange(x: 3, y: 1, cell: Cell("x"))])
    }

    @Test func styleOnlyChangeIsReported() {
        var a = Buffer(width: 3, height: 1)
        a.write("abc", x: 0, y: 0, style: .plain)
        var b = a
        b.restyle(Rect(x: 1, y: 0, width: 1, height: 1)) { $0.adding(.reverse) }
        #expect(b.diff(from: a).map(\.x) == [1])
    }

    @Test func wideCharacterReplacingTwoNarrowOnesIsOneChange() {
        var a = Buffer(width: 4, height: 1)
        a.write("abcd", x: 0, y: 0, style: .plain)
        var b = a
        b.put("コ", x: 1, y: 0, style: .plain)
        let changes = b.diff(from: a)
        #expect(changes == [CellChange(x: 1, y: 0, cell: Cell("コ", width: 2))])
        expectDiffRedraws(a, as: b)
    }

    @Test func twoNarrowReplacingAWideCharacterAreBothReported() {
        var a = Buffer(width: 4, height: 1)
        a.write("aコd", x: 0, y: 0, style: .plain)
        var b = a
        b.write("xy", x: 1, y: 0, style: .plain)
        #expect(b.diff(from: a).map(\.x) == [1, 2])
        expectDiffRedraws(a, as: b)
    }

    @Test func narrowOverRightHalfRedrawsTheBlankedLeftHalf() {
        var a = Buffer(width: 4, height: 1)
        a.write("コab", x: 0, y: 0, style: .plain)
        var b = a
        b.put("z", x: 1, y: 0, style: .plain)
        #expect(b.diff(from: a).map(\.x) == [0, 1])
        #expect(b.lines == [" zab"])
        expectDiffRedraws(a, as: b)
    }

    @Test func wideShiftedByOneColumn() {
        var a = Buffer(width: 6, height: 1)
        a.write("介绍", x: 0, y: 0, style: .plain)
        var b = Buffer(width: 6, height: 1)
        b.write("介绍", x: 1, y: 0, style: .plain)
        expectDiffRedraws(a, as: b)
    }

    @Test func sizeChangeReportsEveryCell() {
        let a = Buffer(width: 3, height: 2)
        var b = Buffer(width: 4, height: 2)
        b.write("介a", x: 0, y: 0, style: .plain)
        let changes = b.diff(from: a)
        #expect(changes.count == 7)
        #expect(!changes.contains { $0.cell.isContinuation })
        #expect(changes.first == CellChange(x: 0, y: 0, cell: Cell("介", width: 2)))
        #expect(terminal(showing: b).matches(b))
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func randomEditsLeaveTheTerminalEqualToTheBuffer(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        let glyphs: [Character] = ["a", "b", " ", "介", "绍", "😀", "é", "-"]
        let styles = [Style.plain, Style(fg: .ansi(1)), Style(bg: .indexed(200), attributes: .bold)]
        var previous = Buffer(width: 9, height: 3)
        var t = terminal(showing: previous)
        for step in 0..<80 {
            var next = previous
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let count = Int.random(in: 1...4, using: &rng)
                let text = String((0..<count).map { _ in glyphs.randomElement(using: &rng)! })
                let x = Int.random(in: -1...9, using: &rng)
                let y = Int.random(in: 0..<3, using: &rng)
                let style = styles.randomElement(using: &rng)!
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: next.write(text, x: x, y: y, style: style)
                case 1: next.fill(Rect(x: x, y: y, width: 3, height: 1), with: text.first!, style: style)
                default: next.restyle(Rect(x: x, y: y, width: 2, height: 2)) { _ in style }
                }
            }
            t.apply(next.diff(from: previous))
            #expect(t.matches(next), "seed \(seed) step \(step): \(next.lines)")
            previous = next
        }
    }
}

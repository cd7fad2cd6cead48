import Foundation
import Testing

@testable import ChatModel

/// The tree overview's logic: subtree sizes in the outline, folds, the filter to your prompts,
/// the search's matches, and the branches off the path.
struct OutlineLinesTests {
    /// u ─ a1 ‹1/3› (leaf)
    ///   ├ a2 ‹2/3› ─ u2 ─ b1 ‹1/2› (leaf, current), b2 ‹2/2› (leaf)
    ///   └ a3 ‹3/3› ─ u3 ─ c1 (leaf)
    static let tree = T.tree(
        [
            T.node("root", parent: nil, ["u"]),
            T.node("u", parent: "root", ["a1", "a2", "a3"], "user", "Tell me about trees", time: 1),
            T.node("a1", parent: "u", [], "assistant", "Version one: oak", time: 2),
            T.node("a2", parent: "u", ["u2"], "assistant", "Version two: pine", time: 3),
            T.node("u2", parent: "a2", ["b1", "b2"], "assistant", "Why PINE?\n\nSecond line about resin", time: 4),
            T.node("b1", parent: "u2", [], "user", "Needles", time: 5),
            T.node("b2", parent: "u2", [], "user", "Resin", time: 6),
            T.node("a3", parent: "u", ["u3"], "assistant", "Version three: birch", time: 7),
            T.node("u3", parent: "a3", ["c1"], "user", "More birch", time: 8),
            T.node("c1", parent: "u3", [], "assistant", "Bark peels", time: 9),
        ], current: "b1")

    static var rows: [OutlineRow] { tree.outline() }

    static func ids(_ lines: [OutlineLine]) -> [String] {
        let rows = Self.rows
        return lines.map { line in
            line.folded.map { "fold(\(rows[line.row].nodeID): \($0.text))" } ?? rows[line.row].nodeID
        }
    }

    @Test func theOutlineKnowsEachRowsSubtree() {
        let rows = Self.rows
        #expect(rows.map(\.nodeID) == ["u", "a1", "a2", "u2", "b1", "b2", "a3", "u3", "c1"])
        #expect(rows.map(\.parentRow) == [-1, 0, 0, 2, 3, 3, 0, 6, 7])
        #expect(rows.map(\.descendantCount) == [8, 0, 3, 2, 0, 0, 2, 1, 0])
        #expect(rows.map(\.leafCount) == [4, 1, 2, 2, 1, 1, 1, 1, 1])
        #expect(rows.map(\.branchLength) == [9, 1, 4, 3, 1, 1, 3, 2, 1])
        #expect(rows.filter(\.isOnCurrentPath).map(\.nodeID) == ["u", "a2", "u2", "b1"])
        // Another leaf's path is marked when asked.
        #expect(Self.tree.outline(pathTo: "c1").filter(\.isOnCurrentPath).map(\.nodeID) == ["u", "a3", "u3", "c1"])
        #expect(
            Self.tree.outline(pathTo: "nowhere").filter(\.isOnCurrentPath).map(\.nodeID) == ["u", "a2", "u2", "b1"])
    }

    @Test func withNothingFoldedEveryRowIsALine() {
        let lines = OutlineLines.lines(Self.rows, folded: [], onlyPrompts: false)
        #expect(lines == (0..<9).map { OutlineLine(row: $0) })
    }

    @Test func aFoldHidesItsSubtreeBehindOneLine() {
        #expect(
            Self.ids(OutlineLines.lines(Self.rows, folded: ["a2"], onlyPrompts: false)) == [
                "u", "a1", "a2", "fold(a2: 3 messages in 2 branches)", "a3", "u3", "c1",
            ])
        #expect(
            Self.ids(OutlineLines.lines(Self.rows, folded: ["u"], onlyPrompts: false)) == [
                "u", "fold(u: 8 messages in 4 branches)",
            ])
        // A fold inside a fold says nothing; a fold on a leaf folds nothing.
        #expect(
            OutlineLines.lines(Self.rows, folded: ["a2", "u2", "a1"], onlyPrompts: false)
                == OutlineLines.lines(Self.rows, folded: ["a2"], onlyPrompts: false))
        #expect(
            Self.ids(OutlineLines.lines(Self.rows, folded: ["a3"], onlyPrompts: false)).last
                == "fold(a3: 2 messages)")
    }

    @Test func theFilterKeepsYourPromptsAndTheFoldLines() {
        #expect(Self.ids(OutlineLines.lines(Self.rows, folded: [], onlyPrompts: true)) == ["u", "b1", "b2", "u3"])
        #expect(
            Self.ids(OutlineLines.lines(Self.rows, folded: ["a2"], onlyPrompts: true)) == [
                "u", "fold(a2: 3 messages in 2 branches)", "u3",
            ])
    }

    @Test func theFoldKeyActsOnTheRowOrTheBranchHoldingIt() {
        let rows = Self.rows
        #expect(OutlineLines.foldTarget(at: 2, in: rows) == 2)
        #expect(OutlineLines.foldTarget(at: 3, in: rows) == 3)
        // A leaf folds the branch it is on: b1 is under a2 ‹2/3›.
        #expect(OutlineLines.foldTarget(at: 4, in: rows) == 2)
        #expect(OutlineLines.foldTarget(at: 8, in: rows) == 6)
        // a1 starts a branch but holds nothing: the first message folds.
        #expect(OutlineLines.foldTarget(at: 1, in: rows) == 0)
        #expect(OutlineLines.foldTarget(at: 9, in: rows) == nil)
        #expect(OutlineLines.foldTarget(at: -1, in: rows) == nil)
        let single = T.tree([T.node("root", parent: nil, ["u"]), T.node("u", parent: "root", [], "user", "q")])
        #expect(OutlineLines.foldTarget(at: 0, in: single.outline()) == nil)
    }

    @Test func foldAllFoldsEveryBranchAndUnfoldingShowsARow() {
        let rows = Self.rows
        #expect(OutlineLines.foldAll(rows) == ["a2", "a3"])
        #expect(OutlineLines.ancestors(of: 4, in: rows) == [3, 2, 0])
        #expect(OutlineLines.ancestors(of: 0, in: rows) == [])
        #expect(OutlineLines.ancestors(of: 99, in: rows) == [])
        #expect(OutlineLines.unfolding(["a2", "u2", "a3"], toShow: 4, in: rows) == ["a3"])
        #expect(OutlineLines.unfolding(["a2"], toShow: 1, in: rows) == ["a2"])
    }

    @Test func theLineShowingARowIsItsOwnElseTheFoldHidingIt() {
        let lines = OutlineLines.lines(Self.rows, folded: ["a2"], onlyPrompts: false)
        #expect(OutlineLines.line(showing: 6, in: lines) == 4)
        #expect(OutlineLines.line(showing: 4, in: lines) == 3)
        #expect(OutlineLines.line(showing: 2, in: lines) == 2)
        #expect(OutlineLines.line(showing: 0, in: []) == 0)
        let prompts = OutlineLines.lines(Self.rows, folded: [], onlyPrompts: true)
        // An answer the filter hides: the prompt line before it.
        #expect(OutlineLines.line(showing: 6, in: prompts) == 2)
    }

    @Test func searchMatchesTheWholeTextOfEveryBranchIgnoringCase() {
        let rows = Self.rows
        let text = { Self.tree.displayText(of: $0) }
        #expect(OutlineLines.matches("pine", in: rows, onlyPrompts: false, text: text) == [2, 3])
        // Not only the preview: the second paragraph is searched too.
        #expect(OutlineLines.matches("RESIN", in: rows, onlyPrompts: false, text: text) == [3, 5])
        #expect(OutlineLines.matches("resin", in: rows, onlyPrompts: true, text: text) == [5])
        #expect(OutlineLines.matches("  ", in: rows, onlyPrompts: false, text: text) == [])
        #expect(OutlineLines.matches("maple", in: rows, onlyPrompts: false, text: text) == [])
        #expect(Self.tree.displayText(of: "nowhere") == "")
    }

    @Test func theSearchIndexFindsWhatTheSearchFinds() {
        let rows = Self.rows
        let text = { Self.tree.displayText(of: $0) }
        let index = OutlineSearchIndex(rows: rows, text: text)
        for query in ["pine", "PINE", "Resin", "resin smells", " oak ", "", "maple", "e", "?"] {
            for prompts in [false, true] {
                #expect(
                    index.matches(query, in: rows, onlyPrompts: prompts)
                        == OutlineLines.matches(query, in: rows, onlyPrompts: prompts, text: text), "\(query)")
            }
        }
        // Any case, in any script.
        let cjk = OutlineSearchIndex(rows: rows) { $0 == "u3" ? "Ёлка 松树 ÉCORCE" : "" }
        #expect(cjk.matches("ёлка", in: rows, onlyPrompts: false) == [7])
        #expect(cjk.matches("松树", in: rows, onlyPrompts: false) == [7])
        #expect(cjk.matches("écorce", in: rows, onlyPrompts: false) == [7])
        #expect(cjk.matches("松树 écorce x", in: rows, onlyPrompts: false) == [])
    }

    @Test func nextMatchWrapsAround() {
        #expect(OutlineLines.nextMatch([2, 5], from: 0, forward: true) == 2)
        #expect(OutlineLines.nextMatch([2, 5], from: 2, forward: true) == 5)
        #expect(OutlineLines.nextMatch([2, 5], from: 5, forward: true) == 2)
        #expect(OutlineLines.nextMatch([2, 5], from: 5, forward: false) == 2)
        #expect(OutlineLines.nextMatch([2, 5], from: 2, forward: false) == 5)
        #expect(OutlineLines.nextMatch([], from: 2, forward: true) == nil)
    }

    @Test func theBranchesOffThePathAndWhereEachLeavesIt() {
        let rows = Self.rows
        #expect(OutlineLines.branchesOffPath(rows) == [1, 5, 8])
        #expect(OutlineLines.branchStart(of: 1, in: rows) == (1, 1))
        #expect(OutlineLines.branchStart(of: 5, in: rows) == (5, 1))
        #expect(OutlineLines.branchStart(of: 8, in: rows) == (6, 3))
        #expect(OutlineLines.branchStart(of: 42, in: rows) == (42, 0))
        #expect(OutlineLines.branchesOffPath(rows).count == Self.tree.otherBranchCount(to: "b1"))
    }

    /// The byte-wise preview of ASCII text says what the character-wise one says.
    @Test func theQuickPreviewAgreesWithTheCarefulOne() {
        let long = String(repeating: "word ", count: 30)
        let texts = [
            "", "   ", "\n\n  hello  \nworld", "  tabs\there\t\t", long, "x" + long, String(long.prefix(80)),
            String(long.prefix(81)), String(repeating: "a", count: 80), String(repeating: "a", count: 81),
            String(repeating: "a", count: 79) + "  \n", "line\r\nnext", "form\u{0C}feed", "é after", "after é",
            "  \u{3000}wide space", "ok 🌲 tree",
        ]
        for text in texts {
            for limit in [5, 80] {
                let quick = ConversationTree.asciiPreview(text, limit: limit)
                #expect(quick == nil || quick == ConversationTree.characterPreview(text, limit: limit), "\(text)")
                #expect(
                    ConversationTree.preview(text, limit: limit)
                        == ConversationTree.characterPreview(text, limit: limit), "\(text)")
            }
        }
        #expect(ConversationTree.asciiPreview("plain words", limit: 80) == "plain words")
        #expect(ConversationTree.asciiPreview("é", limit: 80) == nil)
    }

    @Test func countsSayWhatIsHidden() {
        #expect(FoldedCount(messages: 1, branches: 1).text == "1 message")
        #expect(FoldedCount(messages: 12, branches: 3).text == "12 messages in 3 branches")
        #expect(FoldedCount(messages: 4, branches: 1).text == "4 messages")
    }

    /// Subtree sizes, folds and lines agree with a walk of the parents, in repaired trees and
    /// big ones alike.
    @Test(arguments: [
        "cycle", "orphans", "hidden", "bushy",
    ])
    func invariantsHoldInRepairedTrees(_ name: String) {
        let tree: ConversationTree
        switch name {
        case "cycle":
            tree = T.tree(
                [
                    T.node("root", parent: nil, ["u"]),
                    T.node("u", parent: "root", [], "user", "q", time: 1),
                    T.node("a", parent: "b", ["b"], "user", "in a loop", time: 5),
                    T.node("b", parent: "a", ["a"], "assistant", "loop answer", time: 6),
                ], current: "u")
            #expect(!tree.repairs.isEmpty)
        case "orphans":
            tree = T.tree([
                T.node("x", parent: "gone", ["y"], "user", "orphan", time: 1),
                T.node("y", parent: "x", [], "assistant", "answer", time: 2),
                T.node("z", parent: "missing", [], "user", "another", time: 3),
                T.node("w", parent: "z", [], "assistant", "answer two", time: 4),
            ])
            #expect(!tree.repairs.isEmpty)
        case "hidden":
            tree = T.tree([
                T.node("root", parent: nil, ["u"]),
                T.node("u", parent: "root", ["s1", "s2"], "user", "q", time: 1),
                T.node("s1", parent: "u", ["a1"], "system", "", time: 2),
                T.node("a1", parent: "s1", [], "assistant", "one", time: 3),
                T.node("s2", parent: "u", ["a2"], "system", "", time: 4),
                T.node("a2", parent: "s2", ["u2"], "assistant", "two", time: 5),
                T.node("u2", parent: "a2", [], "user", "more", time: 6),
            ])
        default:
            tree = T.tree(TreeScaleTests.bushy(turns: 30, regenerations: 3))
        }
        let rows = tree.outline()
        for (i, row) in rows.enumerated() {
            let below = rows.indices.filter { OutlineLines.ancestors(of: $0, in: rows).contains(i) }
            #expect(below == Array(rows.indices.dropFirst(i + 1).prefix(row.descendantCount)))
            #expect(row.leafCount == ([i] + below).filter { rows[$0].isLeaf }.count)
            #expect(row.isLeaf == (row.descendantCount == 0))
        }
        let folded = OutlineLines.foldAll(rows)
        let lines = OutlineLines.lines(rows, folded: folded, onlyPrompts: false)
        let shown = Set(lines.filter { $0.folded == nil }.map(\.row))
        for i in rows.indices {
            let hidden = OutlineLines.ancestors(of: i, in: rows).contains { folded.contains(rows[$0].nodeID) }
            #expect(shown.contains(i) == !hidden)
        }
        let hiddenCount = lines.compactMap(\.folded).map(\.messages).reduce(0, +)
        #expect(shown.count + hiddenCount == rows.count)
        #expect(OutlineLines.branchesOffPath(rows).count == tree.otherBranchCount(to: tree.currentLeaf))
    }
}

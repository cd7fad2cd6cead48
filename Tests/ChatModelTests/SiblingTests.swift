import ChatModel
import Foundation
import Testing

/// Sibling families, representatives through hidden nodes, switching and branch counts.
struct SiblingTests {
    @Test func rolesFormSeparateFamilies() {
        let tree = T.tree([
            T.node("root", parent: nil, ["u"]),
            T.node("u", parent: "root", ["a"], "user", "q", time: 1),
            T.node("a", parent: "u", ["u2", "cont", "u3"], "assistant", "answer", time: 2),
            T.node("u2", parent: "a", [], "user", "follow-up", time: 3),
            T.node("cont", parent: "a", [], "assistant", "continued", time: 4),
            T.node("u3", parent: "a", [], "user", "edited follow-up", time: 5),
        ])
        #expect(tree.siblings(of: "u2") == ["u2", "u3"])
        #expect(tree.siblingPosition(of: "u3") == (2, 2))
        #expect(tree.siblings(of: "cont") == ["cont"])
        #expect(tree.turns(to: "cont").map(\.nodeIDs) == [["u"], ["a", "cont"]])
        #expect(tree.switchSibling(of: "u3", by: -1, memory: BranchMemory()) == "u2")
        #expect(tree.otherBranchCount(to: "u3") == 2)
    }

    @Test func hiddenChildrenAreRepresentedByTheirFirstVisibleDescendant() {
        let thoughts = MessageContent(type: "thoughts", raw: .object(["content_type": .string("thoughts")]))
        let tree = T.tree([
            T.node("root", parent: nil, ["u"]),
            T.node("u", parent: "root", ["t1", "t2"], "user", "q", time: 1),
            Node(id: "t1", message: T.message("assistant", content: thoughts, time: 2), parent: "u", children: ["a1"]),
            T.node("a1", parent: "t1", [], "assistant", "first answer", time: 3),
            Node(id: "t2", message: T.message("assistant", content: thoughts, time: 4), parent: "u", children: ["a2"]),
            T.node("a2", parent: "t2", [], "assistant", "second answer", time: 5),
        ])
        #expect(tree.siblings(of: "a1") == ["a1", "a2"])
        #expect(tree.siblingPosition(of: "a2") == (2, 2))
        #expect(tree.turns(to: "a2").last.map { ($0.siblingIndex, $0.siblingCount) } ?? (0, 0) == (2, 2))
        #expect(tree.switchSibling(of: "a1", by: 1, memory: BranchMemory()) == "a2")
        #expect(tree.switchSibling(of: "a2", by: -1, memory: BranchMemory()) == "a1")
        #expect(tree.branchPoints(to: "a1") == ["a1"])
        #expect(tree.outline().map(\.nodeID) == ["u", "a1", "a2"])
        #expect(tree.outline().map(\.depth) == [0, 1, 1])
    }

    @Test func theSystemNodeAboveTheFirstPromptDoesNotHideEdits() {
        let tree = T.tree([
            T.node("root", parent: nil, ["sys"]),
            T.node("sys", parent: "root", ["u1", "u2"], "system", ""),
            T.node("u1", parent: "sys", ["a1"], "user", "first try", time: 1),
            T.node("a1", parent: "u1", [], "assistant", "x", time: 2),
            T.node("u2", parent: "sys", ["a2"], "user", "second try", time: 3),
            T.node("a2", parent: "u2", [], "assistant", "y", time: 4),
        ])
        #expect(tree.currentLeaf == "a2")
        #expect(tree.siblingPosition(of: "u2") == (2, 2))
        #expect(tree.switchSibling(of: "u2", by: -1, memory: BranchMemory()) == "a1")
        #expect(tree.otherBranchCount(to: "a2") == 1)
    }

    @Test func deadHiddenBranchesAreNeitherSiblingsNorBranches() {
        var call = T.message("assistant", "", id: "dead", time: 9, recipient: "browser")
        call.content = MessageContent(type: "code", text: "search()")
        let tree = T.tree([
            T.node("root", parent: nil, ["u"]),
            T.node("u", parent: "root", ["a", "dead"], "user", "q", time: 1),
            T.node("a", parent: "u", [], "assistant", "answer", time: 2),
            Node(id: "dead", message: call, parent: "u"),
        ])
        #expect(tree.leaves == ["a", "dead"])
        #expect(tree.currentLeaf == "dead")
        #expect(tree.siblings(of: "a") == ["a"])
        #expect(tree.otherBranchCount(to: "dead") == 1)
        #expect(tree.otherBranchCount(to: "a") == 0)
        #expect(tree.leaf(under: "u", memory: BranchMemory()) == "a")
        #expect(tree.leaf(under: "dead", memory: BranchMemory()) == "dead")
        #expect(tree.siblings(of: "dead") == ["dead"])
    }

    @Test func memoryOnlyConsidersLeavesUnderTheSibling() {
        let tree = T.tree([
            T.node("root", parent: nil, ["u"]),
            T.node("u", parent: "root", ["a", "b"], "user", "q", time: 1),
            T.node("a", parent: "u", ["a-u1", "a-u2"], "assistant", "A", time: 2),
            T.node("a-u1", parent: "a", [], "user", "a1", time: 3),
            T.node("a-u2", parent: "a", [], "user", "a2", time: 4),
            T.node("b", parent: "u", [], "assistant", "B", time: 5),
        ])
        var memory = BranchMemory()
        memory.visit("a-u1")
        memory.visit("b")
        #expect(tree.leaf(under: "a", memory: memory) == "a-u1")
        #expect(tree.leaf(under: "u", memory: memory) == "b")
        #expect(tree.switchSibling(of: "b", by: -1, memory: memory) == "a-u1")
        #expect(tree.switchSibling(of: "b", by: -1, memory: BranchMemory()) == "a-u2")
        #expect(tree.switchSibling(of: "a", by: Int.max, memory: memory) == "b")
    }

    @Test func nodeReportsRepairedLinks() throws {
        let tree = T.tree([
            T.node("root", parent: nil, ["u"]),
            T.node("u", parent: "root", ["ghost"], "user", "q", time: 1),
            T.node("a", parent: "u", [], "assistant", "x", time: 2),
        ])
        let u = try #require(tree.node("u"))
        #expect(u.children == ["a"])
        #expect(u.parent == "root")
        #expect(u.message?.content.displayText == "q")
        #expect(tree.conversation.mapping["u"]?.children == ["ghost"])
    }
}
